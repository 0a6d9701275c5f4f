package com.trustwatch.console;

import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Security headers on every answer, refusals included (it runs before the security filter): a
 * Content-Security-Policy without inline scripts or styles, no MIME sniffing, no framing, referrers
 * only to this origin. {@code Referrer-Policy: same-origin} rather than {@code no-referrer}: with the
 * latter Chromium sends {@code Origin: null} on a form POST, which Micronaut refuses as a cross-site
 * call to localhost. A browser (or htmx) that gets a 401 is not sent the Basic challenge, which would
 * pop up the browser's own password box instead of the sign-in page.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
class SecurityHeadersFilter implements Ordered {

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** Swagger UI's generated page starts with one inline script: allowed by its hash, nothing else inline. */
    static final String SWAGGER_UI_CSP = swaggerUiPolicy();

    @ResponseFilter
    void headers(HttpRequest<?> request, MutableHttpResponse<?> response) {
        var h = response.getHeaders();
        h.set("X-Content-Type-Options", "nosniff");
        h.set("X-Frame-Options", "DENY");
        h.set("Referrer-Policy", "same-origin");
        h.set("Content-Security-Policy", request.getPath().startsWith("/swagger-ui/") ? SWAGGER_UI_CSP : CSP);
        if (response.code() == 401 && fromBrowser(request)) {
            h.remove(HttpHeaders.WWW_AUTHENTICATE);
        }
    }

    static boolean fromBrowser(HttpRequest<?> request) {
        return request.getHeaders().contains("HX-Request")
                || request.getHeaders().accept().stream().anyMatch(m -> m.equals(MediaType.TEXT_HTML_TYPE));
    }

    @Override
    public int getOrder() {
        return ServerFilterPhase.FIRST.before();
    }

    private static String swaggerUiPolicy() {
        List<String> hashes = new ArrayList<>();
        try (InputStream in = SecurityHeadersFilter.class.getResourceAsStream("/META-INF/swagger/views/swagger-ui/index.html")) {
            if (in != null) {
                Matcher m = Pattern.compile("<script>(.*?)</script>", Pattern.DOTALL)
                        .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                while (m.find()) {
                    byte[] digest = MessageDigest.getInstance("SHA-256").digest(m.group(1).getBytes(StandardCharsets.UTF_8));
                    hashes.add("'sha256-" + Base64.getEncoder().encodeToString(digest) + "'");
                }
            }
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("cannot read the Swagger UI page to allow its start-up script", e);
        }
        return "default-src 'self'; script-src 'self' " + String.join(" ", hashes)
                + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none';"
                + " frame-ancestors 'none'";
    }
}
