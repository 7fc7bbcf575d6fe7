package io.mttcgj.config;

/** How vCPUs map to host threads (QEMU's {@code -accel tcg,thread=}). */
public enum ThreadMode {
    /** All vCPUs run round-robin on one thread. */
    SINGLE,
    /** One host thread (a pinned vCPU actor) per vCPU. */
    MULTI
}
