package com.trustwatch.web;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.uri.UriBuilder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How every list endpoint pages: {@code ?page=1&size=100} (page counts from 1; size is capped at
 * {@link InputSettings#maxPageSize()}). The body stays a JSON array, so callers written before
 * paging keep working on the first page; the answer's headers say where the rest is:
 * {@code X-Total-Count} (items in the whole list) and {@code Link} with {@code first}, {@code prev},
 * {@code next} and {@code last} (RFC 8288), each keeping the call's other parameters (its filters).
 *
 * @param page   the page asked for, from 1
 * @param size   items per page, after the cap
 */
public record Paging(int page, int size) {

    /**
     * The page a call asked for. {@code legacyLimit} is the {@code limit} parameter some lists took
     * before paging; it still sets the page size when {@code size} is not given.
     *
     * @throws InvalidInput when page or size is below 1
     */
    public static Paging of(@Nullable Integer page, @Nullable Integer size, @Nullable Integer legacyLimit,
                            InputSettings settings) {
        Problems problems = new Problems();
        if (page != null && page < 1) {
            problems.add(new FieldError(null, "page", "must be 1 or more (pages count from 1)"));
        }
        Integer asked = size != null ? size : legacyLimit;
        String name = size != null ? "size" : "limit";
        if (asked != null && asked < 1) {
            problems.add(new FieldError(null, name, "must be 1 or more"));
        }
        problems.refuseIfAny();
        return new Paging(page == null ? 1 : page,
                Math.min(asked == null ? settings.pageSize() : asked, settings.maxPageSize()));
    }

    /** Rows to skip before this page. */
    public long offset() {
        return (long) (page - 1) * size;
    }

    /** The last page of a list of {@code total} items (1 for an empty list). */
    public int lastPage(long total) {
        return (int) Math.max(1, (total + size - 1) / size);
    }

    /** A 200 answer carrying one page of items and the headers that lead to the others. */
    public <T> MutableHttpResponse<List<T>> answer(HttpRequest<?> request, List<T> items, long total) {
        MutableHttpResponse<List<T>> response = HttpResponse.ok(items);
        response.header("X-Total-Count", Long.toString(total));
        int last = lastPage(total);
        List<String> links = new ArrayList<>();
        links.add(link(request, 1, "first"));
        if (page > 1) {
            links.add(link(request, Math.min(page - 1, last), "prev"));
        }
        if (page < last) {
            links.add(link(request, page + 1, "next"));
        }
        links.add(link(request, last, "last"));
        response.header("Link", String.join(", ", links));
        return response;
    }

    private String link(HttpRequest<?> request, int target, String rel) {
        UriBuilder uri = UriBuilder.of(request.getPath());
        for (Map.Entry<String, List<String>> p : request.getParameters().asMap().entrySet()) {
            if (!p.getKey().equals("page") && !p.getKey().equals("size") && !p.getKey().equals("limit")) {
                for (String v : p.getValue()) {
                    uri.queryParam(p.getKey(), v);
                }
            }
        }
        uri.queryParam("page", target).queryParam("size", size);
        return "<" + uri.build() + ">; rel=\"" + rel + "\"";
    }
}
