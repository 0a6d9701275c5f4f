/**
 * Logins and roles: bcrypt password hashes, the failed-login throttle, and who may read the management endpoints.
 */
package com.trustwatch.security;
