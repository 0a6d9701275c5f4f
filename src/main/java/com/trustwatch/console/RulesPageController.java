package com.trustwatch.console;

import com.trustwatch.action.Actions;
import com.trustwatch.evaluation.Evaluations;
import com.trustwatch.policy.PackStatus;
import com.trustwatch.policy.SignOffPack;
import com.trustwatch.rules.ActiveRuleset;
import com.trustwatch.rules.RuleEntry;
import com.trustwatch.rules.Ruleset;
import com.trustwatch.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Rules, ethics counsel's home: the catalogue by jurisdiction, each rule with name, citation, source,
 * severity and confidence, its DRL beside its plain-English reading, how many matters it decided
 * something for in the last evaluation, and the compliance packs' sign-off (who, when, for which
 * SHA-256, "needs review" when the text changed). The roles of the rules and packs APIs: counsel,
 * billing managers and admins read; only counsel signs off.
 */
@Hidden
@Controller("/rules")
@Secured({Roles.ETHICS_COUNSEL, Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class RulesPageController {

    private final ActiveRuleset active;
    private final SignOffPack signOff;
    private final Actions actions;
    private final Evaluations evaluations;
    /** DRL rule texts by file, read once per file (the rules folder changes only with a deployment). */
    private final Map<String, Map<String, String>> drlByFile = new ConcurrentHashMap<>();

    RulesPageController(ActiveRuleset active, SignOffPack signOff, Actions actions, Evaluations evaluations) {
        this.active = active;
        this.signOff = signOff;
        this.actions = actions;
        this.evaluations = evaluations;
    }

    @Get(produces = MediaType.TEXT_HTML)
    ModelAndView<Map<String, Object>> rules(HttpRequest<?> request, Authentication user) {
        Map<String, Object> m = Pages.model(request, user, "Rules", "/rules");
        Ruleset r = active.get();
        m.put("rulesetVersion", r.version());
        Evaluations.Row last = evaluations.latest(0, 20).stream().filter(e -> e.status() == Evaluations.Status.DONE && !e.dryRun()).findFirst()
                .orElse(null);
        m.put("last", last);
        Map<String, Integer> flagged = last == null ? Map.of() : actions.mattersByRule(last.id());
        Map<String, List<Map<String, Object>>> byJurisdiction = new TreeMap<>();
        for (RuleEntry e : r.catalogue()) {
            String j = e.jurisdiction() == null || e.jurisdiction().isBlank() ? "Firm policy (every jurisdiction)" : e.jurisdiction();
            byJurisdiction.computeIfAbsent(j, k -> new java.util.ArrayList<>()).add(rule(e, flagged));
        }
        m.put("jurisdictions", byJurisdiction);
        m.put("packs", signOff.packs());
        m.put("maySignOff", user.getRoles().contains(Roles.ETHICS_COUNSEL));
        return new ModelAndView<>("rules", m);
    }

    private Map<String, Object> rule(RuleEntry e, Map<String, Integer> flagged) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("id", e.id());
        r.put("name", e.name());
        r.put("kind", e.kind());
        r.put("citation", e.citation() == null ? "—" : e.citation());
        r.put("severity", e.severity() == null ? "—" : e.severity());
        r.put("confidence", e.confidence() == null ? "—" : e.confidence());
        r.put("source", e.source() + (e.sheet() == null ? "" : " · " + e.sheet()) + (e.row() == null ? "" : " · row " + e.row()));
        r.put("sourceUrl", e.sourceUrl());
        r.put("reading", reading(e));
        r.put("drl", e.source() != null && e.source().endsWith(".drl") ? drl(e.source()).getOrDefault(e.id(), "") : "");
        r.put("flagged", flagged.getOrDefault(e.id(), 0));
        return r;
    }

    /** The plain-English reading: the rule's sentence, then what it applies or notes. */
    private static String reading(RuleEntry e) {
        StringBuilder s = new StringBuilder(e.name());
        if (e.policy() != null && !e.policy().isBlank()) {
            s.append(". Firm policy: ").append(e.policy());
        }
        if (e.table() != null && !e.table().isBlank()) {
            s.append(". Reads each jurisdiction's ").append(e.table()).append(" row (its severity and citation are the row's)");
        }
        if (e.note() != null && !e.note().isBlank()) {
            s.append(". ").append(e.note());
        }
        return s.toString();
    }

    /** The rule blocks of one DRL file, by rule id: from {@code rule "ID ...} to its {@code end}. */
    private Map<String, String> drl(String source) {
        return drlByFile.computeIfAbsent(source, f -> {
            Path path = Path.of(active.settings().rulesDir()).resolve(f.startsWith("rules/") ? f.substring("rules/".length()) : f);
            Map<String, String> out = new LinkedHashMap<>();
            if (!Files.isRegularFile(path)) {
                return out;
            }
            List<String> lines;
            try {
                lines = Files.readAllLines(path, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            String id = null;
            StringBuilder block = null;
            for (String line : lines) {
                if (id == null && line.startsWith("rule \"")) {
                    id = line.substring(6).split("[ \"]", 2)[0];
                    block = new StringBuilder();
                }
                if (id != null) {
                    block.append(line).append('\n');
                    if (line.strip().equals("end")) {
                        out.put(id, block.toString());
                        id = null;
                    }
                }
            }
            return out;
        });
    }

    @Post(value = "/packs/{pack}/signoff", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured(Roles.ETHICS_COUNSEL)
    HttpResponse<?> signOffPack(@PathVariable String pack, @Nullable String note, HttpRequest<?> request,
                                Authentication user) {
        return Pages.act(request, "/rules#packs", () -> {
            PackStatus s = signOff.signOff(pack, note, user.getName());
            return "Pack " + s.pack() + " signed off by " + user.getName() + " for SHA-256 " + s.sha256() + ".";
        });
    }
}
