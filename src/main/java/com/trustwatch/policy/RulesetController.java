package com.trustwatch.policy;

import com.trustwatch.web.FieldError;
import com.trustwatch.web.RequestRefused;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.trustwatch.web.StrictJson;
import com.trustwatch.security.Roles;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;

import java.security.Principal;
import java.util.ArrayList;
import java.util.List;

/**
 * Ruleset versions over HTTP: upload workbooks (multipart: one or more {@code file} parts and a
 * {@code note}), list and show versions with their row-level changes and examples, download a
 * workbook, preview a version against the whole book, approve, reject and activate.
 */
@Controller("/api/rulesets")
@Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class RulesetController {

    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Note(@Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String note) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record PreviewRequest(@Nullable @Serdeable.Deserializable(using = StrictJson.Text.class) String asOf) {
    }

    private final ChangeRuleset change;
    private final PreviewRuleset preview;

    RulesetController(ChangeRuleset change, PreviewRuleset preview) {
        this.change = change;
        this.preview = preview;
    }

    @Post(consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<RulesetView> upload(@Body MultipartBody body, Principal user) {
        // what is not understood is refused, never ignored: only "file" parts and one "note"
        UploadParts parts = UploadParts.read(body, false);
        if (!parts.problems().isEmpty()) {
            throw new RequestRefused(parts.problems().get(0));
        }
        return HttpResponse.created(change.upload(parts.files(), parts.note() == null ? "" : parts.note(), user.getName()));
    }

    @Get
    @Secured({Roles.BILLING_MANAGER, Roles.ADMIN, Roles.ETHICS_COUNSEL})
    List<RulesetView> list() {
        return change.list();
    }

    @Get("/{version}")
    @Secured({Roles.BILLING_MANAGER, Roles.ADMIN, Roles.ETHICS_COUNSEL})
    RulesetView show(@PathVariable int version) {
        return change.view(version);
    }

    @Get("/{version}/files/{name}")
    @Secured({Roles.BILLING_MANAGER, Roles.ADMIN, Roles.ETHICS_COUNSEL})
    HttpResponse<byte[]> download(@PathVariable int version, @PathVariable String name) {
        return HttpResponse.ok(change.workbook(version, name)).contentType(XLSX)
                .header("Content-Disposition", "attachment; filename=\"v" + version + "-" + name + "\"");
    }

    @Post("/{version}/preview")
    PreviewView preview(@PathVariable int version, @Nullable @Body PreviewRequest body) {
        return preview.preview(version, body == null ? null : body.asOf());
    }

    @Post("/{version}/approve")
    RulesetView approve(@PathVariable int version, Principal user) {
        return change.approve(version, user.getName());
    }

    @Post("/{version}/reject")
    RulesetView reject(@PathVariable int version, @Nullable @Body Note body, Principal user) {
        return change.reject(version, body == null ? null : body.note(), user.getName());
    }

    @Post("/{version}/activate")
    RulesetView activate(@PathVariable int version, Principal user) {
        return change.activate(version, user.getName());
    }
}
