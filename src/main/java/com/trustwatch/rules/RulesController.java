package com.trustwatch.rules;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The rule catalogue: every DRL rule and decision-table row, with id, name, citation and source. */
@Controller("/api/rules")
@io.micronaut.security.annotation.Secured({com.trustwatch.security.Roles.ETHICS_COUNSEL, com.trustwatch.security.Roles.BILLING_MANAGER, com.trustwatch.security.Roles.ADMIN})
class RulesController {

    @Serdeable
    record Catalogue(String rulesetVersion, int count, List<RuleEntry> rules) {
    }

    private final ActiveRuleset active;

    RulesController(ActiveRuleset active) {
        this.active = active;
    }

    /** Each compliance pack with the SHA-256 of its text and whether ethics counsel signed that text off. */
    @Get("/packs")
    List<PackSignoff> packs() {
        return active.get().packs();
    }

    @Get
    Catalogue catalogue() {
        Ruleset r = active.get();
        return new Catalogue(r.version(), r.catalogue().size(), r.catalogue());
    }
}
