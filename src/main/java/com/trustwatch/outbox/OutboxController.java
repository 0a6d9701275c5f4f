package com.trustwatch.outbox;

import com.trustwatch.web.ApiErrors;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.trustwatch.action.Actions;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.exceptionqueue.HandlingNote;
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
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The outbox over HTTP: {@code GET /api/outbox?state=DEAD} lists dead letters with their last error
 * and attempts (FAILED shows what waits for a retry, SENDING what is in flight), and
 * {@code POST /api/outbox/{id}/retry} sends a dead letter again once its cause is fixed.
 */
@ApiErrors
@Tag(name = "Outbox")
@Controller("/api/outbox")
@Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class OutboxController {

    private final Outbox outbox;
    private final Actions actions;
    private final SendAgain sendAgain;
    private final InputSettings input;

    OutboxController(Outbox outbox, Actions actions, SendAgain sendAgain, InputSettings input) {
        this.outbox = outbox;
        this.actions = actions;
        this.sendAgain = sendAgain;
        this.input = input;
    }

    /** Rows oldest first, filtered by state and matter, one page at a time ({@link Paging}; {@code limit} is the older name of size). */
    @Get
    HttpResponse<List<OutboxEntry>> list(@Nullable @QueryValue String state, @Nullable @QueryValue String matter,
                                         @Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size,
                                         @Nullable @QueryValue Integer limit, HttpRequest<?> request) {
        Paging paging = Paging.of(page, size, limit, input);
        return paging.answer(request, entries(outbox.page(state, matter, paging.offset(), paging.size())),
                outbox.count(state, matter));
    }

    @Post("/{id}/retry")
    List<OutboxEntry> retry(@PathVariable long id, @Nullable @Body HandlingNote body, HttpRequest<?> http, Principal user) {
        RequestRefused.requireObjectIfSent(http, body);
        return entries(sendAgain.deadLetter(id, user.getName(), body == null ? null : body.note()));
    }

    private List<OutboxEntry> entries(List<OutboxRow> rows) {
        Map<Long, RecordedAction> byId = actions.byIds(rows.stream().map(OutboxRow::actionId).filter(Objects::nonNull).toList()).stream()
                .collect(Collectors.toMap(RecordedAction::id, Function.identity()));
        return rows.stream().map(r -> OutboxEntry.of(r, byId.get(r.actionId()))).toList();
    }
}
