package com.trustwatch.clio;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.trustwatch.db.Timestamps;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Clio Manage API v4 over java.net.http with Jackson's tree model. OAuth: the authorization-code
 * exchange and the refresh grant (Clio Manage's refresh answer carries no new refresh token: the old
 * one is kept). Reads: cursor paging through {@code meta.paging.next} (with {@code order=id(asc)}),
 * never following a link to another host (the bearer token stays with Clio). Limits: a 429 waits
 * Clio's {@code Retry-After} seconds (or 1, 2, 4 s... when absent), a 5xx backs off the same way, up to
 * {@link ClioSettings#maxAttempts()} attempts; a 401 refreshes the token once and retries; a token
 * expiring within five minutes is refreshed first. Money is read as BigDecimal, never double.
 * Source: docs.developers.clio.com (authorization, paging, fields, rate limits).
 */
@Singleton
public class ClioClient {

    private static final Logger LOG = LoggerFactory.getLogger(ClioClient.class);
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** How the client waits out a rate limit; a bean so that tests record the waits instead of sleeping. */
    public interface Pause {
        void sleep(Duration d) throws InterruptedException;
    }

    /** The default pause: the calling thread sleeps. */
    @Singleton
    static class ThreadPause implements Pause {
        @Override
        public void sleep(Duration d) throws InterruptedException {
            Thread.sleep(d.toMillis());
        }
    }

    /** Clio answered with an error, or could not be reached (status -1). */
    public static final class ClioException extends RuntimeException {
        private final int status;

        public ClioException(int status, String message) {
            super(message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final ClioSettings settings;
    private final ClioConnection connection;
    private final Pause pause;
    private final Clock clock;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    public ClioClient(ClioSettings settings, ClioConnection connection, Pause pause, Clock clock) {
        this.settings = settings;
        this.connection = connection;
        this.pause = pause;
        this.clock = clock;
    }

    private URI base() {
        String b = settings.baseUrl();
        return URI.create(b.endsWith("/") ? b.substring(0, b.length() - 1) : b);
    }

    /** Where an administrator authorizes Trustwatch: {@code <base>/oauth/authorize?response_type=code&...}. */
    public URI authorizeUrl(String state) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("response_type", "code");
        q.put("client_id", settings.clientId());
        q.put("redirect_uri", settings.redirectUri());
        q.put("state", state);
        return URI.create(base() + "/oauth/authorize?" + form(q));
    }

    /** Exchanges the code Clio's redirect brought for tokens, and stores them sealed. */
    public void exchangeCode(String code) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("client_id", settings.clientId());
        f.put("client_secret", settings.clientSecret());
        f.put("redirect_uri", settings.redirectUri());
        connection.saveTokens(postToken(f, null), Timestamps.now(clock));
    }

    /** Refreshes the access token; Clio refusing the refresh token leaves the connection NEEDS_REAUTHORIZATION. */
    ClioConnection.Tokens refresh() {
        ClioConnection.Tokens current = connection.tokens().orElseThrow(() -> new ClioException(401,
                "Trustwatch is not connected to Clio: an administrator authorizes it first (GET /api/sync/clio/authorize)"));
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", current.refreshToken());
        f.put("client_id", settings.clientId());
        f.put("client_secret", settings.clientSecret());
        ClioConnection.Tokens fresh;
        try {
            fresh = postToken(f, current.refreshToken());
        } catch (ClioException e) {
            if (e.status() == 400 || e.status() == 401) {
                connection.needsReauthorization(Timestamps.now(clock));
                throw new ClioException(e.status(), "Clio refused the refresh token (" + e.getMessage()
                        + "): the connection was revoked; an administrator must authorize Trustwatch again");
            }
            throw e;
        }
        connection.saveTokens(fresh, Timestamps.now(clock));
        return fresh;
    }

    private ClioConnection.Tokens postToken(Map<String, String> fields, String previousRefresh) {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base() + "/oauth/token"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form(fields)))
                .build();
        HttpResponse<String> res = send(req);
        if (res.statusCode() != 200) {
            throw new ClioException(res.statusCode(), "Clio's token endpoint answered HTTP " + res.statusCode() + ": "
                    + errorOf(res.body()));
        }
        JsonNode n = readTree(res.body());
        if (!n.hasNonNull("access_token")) {
            throw new ClioException(res.statusCode(), "Clio's token answer has no access_token");
        }
        String refresh = n.hasNonNull("refresh_token") ? n.get("refresh_token").asText() : previousRefresh;
        if (refresh == null) {
            throw new ClioException(res.statusCode(), "Clio's token answer has no refresh_token");
        }
        long expiresIn = n.path("expires_in").asLong(0);
        return new ClioConnection.Tokens(n.get("access_token").asText(), refresh,
                expiresIn > 0 ? clock.instant().plusSeconds(expiresIn) : null);
    }

    /** Every record of an index endpoint ({@code /api/v4/matters.json}), page by page. */
    public List<JsonNode> listAll(String path, Map<String, String> query) {
        List<JsonNode> all = new ArrayList<>();
        URI next = URI.create(base() + path + (query.isEmpty() ? "" : "?" + form(query)));
        int pages = 0;
        while (next != null) {
            JsonNode page = get(next);
            pages++;
            page.path("data").forEach(all::add);
            JsonNode link = page.path("meta").path("paging").path("next");
            next = link.isMissingNode() || link.isNull() || link.asText().isEmpty() ? null : sameHost(link.asText());
        }
        LOG.debug("Clio {}: {} records in {} pages", path, all.size(), pages);
        return all;
    }

    /** Never send the bearer token to a host other than the configured one. */
    private URI sameHost(String url) {
        URI u = URI.create(url);
        URI b = base();
        if (!b.getHost().equalsIgnoreCase(u.getHost()) || b.getPort() != u.getPort()
                || !b.getScheme().equalsIgnoreCase(u.getScheme())) {
            throw new ClioException(-1, "Clio's paging link points to another host (" + u.getHost()
                    + "); not followed, so the access token stays with Clio");
        }
        return u;
    }

    private JsonNode get(URI uri) {
        boolean refreshed = false;
        ClioConnection.Tokens t = connection.tokens().orElseThrow(() -> new ClioException(401,
                "Trustwatch is not connected to Clio: an administrator authorizes it first (GET /api/sync/clio/authorize)"));
        if (t.expiresAt() != null && t.expiresAt().isBefore(clock.instant().plusSeconds(300))) {
            t = refresh();
            refreshed = true;
        }
        for (int attempt = 1; ; attempt++) {
            HttpRequest req = HttpRequest.newBuilder(uri)
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + t.accessToken())
                    .header("Accept", "application/json")
                    .GET().build();
            HttpResponse<String> res = send(req);
            int s = res.statusCode();
            if (s == 200) {
                return readTree(res.body());
            }
            if (s == 401 && !refreshed) {
                t = refresh();
                refreshed = true;
                attempt--; // the refresh is not an attempt of this request
                continue;
            }
            if ((s == 429 || s >= 500) && attempt < settings.maxAttempts()) {
                Duration wait = s == 429 ? retryAfter(res).orElse(backoff(attempt)) : backoff(attempt);
                LOG.info("Clio answered {} to {}; waiting {} s (attempt {} of {})", s, uri.getPath(), wait.toSeconds(),
                        attempt, settings.maxAttempts());
                try {
                    pause.sleep(wait);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new ClioException(-1, "interrupted while waiting for Clio's rate limit");
                }
                continue;
            }
            throw new ClioException(s, "Clio answered HTTP " + s + " to " + uri.getPath()
                    + (s == 429 ? " after " + attempt + " attempts (rate limit)" : "") + ": " + errorOf(res.body()));
        }
    }

    static Duration backoff(int attempt) {
        return Duration.ofSeconds(Math.min(60, 1L << Math.min(attempt - 1, 6)));
    }

    private static Optional<Duration> retryAfter(HttpResponse<?> res) {
        return res.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(v.trim()))));
            } catch (NumberFormatException e) {
                return Optional.empty(); // the HTTP-date form: back off instead
            }
        });
    }

    private HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ClioException(-1, "Clio could not be reached at " + req.uri().getHost() + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClioException(-1, "interrupted while calling Clio");
        }
    }

    private static JsonNode readTree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new ClioException(200, "Clio's answer is not JSON");
        }
    }

    /** The error and its description from a Clio error body, never a token. */
    private static String errorOf(String body) {
        try {
            JsonNode n = JSON.readTree(body);
            if (n.hasNonNull("error")) {
                JsonNode e = n.get("error");
                if (e.isTextual()) {
                    return e.asText() + (n.hasNonNull("error_description") ? " (" + n.get("error_description").asText() + ")" : "");
                }
                return e.path("message").asText(e.toString());
            }
            if (n.hasNonNull("message")) {
                return n.get("message").asText();
            }
        } catch (IOException | RuntimeException ignored) {
            // not JSON: say so without echoing it
        }
        return "(no error detail)";
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue() == null ? "" : e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
