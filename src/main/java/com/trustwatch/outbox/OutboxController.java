package com.trustwatch.outbox;

import com.trustwatch.web.ApiErrors;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.trustwatch.action.Actions;
import com.trustwatch.action.RecordedAction;
import com.trustwatch.exceptionqueue.HandlingNote;
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
import java.util.Map;
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

    OutboxController(Outbox outbox, Actions actions, SendAgain sendAgain) {
        this.outbox = outbox;
        this.actions = actions;
        this.sendAgain = sendAgain;
    }

    @Get
    List<OutboxEntry> list(@Nullable @QueryValue String state, @Nullable @QueryValue String matter,
                           @Nullable @QueryValue Integer limit) {
        return entries(outbox.list(state, matter, limit == null ? 500 : Math.max(1, Math.min(limit, 10_000))));
    }

    @Post("/{id}/retry")
    List<OutboxEntry> retry(@PathVariable long id, @Nullable @Body HandlingNote body, Principal user) {
        return entries(sendAgain.deadLetter(id, user.getName(), body == null ? null : body.note()));
    }

    private List<OutboxEntry> entries(List<OutboxRow> rows) {
        Map<Long, RecordedAction> byId = actions.byIds(rows.stream().map(OutboxRow::actionId).toList()).stream()
                .collect(Collectors.toMap(RecordedAction::id, Function.identity()));
        return rows.stream().map(r -> OutboxEntry.of(r, byId.get(r.actionId()))).toList();
    }
}
