package com.trustwatch.clio;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * trustwatch.clio.*: the connection to Clio Manage (API v4). Off until the client id and secret of the
 * firm's Clio developer application are set.
 *
 * @param baseUrl            Clio's regional host, for OAuth and the API alike (default https://app.clio.com;
 *                           eu.app.clio.com, ca.app.clio.com, au.app.clio.com): a token works only on its region
 * @param clientId           the Clio application's client id
 * @param clientSecret       the Clio application's client secret
 * @param redirectUri        the callback registered on the Clio application, e.g.
 *                           https://trust.firm.example/api/sync/clio/callback
 * @param mappingFile        the operator's field-mapping file (YAML; docs/operations.md, "Clio"); none: no
 *                           custom fields are read and the defaults below are needed for fee and retainer type
 * @param pageSize           records per page (Clio allows 1 to 200; default 200)
 * @param maxAttempts        attempts of one request on 429 or 5xx before the sync stops (default 4)
 * @param overlapSeconds     how far before the last sync's start the next incremental read begins (default 300)
 * @param syncBeforeEvaluation whether each triggered evaluation (not a dry run) first syncs the book (default false)
 */
@ConfigurationProperties("trustwatch.clio")
public record ClioSettings(
        @Bindable(defaultValue = "https://app.clio.com") String baseUrl,
        @Nullable String clientId,
        @Nullable String clientSecret,
        @Nullable String redirectUri,
        @Nullable String mappingFile,
        @Bindable(defaultValue = "200") int pageSize,
        @Bindable(defaultValue = "4") int maxAttempts,
        @Bindable(defaultValue = "300") long overlapSeconds,
        @Bindable(defaultValue = "false") boolean syncBeforeEvaluation) {

    /** Whether the Clio application is configured. */
    public boolean configured() {
        return clientId != null && !clientId.isBlank() && clientSecret != null && !clientSecret.isBlank();
    }
}
