package com.trustwatch.console;

import com.trustwatch.action.Actions;
import com.trustwatch.config.FirmTime;
import com.trustwatch.episode.Episodes;
import com.trustwatch.evaluation.Evaluations;
import com.trustwatch.exceptionqueue.ExceptionItem;
import com.trustwatch.exceptionqueue.ExceptionQueue;
import com.trustwatch.outbox.Outbox;
import com.trustwatch.outbox.OutboxRow;
import com.trustwatch.outbox.SendAgain;
import com.trustwatch.policy.PreviewRuleset;
import com.trustwatch.policy.PreviewView;
import com.trustwatch.policy.RulesetVersions;
import com.trustwatch.review.ReleaseRequest;
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

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Today, the billing manager's home: the exception queue with acknowledge and resolve (who and why),
 * matters by band in the last evaluation, client requests awaiting payment by ladder stage, dead
 * letters with "send again", the last evaluation with its ruleset version, and a dry run of today under
 * the active ruleset, and how many client requests are held for a person to release. The roles of the exception queue and outbox APIs: billing managers and admins.
 */
@Hidden
@Controller
@Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class TodayController {

    static final int LISTED = 50;

    private final ExceptionQueue queue;
    private final Outbox outbox;
    private final SendAgain sendAgain;
    private final Evaluations evaluations;
    private final Actions actions;
    private final Episodes episodes;
    private final RulesetVersions versions;
    private final PreviewRuleset preview;
    private final FirmTime firmTime;
    private final ReleaseRequest reviews;

    TodayController(ExceptionQueue queue, Outbox outbox, SendAgain sendAgain, Evaluations evaluations, Actions actions,
                    Episodes episodes, RulesetVersions versions, PreviewRuleset preview, FirmTime firmTime,
                    ReleaseRequest reviews) {
        this.reviews = reviews;
        this.queue = queue;
        this.outbox = outbox;
        this.sendAgain = sendAgain;
        this.evaluations = evaluations;
        this.actions = actions;
        this.episodes = episodes;
        this.versions = versions;
        this.preview = preview;
        this.firmTime = firmTime;
    }

    @Get(value = "/today", produces = MediaType.TEXT_HTML)
    ModelAndView<Map<String, Object>> today(HttpRequest<?> request, Authentication user) {
        return new ModelAndView<>("today", todayModel(request, user));
    }

    private Map<String, Object> todayModel(HttpRequest<?> request, Authentication user) {
        Map<String, Object> m = Pages.model(request, user, "Today", "/today");
        List<ExceptionItem> open = queue.page("OPEN", null, null, 0, LISTED);
        List<ExceptionItem> acknowledged = queue.page("ACKNOWLEDGED", null, null, 0, LISTED);
        m.put("open", open);
        m.put("openCount", queue.count("OPEN", null, null));
        m.put("acknowledged", acknowledged);
        m.put("acknowledgedCount", queue.count("ACKNOWLEDGED", null, null));
        m.put("listed", LISTED);

        List<OutboxRow> dead = outbox.page("DEAD", null, 0, LISTED);
        m.put("dead", dead);
        m.put("deadCount", outbox.count("DEAD", null));

        List<Evaluations.Row> recent = evaluations.latest(0, 20);
        Evaluations.Row last = recent.stream().filter(r -> r.status() != Evaluations.Status.RUNNING && r.status() != Evaluations.Status.QUEUED && !r.dryRun()).findFirst().orElse(null);
        Evaluations.Row running = recent.stream().filter(r -> r.status() == Evaluations.Status.RUNNING).findFirst().orElse(null);
        m.put("last", last);
        m.put("running", running);
        m.put("bands", last == null ? Map.of() : actions.mattersByBand(last.id()));

        Map<Integer, Integer> stages = episodes.openByStage();
        m.put("stages", stages);
        m.put("awaiting", stages.values().stream().mapToInt(Integer::intValue).sum());
        m.put("activeVersion", versions.activeVersion());
        m.put("held", reviews.list("PENDING", null, LISTED).size());
        return m;
    }

    @Post(value = "/today/exceptions/{id}/acknowledge", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> acknowledge(@PathVariable long id, @Nullable String note, HttpRequest<?> request,
                                Authentication user) {
        return Pages.act(request, "/today", () -> {
            queue.acknowledge(id, user.getName(), blankToNull(note));
            return "Exception item " + id + " acknowledged by " + user.getName() + ".";
        });
    }

    @Post(value = "/today/exceptions/{id}/resolve", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> resolve(@PathVariable long id, @Nullable String note, HttpRequest<?> request,
                            Authentication user) {
        return Pages.act(request, "/today", () -> {
            queue.resolve(id, user.getName(), blankToNull(note));
            return "Exception item " + id + " resolved by " + user.getName() + ".";
        });
    }

    @Post(value = "/today/dead-letters/{id}/send-again", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> sendAgain(@PathVariable long id, @Nullable String note, HttpRequest<?> request,
                              Authentication user) {
        return Pages.act(request, "/today", () -> {
            int rows = sendAgain.deadLetter(id, user.getName(), blankToNull(note)).size();
            return "Dead letter " + id + " queued to be sent again (" + rows + " message" + (rows == 1 ? "" : "s")
                    + " in its group); the dispatcher sends it on its next round.";
        });
    }

    /** A dry run of today under the active ruleset: what a run now would decide; nothing recorded, nothing sent. */
    @Post(value = "/today/preview", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> previewToday(HttpRequest<?> request, Authentication user) {
        Integer active = versions.activeVersion();
        if (active == null) {
            Pages.flash(request, "No ruleset version is active yet: there is nothing to preview.", true);
            return HttpResponse.seeOther(java.net.URI.create("/today"));
        }
        LocalDate today = firmTime.today();
        PreviewView view;
        try {
            view = preview.preview(active, today.toString());
        } catch (RuntimeException e) {
            return Pages.act(request, "/today", () -> {
                throw e;
            });
        }
        Map<String, Object> m = Pages.model(request, user, "Today's run, previewed", "/today");
        m.put("preview", view);
        m.put("dollars", Dollars.ON_PAGES);
        m.put("bandRows", bandRows(view.after().mattersByBand(), view.after().mattersByBand()));
        return HttpResponse.ok(new ModelAndView<>("today-preview", m)).contentType(MediaType.TEXT_HTML_TYPE);
    }

    static List<Map<String, Object>> bandRows(Map<String, Integer> before, Map<String, Integer> after) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (com.trustwatch.decision.Band b : com.trustwatch.decision.Band.values()) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", b.name());
            r.put("before", before.getOrDefault(b.name(), 0));
            r.put("after", after.getOrDefault(b.name(), 0));
            rows.add(r);
        }
        return rows;
    }

    static @Nullable String blankToNull(@Nullable String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
