package io.mttcgj.codegen.arm.a32;

import io.mttcgj.codegen.arm.decode.DecodeTable;
import io.mttcgj.codegen.arm.state.CpuState;
import io.mttcgj.codegen.emit.Emitter;

/** System instructions: PSR access, coprocessor moves, hints, barriers, exception return. */
final class SystemInsns {
    private SystemInsns() {
    }

    static void register(DecodeTable t) {
    }

    /**
     * Stack: new PC. Exception return (SUBS PC, LR and friends, LDM with PC and ^, RFE, ERET):
     * CPSR = SPSR, branch. The helper changes mode, so the block's state is flushed first and the
     * block is left without writing stale locals back.
     */
    static void exceptionReturn(Emitter e) {
        int t = e.temp();
        e.istore(t);
        e.flushState();
        e.loadCpu();
        e.iload(t);
        e.call("io/mttcgj/codegen/arm/state/Exceptions", "returnFromException",
                "(Lio/mttcgj/codegen/arm/state/CpuState;I)V");
        e.exitSynced();
    }

    static final int EXIT_SYNC = CpuState.EXIT_SYNC;
}
