/**
 * The exception queue: what needs a person (tasks, data-quality items, serious flags, dead letters) and who handled it.
 */
package com.trustwatch.exceptionqueue;
