/**
 * Trustwatch: trust-retainer monitoring for law firms. One package per feature; see docs/architecture.md.
 */
package com.trustwatch;
