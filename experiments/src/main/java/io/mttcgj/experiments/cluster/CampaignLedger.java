package io.mttcgj.experiments.cluster;

import io.mttcgj.experiments.campaign.Injection;
import io.mttcgj.experiments.campaign.InjectionResult;
import io.mttcgj.experiments.campaign.Outcome;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The coordinator's bookkeeping of a distributed campaign: which injections have a result (exactly
 * one each: later results for the same id are dropped and counted), which node is running which
 * injection, and which runs were lost with a node and redone elsewhere. Pure state, no actors, so
 * that it is tested on its own; times are passed in (milliseconds).
 */
final class CampaignLedger {
    enum Recorded { NEW, DUPLICATE, UNKNOWN }

    /** An injection whose node was lost while running it, and where and how much later it was redone. */
    record Redone(int id, String lostNode, String redoneBy, long afterMillis) {
    }

    private record Lost(String node, long atMillis) {
    }

    private final Map<Integer, Injection> injections = new TreeMap<>();
    private final Map<Integer, InjectionResult> results = new TreeMap<>();
    private final Map<Integer, String> runningOn = new HashMap<>();
    private final Map<Integer, Lost> lost = new HashMap<>();
    private final List<Redone> redone = new ArrayList<>();
    private int duplicates;
    private int unknown;

    CampaignLedger(Collection<Injection> plan) {
        for (Injection injection : plan) {
            if (injections.put(injection.id(), injection) != null) {
                throw new IllegalArgumentException("campaign plan has injection id " + injection.id() + " twice");
            }
        }
    }

    /** A node started running {@code id}; ignored once the id has its result. */
    void started(int id, String node) {
        if (injections.containsKey(id) && !results.containsKey(id)) {
            runningOn.put(id, node);
        }
    }

    Recorded record(InjectionResult result, long nowMillis) {
        int id = result.injection().id();
        if (!injections.containsKey(id)) {
            unknown++;
            return Recorded.UNKNOWN;
        }
        if (results.containsKey(id)) {
            duplicates++;
            return Recorded.DUPLICATE;
        }
        results.put(id, result);
        runningOn.remove(id);
        Lost l = lost.remove(id);
        if (l != null) {
            redone.add(new Redone(id, l.node(), result.worker(), nowMillis - l.atMillis()));
        }
        return Recorded.NEW;
    }

    /**
     * A node left or was downed: the ids it was running without a result, in order. Their work is
     * redelivered by the work-pulling producer (it resends what a deregistered worker had not
     * confirmed); the ledger remembers them to report when, and where, they were redone.
     */
    List<Integer> nodeLost(String node, long nowMillis) {
        List<Integer> ids = new ArrayList<>();
        runningOn.entrySet().removeIf(e -> {
            if (e.getValue().equals(node)) {
                ids.add(e.getKey());
                return true;
            }
            return false;
        });
        ids.sort(null);
        for (int id : ids) {
            lost.put(id, new Lost(node, nowMillis));
        }
        return ids;
    }

    boolean complete() {
        return results.size() == injections.size();
    }

    int total() {
        return injections.size();
    }

    int done() {
        return results.size();
    }

    int duplicates() {
        return duplicates;
    }

    int unknown() {
        return unknown;
    }

    /** Ids without a result, in order. */
    List<Integer> missing() {
        List<Integer> ids = new ArrayList<>();
        for (int id : injections.keySet()) {
            if (!results.containsKey(id)) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** The recorded results, by id. */
    List<InjectionResult> results() {
        return List.copyOf(results.values());
    }

    List<Redone> redone() {
        return List.copyOf(redone);
    }

    Map<Outcome, Integer> countsByOutcome() {
        Map<Outcome, Integer> counts = new EnumMap<>(Outcome.class);
        for (Outcome o : Outcome.values()) {
            counts.put(o, 0);
        }
        for (InjectionResult r : results.values()) {
            counts.merge(r.outcome(), 1, Integer::sum);
        }
        return counts;
    }
}
