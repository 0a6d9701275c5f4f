package com.trustwatch.policy;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;
import java.util.Map;

/**
 * What activating a version would change on today's book: the totals a billing manager decides on,
 * under the active version and under the previewed one, and matter by matter what differs. A dry run:
 * nothing was recorded or sent. Money as decimal strings.
 *
 * @param mattersChanged how many matters differ in any way; {@code changes} lists the first
 *                       {@code trustwatch.rulesets.preview-changes} of them ({@code changesListed})
 */
@Serdeable
public record PreviewView(int version, String asOf, String activeRulesetVersion, String previewedRulesetVersion,
                          int mattersEvaluated, Totals before, Totals after, int mattersChanged, int changesListed,
                          List<MatterChange> changes, long millis) {

    /**
     * The figures of one side.
     *
     * @param mattersWithRequest matters whose client would be asked to replenish (a request, or one held
     *                           for attorney review)
     * @param amountRequested    the sum those requests ask for
     * @param mattersByBand      matters in each severity band
     * @param clientEmails       client emails a real run as of {@code asOf} would send: requests (one per
     *                           client and address, as consolidated) and ladder follow-ups not recorded already
     * @param actions            every action decided, of every type
     */
    @Serdeable
    public record Totals(int mattersWithRequest, String amountRequested, Map<String, Integer> mattersByBand,
                         int clientEmails, int actions) {
    }

    /** One matter whose decisions differ: its figures before → after, and the actions added, removed or changed. */
    @Serdeable
    public record MatterChange(String matterNumber, @Nullable Change tier, @Nullable Change threshold,
                               @Nullable Change band, @Nullable Change ladderStage, List<ActionChange> actions) {
    }

    /** A value before → after ("none" where there is none). */
    @Serdeable
    public record Change(String before, String after) {
    }

    /**
     * An action only under the active version (REMOVED), only under the previewed one (ADDED), or under
     * both with another amount or band (CHANGED).
     */
    @Serdeable
    public record ActionChange(String change, String type, @Nullable String code, @Nullable String ruleIdBefore,
                               @Nullable String ruleIdAfter, @Nullable String amountBefore, @Nullable String amountAfter,
                               @Nullable String bandBefore, @Nullable String bandAfter) {
    }
}
