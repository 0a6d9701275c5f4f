/**
 * What an operator watches: health (liveness, readiness with database, ruleset and mail transport;
 * details for admins), build and ruleset info, and one request id per HTTP call in every log line.
 */
package com.trustwatch.operations;
