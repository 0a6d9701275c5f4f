package com.trustwatch.review;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.StrictJson;
import com.trustwatch.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.security.Principal;
import java.util.List;

/**
 * The review list over HTTP: {@code GET /api/reviews} (PENDING unless {@code ?state=} says otherwise,
 * optionally {@code ?matter=}; at most {@code ?limit=} of them, 1 to 10,000, 500 unless given),
 * {@code GET /api/reviews/{id}}, and the three decisions:
 * {@code POST /api/reviews/{id}/approve} {@code {note?}}, {@code /amend} {@code {amount, reason}},
 * {@code /decline} {@code {reason}}. Attorneys and billing managers decide; every decision is audited
 * with the login that made it.
 */
@Controller("/api/reviews")
@Secured({Roles.ATTORNEY, Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class ReviewController {

    static final int MAX_LIMIT = 10_000;

    /** The body of approve ({@code note}) and decline ({@code reason}). */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Decision(@Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String note,
            @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String reason) {
    }

    /** The body of amend: the amount to ask for instead, as a decimal string, and why. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Amendment(@Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String amount,
            @Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String reason) {
    }

    private final ReleaseRequest release;

    ReviewController(ReleaseRequest release) {
        this.release = release;
    }

    @Get
    List<ReviewView> list(@Nullable @QueryValue String state, @Nullable @QueryValue String matter,
                          @Nullable @QueryValue Integer limit) {
        if (limit != null && (limit < 1 || limit > MAX_LIMIT)) {
            // a limit out of range is refused, never read as 1 or as the most we list
            throw new InvalidInput(List.of(new FieldError(null, "limit", "must be a number from 1 to " + MAX_LIMIT
                    + "; got " + limit)));
        }
        return release.list(state, matter, limit == null ? 500 : limit);
    }

    @Get("/{id}")
    ReviewView get(@PathVariable long id) {
        return release.find(id);
    }

    @Post("/{id}/approve")
    ReviewView approve(@PathVariable long id, @Nullable @Body Decision body, Principal user) {
        return release.approve(id, user.getName(), body == null ? null : body.note());
    }

    @Post("/{id}/amend")
    ReviewView amend(@PathVariable long id, @Nullable @Body Amendment body, Principal user) {
        return release.amend(id, user.getName(), body == null ? null : body.amount(), body == null ? null : body.reason());
    }

    @Post("/{id}/decline")
    ReviewView decline(@PathVariable long id, @Nullable @Body Decision body, Principal user) {
        return release.decline(id, user.getName(), body == null ? null : body.reason());
    }
}
