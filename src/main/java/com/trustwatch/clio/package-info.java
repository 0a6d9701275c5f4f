/**
 * The Clio Manage connector: OAuth 2.0 with refresh tokens sealed at rest, paged and incremental reads of matters, contacts and trust balances within Clio's rate limits, and the operator's field mapping.
 */
package com.trustwatch.clio;
