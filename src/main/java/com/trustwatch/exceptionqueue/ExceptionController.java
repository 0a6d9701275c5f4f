package com.trustwatch.exceptionqueue;

import com.trustwatch.web.ApiErrors;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.trustwatch.security.Roles;
import com.trustwatch.web.InputSettings;
import com.trustwatch.web.Paging;
import com.trustwatch.web.RequestRefused;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
    private final InputSettings input;

    ExceptionController(ExceptionQueue queue, InputSettings input) {
        this.queue = queue;
        this.input = input;
    }

    /**
     * The queue, oldest first, filtered by status, kind and matter, one page at a time ({@link Paging};
     * {@code limit} is the page size's older name).
     */
    @Get
    HttpResponse<List<ExceptionItem>> list(@Nullable @QueryValue String status, @Nullable @QueryValue String kind,
                                           @Nullable @QueryValue String matter, @Nullable @QueryValue Integer page,
                                           @Nullable @QueryValue Integer size, @Nullable @QueryValue Integer limit,
                                           HttpRequest<?> request) {
        Paging paging = Paging.of(page, size, limit, input);
        return paging.answer(request, queue.page(status, kind, matter, paging.offset(), paging.size()),
                queue.count(status, kind, matter));
    }

    @Get("/{id}")
    ExceptionItem get(@PathVariable long id) {
        return queue.find(id);
    }

    @Post("/{id}/acknowledge")
    ExceptionItem acknowledge(@PathVariable long id, @Nullable @Body HandlingNote body, HttpRequest<?> http, Principal user) {
        RequestRefused.requireObjectIfSent(http, body);
        return queue.acknowledge(id, user.getName(), body == null ? null : body.note());
    }

    @Post("/{id}/resolve")
    ExceptionItem resolve(@PathVariable long id, @Nullable @Body HandlingNote body, HttpRequest<?> http, Principal user) {
        RequestRefused.requireObjectIfSent(http, body);
        return queue.resolve(id, user.getName(), body == null ? null : body.note());
    }
}
