package com.trustwatch.ledger;

import com.trustwatch.web.ApiErrors;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.trustwatch.money.Money;
import com.trustwatch.security.Roles;
import com.trustwatch.web.InputSettings;
import com.trustwatch.web.Paging;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Trust-ledger events that move a matter's balance: {@code {type, amount, date, description}}, and for a
 * deposit optionally {@code method} (card, check, ...) and {@code clearsOn} (the day its funds clear).
 */
@ApiErrors
@Tag(name = "Trust ledger")
@Controller("/api/matters/{matterNumber}/transactions")
@Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class LedgerController {

    private final RecordTransaction record;
    private final LedgerRepository ledger;
    private final InputSettings input;

    LedgerController(RecordTransaction record, LedgerRepository ledger, InputSettings input) {
        this.record = record;
        this.ledger = ledger;
        this.input = input;
    }

    @Post
    HttpResponse<Map<String, Object>> post(@PathVariable String matterNumber, @Body TransactionRequest body,
                                           Principal user) {
        return HttpResponse.created(json(record.record(matterNumber, body, user.getName())));
    }

    /** The matter's ledger, oldest first, one page at a time ({@link Paging}). */
    @Get
    HttpResponse<List<Map<String, Object>>> list(@PathVariable String matterNumber, @Nullable @QueryValue Integer page,
                                                 @Nullable @QueryValue Integer size, HttpRequest<?> request) {
        Paging paging = Paging.of(page, size, null, input);
        List<Map<String, Object>> items = ledger.findByMatterNumberOrderById(matterNumber,
                Pageable.from(paging.page() - 1, paging.size())).stream().map(LedgerController::json).toList();
        return paging.answer(request, items, ledger.countByMatterNumber(matterNumber));
    }

    private static Map<String, Object> json(LedgerTransaction t) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", t.id());
        out.put("matterNumber", t.matterNumber());
        out.put("type", t.type().name());
        out.put("amount", Money.json(t.amount()));
        out.put("date", t.txnDate().toString());
        out.put("description", t.description());
        out.put("balanceAfter", Money.json(t.balanceAfter()));
        if (t.method() != null || t.clearsOn() != null) {
            out.put("method", t.method());
            out.put("clearsOn", t.clearsOn() == null ? null : t.clearsOn().toString());
        }
        return out;
    }
}
