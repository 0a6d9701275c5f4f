/**
 * Messages: composition from editable templates, and transport (SMTP, or .eml files in a folder).
 */
package com.trustwatch.mail;
