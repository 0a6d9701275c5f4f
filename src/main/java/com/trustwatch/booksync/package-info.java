/**
 * Keeping the book in step with the firm's practice-management system: the connector interface, the sync through the matter package's own use case, and its report.
 */
package com.trustwatch.booksync;
