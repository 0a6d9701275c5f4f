package com.trustwatch.audit;

import com.trustwatch.web.ApiErrors;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.trustwatch.security.Roles;
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

    AuditController(AuditLog audit) {
        this.audit = audit;
    }

    @Get
    List<AuditEntry> entries(@Nullable @QueryValue String matter, @Nullable @QueryValue Integer limit) {
        return audit.entries(matter, limit == null ? 500 : Math.min(limit, 10_000));
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

    /** A checkpoint to verify against. */
    @Serdeable
    record VerifyRequest(@Nullable String checkpoint) {
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
