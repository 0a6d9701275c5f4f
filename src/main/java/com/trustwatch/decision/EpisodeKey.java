package com.trustwatch.decision;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The business episode an action belongs to; with the matter, the action type and the code it makes
 * the idempotency key, so the same decision on the same episode is the same action however many
 * evaluations make it (DESIGN.md "Actions and their identity"). Never built from a run or an
 * evaluation id. Every key is built here:
 * <ul>
 *   <li>{@link #ladderStage}: stage N of the escalation ladder of the low-balance episode that began
 *       on a date ({@code low-balance:2026-11-02:stage-2}); stage 1 is the client request;</li>
 *   <li>{@link #lowBalance}: another step of that episode (a band's alert, a review, the ladder running out);</li>
 *   <li>{@link #emergency}, {@link #dataQuality}, {@link #flag}: the rest.</li>
 * </ul>
 *
 * @param text        the key as stored ({@code planned_action.episode})
 * @param ladderStart the start of the low-balance episode when this is a ladder stage, else null
 * @param ladderStage the ladder stage (1 = the client request), or 0 when this is not a ladder stage
 */
public record EpisodeKey(String text, LocalDate ladderStart, int ladderStage) {

    public EpisodeKey {
        Objects.requireNonNull(text, "text");
    }

    /** Stage {@code stage} of the ladder of the low-balance episode that began on {@code start}. */
    public static EpisodeKey ladderStage(LocalDate start, int stage) {
        return new EpisodeKey(lowBalancePrefix(start) + "stage-" + stage, start, stage);
    }

    /** A step of the low-balance episode that began on {@code start} other than a ladder stage. */
    public static EpisodeKey lowBalance(LocalDate start, String step) {
        return new EpisodeKey(lowBalancePrefix(start) + step, null, 0);
    }

    /** {@code "low-balance:<start>:"}. */
    private static String lowBalancePrefix(LocalDate start) {
        return "low-balance:" + start + ":";
    }

    /** The emergency-queue episode that began on {@code start}. */
    public static EpisodeKey emergency(LocalDate start) {
        return new EpisodeKey("emergency:" + start, null, 0);
    }

    /** A data-quality item about {@code what}; open until the data is fixed. */
    public static EpisodeKey dataQuality(String what) {
        return new EpisodeKey("data-quality:" + what, null, 0);
    }

    /**
     * A compliance flag's episode: {@code detail} names the state of the facts that raised it (for
     * example {@code balance=-150.00}), so a changed state is a new flag and an unchanged one is not.
     */
    public static EpisodeKey flag(String code, String detail) {
        return new EpisodeKey(code + ":" + detail, null, 0);
    }

    /**
     * A compliance flag about an event on a date ({@code RECONCILIATION_OVERDUE:last-reconciled-2026-09-30}):
     * the same event is one flag however many days pass, a new date is a new flag.
     */
    public static EpisodeKey flagSince(String code, String event, LocalDate date) {
        return flagSince(code, event, date, null);
    }

    /**
     * As {@link #flagSince(String, String, LocalDate)}, for one stage of an escalating flag
     * ({@code UNEARNED_FUNDS_NOT_RETURNED:closed-2026-08-01:HIGH}), so the later stage is not taken
     * for a duplicate of the earlier one; a null stage adds nothing.
     */
    public static EpisodeKey flagSince(String code, String event, LocalDate date, String stage) {
        return new EpisodeKey(code + ":" + event + "-" + date + (stage == null ? "" : ":" + stage), null, 0);
    }

    /** A flag that stands while its condition holds, whatever the figures: one item until it is fixed. */
    public static EpisodeKey standing(String code) {
        return new EpisodeKey(code, null, 0);
    }

    /** A key read back from storage (its ladder structure is not needed after recording). */
    public static EpisodeKey stored(String text) {
        return new EpisodeKey(text, null, 0);
    }

    public boolean isLadderStage() {
        return ladderStage > 0;
    }

    @Override
    public String toString() {
        return text;
    }
}
