package com.trustwatch.rules;

/**
 * Where the ruleset in force at startup comes from (the database's active ruleset version). Kept
 * as an interface here so that the rules engine does not depend on the feature that stores versions.
 */
public interface RulesetSource {

    /** The ruleset to start with; throws {@link RulesetException} when it does not compile. */
    Ruleset startup();
}
