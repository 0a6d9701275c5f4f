/**
 * Logins and roles.
 */
package com.trustwatch.security;
