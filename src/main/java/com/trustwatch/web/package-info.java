/**
 * What every HTTP endpoint shares: input errors naming the field, and the error answers.
 */
package com.trustwatch.web;
