/**
 * The append-only, hash-chained audit log and its verification.
 */
package com.trustwatch.audit;
