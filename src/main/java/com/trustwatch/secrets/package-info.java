/**
 * Secrets at rest: connector tokens and webhook secrets sealed with AES-256-GCM under keys from configuration, never from the database.
 */
package com.trustwatch.secrets;
