package io.mttcgj.codegen.arm.vfp;

import io.mttcgj.codegen.arm.a32.A32;
import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.emit.Emitter;
import io.mttcgj.codegen.emit.InsnTranslator;
import io.mttcgj.codegen.tb.TbKey;

/**
 * VFPv4-D32 (coprocessors 10 and 11): registers its rows in the A32 and T32 decoders. The T32
 * encodings are the A32 ones with 1110 in place of the condition, so one translator serves both.
 *
 * <p>Access: without CPACR/NSACR access (TbKey.FP_ACCESS) or with FPEXC.EN clear (TbKey.FP_ENABLED)
 * every instruction here is Undefined, except the VMRS/VMSR forms {@link VfpTransfer#sysReg}
 * decides itself. A denied conditional instruction only traps when its condition passes, as on QEMU.
 */
public final class Vfp {
    private Vfp() {
    }

    public static void registerA32(DecodeTable t) {
        register(t, false);
    }

    public static void registerT32(DecodeTable t) {
        register(t, true);
    }

    private static void register(DecodeTable t, boolean t32) {
        // System registers first: their own access rules.
        row(t, t32, "cccc1110111Lrrrrtttt101000010000", "vmrs/vmsr", VfpTransfer::sysReg, false);

        String dp = "nnnndddd101sNoM0mmmm";
        row(t, t32, "cccc11100D00" + dp, "vmla/vmls", VfpArith::translate, true);
        row(t, t32, "cccc11100D01" + dp, "vnmla/vnmls", VfpArith::translate, true);
        row(t, t32, "cccc11100D10" + dp, "vmul/vnmul", VfpArith::translate, true);
        row(t, t32, "cccc11100D11" + dp, "vadd/vsub", VfpArith::translate, true);
        row(t, t32, "cccc11101D00nnnndddd101sN0M0mmmm", "vdiv", VfpArith::translate, true);
        row(t, t32, "cccc11101D01" + dp, "vfnma/vfnms", VfpArith::translate, true);
        row(t, t32, "cccc11101D10" + dp, "vfma/vfms", VfpArith::translate, true);
        row(t, t32, "cccc11101D11hhhhdddd101s0000llll", "vmov.imm", VfpMisc::vmovImm, true);
        row(t, t32, "cccc11101D11oooodddd101sp1M0mmmm", "vfp.misc", VfpMisc::translate, true);

        row(t, t32, "cccc1110000onnnntttt1010N0010000", "vmov.s", VfpTransfer::coreSingle, true);
        row(t, t32, "cccc11100oo0ddddtttt1011Doo10000", "vmov.scalar", VfpTransfer::coreToScalar, true);
        row(t, t32, "cccc1110uoo1nnnntttt1011Noo10000", "vmov.core", VfpTransfer::scalarToCore, true);
        row(t, t32, "cccc11101bq0ddddtttt1011D0e10000", "vdup", VfpTransfer::vdup, true);
        row(t, t32, "cccc1100010otttttttt101s00M1mmmm", "vmov.2", VfpTransfer::twoCore, true);

        row(t, t32, "cccc1101UD0Lnnnndddd101siiiiiiii", "vldr/vstr", VfpLoadStore::single, true);
        row(t, t32, "cccc110PUDWLnnnndddd101siiiiiiii", "vldm/vstm", VfpLoadStore::multiple, true);
    }

    private static void row(DecodeTable t, boolean t32, String a32, String name, InsnTranslator tr,
            boolean needsEnabled) {
        InsnTranslator guarded = needsEnabled ? (e, insn) -> guarded(e, insn, tr) : tr;
        String pattern = t32 ? "1110" + a32.substring(4, 16) + " " + a32.substring(16) : a32;
        t.add(A32.P_SPECIFIC, pattern, name, guarded);
    }

    private static void guarded(Emitter e, int insn, InsnTranslator tr) {
        int need = TbKey.FP_ACCESS | TbKey.FP_ENABLED;
        if ((e.tbFlags() & need) != need) {
            e.condition(insn >>> 28);
            A32.undefined(e, insn);
            return;
        }
        tr.translate(e, insn);
    }
}
