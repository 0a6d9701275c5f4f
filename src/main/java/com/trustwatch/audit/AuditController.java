package com.trustwatch.audit;

import com.trustwatch.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.util.List;

/** The audit trail, and a verification of its hash chain. */
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

    @Get("/verify")
    AuditLog.Verification verify() {
        return audit.verify();
    }
}
