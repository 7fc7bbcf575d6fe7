package io.mttcgj.codegen.exec;

import io.mttcgj.codegen.arm.state.CpuState;

/** What the execution loop asks of the machine around it. */
public interface ExecHooks {
    /**
     * A semihosting trap candidate (A32 SVC 0x123456, T32 SVC 0xAB, BKPT 0xAB, HLT 0xF000/0x3C). Returns
     * true when semihosting handled it (the loop then steps over the instruction).
     */
    boolean semihosting(CpuState cpu, int kind, int imm);

    /** A -d log line in category {@code item} (int, unimp, exec, cpu); cheap to call only when enabled. */
    void log(String item, String message);

    boolean logging(String item);

    ExecHooks NONE = new ExecHooks() {
        @Override
        public boolean semihosting(CpuState cpu, int kind, int imm) {
            return false;
        }

        @Override
        public void log(String item, String message) {
        }

        @Override
        public boolean logging(String item) {
            return false;
        }
    };
}
