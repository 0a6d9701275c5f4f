package com.trustwatch.policy;

import com.trustwatch.web.FieldError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import io.micronaut.http.server.multipart.MultipartBody;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A workbook upload's parts, read strictly, for the API and the console's form alike: each workbook is
 * a file part named {@code file}, the note one text part named {@code note}, and the console's form
 * adds one text part {@code csrfToken}. Any other part, a second note or token, or a text part named
 * {@code file} is a problem naming the part; nothing is ignored. A file part with no name and no bytes
 * is what a browser sends for a file input left empty, and stands for no file.
 *
 * @param files     the workbooks, in the order sent
 * @param note      the note, or null when none was sent
 * @param csrfToken the form's token, or null (always null for the API)
 * @param problems  each part not understood, named by its part name; empty when all were
 */
public record UploadParts(List<ChangeRuleset.Upload> files, @Nullable String note, @Nullable String csrfToken,
                          List<FieldError> problems) {

    /** How long the rest of an upload may take to arrive once the request has begun. */
    private static final int RECEIVE_SECONDS = 60;

    /**
     * Waits for every part (on a blocking thread; the parts arrive on the event loop) and reads them.
     *
     * @param form whether a {@code csrfToken} part belongs to the upload (the console's form)
     * @throws IllegalStateException when the upload does not finish within {@value #RECEIVE_SECONDS} seconds
     */
    public static UploadParts read(MultipartBody body, boolean form) {
        List<ChangeRuleset.Upload> files = new ArrayList<>();
        String note = null;
        String token = null;
        List<FieldError> problems = new ArrayList<>();
        for (CompletedPart part : collect(body)) {
            String name = part.getName();
            try {
                if (part instanceof CompletedFileUpload file && "file".equals(name)) {
                    if (!file.getFilename().isBlank() || file.getSize() > 0) {
                        files.add(new ChangeRuleset.Upload(file.getFilename(), file.getBytes()));
                    }
                } else if (!(part instanceof CompletedFileUpload) && "note".equals(name) && note == null) {
                    note = new String(part.getBytes(), StandardCharsets.UTF_8);
                } else if (form && !(part instanceof CompletedFileUpload) && "csrfToken".equals(name) && token == null) {
                    token = new String(part.getBytes(), StandardCharsets.UTF_8);
                } else {
                    problems.add(new FieldError(null, name, problem(part, name, form)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new UploadParts(List.copyOf(files), note, token, List.copyOf(problems));
    }

    private static String problem(CompletedPart part, String name, boolean form) {
        if ("note".equals(name) || "csrfToken".equals(name)) {
            return part instanceof CompletedFileUpload ? "is text, not a file" : "was sent twice; an upload has one";
        }
        if ("file".equals(name)) {
            return "is a workbook: send it as a file, not as text";
        }
        return "not a part of an upload: send each workbook as a file part named \"file\" and the note as a text"
                + " part named \"note\"" + (form ? " (with the form's csrfToken)" : "");
    }

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
            return done.get(RECEIVE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while receiving the upload", e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the upload did not finish within " + RECEIVE_SECONDS + " seconds", e);
        }
    }
}
