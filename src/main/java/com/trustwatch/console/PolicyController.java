package com.trustwatch.console;

import com.trustwatch.policy.ChangeRuleset;
import com.trustwatch.policy.PreviewRuleset;
import com.trustwatch.policy.PreviewView;
import com.trustwatch.policy.RulesetView;
import com.trustwatch.policy.UploadParts;
import com.trustwatch.rules.CheckedWorkbooks;
import com.trustwatch.rules.RulesetException;
import com.trustwatch.security.Roles;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.TransitionRefusedException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.csrf.CsrfConfiguration;
import io.micronaut.session.http.SessionForRequest;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Policy, the billing managers' decision tables: the versions with their state, each table as a
 * readable table, upload of edited workbooks with the lint's findings (cells named) and the Tests
 * sheets' results, the what-if preview as totals, a chart of matters per band before and after and
 * the matters that change, and approve, reject, activate and roll back. The roles of the rulesets API:
 * anyone of billing managers, ethics counsel and admins reads; billing managers and admins change.
 */
@Hidden
@Controller("/policy")
@Secured({Roles.BILLING_MANAGER, Roles.ETHICS_COUNSEL, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class PolicyController {

    private final ChangeRuleset change;
    private final PreviewRuleset preview;
    private final CsrfConfiguration csrf;

    PolicyController(ChangeRuleset change, PreviewRuleset preview, CsrfConfiguration csrf) {
        this.change = change;
        this.preview = preview;
        this.csrf = csrf;
    }

    @Get(produces = MediaType.TEXT_HTML)
    ModelAndView<Map<String, Object>> policy(HttpRequest<?> request, Authentication user) {
        return new ModelAndView<>("policy", policyModel(request, user, List.of(), null));
    }

    private Map<String, Object> policyModel(HttpRequest<?> request, Authentication user, List<String> problems,
                                            @Nullable String note) {
        Map<String, Object> m = Pages.model(request, user, "Policy", "/policy");
        List<RulesetView> versions = change.list();
        m.put("versions", versions);
        RulesetView active = versions.stream().filter(v -> "ACTIVE".equals(v.state())).findFirst().orElse(null);
        m.put("active", active);
        m.put("sheets", active == null ? List.of() : change.tables(active.version()));
        m.put("mayChange", Pages.may(user, Pages.BILLING));
        m.put("problems", problems);
        m.put("note", note == null ? "" : note);
        return m;
    }

    @Get(value = "/versions/{version}", produces = MediaType.TEXT_HTML)
    ModelAndView<Map<String, Object>> version(@PathVariable int version, HttpRequest<?> request, Authentication user) {
        RulesetView v = change.view(version);
        Map<String, Object> m = Pages.model(request, user, "Policy version " + version, "/policy");
        m.put("v", v);
        m.put("sheets", change.tables(version));
        m.put("mayChange", Pages.may(user, Pages.BILLING));
        m.put("failedOutcomes", v.tests().outcomes() == null ? List.of()
                : v.tests().outcomes().stream().filter(o -> !o.passed()).toList());
        m.put("outcomes", v.tests().outcomes() == null ? List.of() : v.tests().outcomes());
        m.put("changes", v.changes() == null ? List.of() : v.changes());
        return new ModelAndView<>("policy-version", m);
    }

    /**
     * Uploads edited workbooks as a new draft. A multipart form: its CSRF token travels as a form part,
     * which the CSRF filter does not read, so it is checked here against the session's token.
     */
    @Post(value = "/upload", consumes = MediaType.MULTIPART_FORM_DATA, produces = MediaType.TEXT_HTML)
    @Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
    HttpResponse<?> upload(@Body MultipartBody body, HttpRequest<?> request, Authentication user) {
        UploadParts parts = UploadParts.read(body, true);
        String token = parts.csrfToken();
        String note = parts.note();
        if (!tokenMatches(request, token)) {
            Map<String, Object> m = Pages.model(request, user, "Form refused", "/policy");
            m.put("message", "This upload was refused and nothing was changed: it did not carry this session's token."
                    + " Reload the Policy page and upload the workbooks again.");
            return HttpResponse.status(HttpStatus.FORBIDDEN).body(new ModelAndView<>("refused", m))
                    .contentType(MediaType.TEXT_HTML_TYPE);
        }
        if (!parts.problems().isEmpty()) {
            return refusedUpload(request, user, parts.problems().stream().map(Object::toString).toList(), note);
        }
        try {
            RulesetView v = change.upload(parts.files(), note, user.getName());
            Pages.flash(request, "Version " + v.version() + " uploaded as a draft: " + (v.tests().run() - v.tests().failed())
                    + " of " + v.tests().run() + " examples pass.", v.tests().failed() > 0);
            return HttpResponse.seeOther(URI.create("/policy/versions/" + v.version()));
        } catch (RulesetException e) {
            return refusedUpload(request, user, e.problems(), note);
        } catch (InvalidInput e) {
            return refusedUpload(request, user, e.errors().stream().map(Object::toString).toList(), note);
        }
    }

    private MutableHttpResponse<?> refusedUpload(HttpRequest<?> request, Authentication user, List<String> problems,
                                                 @Nullable String note) {
        return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY)
                .body(new ModelAndView<>("policy", policyModel(request, user, problems, note)))
                .contentType(MediaType.TEXT_HTML_TYPE);
    }

    private boolean tokenMatches(HttpRequest<?> request, @Nullable String token) {
        String expected = SessionForRequest.find(request).flatMap(s -> s.get(csrf.getHttpSessionName(), String.class))
                .orElse(null);
        return token != null && expected != null && MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8),
                expected.getBytes(StandardCharsets.UTF_8));
    }

    @Post(value = "/versions/{version}/preview", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_HTML)
    @Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
    HttpResponse<?> preview(@PathVariable int version, @Nullable String asOf, HttpRequest<?> request,
                            Authentication user) {
        String day = TodayController.blankToNull(asOf);
        PreviewView p;
        try {
            p = preview.preview(version, day);
        } catch (TransitionRefusedException | NoSuchElementException | IllegalArgumentException | InvalidInput e) {
            return Pages.act(request, "/policy/versions/" + version, () -> {
                throw e;
            });
        }
        Map<String, Object> m = Pages.model(request, user, "What version " + version + " would change", "/policy");
        m.put("p", p);
        m.put("dollars", Dollars.ON_PAGES);
        m.put("chart", BandBars.of(p.before().mattersByBand(), p.after().mattersByBand()));
        m.put("bandRows", TodayController.bandRows(p.before().mattersByBand(), p.after().mattersByBand()));
        m.put("mayChange", Pages.may(user, Pages.BILLING));
        // as maps: "band" is an operator in the templates' expression language, so MatterChange.band() cannot be called there
        m.put("changes", p.changes().stream().map(PolicyController::change).toList());
        return HttpResponse.ok(new ModelAndView<>("policy-preview", m)).contentType(MediaType.TEXT_HTML_TYPE);
    }

    @Post(value = "/versions/{version}/approve", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
    HttpResponse<?> approve(@PathVariable int version, HttpRequest<?> request,
                            Authentication user) {
        return Pages.act(request, "/policy/versions/" + version, () -> {
            change.approve(version, user.getName());
            return "Version " + version + " approved by " + user.getName() + ".";
        });
    }

    @Post(value = "/versions/{version}/reject", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
    HttpResponse<?> reject(@PathVariable int version, @Nullable String note, HttpRequest<?> request,
                           Authentication user) {
        return Pages.act(request, "/policy/versions/" + version, () -> {
            change.reject(version, TodayController.blankToNull(note), user.getName());
            return "Version " + version + " rejected by " + user.getName() + ".";
        });
    }

    /** Activates an approved version, or one that was in force before (a rollback). */
    @Post(value = "/versions/{version}/activate", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    @Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
    HttpResponse<?> activate(@PathVariable int version, HttpRequest<?> request,
                             Authentication user) {
        return Pages.act(request, "/policy/versions/" + version, () -> {
            RulesetView v = change.activate(version, user.getName());
            return "Version " + version + " is in force (" + v.rulesetVersion() + "), activated by " + user.getName() + ".";
        });
    }

    private static Map<String, Object> change(PreviewView.MatterChange c) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("matter", c.matterNumber());
        out.put("tier", arrow(c.tier()));
        out.put("threshold", dollars(c.threshold()));
        out.put("bandChange", arrow(c.band()));
        out.put("stage", arrow(c.ladderStage()));
        out.put("actions", c.actions().stream().map(x -> x.change() + " " + x.type() + (x.code() == null ? "" : " " + x.code())
                + (x.amountBefore() == null && x.amountAfter() == null ? ""
                : " " + dollars(x.amountBefore()) + " → " + dollars(x.amountAfter()))
                + (x.bandBefore() == null && x.bandAfter() == null ? ""
                : " (" + (x.bandBefore() == null ? "—" : x.bandBefore()) + " → " + (x.bandAfter() == null ? "—" : x.bandAfter()) + ")"))
                .toList());
        return out;
    }

    private static String arrow(@Nullable PreviewView.Change c) {
        return c == null ? "" : c.before() + " → " + c.after();
    }

    /** A threshold before → after in dollars as people read them; "none" stays "none". */
    private static String dollars(@Nullable PreviewView.Change c) {
        return c == null ? "" : dollars(c.before()) + " → " + dollars(c.after());
    }

    private static String dollars(@Nullable String amount) {
        return Dollars.ON_PAGES.of(amount);
    }

    /** The parts of a multipart body, once all have arrived (the body is streamed). */
}
