package com.trustwatch.support;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.List;
import java.util.Map;

/** Calls the service as a user would: HTTP with Basic credentials, answers as JSON maps, errors included. */
public final class Api {

    /** A status, a JSON body (a map, a list, or null) and the response headers (first value of each). */
    public record Reply(int status, Object body, Map<String, String> headers) {

        public Reply(int status, Object body) {
            this(status, body, Map.of());
        }

        /** A response header, or null. */
        public String header(String name) {
            return headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name)).map(Map.Entry::getValue)
                    .findFirst().orElse(null);
        }

        @SuppressWarnings("unchecked")
        public Map<String, Object> json() {
            return (Map<String, Object>) body;
        }

        @SuppressWarnings("unchecked")
        public List<Map<String, Object>> list() {
            return (List<Map<String, Object>>) body;
        }
    }

    private final BlockingHttpClient client;

    public Api(BlockingHttpClient client) {
        this.client = client;
    }

    public Reply get(String user, String path) {
        return call(HttpRequest.GET(path), user);
    }

    public Reply postJson(String user, String path, Object body) {
        return call(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), user);
    }

    /** POSTs JSON with extra request headers ({@code Prefer}, {@code Idempotency-Key}, …). */
    public Reply postJson(String user, String path, Object body, Map<String, String> headers) {
        MutableHttpRequest<Object> request = HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_JSON_TYPE);
        headers.forEach(request::header);
        return call(request, user);
    }

    public Reply putJson(String user, String path, Object body) {
        return call(HttpRequest.PUT(path, body).contentType(MediaType.APPLICATION_JSON_TYPE), user);
    }

    /** PUTs JSON with header lines as given, a name repeated on several lines if it is listed more than once. */
    public Reply putJson(String user, String path, Object body, java.util.List<Map.Entry<String, String>> lines) {
        MutableHttpRequest<Object> request = HttpRequest.PUT(path, body).contentType(MediaType.APPLICATION_JSON_TYPE);
        lines.forEach(l -> request.getHeaders().add(l.getKey(), l.getValue()));
        return call(request, user);
    }

    /** PUTs JSON with extra request headers ({@code If-Match}, {@code If-None-Match}, …). */
    public Reply putJson(String user, String path, Object body, Map<String, String> headers) {
        MutableHttpRequest<Object> request = HttpRequest.PUT(path, body).contentType(MediaType.APPLICATION_JSON_TYPE);
        headers.forEach(request::header);
        return call(request, user);
    }

    /** A multipart upload: each file as a part named "file" (with its file name), plus text fields. */
    public Reply postFiles(String user, String path, Map<String, byte[]> files, Map<String, String> fields) {
        io.micronaut.http.client.multipart.MultipartBody.Builder body = io.micronaut.http.client.multipart.MultipartBody.builder();
        files.forEach((name, bytes) -> body.addPart("file", name, MediaType.of(
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"), bytes));
        fields.forEach(body::addPart);
        return call(HttpRequest.POST(path, body.build()).contentType(MediaType.MULTIPART_FORM_DATA_TYPE), user);
    }

    /** A multipart upload built by the caller, for parts named otherwise than {@link #postFiles} names them. */
    public Reply postParts(String user, String path, io.micronaut.http.client.multipart.MultipartBody body) {
        return call(HttpRequest.POST(path, body).contentType(MediaType.MULTIPART_FORM_DATA_TYPE), user);
    }

    /** The raw bytes of a GET (a download). */
    public byte[] download(String user, String path) {
        MutableHttpRequest<?> request = HttpRequest.GET(path);
        request.basicAuth(user, IntegrationTest.PASSWORD);
        return client.retrieve(request, byte[].class);
    }

    public Reply postCsv(String user, String path, String csv) {
        return call(HttpRequest.POST(path, csv).contentType("text/csv"), user);
    }

    private static Map<String, String> headers(HttpResponse<?> response) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        response.getHeaders().forEach((name, values) -> out.put(name, values.isEmpty() ? "" : values.get(0)));
        return out;
    }

    private Reply call(MutableHttpRequest<?> request, String user) {
        if (user != null) {
            request.basicAuth(user, IntegrationTest.PASSWORD);
        }
        try {
            HttpResponse<Object> response = client.exchange(request, Argument.OBJECT_ARGUMENT);
            return new Reply(response.code(), response.getBody().orElse(null), headers(response));
        } catch (HttpClientResponseException e) {
            return new Reply(e.getStatus().getCode(), e.getResponse().getBody(Argument.OBJECT_ARGUMENT).orElse(null),
                    headers(e.getResponse()));
        }
    }
}
