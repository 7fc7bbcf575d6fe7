package io.mttcgj.config;

/**
 * End-of-run statistics.
 *
 * @param print    print the statistics (to stderr) when the run ends
 * @param jsonFile write them as JSON to this file, or null for none
 */
public record Stats(boolean print, String jsonFile) {
}
