/**
 * The newcomer demo: an embedded book evaluated at start, with made-up logins.
 */
package com.trustwatch.demo;
