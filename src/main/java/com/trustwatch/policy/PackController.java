package com.trustwatch.policy;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.trustwatch.web.StrictJson;
import com.trustwatch.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.security.Principal;
import java.util.List;

/** Compliance packs: each pack's SHA-256 and review state; counsel's sign-off of the current text. */
@Controller("/api/rules/packs")
@ExecuteOn(TaskExecutors.BLOCKING)
class PackController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Signoff(@Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String note) {
    }

    private final SignOffPack signOff;

    PackController(SignOffPack signOff) {
        this.signOff = signOff;
    }

    @Get
    @Secured({Roles.ETHICS_COUNSEL, Roles.BILLING_MANAGER, Roles.ADMIN})
    List<PackStatus> packs() {
        return signOff.packs();
    }

    @Post("/{pack}/signoff")
    @Secured(Roles.ETHICS_COUNSEL)
    PackStatus signoff(@PathVariable String pack, @Nullable @Body Signoff body, Principal user) {
        return signOff.signOff(pack, body == null ? null : body.note(), user.getName());
    }
}
