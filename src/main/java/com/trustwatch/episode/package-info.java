/**
 * The escalation ladder's memory: each matter's open low-balance episode, kept between evaluations.
 */
package com.trustwatch.episode;
