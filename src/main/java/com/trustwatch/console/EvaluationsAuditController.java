package com.trustwatch.console;

import com.trustwatch.audit.AuditEntry;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.evaluation.Evaluations;
import com.trustwatch.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.uri.UriBuilder;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.List;
import java.util.Map;

/**
 * Evaluations (the history with ruleset version and counts, and how far a running one has got) and
 * the audit trail (search by matter, "verify chain"). The roles of the APIs behind them: evaluations
 * for billing managers, counsel, admins and the scheduler; the audit for counsel and admins.
 */
@Hidden
@Controller
@ExecuteOn(TaskExecutors.BLOCKING)
class EvaluationsAuditController {

    static final int PAGE = 50;

    private final Evaluations evaluations;
    private final AuditLog audit;

    EvaluationsAuditController(Evaluations evaluations, AuditLog audit) {
        this.evaluations = evaluations;
        this.audit = audit;
    }

    @Get(value = "/evaluations", produces = MediaType.TEXT_HTML)
    @Secured({Roles.BILLING_MANAGER, Roles.ETHICS_COUNSEL, Roles.ADMIN, Roles.SCHEDULER})
    HttpResponse<?> evaluations(HttpRequest<?> request, Authentication user, @Nullable @QueryValue Integer page) {
        Map<String, Object> m = Pages.model(request, user, "Evaluations", "/evaluations");
        long total = evaluations.count();
        String refused = pageRefusal(page, total, "evaluation", "evaluations");
        if (refused != null) {
            return refused(m, "Evaluations: no such page", refused);
        }
        int p = page == null ? 1 : page;
        List<Evaluations.Row> rows = evaluations.latest((long) (p - 1) * PAGE, PAGE);
        m.put("rows", rows);
        m.put("total", total);
        m.put("pages", Pages.pageNumbers(total, PAGE, p).stream().map(n -> Map.of("number", n,
                "href", "/evaluations?page=" + n, "current", n == p)).toList());
        return html(new ModelAndView<>("evaluations", m));
    }

    @Get(value = "/audit", produces = MediaType.TEXT_HTML)
    @Secured({Roles.ETHICS_COUNSEL, Roles.ADMIN})
    HttpResponse<?> audit(HttpRequest<?> request, Authentication user, @Nullable @QueryValue String matter,
                          @Nullable @QueryValue Integer page, @Nullable @QueryValue String verify) {
        Map<String, Object> m = Pages.model(request, user, "Audit", "/audit");
        String wanted = matter == null || matter.isBlank() ? null : matter.strip();
        long total = audit.count(wanted);
        int last = (int) Math.max(1, (total + PAGE - 1) / PAGE);
        String refused = pageRefusal(page, total, "entry", "entries");
        if (refused != null) {
            return refused(m, "Audit: no such page", refused);
        }
        // the latest entries first come to mind when one opens the audit: start on the last page
        int p = page == null ? last : page;
        List<AuditEntry> entries = audit.page(wanted, (long) (p - 1) * PAGE, PAGE);
        m.put("matter", wanted == null ? "" : wanted);
        m.put("entries", entries);
        m.put("total", total);
        m.put("pages", Pages.pageNumbers(total, PAGE, p).stream().map(n -> Map.of("number", n,
                "href", link(wanted, n), "current", n == p)).toList());
        m.put("firstPage", link(wanted, 1));
        m.put("lastPage", link(wanted, last));
        if (verify != null) {
            try {
                m.put("verification", audit.verify());
            } catch (IllegalArgumentException e) {
                m.put("verificationError", e.getMessage());
            }
        }
        return html(new ModelAndView<>("audit", m));
    }

    /**
     * Why {@code page} is not a page of a list of {@code total} rows, {@link #PAGE} a page, or null when it is
     * (absent is the list's usual page). A page that does not exist is refused, never replaced by another.
     */
    static @Nullable String pageRefusal(@Nullable Integer page, long total, String one, String many) {
        if (page == null) {
            return null;
        }
        if (page < 1) {
            return "page: " + page + " is not a page number (pages count from 1).";
        }
        int last = (int) Math.max(1, (total + PAGE - 1) / PAGE);
        if (page > last) {
            return "page: " + page + " is past the last page (" + last + ") of " + total + " "
                    + (total == 1 ? one : many) + " at " + PAGE + " a page.";
        }
        return null;
    }

    private static HttpResponse<?> refused(Map<String, Object> m, String title, String message) {
        m.put("title", title);
        m.put("message", message);
        return HttpResponse.badRequest(new ModelAndView<>("refused", m)).contentType(MediaType.TEXT_HTML_TYPE);
    }

    private static HttpResponse<?> html(ModelAndView<Map<String, Object>> page) {
        return HttpResponse.ok(page).contentType(MediaType.TEXT_HTML_TYPE);
    }

    private static String link(@Nullable String matter, int page) {
        UriBuilder b = UriBuilder.of("/audit");
        if (matter != null) {
            b.queryParam("matter", matter);
        }
        return b.queryParam("page", page).build().toString();
    }
}
