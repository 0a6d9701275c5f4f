package com.trustwatch.rules;

import com.trustwatch.web.ApiErrors;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/**
 * The rule catalogue: every DRL rule and decision-table row, with id, name, citation and source, and
 * every obligation row the jurisdiction packs state as data.
 */
@ApiErrors
@Tag(name = "Rules")
@Controller("/api/rules")
@io.micronaut.security.annotation.Secured({com.trustwatch.security.Roles.ETHICS_COUNSEL, com.trustwatch.security.Roles.BILLING_MANAGER, com.trustwatch.security.Roles.ADMIN})
class RulesController {

    @Serdeable
    record Catalogue(String rulesetVersion, int count, List<RuleEntry> rules, List<ObligationRow> obligations) {
    }

    /** One row of a pack's obligations table, as counsel reads it in the catalogue. */
    @Serdeable
    record ObligationRow(String jurisdiction, String obligation, Integer afterDays, Integer years, String severity,
                         String citation, String source, String confidence, String says, String note, String file,
                         int line) {
    }

    private final ActiveRuleset active;

    RulesController(ActiveRuleset active) {
        this.active = active;
    }

    @Get
    Catalogue catalogue() {
        Ruleset r = active.get();
        return new Catalogue(r.version(), r.catalogue().size(), r.catalogue(), r.obligations().all().stream()
                .map(o -> new ObligationRow(o.jurisdiction(), o.kind().label(), o.afterDays(), o.years(),
                        o.severity() == null ? null : o.severity().name(), o.citation(), o.source(), o.confidence(),
                        o.says(), o.note(), o.file(), o.line())).toList());
    }
}
