package io.mttcgj.experiments.campaign;

/** How an injected run ended, classified against the golden run. */
public enum Outcome {
    /** Same output and exit status as the golden run. */
    MASKED,
    /** Ran to completion but its output or exit status differs: silent data corruption. */
    SDC,
    /** The guest noticed: an exception handler reported it, or it exited with an error status. */
    DETECTED_BY_GUEST,
    /** The emulator reported an error (e.g. execution outside RAM, a crashed vCPU stopping the machine). */
    EMULATOR_ERROR,
    /** Did not finish within the run timeout. */
    HANG
}
