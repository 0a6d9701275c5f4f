package com.trustwatch.reports;

import com.trustwatch.config.FirmTime;
import com.trustwatch.security.Roles;
import com.trustwatch.web.ApiError;
import com.trustwatch.web.ApiErrors;
import com.trustwatch.web.RequestRefused;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.security.Principal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;

/**
 * The monthly email of the reports, triggered by the firm's scheduler like an evaluation:
 * {@code POST /api/reports/monthly?month=2026-11} (no body). Without {@code month}, the last complete
 * month in the firm's time zone. A month that is not over yet is refused (400, naming {@code month}):
 * its figures are not final, and the month's one email would be spent on them. The first call for a
 * month queues the email (202); every later one queues nothing and says when and to whom it was
 * queued (200). Without a supervisor address configured: 409 and nothing queued.
 */
@ApiErrors
@Tag(name = "Reports")
@Controller("/api/reports")
@Secured({Roles.SCHEDULER, Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class MonthlyReportsController {

    /** What a trigger answers: the month's report email, and whether this call queued it. */
    @Serdeable
    record MonthlyReport(String month, String to, boolean queuedNow, LocalDateTime preparedAt, String requestedBy,
                         String subject, List<String> attachments, String message) {
    }

    private final SendMonthlyReports send;
    private final FirmTime firmTime;

    MonthlyReportsController(SendMonthlyReports send, FirmTime firmTime) {
        this.send = send;
        this.firmTime = firmTime;
    }

    @Post("/monthly")
    HttpResponse<?> monthly(@Nullable @QueryValue String month, Principal user) {
        YearMonth ym = month(month, firmTime.today());
        SendMonthlyReports.Queued q;
        try {
            q = send.queue(ym, user.getName());
        } catch (SendMonthlyReports.NotConfigured e) {
            return HttpResponse.status(HttpStatus.CONFLICT).body(new ApiError("Refused; nothing was queued: "
                    + e.getMessage(), List.of()));
        }
        String message = q.queuedNow()
                ? "The reports for " + q.month() + " are queued for " + q.to() + "; the dispatcher sends them."
                : "The reports for " + q.month() + " were queued on " + q.preparedAt() + " UTC by " + q.requestedBy()
                + " for " + q.to() + "; nothing more was queued.";
        MonthlyReport body = new MonthlyReport(q.month(), q.to(), q.queuedNow(), q.preparedAt(), q.requestedBy(),
                q.subject(), q.attachments(), message);
        return q.queuedNow() ? HttpResponse.status(HttpStatus.ACCEPTED).body(body) : HttpResponse.ok(body);
    }

    /**
     * The month asked for, read strictly: {@code YYYY-MM} in ASCII digits, a month that is over in the
     * firm's time zone on {@code today}; absent or empty, the last complete month.
     *
     * @throws RequestRefused naming {@code month} otherwise
     */
    static YearMonth month(@Nullable String text, LocalDate today) {
        return ReportMonth.read(text, today, false);
    }
}
