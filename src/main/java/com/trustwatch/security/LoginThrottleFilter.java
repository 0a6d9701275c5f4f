package com.trustwatch.security;

import com.trustwatch.web.ApiError;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Answers 429 with Retry-After, before any password is checked, while the user name or the client
 * address of a Basic login is locked by {@link LoginThrottle}. Runs just before the security filter.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class LoginThrottleFilter implements Ordered {

    private final LoginThrottle throttle;
    private final LoginThrottleSettings settings;

    LoginThrottleFilter(LoginThrottle throttle, LoginThrottleSettings settings) {
        this.throttle = throttle;
        this.settings = settings;
    }

    @RequestFilter
    @Nullable
    HttpResponse<?> refuseWhileLocked(HttpRequest<?> request) {
        String user = basicUser(request);
        if (user == null) {
            return null;
        }
        return throttle.locked(user, clientAddress(request, settings)).<HttpResponse<?>>map(wait -> {
            long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
            return HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
                    .header(HttpHeaders.RETRY_AFTER, Long.toString(seconds))
                    .body(new ApiError("Too many failed logins: try again in " + seconds + " s", List.of()));
        }).orElse(null);
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.SECURITY.before();
    }

    /** The user name of an HTTP Basic Authorization header, or null. */
    static @Nullable String basicUser(HttpRequest<?> request) {
        String header = request.getHeaders().get(HttpHeaders.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /**
     * The client's address: the TCP peer, or behind a proxy the last entry of the configured header
     * (the one the proxy itself added; earlier entries are whatever the client claimed).
     */
    static String clientAddress(HttpRequest<?> request, LoginThrottleSettings settings) {
        String header = settings.clientAddressHeader();
        if (header != null && !header.isBlank()) {
            String value = request.getHeaders().get(header);
            if (value != null && !value.isBlank()) {
                String[] hops = value.split(",");
                return hops[hops.length - 1].trim();
            }
        }
        var remote = request.getRemoteAddress();
        return remote.getAddress() == null ? remote.getHostString() : remote.getAddress().getHostAddress();
    }
}
