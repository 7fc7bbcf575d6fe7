package io.mttcgj.experiments.campaign;

/**
 * Runs one injection in a fresh machine and classifies it against the golden run. The local worker
 * pool and the cluster workers both run injections through this, so the outcome of an injection does
 * not depend on where it ran.
 */
public interface InjectionExecutor {
    InjectionResult run(Injection injection);
}
