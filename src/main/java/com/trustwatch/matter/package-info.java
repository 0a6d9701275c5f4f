/**
 * The book: matters, their fields and how they are read from CSV and JSON.
 */
package com.trustwatch.matter;
