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
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import io.micronaut.http.server.multipart.MultipartBody;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

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
        List<ChangeRuleset.Upload> files = new ArrayList<>();
        StringBuilder note = new StringBuilder();
        int notes = 0;
        // what is not understood is refused, never ignored: only "file" parts and one "note"
        for (CompletedPart part : collect(body)) {
            try {
                if (part instanceof CompletedFileUpload file && "file".equals(part.getName())) {
                    files.add(new ChangeRuleset.Upload(file.getFilename(), file.getBytes()));
                } else if (!(part instanceof CompletedFileUpload) && "note".equals(part.getName()) && notes++ == 0) {
                    note.append(new String(part.getBytes(), StandardCharsets.UTF_8));
                } else {
                    throw new RequestRefused(new FieldError(null, part.getName(), "note".equals(part.getName())
                            ? "one note per upload" : "not a part of an upload: send each workbook as a part named"
                            + " \"file\" and the note as a text part named \"note\""));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return HttpResponse.created(change.upload(files, note.toString(), user.getName()));
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

    /** Waits for every part of the request (this runs on a blocking thread; the parts arrive on the event loop). */
    private static List<CompletedPart> collect(MultipartBody body) {
        CompletableFuture<List<CompletedPart>> done = new CompletableFuture<>();
        List<CompletedPart> parts = new ArrayList<>();
        body.subscribe(new Subscriber<>() {
            @Override
            public void onSubscribe(Subscription s) {
                s.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(CompletedPart part) {
                synchronized (parts) {
                    parts.add(part);
                }
            }

            @Override
            public void onError(Throwable t) {
                done.completeExceptionally(t);
            }

            @Override
            public void onComplete() {
                synchronized (parts) {
                    done.complete(new ArrayList<>(parts));
                }
            }
        });
        try {
            return done.get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while receiving the upload", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the upload did not finish within 60 seconds", e);
        }
    }
}
