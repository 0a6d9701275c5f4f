package com.trustwatch.sms;

import com.trustwatch.security.Roles;
import com.trustwatch.web.ApiErrors;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.Echo;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.TextRules;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.swagger.v3.oas.annotations.tags.Tag;

import java.security.Principal;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * Consent to texts over the API: {@code PUT /api/sms/consents/{phone}} with
 * {@code {"status": "GRANTED", "source": "engagement letter signed 2026-01-05", "givenAt":
 * "2026-01-05T15:30:00Z", "timeZone": "America/Chicago"}}; {@code GET} reads it. The source and the time
 * are required: the TCPA puts the proof of consent on the sender. {@code givenAt} lies between
 * {@link #EARLIEST_GIVEN} and now (plus {@link #CLOCK_SKEW}); {@code source} is one line of printable text.
 */
@ApiErrors
@Tag(name = "Connectors")
@Controller("/api/sms/consents")
@Secured({Roles.BILLING_MANAGER, Roles.ADMIN})
@ExecuteOn(TaskExecutors.BLOCKING)
class ConsentController {

    /** The earliest consent the record holds (its column is a TIMESTAMP, which starts in 1970). */
    static final Instant EARLIEST_GIVEN = Instant.parse("1970-01-02T00:00:00Z");
    /** How far ahead of this service's clock a caller's clock may run before its "now" is refused as the future. */
    static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    private final RecordConsent record;
    private final SmsConsents consents;
    private final Clock clock;

    ConsentController(RecordConsent record, SmsConsents consents, Clock clock) {
        this.record = record;
        this.consents = consents;
        this.clock = clock;
    }

    @Get("/{phone:[^/]+}")
    Map<String, Object> get(@PathVariable String phone) {
        String number = PhoneNumbers.e164(phone).orElseThrow(() -> new InvalidInput(List.of(
                new FieldError(null, "phone", "'" + phone + "' is not a phone number Trustwatch can text"))));
        return view(consents.find(number).orElseThrow(() -> new NoSuchElementException("no consent recorded for " + number)));
    }

    @Put("/{phone:[^/]+}")
    Map<String, Object> put(@PathVariable String phone, @Body ConsentRequest body, Principal user) {
        List<FieldError> errors = new ArrayList<>();
        String number = PhoneNumbers.e164(phone).orElse(null);
        if (number == null) {
            errors.add(new FieldError(null, "phone", "'" + phone + "' is not a phone number Trustwatch can text"
                    + " (E.164 like +15555550142, or a US number of ten digits)"));
        }
        SmsConsents.Status status = null;
        try {
            status = SmsConsents.Status.valueOf(String.valueOf(body.status()).trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            errors.add(new FieldError(null, "status", "must be GRANTED or REVOKED"));
        }
        String source = body.source() == null ? "" : body.source().trim();
        if (source.isEmpty()) {
            errors.add(new FieldError(null, "source", "say how the consent was given or withdrawn (at most 500 characters)"));
        } else {
            try {
                // the proof of consent is read by people and kept in the audit trail: one readable line
                source = TextRules.folded(source, 500);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(null, "source", e.getMessage()));
            }
        }
        LocalDateTime givenAt = null;
        String g = body.givenAt();
        if (g == null || g.isBlank()) {
            errors.add(new FieldError(null, "givenAt", "is required: when the client gave or withdrew consent (ISO-8601 with offset)"));
        } else {
            try {
                Instant when = OffsetDateTime.parse(g.trim()).toInstant();
                Instant latest = clock.instant().plus(CLOCK_SKEW);
                if (when.isBefore(EARLIEST_GIVEN) || when.isAfter(latest)) {
                    // a consent cannot be proved by a time still to come, and the record holds none before EARLIEST_GIVEN
                    errors.add(new FieldError(null, "givenAt", Echo.of(g) + " is outside the accepted range, "
                            + EARLIEST_GIVEN + " to now (" + clock.instant().truncatedTo(ChronoUnit.SECONDS) + ")"));
                } else {
                    givenAt = LocalDateTime.ofInstant(when, ZoneOffset.UTC);
                }
            } catch (DateTimeException | ArithmeticException e) {
                errors.add(new FieldError(null, "givenAt", "'" + g + "' is not a date and time with an offset (2026-01-05T15:30:00Z)"));
            }
        }
        String zone = null;
        if (body.timeZone() != null) {
            try {
                zone = ZoneId.of(body.timeZone().trim()).getId();
            } catch (DateTimeException e) {
                errors.add(new FieldError(null, "timeZone", "'" + body.timeZone() + "' is not a time zone (America/Chicago)"));
            }
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        return view(record.record(number, status, source, givenAt, user.getName(), zone));
    }

    private static Map<String, Object> view(SmsConsents.Consent c) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("phone", c.phone());
        out.put("status", c.status().name());
        out.put("source", c.source());
        out.put("givenAt", c.givenAt().toString() + "Z");
        out.put("recordedBy", c.recordedBy());
        out.put("timeZone", c.timeZone());
        return out;
    }
}
