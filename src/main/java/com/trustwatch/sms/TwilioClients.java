package com.trustwatch.sms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.twilio.exception.ApiException;
import com.twilio.http.NetworkHttpClient;
import com.twilio.http.Request;
import com.twilio.http.Response;
import com.twilio.http.TwilioRestClient;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

/**
 * Twilio's REST client, built for the outbox: one attempt per call. The SDK's own client re-sends a
 * POST on any 5xx (three times, six on 503) and on 429, which can text a client twice; here nothing
 * is retried below the outbox, which retries with its backoff and Twilio's Retry-After. With an API
 * base URL (tests), every connection is routed there while the SDK's URLs and Host header stay Twilio's.
 */
final class TwilioClients {

    private TwilioClients() {
    }

    static TwilioRestClient create(String accountSid, String authToken, String apiBaseUrl) {
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        pool.setDefaultMaxPerRoute(10);
        pool.setMaxTotal(20);
        HttpClientBuilder builder = HttpClientBuilder.create().setConnectionManager(pool)
                .setDefaultRequestConfig(RequestConfig.custom().setConnectionRequestTimeout(Timeout.ofSeconds(5))
                        .setResponseTimeout(Timeout.ofSeconds(15)).build())
                .disableAutomaticRetries();
        if (apiBaseUrl != null && !apiBaseUrl.isBlank()) {
            URI u = URI.create(apiBaseUrl);
            HttpHost target = new HttpHost(u.getScheme(), u.getHost(), u.getPort());
            builder.setRoutePlanner((host, context) -> new HttpRoute(target));
        }
        return new TwilioRestClient.Builder(accountSid, authToken).httpClient(new SingleAttempt(builder)).build();
    }

    /** A 429 or 5xx from Twilio, with the HTTP status and Retry-After the SDK's ApiException does not keep. */
    static final class Retryable extends ApiException {
        private final int httpStatus;
        private final String retryAfter;

        Retryable(String message, Integer code, String moreInfo, int httpStatus, String retryAfter) {
            super(message, code, moreInfo, httpStatus, httpStatus, null, null, null);
            this.httpStatus = httpStatus;
            this.retryAfter = retryAfter;
        }

        int httpStatus() {
            return httpStatus;
        }

        Optional<Duration> retryAfter() {
            if (retryAfter == null) {
                return Optional.empty();
            }
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(retryAfter.trim())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
    }

    /** NetworkHttpClient with exactly one attempt, and 429/5xx raised as {@link Retryable}. */
    static final class SingleAttempt extends NetworkHttpClient {
        private static final ObjectMapper JSON = new ObjectMapper();

        SingleAttempt(HttpClientBuilder builder) {
            super(builder);
        }

        @Override
        public Response reliableRequest(Request request, int[] retryCodes, int retries, long delayMillis) {
            return makeRequest(request);
        }

        @Override
        public Response makeRequest(Request request) {
            Response response = super.makeRequest(request);
            int status = response.getStatusCode();
            if (status == 429 || status >= 500) {
                String body = response.getContent();
                Integer code = null;
                String message = "HTTP " + status;
                String moreInfo = null;
                try {
                    if (body != null && !body.isBlank()) {
                        JsonNode n = JSON.readTree(body);
                        if (n.hasNonNull("code")) {
                            code = n.get("code").asInt();
                        }
                        if (n.hasNonNull("message")) {
                            message = n.get("message").asText() + " (HTTP " + status + ")";
                        }
                        if (n.hasNonNull("more_info")) {
                            moreInfo = n.get("more_info").asText();
                        }
                    }
                } catch (Exception ignored) {
                    // an HTML or empty body from a proxy: the HTTP status is what there is
                }
                throw new Retryable(message, code, moreInfo, status, header(response, "Retry-After"));
            }
            return response;
        }

        private static String header(Response r, String name) {
            Header[] hs = r.getHeaders();
            if (hs == null) {
                return null;
            }
            for (Header h : hs) {
                if (h.getName().equalsIgnoreCase(name)) {
                    return h.getValue();
                }
            }
            return null;
        }
    }
}
