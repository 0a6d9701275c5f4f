package com.trustwatch.booksync;

import java.util.Map;

/**
 * One matter as the practice-management system has it, in the book's own field names (the JSON names
 * of {@code matter.MatterFields}), as text: the matter package's parsers decide what is valid.
 *
 * @param sourceId     the record's id in the source system (a Clio matter id)
 * @param matterNumber the matter number, or null when the source record has none
 * @param fields       field to value; a null value clears the field; fields not named are left as the book has them
 * @param sources      field to where its value came from in the source ("custom field 4401 'Trust floor'"),
 *                     so that a refusal names the field the firm must correct there
 * @param problems     field to why the connector could not read it (a picklist label with no mapping): the record is refused
 * @param defaults     values for fields neither the book nor the source has (the mapping file's defaults)
 * @param balanceOnly  a balance refresh of a matter already in the book: never creates one
 */
public record SourceMatter(String sourceId, String matterNumber, Map<String, String> fields, Map<String, String> sources,
                           Map<String, String> problems, Map<String, String> defaults, boolean balanceOnly) {
}
