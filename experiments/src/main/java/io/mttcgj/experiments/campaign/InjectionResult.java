package io.mttcgj.experiments.campaign;

/**
 * The result of one injected run.
 *
 * @param injection   what was injected
 * @param outcome     the classification
 * @param injected    whether the fault point was reached (a run may end before it)
 * @param exitStatus  the machine's exit status (-1 for a hang)
 * @param wallMillis  wall time of the run
 * @param diffSummary a one-line summary of how the output differs from the golden run ("" when it does not)
 * @param worker      which worker ran it (node address or thread name), for reports
 */
public record InjectionResult(Injection injection, Outcome outcome, boolean injected, int exitStatus,
        long wallMillis, String diffSummary, String worker) {
}
