package com.trustwatch.sms;

import com.trustwatch.config.FirmSettings;
import com.trustwatch.config.SmsSettings;
import com.twilio.security.RequestValidator;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Header;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Twilio's inbound-message webhook ({@code POST /api/webhooks/sms/twilio}, form-encoded). No login:
 * the {@code X-Twilio-Signature} is checked with the SDK's {@code RequestValidator} against the URL
 * Twilio called, rebuilt from {@code trustwatch.sms.public-base-url} (behind a proxy the service cannot
 * see it) and the form fields; a bad signature is 403 and changes nothing. A reply of STOP (or
 * STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT) withdraws the number's consent at once; START
 * (YES, UNSTOP) gives it again, with the reply as its source; HELP is answered with who is texting and
 * how to stop. Twilio's own {@code OptOutType} field, when present, decides.
 */
@Tag(name = "Connectors")
@Controller("/api/webhooks/sms")
@Secured(SecurityRule.IS_ANONYMOUS)
@ExecuteOn(TaskExecutors.BLOCKING)
class TwilioWebhookController {

    private static final Logger LOG = LoggerFactory.getLogger(TwilioWebhookController.class);
    private static final Set<String> STOP = Set.of("STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE",
            "OPTOUT", "OPT OUT");
    private static final Set<String> START = Set.of("START", "YES", "UNSTOP");
    private static final Set<String> HELP = Set.of("HELP", "INFO");
    private static final String EMPTY = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response></Response>";

    private final SmsSettings settings;
    private final FirmSettings firm;
    private final RecordConsent consent;

    TwilioWebhookController(SmsSettings settings, FirmSettings firm, RecordConsent consent) {
        this.settings = settings;
        this.firm = firm;
        this.consent = consent;
    }

    @Post(uri = "/twilio", consumes = MediaType.APPLICATION_FORM_URLENCODED, produces = MediaType.TEXT_XML)
    HttpResponse<String> inbound(HttpRequest<?> request, @Body byte[] body,
                                 @Nullable @Header("X-Twilio-Signature") String signature) {
        Map<String, String> form = form(new String(body, java.nio.charset.StandardCharsets.UTF_8));
        if (form == null) {
            return HttpResponse.status(HttpStatus.BAD_REQUEST);
        }
        if (!settings.twilioConfigured() || settings.publicBaseUrl() == null || settings.publicBaseUrl().isBlank()) {
            return HttpResponse.status(HttpStatus.NOT_FOUND);
        }
        String base = settings.publicBaseUrl().endsWith("/")
                ? settings.publicBaseUrl().substring(0, settings.publicBaseUrl().length() - 1) : settings.publicBaseUrl();
        String query = request.getUri().getRawQuery();
        String url = base + request.getPath() + (query == null || query.isEmpty() ? "" : "?" + query);
        if (signature == null || !new RequestValidator(settings.authToken()).validate(url, form, signature)) {
            LOG.warn("Twilio webhook refused: the X-Twilio-Signature does not match {}", url);
            return HttpResponse.status(HttpStatus.FORBIDDEN);
        }
        String from = form.get("From");
        String phone = PhoneNumbers.e164(from).orElse(null);
        String optOut = form.getOrDefault("OptOutType", "").trim().toUpperCase(Locale.ROOT);
        String word = form.getOrDefault("Body", "").trim().toUpperCase(Locale.ROOT);
        String keyword = !optOut.isEmpty() ? optOut : STOP.contains(word) ? "STOP" : START.contains(word) ? "START"
                : HELP.contains(word) ? "HELP" : "";
        String source = "replied \"" + form.getOrDefault("Body", "").trim() + "\" by text (Twilio message "
                + form.getOrDefault("MessageSid", "?") + ")";
        if (phone != null && keyword.equals("STOP")) {
            consent.record(phone, SmsConsents.Status.REVOKED, source, null, "sms:" + phone, null);
        } else if (phone != null && keyword.equals("START")) {
            consent.record(phone, SmsConsents.Status.GRANTED, source, null, "sms:" + phone, null);
        } else if (keyword.equals("HELP")) {
            String help = firm.name() + ": reminders about your trust retainer. Questions: " + firm.fromAddress()
                    + ". Reply STOP to opt out.";
            return HttpResponse.ok("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Message>"
                    + help.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") + "</Message></Response>");
        }
        return HttpResponse.ok(EMPTY);
    }

    /** The form fields Twilio posted, in order; null when a field is named twice (Twilio never does). */
    static Map<String, String> form(String encoded) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        if (encoded.isEmpty()) {
            return out;
        }
        for (String pair : encoded.split("&")) {
            int eq = pair.indexOf('=');
            String name = java.net.URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), java.nio.charset.StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : java.net.URLDecoder.decode(pair.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            if (out.put(name, value) != null) {
                return null;
            }
        }
        return out;
    }
}
