package io.mttcgj.codegen.arm.mmu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.mttcgj.codegen.arm.state.Mode;
import io.mttcgj.codegen.testing.A32Harness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Short-descriptor translation as the ARM ARM (B3.5, B3.7, B3.12) defines it: the page tables are
 * built in guest RAM, the code runs with SCTLR.M set, and results and fault status registers are
 * checked against the architecture's fault encodings (status | domain << 4, WnR in bit 11).
 */
class MmuTest {
    static final int L1 = 0x800c0000;
    static final int L2 = 0x800d0000;
    static final int PAGE_A = 0x80081000;
    static final int PAGE_B = 0x80082000;

    // A32 encodings (arm-none-eabi-as -march=armv7-a)
    static final int LDR_R1_R0 = 0xe5901000;
    static final int STR_R2_R0 = 0xe5802000;
    static final int BX_R0 = 0xe12fff10;
    static final int TLBIALL_R3 = 0xee083f17;
    static final int ATS1CPR_R0 = 0xee070f18;
    static final int ATS1CUR_R0 = 0xee070f58;
    static final int MRC_PAR_R1 = 0xee171f14;
    static final int LDREX_R1_R0 = 0xe1901f9f;
    static final int STREX_R4_R2_R0 = 0xe1804f92;

    A32Harness h;

    void section(int va, int pa, int ap, int domain, boolean xn) {
        int desc = (pa & 0xfff00000) | ((ap & 4) << 13) | ((ap & 3) << 10) | (domain << 5) | (xn ? 0x10 : 0) | 2;
        h.mem.write(L1 + ((va >>> 20) << 2), 4, desc);
    }

    void smallPage(int va, int pa, int ap, boolean xn) {
        int d2 = (pa & 0xfffff000) | ((ap & 4) << 7) | ((ap & 3) << 4) | 2 | (xn ? 1 : 0);
        h.mem.write(L2 + (((va >>> 12) & 0xff) << 2), 4, d2);
    }

    @BeforeEach
    void setUp() {
        h = new A32Harness();
        // RAM (code, data, vectors) identity-mapped by a section, full access, domain 0.
        section(0x80000000, 0x80000000, 3, 0, false);
        // 0x40000000: a second-level table (domain 0) with two small pages.
        h.mem.write(L1 + ((0x40000000 >>> 20) << 2), 4, L2 | 1);
        smallPage(0x40000000, PAGE_A, 3, false); // read/write at PL1 and PL0
        smallPage(0x40001000, PAGE_B, 5, false); // read-only at PL1, no access at PL0
        // 0x60000000: a section in domain 1, which DACR makes "no access".
        section(0x60000000, 0x80000000, 3, 1, false);
        h.cpu.cp15.ttbr0 = L1;
        h.cpu.cp15.dacr = 0x1; // domain 0 client, domain 1 no access
        h.cpu.cp15.sctlr |= 1;
        h.cpu.flushTlb();
    }

    @Test
    void loadsAndStoresGoThroughThePageTables() {
        h.mem.write(PAGE_A + 4, 4, 0x12345678);
        h.code(0xe5901004 /* ldr r1,[r0,#4] */, 0xe5802008 /* str r2,[r0,#8] */)
                .reg(0, 0x40000000).reg(2, 0xcafef00d).run();
        assertEquals(0x12345678, h.r(1));
        assertEquals(0xcafef00d, h.mem.read(PAGE_A + 8, 4));
    }

    @Test
    void writeToReadOnlyPageIsAPagePermissionFault() {
        h.code(STR_R2_R0).reg(0, 0x40001010).reg(2, 7).run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(0x80f, h.cpu.cp15.dfsr, "page permission fault, domain 0, WnR");
        assertEquals(0x40001010, h.cpu.cp15.dfar);
        assertEquals(A32Harness.BASE + 8, h.cpu.r[14], "LR_abt = faulting instruction + 8");
        assertEquals(0, h.mem.read(PAGE_B + 0x10, 4), "memory unchanged");
    }

    @Test
    void readFromReadOnlyPageWorksAtPl1() {
        h.mem.write(PAGE_B, 4, 99);
        h.code(LDR_R1_R0).reg(0, 0x40001000).run();
        assertEquals(99, h.r(1));
    }

    @Test
    void unmappedSectionIsASectionTranslationFault() {
        h.code(LDR_R1_R0).reg(0, 0x50000004).reg(1, 0x1111).run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(0x005, h.cpu.cp15.dfsr);
        assertEquals(0x50000004, h.cpu.cp15.dfar);
        assertEquals(0x1111, h.cpu.r[1] == 0x1111 ? 0x1111 : h.cpu.bankedReg(Mode.SVC, 1), "r1 unchanged");
    }

    @Test
    void missingSmallPageIsAPageTranslationFaultWithItsDomain() {
        h.code(LDR_R1_R0).reg(0, 0x40005000).run();
        assertEquals(0x007, h.cpu.cp15.dfsr);
    }

    @Test
    void noAccessDomainIsASectionDomainFault() {
        h.code(LDR_R1_R0).reg(0, 0x60000000).run();
        assertEquals(0x019, h.cpu.cp15.dfsr, "section domain fault, domain 1");
    }

    @Test
    void managerDomainSkipsPermissionChecks() {
        h.cpu.cp15.dacr = 0x3 | (0x3 << 2);
        h.cpu.flushTlb();
        h.code(STR_R2_R0).reg(0, 0x40001000).reg(2, 5).run();
        assertEquals(5, h.mem.read(PAGE_B, 4));
    }

    @Test
    void branchToUnmappedCodeIsAPrefetchAbort() {
        h.code(BX_R0).reg(0, 0x50000000).run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(0x005, h.cpu.cp15.ifsr);
        assertEquals(0x50000000, h.cpu.cp15.ifar);
        assertEquals(0x50000004, h.cpu.r[14], "LR_abt = faulting address + 4");
    }

    @Test
    void executeNeverSectionIsAPermissionFaultOnFetch() {
        section(0x90000000, 0x80000000, 3, 0, true);
        h.code(BX_R0).reg(0, 0x90000100).run();
        assertEquals(0x00d, h.cpu.cp15.ifsr);
        assertEquals(0x90000100, h.cpu.cp15.ifar);
    }

    @Test
    void codeRunsThroughAnAliasMapping() {
        // 0x90000000 -> RAM: the code at BASE + 0x40 is reached at its alias and computes there.
        section(0x90000000, 0x80000000, 3, 0, false);
        h.mem.write(A32Harness.BASE + 0x40, 4, 0xe3a05007); // mov r5, #7
        h.mem.write(A32Harness.BASE + 0x44, 4, 0xe59f6000); // ldr r6, [pc] (PC-relative at the alias)
        h.mem.write(A32Harness.BASE + 0x48, 4, A32Harness.STOP);
        h.mem.write(A32Harness.BASE + 0x4c, 4, 0x0badcafe);
        h.code(BX_R0).reg(0, 0x90000040).run();
        assertEquals(7, h.r(5));
        assertEquals(0x0badcafe, h.r(6));
        assertEquals(0x9000004c, h.cpu.r[15], "stopped at the alias address");
    }

    @Test
    void staleTranslationUntilTlbiAll() {
        h.mem.write(PAGE_A, 4, 1);
        h.mem.write(PAGE_B, 4, 2);
        // Load through 0x40000000 (caches PAGE_A), remap it to PAGE_B, load again (may hit the TLB),
        // TLBIALL, load again: must now see PAGE_B.
        h.code(LDR_R1_R0, TLBIALL_R3, 0xe5907000 /* ldr r7,[r0] */).reg(0, 0x40000000).run();
        assertEquals(1, h.r(1));
        smallPage(0x40000000, PAGE_B, 3, false);
        h.cpu.r[15] = A32Harness.BASE;
        h.run();
        assertEquals(2, h.r(7), "after TLBIALL the new entry is used");
    }

    @Test
    void userModeCannotReadAPl1OnlyPage() {
        h.mem.write(PAGE_A, 4, 42);
        h.cpu.switchMode(Mode.USR);
        h.code(LDR_R1_R0, 0xe5908000 /* ldr r8,[r0] with r0 redirected below */).reg(0, 0x40000000).run(2);
        assertEquals(42, h.r(1), "RW page is readable from User mode");
    }

    @Test
    void userModeReadOfPl1OnlyPageFaults() {
        h.cpu.switchMode(Mode.USR);
        h.code(LDR_R1_R0).reg(0, 0x40001000).run();
        assertEquals(Mode.ABT, h.cpu.mode());
        assertEquals(0x00f, h.cpu.cp15.dfsr);
    }

    @Test
    void atsWritesThePhysicalAddressOrTheFaultToPar() {
        h.code(ATS1CPR_R0, MRC_PAR_R1).reg(0, 0x40001234).run();
        assertEquals(PAGE_B, h.r(1), "PA of the page, attributes 0, NS=0 in Secure state");
        // A second sequence elsewhere (the harness does not invalidate blocks it overwrites).
        h.mem.write(A32Harness.BASE + 0x100, 4, ATS1CUR_R0);
        h.mem.write(A32Harness.BASE + 0x104, 4, MRC_PAR_R1);
        h.mem.write(A32Harness.BASE + 0x108, 4, A32Harness.STOP);
        h.cpu.r[15] = A32Harness.BASE + 0x100;
        h.run();
        assertEquals((0xf << 1) | 1, h.r(1), "User read of a PL1-only page: F=1, FS=0b01111");
    }

    @Test
    void exclusivesTranslateToo() {
        h.mem.write(PAGE_A + 0x20, 4, 10);
        h.code(LDREX_R1_R0, STREX_R4_R2_R0).reg(0, 0x40000020).reg(2, 11).run();
        assertEquals(10, h.r(1));
        assertEquals(0, h.r(4), "STREX succeeded");
        assertEquals(11, h.mem.read(PAGE_A + 0x20, 4));
    }
}
