package com.trustwatch.action;

import com.trustwatch.config.FirmSettings;
import com.trustwatch.decision.ActionProposal;
import com.trustwatch.decision.ActionType;
import com.trustwatch.decision.BusinessCalendar;
import com.trustwatch.decision.Hold;
import com.trustwatch.decision.MatterFacts;
import com.trustwatch.decision.OpenEpisode;
import com.trustwatch.decision.Role;
import com.trustwatch.matter.Matter;
import jakarta.inject.Singleton;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Makes proposals concrete: resolves each role to the matter's address (falling back to the firm's
 * own billing manager, bookkeeper, practice-group leader and managing partner), and builds the
 * idempotency key, and fixes what a client request promises (its deadline, the drawdowns its letter
 * lists; see {@link RequestSettings}). A client follow-up names the deadline of its episode's first
 * request, never a new one. It decides nothing: who gets what, and what waits for a person, was
 * decided by the rules; the firm's setting to review every first request adds its hold here.
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

    public List<PlannedAction> plan(List<ActionProposal> proposals, Map<String, Matter> matters,
                                    Map<String, MatterFacts> facts, String rulesetVersion, LocalDate asOf) {
        return plan(proposals, matters, facts, Map.of(), rulesetVersion, asOf);
    }

    /**
     * @param episodes the open low-balance episodes of the matters, by matter number: a follow-up takes
     *                 its deadline from its episode
     * @param asOf     the evaluation's as-of date: a first request's deadline counts from it
     */
    public List<PlannedAction> plan(List<ActionProposal> proposals, Map<String, Matter> matters,
                                    Map<String, MatterFacts> facts, Map<String, OpenEpisode> episodes,
                                    String rulesetVersion, LocalDate asOf) {
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
            LocalDate deadline = !toClient ? null : p.type() == ActionType.REPLENISHMENT_REQUEST
                    ? calendar.plusBusinessDays(asOf, requests.deadlineBusinessDays())
                    : episodeDeadline(episodes.get(p.matterNumber()), asOf);
            LocalDate drawdownsFrom = !toClient ? null : m.lastReplenishedOn() != null ? m.lastReplenishedOn()
                    : asOf.minusDays(requests.drawdownLookBackDays());
            List<Hold> holds = new ArrayList<>(p.holds());
            if (requests.reviewFirstRequests() && p.type() == ActionType.REPLENISHMENT_REQUEST) {
                holds.add(new Hold(RequestSettings.FIRST_REQUEST_REVIEW, "the firm reviews every first request"
                        + " before it reaches the client (trustwatch.requests.review-first-requests)", "settings"));
            }
            out.add(new PlannedAction(key, asOf, p.matterNumber(), m.clientId(), p.type(), p.band(), p.severity(), p.code(),
                    p.amount(), m.trustBalance(), p.threshold(), p.refillTo(), f.projectedDepletion(), deadline,
                    drawdownsFrom, new Recipients(addresses(p.to(), m), addresses(p.cc(), m), bcc),
                    p.ruleId(), p.ruleName(), p.reason(), p.episode(), rulesetVersion, p.citation(),
                    p.thresholdBasis(), f.burnSource(), f.burnSource() == null ? null : f.monthlyBilling(),
                    holds, concernOf(p)));
        }
        return out;
    }

    /**
     * The pay-by date of the episode's first request, as recorded with the episode. An episode recorded
     * before deadlines were kept with it gets the date its first request named: five business days
     * after the day the ladder counts from.
     */
    private LocalDate episodeDeadline(OpenEpisode episode, LocalDate asOf) {
        if (episode == null) {
            return calendar.plusBusinessDays(asOf, requests.deadlineBusinessDays());
        }
        if (episode.deadline() != null) {
            return episode.deadline();
        }
        LocalDate from = episode.ladderFrom() != null ? episode.ladderFrom() : episode.episodeStart();
        return calendar.plusBusinessDays(from, requests.deadlineBusinessDays());
    }

    /**
     * The matter's problem an action is about: what the rule says ({@code balance} for everything about a
     * low or overdrawn balance), else one data-quality concern per matter, else the action's code.
     */
    static String concernOf(ActionProposal p) {
        if (p.concern() != null) {
            return p.concern();
        }
        if (p.code() != null && p.code().startsWith("DATA_QUALITY")) {
            return "data-quality";
        }
        return p.code() != null ? p.code() : p.type().name();
    }

    /** A proposal {@link #plan} leaves out because an earlier one in the same list is the very same action. */
    public record Collapsed(ActionProposal proposal, String idempotencyKey, String keptRuleId) {
    }

    /**
     * The proposals {@link #plan} would leave out of {@code proposals} (in the same order) as the same
     * action as one before them: same matter, type, code and episode, so the same idempotency key.
     */
    public List<Collapsed> collapsed(List<ActionProposal> proposals) {
        Map<String, String> kept = new HashMap<>();
        List<Collapsed> out = new ArrayList<>();
        for (ActionProposal p : proposals) {
            String key = PlannedAction.keyOf(p.matterNumber(), p.type(), p.code(), p.episode());
            String first = kept.putIfAbsent(key, p.ruleId());
            if (first != null) {
                out.add(new Collapsed(p, key, first));
            }
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
