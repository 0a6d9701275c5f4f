/**
 * The web console: server-rendered pages (Thymeleaf views under {@code views/}, htmx from
 * {@code /assets}) for billing managers, ethics counsel and admins, signed in with a form and a
 * session cookie. Each page checks the same roles as the JSON API behind it and calls the same use
 * cases and owners; it never reads a table itself. Also the sign-in glue: CSRF tokens in the session,
 * a new session id at sign-in, and the security headers of every answer.
 */
package com.trustwatch.console;
