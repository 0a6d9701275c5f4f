package com.trustwatch.webhook;

import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditRecord;
import com.trustwatch.db.Timestamps;
import com.trustwatch.secrets.SecretCipher;
import com.trustwatch.security.Roles;
import com.trustwatch.web.ApiErrors;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.transaction.TransactionOperations;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.net.URI;
import java.security.Principal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Webhook subscriptions, managed by an admin: {@code POST /api/webhooks/subscriptions}
 * {@code {"url": "https://...", "events": ["matter.stop_work"], "secret": "..."}} (events absent: every
 * type; secret absent: one is made) answers with the secret, the only time it is shown; it is kept
 * sealed. {@code GET} lists them without secrets; {@code POST /{id}/disable}, {@code /enable} and
 * {@code /rotate-secret} change one. Every change is audited.
 */
@ApiErrors
@Tag(name = "Connectors")
@Controller("/api/webhooks/subscriptions")
@Secured(Roles.ADMIN)
@ExecuteOn(TaskExecutors.BLOCKING)
class SubscriptionsController {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final WebhookSubscriptions subscriptions;
    private final SecretCipher cipher;
    private final AuditLog audit;
    private final WebhookSettings settings;
    private final TransactionOperations<Connection> tx;
    private final Clock clock;

    SubscriptionsController(WebhookSubscriptions subscriptions, SecretCipher cipher, AuditLog audit,
                            WebhookSettings settings, TransactionOperations<Connection> tx, Clock clock) {
        this.subscriptions = subscriptions;
        this.cipher = cipher;
        this.audit = audit;
        this.settings = settings;
        this.tx = tx;
        this.clock = clock;
    }

    /** The associated data a subscription's sealed secret is bound to. */
    static String secretContext(long id) {
        return "webhook_subscription:" + id + ":secret";
    }

    @Post
    HttpResponse<Map<String, Object>> create(@Body SubscriptionRequest body, Principal user) {
        List<FieldError> errors = new ArrayList<>();
        String url = body.url() == null ? null : body.url().trim();
        if (url == null || url.isEmpty()) {
            errors.add(new FieldError(null, "url", "is required"));
        } else {
            checkUrl(url, errors);
        }
        List<String> events = new ArrayList<>();
        if (body.events() != null) {
            for (String t : body.events()) {
                if (t == null || !PublishEvents.TYPES.contains(t)) {
                    errors.add(new FieldError(null, "events", "'" + t + "' is not one of " + String.join(", ", PublishEvents.TYPES)));
                } else if (!events.contains(t)) {
                    events.add(t);
                }
            }
        }
        String secret = body.secret();
        if (secret != null && (secret.length() < 16 || secret.length() > 200)) {
            errors.add(new FieldError(null, "secret", "must be text of 16 to 200 characters (or left out: one is made)"));
        }
        if (!cipher.available()) {
            errors.add(new FieldError(null, "secret", "cannot be kept: no key to seal secrets is configured"
                    + " (trustwatch.secrets.active-key-id and trustwatch.secrets.keys)"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        String theSecret = secret == null ? newSecret() : secret;
        long id = tx.executeWrite(status -> {
            LocalDateTime now = Timestamps.now(clock);
            // the row exists before its secret can be bound to its id
            long newId = subscriptions.add(url, "-", events, user.getName(), now);
            subscriptions.setSecret(newId, cipher.seal(theSecret, secretContext(newId)), now);
            audit.append(AuditRecord.of(AuditKind.CONNECTOR_CHANGED, user.getName(), "webhook subscription " + newId
                    + " to " + url + " added for " + (events.isEmpty() ? "every event type" : String.join(", ", events))));
            return newId;
        });
        Map<String, Object> out = view(subscriptions.find(id).orElseThrow());
        out.put("secret", theSecret);
        return HttpResponse.created(out);
    }

    @Get
    List<Map<String, Object>> list() {
        return subscriptions.all().stream().map(SubscriptionsController::view).toList();
    }

    @Post("/{id}/disable")
    Map<String, Object> disable(@PathVariable long id, Principal user) {
        return setActive(id, false, user);
    }

    @Post("/{id}/enable")
    Map<String, Object> enable(@PathVariable long id, Principal user) {
        return setActive(id, true, user);
    }

    @Post("/{id}/rotate-secret")
    Map<String, Object> rotate(@PathVariable long id, Principal user) {
        if (!cipher.available()) {
            throw new InvalidInput(List.of(new FieldError(null, "secret", "cannot be kept: no key to seal secrets is configured")));
        }
        String secret = newSecret();
        tx.executeWrite(status -> {
            LocalDateTime now = Timestamps.now(clock);
            if (!subscriptions.setSecret(id, cipher.seal(secret, secretContext(id)), now)) {
                throw new NoSuchElementException("no webhook subscription " + id);
            }
            audit.append(AuditRecord.of(AuditKind.CONNECTOR_CHANGED, user.getName(), "webhook subscription " + id
                    + ": secret replaced; events from now on are signed with the new one"));
            return null;
        });
        Map<String, Object> out = view(subscriptions.find(id).orElseThrow());
        out.put("secret", secret);
        return out;
    }

    private Map<String, Object> setActive(long id, boolean active, Principal user) {
        tx.executeWrite(status -> {
            if (!subscriptions.setActive(id, active, Timestamps.now(clock))) {
                throw new NoSuchElementException("no webhook subscription " + id);
            }
            audit.append(AuditRecord.of(AuditKind.CONNECTOR_CHANGED, user.getName(), "webhook subscription " + id
                    + (active ? " turned on" : " turned off: events not yet delivered to it are withheld")));
            return null;
        });
        return view(subscriptions.find(id).orElseThrow());
    }

    private void checkUrl(String url, List<FieldError> errors) {
        try {
            URI u = new URI(url);
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (u.getHost() == null || !(scheme.equals("https") || (scheme.equals("http") && settings.allowHttp()))) {
                errors.add(new FieldError(null, "url", "must be an absolute https URL"
                        + (settings.allowHttp() ? " (or http)" : "")));
            } else if (url.length() > 2000) {
                errors.add(new FieldError(null, "url", "is longer than 2000 characters"));
            }
        } catch (java.net.URISyntaxException e) {
            errors.add(new FieldError(null, "url", "is not a URL"));
        }
    }

    private static String newSecret() {
        byte[] b = new byte[24];
        RANDOM.nextBytes(b);
        return "twsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static Map<String, Object> view(WebhookSubscriptions.Subscription s) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", s.id());
        out.put("url", s.url());
        out.put("events", s.eventTypes().isEmpty() ? PublishEvents.TYPES : s.eventTypes());
        out.put("active", s.active());
        out.put("createdBy", s.createdBy());
        out.put("createdAt", s.createdAt().toString());
        return out;
    }
}
