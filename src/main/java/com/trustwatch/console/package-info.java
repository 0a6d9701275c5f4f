/**
 * The web console: server-rendered pages (Thymeleaf templates, htmx served by the service itself) for
 * billing managers, attorneys, ethics counsel and admins, signed in with a form and a session cookie.
 * Templates live under {@code views/}, scripts and styles under {@code assets/}. Each page checks the same roles as the JSON API behind it and calls the same use
 * cases and owners; it never reads a table itself. Also the sign-in glue: CSRF tokens in the session,
 * a new session id at sign-in, and the security headers of every answer.
 */
package com.trustwatch.console;
