/**
 * The rules engine: DRL packs and decision tables compiled into a ruleset, the catalogue and counsel's sign-off.
 */
package com.trustwatch.rules;
