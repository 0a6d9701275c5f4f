package com.trustwatch.clio;

import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.booksync.SyncBook;
import com.trustwatch.db.Timestamps;
import com.trustwatch.secrets.SecretCipher;
import com.trustwatch.security.Roles;
import com.trustwatch.web.ApiError;
import com.trustwatch.web.ApiErrors;
import com.trustwatch.web.Echo;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.Principal;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Clio connector over HTTP. {@code POST /api/sync/clio} syncs the book now and answers with the
 * report (created, updated, unchanged, refused, with each refusal); {@code GET /api/sync/clio} shows the
 * connection; {@code GET /api/sync/clio/authorize} gives the administrator the Clio URL to authorize
 * Trustwatch at, and Clio sends the browser back to {@code GET /api/sync/clio/callback} with a code and
 * the state (checked, single use). Clio failing answers 502 with what Clio said; not configured, 404.
 */
@ApiErrors
@Tag(name = "Connectors")
@Controller("/api/sync/clio")
@ExecuteOn(TaskExecutors.BLOCKING)
class ClioController {

    private static final Logger LOG = LoggerFactory.getLogger(ClioController.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClioSettings settings;
    private final ClioConnection connection;
    private final ClioClient clio;
    private final ClioBook book;
    private final SyncBook sync;
    private final AuditLog audit;
    private final SecretCipher cipher;
    private final Clock clock;

    ClioController(ClioSettings settings, ClioConnection connection, ClioClient clio, ClioBook book, SyncBook sync,
                   AuditLog audit, SecretCipher cipher, Clock clock) {
        this.settings = settings;
        this.connection = connection;
        this.clio = clio;
        this.book = book;
        this.sync = sync;
        this.audit = audit;
        this.cipher = cipher;
        this.clock = clock;
    }

    @Post
    @Secured({Roles.ADMIN, Roles.SCHEDULER, Roles.BILLING_MANAGER})
    HttpResponse<?> sync(Principal user) {
        if (!settings.configured()) {
            return notConfigured();
        }
        try {
            return HttpResponse.ok(sync.sync(book, user.getName()));
        } catch (ClioClient.ClioException e) {
            LOG.warn("Clio sync failed: {}", e.getMessage());
            return HttpResponse.status(HttpStatus.BAD_GATEWAY).body(new ApiError("The sync stopped; nothing more was"
                    + " changed and the next sync reads from the same point: " + e.getMessage(), List.of()));
        } catch (IllegalArgumentException e) { // the mapping file
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new ApiError("The sync did not start: "
                    + e.getMessage(), List.of()));
        }
    }

    @Get
    @Secured({Roles.ADMIN, Roles.BILLING_MANAGER, Roles.SCHEDULER})
    Map<String, Object> status() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("configured", settings.configured());
        out.put("status", connection.status().name());
        out.put("syncedThrough", connection.syncedThrough().map(Object::toString).orElse(null));
        out.put("syncBeforeEvaluation", settings.syncBeforeEvaluation());
        return out;
    }

    @Get("/authorize")
    @Secured(Roles.ADMIN)
    HttpResponse<?> authorize(Principal user) {
        if (!settings.configured() || settings.redirectUri() == null || settings.redirectUri().isBlank()) {
            return notConfigured();
        }
        if (!cipher.available()) {
            return HttpResponse.status(HttpStatus.UNPROCESSABLE_ENTITY).body(new ApiError("Clio's tokens cannot be kept:"
                    + " no key to seal secrets is configured (trustwatch.secrets.active-key-id and trustwatch.secrets.keys)",
                    List.of()));
        }
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        String state = HexFormat.of().formatHex(b);
        connection.startAuthorizing(state, Timestamps.now(clock));
        audit.append(AuditRecord.of(AuditKind.CONNECTOR_CHANGED, user.getName(), "Clio authorization started"));
        return HttpResponse.ok(Map.of("authorizeUrl", clio.authorizeUrl(state).toString()));
    }

    /** The most of Clio's {@code error} a refused callback repeats (OAuth 2.0 error codes are short words). */
    static final int MOST_ECHOED = 100;

    @Get("/callback")
    @Secured(SecurityRule.IS_ANONYMOUS)
    HttpResponse<?> callback(@Nullable @QueryValue String code, @Nullable @QueryValue String state,
                             @Nullable @QueryValue String error) {
        if (!settings.configured()) {
            return notConfigured();
        }
        if (!connection.takeState(state, Timestamps.now(clock))) {
            return HttpResponse.badRequest(new ApiError("This authorization was not started here, or was already used:"
                    + " start it again from GET /api/sync/clio/authorize. Nothing was changed.", List.of()));
        }
        if (error != null || code == null || code.isBlank()) {
            return HttpResponse.badRequest(new ApiError("Clio did not authorize Trustwatch ("
                    + (error == null ? "no code" : said(error)) + "). Nothing was changed.", List.of()));
        }
        try {
            clio.exchangeCode(code);
        } catch (ClioClient.ClioException e) {
            LOG.warn("Clio code exchange failed: {}", e.getMessage());
            return HttpResponse.status(HttpStatus.BAD_GATEWAY).body(new ApiError("Clio refused the authorization code: "
                    + e.getMessage(), List.of()));
        }
        audit.append(AuditRecord.of(AuditKind.CONNECTOR_CHANGED, "clio", "Clio connected: tokens stored sealed"));
        return HttpResponse.ok(Map.of("status", ClioConnection.Status.CONNECTED.name(),
                "message", "Trustwatch is connected to Clio. You can close this window."));
    }

    /**
     * What Clio's redirect said, as one line of at most {@value #MOST_ECHOED} characters, with line breaks
     * and invisible characters written as escapes ({@link Echo#plain}): the query is anyone's to write.
     */
    static String said(String error) {
        return Echo.plain(error, MOST_ECHOED);
    }

    private static HttpResponse<ApiError> notConfigured() {
        return HttpResponse.notFound(new ApiError("the Clio connector is not configured (trustwatch.clio.client-id,"
                + " trustwatch.clio.client-secret, trustwatch.clio.redirect-uri)", List.of()));
    }
}
