package com.trustwatch.action;

import com.trustwatch.config.FirmSettings;
import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.BusinessCalendar;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.Role;
import com.trustwatch.matter.Matter;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes proposals concrete: resolves each role to the matter's address (falling back to the firm's
 * own billing manager, bookkeeper, practice-group leader and managing partner), and builds the
 * idempotency key, and fixes what a client request promises (its deadline, the drawdowns its letter
 * lists; see {@link RequestSettings}). It decides nothing: who gets what was decided by the rules.
 */
@Singleton
public class ActionPlanner {

    private final FirmSettings firm;
    private final RequestSettings requests;
    private final BusinessCalendar calendar;

    public ActionPlanner(FirmSettings firm, RequestSettings requests, BusinessCalendar calendar) {
        this.firm = firm;
        this.requests = requests;
        this.calendar = calendar;
    }

    /**
     * @param asOf the evaluation's as-of date: a client request's deadline counts from it
     */
    public List<PlannedAction> plan(List<ActionProposal> proposals, Map<String, Matter> matters,
                                    Map<String, MatterFacts> facts, String rulesetVersion, LocalDate asOf) {
        List<PlannedAction> out = new ArrayList<>(proposals.size());
        Set<String> keys = new LinkedHashSet<>();
        for (ActionProposal p : proposals) {
            Matter m = matters.get(p.matterNumber());
            MatterFacts f = facts.get(p.matterNumber());
            String key = PlannedAction.keyOf(p.matterNumber(), p.type(), p.code(), p.episode());
            if (!keys.add(key)) {
                continue; // two rules proposing the very same action: one action
            }
            List<String> bcc = new ArrayList<>(addresses(p.bcc(), m));
            if (p.type() == ActionType.REPLENISHMENT_REQUEST && firm.bccBookkeeperOnRequests()) {
                addresses(List.of(Role.BOOKKEEPER), m).stream().filter(a -> !bcc.contains(a)).forEach(bcc::add);
            }
            boolean toClient = p.type() == ActionType.REPLENISHMENT_REQUEST || "CLIENT_FOLLOW_UP".equals(p.code());
            LocalDate deadline = toClient ? calendar.plusBusinessDays(asOf, requests.deadlineBusinessDays()) : null;
            LocalDate drawdownsFrom = !toClient ? null : m.lastReplenishedOn() != null ? m.lastReplenishedOn()
                    : asOf.minusDays(requests.drawdownLookBackDays());
            out.add(new PlannedAction(key, asOf, p.matterNumber(), m.clientId(), p.type(), p.band(), p.severity(), p.code(),
                    p.amount(), m.trustBalance(), p.threshold(), p.refillTo(), f.projectedDepletion(), deadline,
                    drawdownsFrom, new Recipients(addresses(p.to(), m), addresses(p.cc(), m), bcc),
                    p.ruleId(), p.ruleName(), p.reason(), p.episode(), rulesetVersion, p.citation()));
        }
        return out;
    }

    List<String> addresses(List<Role> roles, Matter m) {
        List<String> out = new ArrayList<>();
        for (Role role : roles) {
            String address = switch (role) {
                case BILLING_CONTACT -> m.billingContactEmail();
                case ATTORNEY -> m.attorneyEmail();
                case BILLING_MANAGER -> orElse(m.billingManagerEmail(), firm.billingManagerEmail());
                case BOOKKEEPER -> orElse(m.bookkeeperEmail(), firm.bookkeeperEmail());
                case PRACTICE_GROUP_LEADER -> orElse(m.practiceGroupLeaderEmail(), firm.practiceGroupLeaderEmail());
                case MANAGING_PARTNER -> orElse(m.managingPartnerEmail(), firm.managingPartnerEmail());
            };
            if (address != null && !address.isBlank() && !out.contains(address)) {
                out.add(address);
            }
        }
        return out;
    }

    private static String orElse(String a, String b) {
        return a == null || a.isBlank() ? b : a;
    }
}
