package com.trustwatch.audit;

import com.trustwatch.web.ApiErrors;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.trustwatch.security.Roles;
import com.trustwatch.web.InputSettings;
import com.trustwatch.web.Paging;
import com.trustwatch.web.StrictJson;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.util.List;

/** The audit trail, and a verification of its hash chain against a signed checkpoint. */
@ApiErrors
@Tag(name = "Audit")
@Controller("/api/audit")
@Secured({Roles.ETHICS_COUNSEL, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class AuditController {

    private final AuditLog audit;
    private final InputSettings input;

    AuditController(AuditLog audit, InputSettings input) {
        this.audit = audit;
        this.input = input;
    }

    /**
     * The trail in sequence order (oldest first), optionally for one matter, one page at a time
     * ({@link Paging}; {@code limit} is the page size's older name). New entries land on the last
     * page, so a page once read keeps its entries; {@code Link: rel="last"} leads to the newest.
     */
    @Get
    HttpResponse<List<AuditEntry>> entries(@Nullable @QueryValue String matter, @Nullable @QueryValue Integer page,
                                           @Nullable @QueryValue Integer size, @Nullable @QueryValue Integer limit,
                                           HttpRequest<?> request) {
        Paging paging = Paging.of(page, size, limit, input);
        String forMatter = matter == null || matter.isBlank() ? null : matter.trim();
        return paging.answer(request, audit.page(forMatter, paging.offset(), paging.size()), audit.count(forMatter));
    }

    /**
     * Verifies the chain, and compares it with {@code checkpoint} (a token an auditor kept) or, without
     * one, with the latest checkpoint in the checkpoint file.
     */
    @Get("/verify")
    AuditLog.Verification verify(@Nullable @QueryValue String checkpoint) {
        return audit.verify(parse(checkpoint));
    }

    /** The same, with the checkpoint in the body: {@code {"checkpoint": "twcp1...."}}. */
    @Post("/verify")
    AuditLog.Verification verifyGiven(@Body VerifyRequest request) {
        return audit.verify(parse(request.checkpoint()));
    }

    /** Signs the chain as it stands now and returns the checkpoint (also appended to the checkpoint file). */
    @Post("/checkpoints")
    Checkpoint checkpoint() {
        return audit.checkpoint();
    }

    /** A checkpoint to verify against, read strictly like every body. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record VerifyRequest(@Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String checkpoint) {
    }

    private Checkpoint parse(@Nullable String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            Checkpoint c = Checkpoint.parse(token);
            if (!audit.signedHere(c)) {
                throw new IllegalArgumentException("its signature does not verify with this installation's key:"
                        + " it was altered, or another installation issued it");
            }
            return c;
        } catch (IllegalArgumentException e) {
            throw new InvalidInput(List.of(new FieldError(null, "checkpoint", e.getMessage())));
        }
    }
}
