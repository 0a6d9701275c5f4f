package com.trustwatch.console;

import com.trustwatch.config.FirmTime;
import com.trustwatch.money.Money;
import com.trustwatch.reports.ReportMonth;
import com.trustwatch.reports.TrustReports;
import com.trustwatch.security.Roles;
import com.trustwatch.web.Echo;
import com.trustwatch.web.RequestRefused;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports (seed 002): trust aging by runway bucket, replenishment performance, and the trust-account
 * activity of a month with the matters whose reconciliation is overdue, each a page with a chart, a
 * CSV download and a print stylesheet. The figures and the CSVs come from {@link TrustReports}, as the
 * monthly email's do; "today" is the firm's. The roles of the matters and ledger APIs they read:
 * billing managers and admins.
 */
@Hidden
@Controller("/reports")
@Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class ReportsController {

    private final TrustReports reports;
    private final FirmTime firmTime;

    ReportsController(TrustReports reports, FirmTime firmTime) {
        this.reports = reports;
        this.firmTime = firmTime;
    }

    @Get(produces = MediaType.TEXT_HTML)
    ModelAndView<Map<String, Object>> index(HttpRequest<?> request, Authentication user) {
        Map<String, Object> m = Pages.model(request, user, "Reports", "/reports");
        m.put("month", YearMonth.from(firmTime.today()).minusMonths(1).toString());
        return new ModelAndView<>("reports", m);
    }

    @Get(value = "/trust-aging", produces = {MediaType.TEXT_HTML, "text/csv"})
    HttpResponse<?> trustAging(HttpRequest<?> request, Authentication user, @Nullable @QueryValue String format) {
        if (!understood(format)) {
            return formatRefused(request, user, "Trust aging", format);
        }
        TrustReports.TrustAging aging = reports.trustAging(firmTime.today());
        if ("csv".equals(format)) {
            return csv(aging.csv(), aging.csvName());
        }
        Map<String, Object> m = Pages.model(request, user, "Trust aging", "/reports");
        m.put("today", aging.today().toString());
        m.put("total", aging.total());
        List<Map<String, Object>> groups = new ArrayList<>();
        aging.byBucket().forEach((bucket, list) -> {
            Map<String, Object> g = new LinkedHashMap<>();
            g.put("bucket", bucket);
            g.put("count", list.size());
            g.put("balance", Money.letter(aging.balance(bucket)));
            g.put("rows", list.stream().limit(200).map(x -> Map.of("number", x.matterNumber(), "client", x.clientName(),
                    "balance", Money.letter(x.trustBalance()), "runway", aging.runway(x),
                    "replenished", date(x.lastReplenishedOn()))).toList());
            g.put("more", Math.max(0, list.size() - 200));
            groups.add(g);
        });
        m.put("groups", groups);
        List<String> buckets = TrustReports.BUCKETS;
        m.put("chart", Bars.of(buckets, buckets.stream().map(b -> (long) aging.byBucket().get(b).size()).toList(),
                buckets.stream().map(b -> aging.byBucket().get(b).size() + (aging.byBucket().get(b).size() == 1 ? " matter" : " matters")).toList()));
        return html("report-aging", m);
    }

    @Get(value = "/activity", produces = {MediaType.TEXT_HTML, "text/csv"})
    HttpResponse<?> activity(HttpRequest<?> request, Authentication user, @Nullable @QueryValue String month,
                             @Nullable @QueryValue String format) {
        if (!understood(format)) {
            return formatRefused(request, user, "Trust-account activity", format);
        }
        LocalDate today = firmTime.today();
        YearMonth ym;
        try {
            // the month so far may be read: its figures are as of today, and the page says so
            ym = ReportMonth.read(month == null ? null : month.strip(), today, true);
        } catch (RequestRefused e) {
            Pages.flash(request, e.error().toString(), true);
            return HttpResponse.seeOther(java.net.URI.create("/reports"));
        }
        TrustReports.Activity activity = reports.activity(ym, today);
        if ("csv".equals(format)) {
            return csv(activity.csv(), activity.csvName());
        }
        Map<String, Object> m = Pages.model(request, user, "Trust-account activity " + ym, "/reports");
        m.put("month", ym.toString());
        m.put("from", activity.from().toString());
        m.put("to", activity.to().toString());
        m.put("rows", activity.matters().stream().map(a -> Map.of("number", a.matterNumber(), "client", a.client(),
                "deposits", Money.letter(a.deposits()), "drawdowns", Money.letter(a.drawdowns()),
                "refunds", Money.letter(a.refunds()))).toList());
        m.put("totals", Map.of("deposits", Money.letter(activity.deposits()), "drawdowns", Money.letter(activity.drawdowns()),
                "refunds", Money.letter(activity.refunds())));
        m.put("overdue", activity.overdue().stream().map(o -> Map.of("number", o.matterNumber(), "client", o.client(),
                "jurisdiction", o.jurisdiction(), "reconciled", date(o.reconciledOn()),
                "days", o.daysSince() == null ? "never" : Long.toString(o.daysSince()),
                "due", Integer.toString(o.dueEvery()))).toList());
        m.put("asOf", activity.asOf().toString());
        m.put("chart", Bars.of(List.of("Deposits", "Drawdowns", "Refunds"),
                List.of(cents(activity.deposits()), cents(activity.drawdowns()), cents(activity.refunds())),
                List.of(Money.letter(activity.deposits()), Money.letter(activity.drawdowns()),
                        Money.letter(activity.refunds()))));
        return html("report-activity", m);
    }

    @Get(value = "/replenishment", produces = {MediaType.TEXT_HTML, "text/csv"})
    HttpResponse<?> replenishment(HttpRequest<?> request, Authentication user, @Nullable @QueryValue String format) {
        if (!understood(format)) {
            return formatRefused(request, user, "Replenishment performance", format);
        }
        TrustReports.Replenishment performance = reports.replenishment(firmTime.today());
        if ("csv".equals(format)) {
            return csv(performance.csv(), performance.csvName());
        }
        Map<String, Object> m = Pages.model(request, user, "Replenishment performance", "/reports");
        m.put("today", performance.today().toString());
        m.put("all", performance.all());
        m.put("byAttorney", performance.byAttorney());
        m.put("byMonth", performance.byMonth());
        Map<String, Long> ages = performance.outstandingByAge();
        m.put("ages", ages);
        m.put("chart", Bars.of(List.copyOf(ages.keySet()), List.copyOf(ages.values()),
                ages.values().stream().map(v -> v + " outstanding").toList()));
        return html("report-replenishment", m);
    }

    private static long cents(BigDecimal amount) {
        return amount.movePointRight(2).setScale(0, RoundingMode.HALF_UP).longValueExact();
    }

    private static String date(@Nullable LocalDate d) {
        return d == null ? "" : d.toString();
    }

    private static HttpResponse<?> html(String view, Map<String, Object> model) {
        return HttpResponse.ok(new ModelAndView<>(view, model)).contentType(MediaType.TEXT_HTML_TYPE);
    }

    private static HttpResponse<?> csv(String body, String name) {
        return HttpResponse.ok(body).contentType(MediaType.of("text/csv; charset=utf-8"))
                .header("Content-Disposition", "attachment; filename=\"" + name + "\"");
    }

    /** Absent or empty is the page; {@code csv} is the download; nothing else is guessed at. */
    private static boolean understood(@Nullable String format) {
        return format == null || format.isEmpty() || "csv".equals(format);
    }

    private static HttpResponse<?> formatRefused(HttpRequest<?> request, Authentication user, String report,
                                                 String format) {
        Map<String, Object> m = Pages.model(request, user, report + ": format not understood", "/reports");
        m.put("message", "format: " + Echo.of(format) + " is not one of csv (leave it out for the page).");
        return HttpResponse.badRequest(new ModelAndView<>("refused", m)).contentType(MediaType.TEXT_HTML_TYPE);
    }
}
