package com.trustwatch.evaluation;

import io.micronaut.context.condition.Condition;
import io.micronaut.context.condition.ConditionContext;

/**
 * Whether whole-book real runs take the leased path ({@link PartitionedEvaluation}): as
 * {@code trustwatch.evaluation.partitioned} says when it is set, and otherwise on a MySQL or MariaDB
 * database ({@code datasources.default.url} starting {@code jdbc:mysql:} or {@code jdbc:mariadb:}).
 * There, two workers leasing chunks on their own connections keep both the service and the database
 * busy at once instead of in turns (docs/benchmarks.md, "End to end"). H2, the embedded default, has
 * no {@code SKIP LOCKED} and keeps the single path.
 */
public final class LeasedPathCondition implements Condition {

    /** The setting that decides explicitly. */
    static final String SETTING = "trustwatch.evaluation.partitioned";

    @Override
    public boolean matches(ConditionContext context) {
        ConditionContext<?> c = context;
        return leased(c.getProperty(SETTING, Boolean.class).orElse(null),
                c.getProperty("datasources.default.url", String.class).orElse(null));
    }

    /** The rule itself: the explicit setting wins; unset, MySQL and MariaDB lease and anything else does not. */
    static boolean leased(Boolean setting, String url) {
        if (setting != null) {
            return setting;
        }
        return url != null && (url.startsWith("jdbc:mysql:") || url.startsWith("jdbc:mariadb:"));
    }
}
