/**
 * What every entry point shares: the rules for input (dates, text, strict JSON bodies), input errors naming the field, paging, and the error answers.
 */
package com.trustwatch.web;
