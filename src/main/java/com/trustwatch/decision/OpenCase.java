package com.trustwatch.decision;

import java.time.LocalDate;

/**
 * An unpaid replenishment episode carried between evaluations: when it began, the last ladder
 * stage sent, and how many business days it has been open as of the evaluation date.
 */
public record OpenCase(String matterNumber, LocalDate episodeStart, int stageSent, int businessDaysOpen) {
}
