package com.trustwatch.ledger;

import com.trustwatch.web.ApiErrors;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.trustwatch.money.Money;
import com.trustwatch.security.Roles;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.security.Principal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Trust-ledger events that move a matter's balance: {@code {type, amount, date, description}}. */
@ApiErrors
@Tag(name = "Trust ledger")
@Controller("/api/matters/{matterNumber}/transactions")
@Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class LedgerController {

    private final RecordTransaction record;
    private final LedgerRepository ledger;

    LedgerController(RecordTransaction record, LedgerRepository ledger) {
        this.record = record;
        this.ledger = ledger;
    }

    @Post
    HttpResponse<Map<String, Object>> post(@PathVariable String matterNumber, @Body Map<String, Object> body,
                                           Principal user) {
        return HttpResponse.created(json(record.record(matterNumber, body, user.getName())));
    }

    @Get
    List<Map<String, Object>> list(@PathVariable String matterNumber) {
        return ledger.findByMatterNumberOrderById(matterNumber).stream().map(LedgerController::json).toList();
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
        return out;
    }
}
