package io.mttcgj.experiments.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.mttcgj.experiments.campaign.Injection;
import io.mttcgj.experiments.campaign.InjectionResult;
import io.mttcgj.experiments.campaign.Outcome;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CampaignLedgerTest {
    private static final List<Injection> PLAN = SyntheticCampaign.plan(5);

    private static InjectionResult result(int id, Outcome outcome, String worker) {
        return new InjectionResult(PLAN.get(id), outcome, true, 0, 10, "", worker);
    }

    @Test
    void firstResultPerIdWinsAndLaterOnesAreCountedAsDuplicates() {
        CampaignLedger ledger = new CampaignLedger(PLAN);
        assertEquals(CampaignLedger.Recorded.NEW, ledger.record(result(2, Outcome.SDC, "a"), 0));
        assertEquals(CampaignLedger.Recorded.DUPLICATE, ledger.record(result(2, Outcome.MASKED, "b"), 1));
        assertEquals(CampaignLedger.Recorded.DUPLICATE, ledger.record(result(2, Outcome.SDC, "a"), 2));
        assertEquals(2, ledger.duplicates());
        assertEquals(1, ledger.done());
        assertEquals(Outcome.SDC, ledger.results().get(0).outcome());
        assertEquals("a", ledger.results().get(0).worker());
        assertEquals(List.of(0, 1, 3, 4), ledger.missing());
    }

    @Test
    void resultForAnIdOutsideThePlanIsRejected() {
        CampaignLedger ledger = new CampaignLedger(PLAN);
        InjectionResult stray = new InjectionResult(new Injection(99, "reg-bitflip", 0, 0, Map.of()),
                Outcome.MASKED, true, 0, 1, "", "x");
        assertEquals(CampaignLedger.Recorded.UNKNOWN, ledger.record(stray, 0));
        assertEquals(1, ledger.unknown());
        assertEquals(0, ledger.done());
    }

    @Test
    void lostNodeGivesBackOnlyItsUnfinishedRunsAndTheirRedoIsTimed() {
        CampaignLedger ledger = new CampaignLedger(PLAN);
        ledger.started(0, "nodeA");
        ledger.started(1, "nodeA");
        ledger.started(2, "nodeB");
        ledger.started(3, "nodeA");
        ledger.record(result(1, Outcome.MASKED, "nodeA/slot-1"), 100);

        assertEquals(List.of(0, 3), ledger.nodeLost("nodeA", 1000));
        assertEquals(List.of(), ledger.nodeLost("nodeA", 1001), "a node is lost once");

        ledger.started(0, "nodeB");
        ledger.record(result(0, Outcome.HANG, "nodeB/slot-2"), 1700);
        ledger.record(result(2, Outcome.SDC, "nodeB/slot-1"), 1800);
        assertEquals(List.of(new CampaignLedger.Redone(0, "nodeA", "nodeB/slot-2", 700)), ledger.redone());
        assertEquals(List.of(), ledger.nodeLost("nodeB", 2000), "finished runs are not given back");
        assertEquals(List.of(3, 4), ledger.missing());
        assertFalse(ledger.complete());

        ledger.record(result(3, Outcome.MASKED, "nodeB/slot-1"), 2100);
        ledger.record(result(4, Outcome.DETECTED_BY_GUEST, "nodeB/slot-1"), 2200);
        assertTrue(ledger.complete());
        assertEquals(2, ledger.redone().size());
        Map<Outcome, Integer> counts = ledger.countsByOutcome();
        assertEquals(2, counts.get(Outcome.MASKED));
        assertEquals(1, counts.get(Outcome.HANG));
        assertEquals(0, counts.get(Outcome.EMULATOR_ERROR));
    }

    @Test
    void startAfterTheResultDoesNotMakeTheRunLostAgain() {
        CampaignLedger ledger = new CampaignLedger(PLAN);
        ledger.record(result(4, Outcome.MASKED, "nodeA/slot-1"), 0);
        ledger.started(4, "nodeB"); // a redelivered duplicate run starting late
        assertEquals(List.of(), ledger.nodeLost("nodeB", 10));
    }

    @Test
    void planWithRepeatedIdIsRefused() {
        Injection i = PLAN.get(0);
        assertThrows(IllegalArgumentException.class, () -> new CampaignLedger(List.of(i, i)));
    }

    @Test
    void reportQuotesFieldsThatNeedIt() {
        InjectionResult r = new InjectionResult(new Injection(7, "uart-drop", -1, 5, Map.of("b", "2", "a", "1")),
                Outcome.SDC, true, 3, 12, "line 2: \"x\", was y", "n/slot-1");
        assertEquals("7,uart-drop,-1,5,a=1;b=2,SDC,true,3,12,n/slot-1,\"line 2: \"\"x\"\", was y\"",
                CampaignReport.row(r));
    }
}
