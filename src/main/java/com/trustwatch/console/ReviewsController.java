package com.trustwatch.console;

import com.trustwatch.review.ReleaseRequest;
import com.trustwatch.review.ReviewView;
import com.trustwatch.security.Roles;
import com.trustwatch.web.InvalidInput;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.views.ModelAndView;
import io.swagger.v3.oas.annotations.Hidden;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Held requests: client messages the rules held for a person (an attorney's review, a billing
 * manager's check), each with why it is held, released as proposed, released with another amount, or
 * declined. The roles of the reviews API: attorneys, billing managers and admins.
 */
@Hidden
@Controller("/reviews")
@Secured({Roles.ATTORNEY, Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class ReviewsController {

    static final int LISTED = 500;

    private final ReleaseRequest release;

    ReviewsController(ReleaseRequest release) {
        this.release = release;
    }

    @Get(produces = MediaType.TEXT_HTML)
    HttpResponse<?> reviews(HttpRequest<?> request, Authentication user, @Nullable @QueryValue String state) {
        Map<String, Object> m = Pages.model(request, user, "Held requests", "/reviews");
        String wanted = state == null || state.isBlank() ? "PENDING" : state.strip();
        List<ReviewView> list;
        try {
            list = release.list(wanted, null, LISTED);
        } catch (InvalidInput e) {
            // a state the list does not know is said so on a page, as the book does, not answered as the API's JSON
            m.put("title", "Held requests: state not understood");
            m.put("message", e.errors().stream().map(Object::toString).collect(Collectors.joining("; ")));
            return HttpResponse.badRequest(new ModelAndView<>("refused", m)).contentType(MediaType.TEXT_HTML_TYPE);
        }
        m.put("state", wanted);
        m.put("reviews", list);
        m.put("dollars", Dollars.ON_PAGES);
        m.put("states", List.of("PENDING", "APPROVED", "AMENDED", "DECLINED", "WITHDRAWN"));
        return HttpResponse.ok(new ModelAndView<>("reviews", m)).contentType(MediaType.TEXT_HTML_TYPE);
    }

    @Post(value = "/{id}/approve", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> approve(@PathVariable long id, @Nullable String note, HttpRequest<?> request,
                            Authentication user) {
        return Pages.act(request, "/reviews", () -> {
            ReviewView v = release.approve(id, user.getName(), TodayController.blankToNull(note));
            return "Request " + id + " for " + v.matterNumber() + " released as proposed by " + user.getName() + ".";
        });
    }

    @Post(value = "/{id}/amend", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> amend(@PathVariable long id, @Nullable String amount, @Nullable String reason, HttpRequest<?> request,
                          Authentication user) {
        return Pages.act(request, "/reviews", () -> {
            ReviewView v = release.amend(id, user.getName(), TodayController.blankToNull(amount),
                    TodayController.blankToNull(reason));
            return "Request " + id + " for " + v.matterNumber() + " released asking for " + Dollars.ON_PAGES.of(v.amount()) + " by "
                    + user.getName() + ".";
        });
    }

    @Post(value = "/{id}/decline", consumes = MediaType.APPLICATION_FORM_URLENCODED)
    HttpResponse<?> decline(@PathVariable long id, @Nullable String reason, HttpRequest<?> request,
                            Authentication user) {
        return Pages.act(request, "/reviews", () -> {
            ReviewView v = release.decline(id, user.getName(), TodayController.blankToNull(reason));
            return "Request " + id + " for " + v.matterNumber() + " declined by " + user.getName() + ": it will not go out.";
        });
    }
}
