package com.trustwatch.console;

import com.trustwatch.support.IntegrationTest;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.client.BlockingHttpClient;
import io.micronaut.http.client.exceptions.HttpClientResponseException;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A browser as the HTTP client sees it: a session cookie, the CSRF token of the last page read, a
 * browser's Accept header, and redirects not followed (the test's client is configured so).
 */
final class ConsoleClient {

    static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";
    private static final Pattern CSRF = Pattern.compile("name=\"csrfToken\" value=\"([^\"]+)\"");

    /** A status, the headers that matter, and the body as text. */
    record Page(int status, String body, HttpHeaders headers) {
        String location() {
            return headers.get(HttpHeaders.LOCATION);
        }

        List<String> cookies() {
            return headers.getAll(HttpHeaders.SET_COOKIE);
        }
    }

    private final BlockingHttpClient http;
    String cookie;
    String csrf;

    ConsoleClient(BlockingHttpClient http) {
        this.http = http;
    }

    /** Signs in through the form as one of the test logins; the client then holds the signed-in session. */
    static ConsoleClient signedIn(BlockingHttpClient http, String user) {
        ConsoleClient c = new ConsoleClient(http);
        Page form = c.get("/login");
        if (form.status() != 200) {
            throw new AssertionError("sign-in page answered " + form.status());
        }
        Page done = c.post("/login", Map.of("username", user, "password", IntegrationTest.PASSWORD));
        if (done.status() != 303 || !"/".equals(done.location())) {
            throw new AssertionError("sign-in as " + user + " answered " + done.status() + " to " + done.location());
        }
        return c;
    }

    Page get(String path) {
        return send(HttpRequest.GET(path));
    }

    /** A form POST with this session's CSRF token added (unless the fields carry their own). */
    Page post(String path, Map<String, String> fields) {
        Map<String, String> body = new LinkedHashMap<>();
        if (csrf != null) {
            body.put("csrfToken", csrf);
        }
        body.putAll(fields);
        return send(HttpRequest.POST(path, body).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
    }

    /** A form POST exactly as given: no token added. */
    Page postRaw(String path, Map<String, String> fields) {
        return send(HttpRequest.POST(path, fields).contentType(MediaType.APPLICATION_FORM_URLENCODED_TYPE));
    }

    Page send(MutableHttpRequest<?> request) {
        request.accept(BROWSER_ACCEPT);
        if (cookie != null) {
            request.header(HttpHeaders.COOKIE, cookie);
        }
        HttpResponse<String> response;
        try {
            response = http.exchange(request, String.class);
        } catch (HttpClientResponseException e) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> r = (HttpResponse<String>) e.getResponse();
            response = r;
        }
        String body = response.getBody(String.class).orElse("");
        for (String set : response.getHeaders().getAll(HttpHeaders.SET_COOKIE)) {
            if (set.startsWith("SESSION=")) {
                String pair = set.split(";", 2)[0];
                cookie = pair.equals("SESSION=") ? null : pair;
            }
        }
        Matcher m = CSRF.matcher(body);
        if (m.find()) {
            csrf = m.group(1);
        }
        return new Page(response.code(), body, response.getHeaders());
    }
}
