/**
 * The firm's policy as versioned data: ruleset versions uploaded, checked, tested, previewed, approved by a second person, activated and rolled back, and counsel's sign-off of the compliance packs.
 */
package com.trustwatch.policy;
