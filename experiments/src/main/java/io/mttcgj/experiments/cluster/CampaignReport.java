package io.mttcgj.experiments.cluster;

import io.mttcgj.experiments.campaign.InjectionResult;
import io.mttcgj.experiments.campaign.Outcome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The report of a distributed campaign: {@code results.csv}, one row per injection in id order, and
 * {@code summary.txt}, the counts per outcome and what the cluster did (duplicates dropped, runs
 * redone after a node was lost).
 */
final class CampaignReport {
    static final String HEADER = "id,model,vcpu,at_insn,params,outcome,injected,exit_status,wall_ms,worker,diff";

    private CampaignReport() {
    }

    static void write(Path dir, CampaignLedger ledger, long wallMillis) throws IOException {
        Files.createDirectories(dir);
        StringBuilder csv = new StringBuilder(HEADER).append('\n');
        for (InjectionResult r : ledger.results()) {
            csv.append(row(r)).append('\n');
        }
        Files.writeString(dir.resolve("results.csv"), csv, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("summary.txt"), summary(ledger, wallMillis), StandardCharsets.UTF_8);
    }

    static String summary(CampaignLedger ledger, long wallMillis) {
        StringBuilder s = new StringBuilder();
        s.append("injections: ").append(ledger.total()).append('\n');
        s.append("classified: ").append(ledger.done()).append('\n');
        for (Map.Entry<Outcome, Integer> e : ledger.countsByOutcome().entrySet()) {
            s.append("outcome ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        s.append("duplicate results dropped: ").append(ledger.duplicates()).append('\n');
        s.append("runs redone after a node was lost: ").append(ledger.redone().size()).append('\n');
        for (CampaignLedger.Redone d : ledger.redone()) {
            s.append("  id ").append(d.id()).append(": lost with ").append(d.lostNode()).append(", redone by ")
                    .append(d.redoneBy()).append(' ').append(d.afterMillis()).append(" ms later\n");
        }
        s.append("wall time: ").append(wallMillis).append(" ms\n");
        return s.toString();
    }

    static String row(InjectionResult r) {
        var i = r.injection();
        StringBuilder params = new StringBuilder();
        for (Map.Entry<String, String> e : new TreeMap<>(i.params()).entrySet()) {
            if (params.length() > 0) {
                params.append(';');
            }
            params.append(e.getKey()).append('=').append(e.getValue());
        }
        return String.join(",", String.valueOf(i.id()), csv(i.model()), String.valueOf(i.vcpu()),
                String.valueOf(i.atInsn()), csv(params.toString()), r.outcome().name(), String.valueOf(r.injected()),
                String.valueOf(r.exitStatus()), String.valueOf(r.wallMillis()), csv(r.worker()), csv(r.diffSummary()));
    }

    /** RFC 4180 quoting where needed. */
    static String csv(String field) {
        if (field.indexOf(',') < 0 && field.indexOf('"') < 0 && field.indexOf('\n') < 0 && field.indexOf('\r') < 0) {
            return field;
        }
        return '"' + field.replace("\"", "\"\"") + '"';
    }
}
