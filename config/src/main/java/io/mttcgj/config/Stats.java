package io.mttcgj.config;

/**
 * End-of-run statistics.
 *
 * @param print    print the statistics (to stderr) when the run ends
 * @param jsonFile write them as JSON to this file, or null for none
 * @param interval print a one-line progress report (figures over the last interval) this often while the
 *                 guest runs; zero for none
 */
public record Stats(boolean print, String jsonFile, java.time.Duration interval) {
}
