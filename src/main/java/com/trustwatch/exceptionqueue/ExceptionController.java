package com.trustwatch.exceptionqueue;

import com.trustwatch.web.ApiErrors;
import io.swagger.v3.oas.annotations.tags.Tag;
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

import java.security.Principal;
import java.util.List;

/** The billing manager's work queue: list what needs a person, take it, close it with a note. */
@ApiErrors
@Tag(name = "Exception queue")
@Controller("/api/exceptions")
@Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class ExceptionController {

    private final ExceptionQueue queue;

    ExceptionController(ExceptionQueue queue) {
        this.queue = queue;
    }

    @Get
    List<ExceptionItem> list(@Nullable @QueryValue String status, @Nullable @QueryValue String kind,
                             @Nullable @QueryValue String matter, @Nullable @QueryValue Integer limit) {
        return queue.list(status, kind, matter, limit == null ? 500 : Math.max(1, Math.min(limit, 10_000)));
    }

    @Get("/{id}")
    ExceptionItem get(@PathVariable long id) {
        return queue.find(id);
    }

    @Post("/{id}/acknowledge")
    ExceptionItem acknowledge(@PathVariable long id, @Nullable @Body HandlingNote body, Principal user) {
        return queue.acknowledge(id, user.getName(), body == null ? null : body.note());
    }

    @Post("/{id}/resolve")
    ExceptionItem resolve(@PathVariable long id, @Nullable @Body HandlingNote body, Principal user) {
        return queue.resolve(id, user.getName(), body == null ? null : body.note());
    }
}
