/**
 * Actions: proposals made concrete (addresses, idempotency key, what a request promises) and the record of every action decided.
 */
package com.trustwatch.action;
