package com.trustwatch.matter;

import com.trustwatch.web.ApiErrors;
import io.swagger.v3.oas.annotations.tags.Tag;
import com.trustwatch.security.Roles;
import com.trustwatch.web.InputSettings;
import com.trustwatch.web.Paging;
import com.trustwatch.web.Preconditions;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.model.Pageable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;

import java.security.Principal;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/** The book: roster import, one matter at a time, and the list, a page at a time. */
@ApiErrors
@Tag(name = "Matters")
@Controller("/api/matters")
@Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class MatterController {

    private final ImportRoster importRoster;
    private final SaveMatter saveMatter;
    private final MatterRepository matters;
    private final RecordRetention retention;
    private final InputSettings input;

    MatterController(ImportRoster importRoster, SaveMatter saveMatter, MatterRepository matters,
                     RecordRetention retention, InputSettings input) {
        this.importRoster = importRoster;
        this.saveMatter = saveMatter;
        this.matters = matters;
        this.retention = retention;
        this.input = input;
    }

    /** The matter as JSON, with "retain records until" for a closed matter (from its jurisdiction's pack). */
    private Map<String, Object> view(Matter m) {
        Map<String, Object> json = MatterFields.toJson(m);
        json.put("recordRetention", retention.of(m).map(r -> {
            Map<String, Object> v = new java.util.LinkedHashMap<>();
            v.put("retainUntil", r.retainUntil() == null ? null : r.retainUntil().toString());
            v.put("years", r.years());
            v.put("countedFrom", r.countedFrom() == null ? null : r.countedFrom().toString());
            v.put("citation", r.citation());
            v.put("source", r.source());
            v.put("confidence", r.confidence());
            v.put("note", r.note());
            return v;
        }).orElse(null));
        return json;
    }

    /** The roster as uploaded: read as UTF-8 unless the Content-Type declares another charset. */
    @Post("/import")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN})
    ImportRoster.Result importRoster(HttpRequest<byte[]> request, Principal user) {
        // the body is read from the request rather than bound as a parameter: an empty upload is the
        // importer's to refuse with its own message, not a missing-argument error
        return importRoster.importCsv(request.getBody().orElse(new byte[0]),
                request.getContentType().flatMap(t -> t.getParameters().get("charset")), user.getName());
    }

    /**
     * Creates or replaces the matter. {@code If-Match} with the {@code ETag} a GET answered makes the
     * update conditional on nobody having changed the matter since (412 otherwise); {@code If-Match: *}
     * updates only an existing matter, {@code If-None-Match: *} creates only a new one ({@link Preconditions}).
     * The answer carries the saved matter's {@code ETag}.
     */
    @Put("/{matterNumber}")
    @io.swagger.v3.oas.annotations.responses.ApiResponse(responseCode = "412",
            description = "If-Match or If-None-Match does not hold (someone changed the matter since); nothing was changed",
            content = @io.swagger.v3.oas.annotations.media.Content(mediaType = "application/json",
                    schema = @io.swagger.v3.oas.annotations.media.Schema(implementation = com.trustwatch.web.ApiError.class)))
    HttpResponse<Map<String, Object>> put(@PathVariable String matterNumber, @Body MatterBody body,
                                          @Nullable @Header(HttpHeaders.IF_MATCH) String ifMatch,
                                          @Nullable @Header(HttpHeaders.IF_NONE_MATCH) String ifNoneMatch,
                                          HttpRequest<?> request, Principal user) {
        // a header sent on several lines is one list (RFC 9110 §5.3): read every line, not the first
        SaveMatter.Saved saved = saveMatter.save(matterNumber, body.values(), user.getName(),
                Preconditions.of(all(request, HttpHeaders.IF_MATCH), all(request, HttpHeaders.IF_NONE_MATCH)));
        Map<String, Object> json = view(saved.matter());
        return (saved.created() ? HttpResponse.created(json) : HttpResponse.ok(json))
                .header(HttpHeaders.ETAG, MatterFields.entityTag(saved.matter()));
    }

    @Nullable
    private static String all(HttpRequest<?> request, String header) {
        List<String> lines = request.getHeaders().getAll(header);
        return lines.isEmpty() ? null : String.join(",", lines);
    }

    /** The matter, with its {@code ETag} for a conditional update ({@link #put}). */
    @Get("/{matterNumber}")
    HttpResponse<Map<String, Object>> get(@PathVariable String matterNumber) {
        Matter m = matters.findByMatterNumber(matterNumber)
                .orElseThrow(() -> new NoSuchElementException("no matter " + matterNumber));
        return HttpResponse.ok(view(m)).header(HttpHeaders.ETAG, MatterFields.entityTag(m));
    }

    /** The book in matter-number order, one page at a time ({@link Paging}). */
    @Get
    HttpResponse<List<Map<String, Object>>> list(@Nullable @QueryValue Integer page, @Nullable @QueryValue Integer size,
                                                 HttpRequest<?> request) {
        Paging paging = Paging.of(page, size, null, input);
        List<Map<String, Object>> items = matters.listOrderByMatterNumber(Pageable.from(paging.page() - 1, paging.size()))
                .stream().map(this::view).toList();
        return paging.answer(request, items, matters.count());
    }
}
