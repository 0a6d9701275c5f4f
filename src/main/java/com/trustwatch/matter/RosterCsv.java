package com.trustwatch.matter;

import com.trustwatch.web.Echo;
import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.web.Problems;
import io.micronaut.core.annotation.Nullable;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a roster CSV as spreadsheet programs and practice-management tools really write it, and
 * refuses only what is truly ambiguous, naming the line (as a text editor counts it, so a quoted cell
 * over two lines moves the lines after it) and the column:
 * <ul>
 *   <li>UTF-8 (or the charset the upload declares), read strictly: a byte that is not valid UTF-8 is
 *       refused with its line and column, never stored as a replacement character;</li>
 *   <li>a UTF-8 byte-order mark (Excel's "CSV UTF-8") is skipped;</li>
 *   <li>rows whose cells are all empty (what Excel leaves after deleting rows) are ignored;</li>
 *   <li>columns with an empty header (what Excel leaves after deleting columns) are ignored while
 *       they are empty; a value under one is refused, since nothing says what it is;</li>
 *   <li>malformed quoting is refused with the line and character where it goes wrong;</li>
 *   <li>each cell is checked by {@link MatterFields}; surrounding spaces are dropped, nothing else.</li>
 * </ul>
 */
final class RosterCsv {

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(false)
            .setAllowMissingColumnNames(true).setDuplicateHeaderMode(DuplicateHeaderMode.ALLOW_EMPTY).get();

    private RosterCsv() {
    }

    /** Decodes the upload: strict UTF-8 unless it declares another charset (its Content-Type's charset parameter). */
    static String decode(byte[] bytes, Optional<String> declared) {
        Charset charset = StandardCharsets.UTF_8;
        if (declared.isPresent()) {
            try {
                charset = Charset.forName(declared.get().trim().replace("\"", ""));
            } catch (IllegalArgumentException e) {
                throw new InvalidInput(List.of(new FieldError(null, "file", "declares the charset " + Echo.of(declared.get())
                        + ", which is not known; send the roster as UTF-8 (in Excel: CSV UTF-8)")));
            }
        }
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate((int) Math.min(Integer.MAX_VALUE - 8L, (long) bytes.length * 2 + 16));
        CoderResult result = decoder.decode(in, out, true);
        if (!result.isError()) {
            result = decoder.flush(out);
        }
        if (result.isError()) {
            int at = in.position();
            String before = new String(bytes, 0, at, charset);
            int line = 1 + (int) before.chars().filter(c -> c == '\n').count();
            int column = before.length() - before.lastIndexOf('\n');
            throw new InvalidInput(List.of(new FieldError(line, column, "file", "is not valid " + charset.name()
                    + " (byte " + (at + 1) + "); save the roster as UTF-8 (in Excel: CSV UTF-8)")));
        }
        out.flip();
        return out.toString();
    }

    /**
     * Every matter in the roster, or {@link InvalidInput} with the problems found (the first 100 and the count).
     *
     * @param today the firm's today: a date after it is refused ({@link MatterFields#parse}); null holds none to it
     */
    static List<Matter> read(String csv, @Nullable LocalDate today) {
        String text = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        Lines lines = new Lines(text);
        Problems problems = new Problems();
        List<Matter> out = new ArrayList<>();
        try (CSVParser parser = FORMAT.parse(new StringReader(text))) {
            List<String> headers = parser.getHeaderNames();
            int width = headers.size();
            Map<MatterFields.Field, Integer> columns = new LinkedHashMap<>();
            List<Integer> unnamed = new ArrayList<>();
            for (int i = 0; i < width; i++) {
                String header = headers.get(i) == null ? "" : headers.get(i).strip();
                if (header.isEmpty()) {
                    unnamed.add(i);
                    continue;
                }
                Optional<MatterFields.Field> field = MatterFields.byCsv(header);
                if (field.isEmpty()) {
                    problems.add(new FieldError(1, header, "unknown column (the columns are listed in the operations guide)"));
                } else if (columns.containsKey(field.get())) {
                    problems.add(new FieldError(1, header, "column appears twice"));
                } else {
                    columns.put(field.get(), i);
                }
            }
            for (MatterFields.Field f : MatterFields.ALL) {
                if (f.required() && !columns.containsKey(f)) {
                    problems.add(new FieldError(1, f.csv(), "required column is missing"));
                }
            }
            problems.refuseIfAny();
            Map<String, Integer> seen = new HashMap<>();
            for (CSVRecord record : parser) {
                int line = lines.lineOf(lines.skipBreaks(record.getCharacterPosition()));
                List<String> cells = record.toList();
                if (cells.stream().allMatch(String::isBlank)) {
                    continue;
                }
                if (cells.size() < width) {
                    problems.add(new FieldError(line, "row", "has " + cells.size() + " cells; the header has " + width));
                    continue;
                }
                boolean stray = false;
                for (int i = 0; i < cells.size(); i++) {
                    if ((i >= width || unnamed.contains(i)) && !cells.get(i).isBlank()) {
                        problems.add(new FieldError(line, "column " + (i + 1), "has the value " + Echo.of(cells.get(i).strip())
                                + " but " + (i >= width ? "the header has only " + width + " columns" : "no header")
                                + "; name the column or clear the cell"));
                        stray = true;
                    }
                }
                if (stray) {
                    continue;
                }
                Map<MatterFields.Field, String> raw = new HashMap<>();
                columns.forEach((field, index) -> raw.put(field, cells.get(index)));
                List<FieldError> rowErrors = new ArrayList<>();
                Matter m = MatterFields.parse(raw, line, MatterFields.Field::csv, rowErrors, today, null);
                problems.addAll(rowErrors);
                if (m == null) {
                    continue;
                }
                Integer first = seen.putIfAbsent(m.matterNumber(), line);
                if (first != null) {
                    problems.add(new FieldError(line, "matter_number", Echo.of(m.matterNumber())
                            + " appears again (first on line " + first + ")"));
                    continue;
                }
                out.add(m);
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // commons-csv says only that the quoting is broken; find where, as a person would look for it
            problems.add(CsvQuoting.firstProblem(text, lines)
                    .orElse(new FieldError(null, "file", "is not a readable CSV file")));
        }
        problems.refuseIfAny();
        if (out.isEmpty()) {
            throw new InvalidInput(List.of(new FieldError(null, "file", "has no data rows")));
        }
        return out;
    }

    /** Where each line of the text starts, to turn a character position into a line number. */
    static final class Lines {
        private final int[] starts;
        private final String text;

        Lines(String text) {
            this.text = text;
            List<Integer> s = new ArrayList<>();
            s.add(0);
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r' && (i + 1 == text.length() || text.charAt(i + 1) != '\n')) {
                    s.add(i + 1);
                }
            }
            starts = s.stream().mapToInt(Integer::intValue).toArray();
        }

        /**
         * The first character at or after {@code position} that is not a line break: commons-csv
         * gives a record's position before the empty lines it skipped, and a record never starts
         * with a line break (an unquoted one ends it; a quoted one starts with the quote).
         */
        long skipBreaks(long position) {
            long p = position;
            while (p < text.length() && (text.charAt((int) p) == '\r' || text.charAt((int) p) == '\n')) {
                p++;
            }
            return p;
        }

        /** The 1-based line holding the character at {@code position}. */
        int lineOf(long position) {
            int i = Arrays.binarySearch(starts, (int) position);
            return i >= 0 ? i + 1 : -i - 1;
        }

        /** The 1-based column of the character at {@code position} in its line. */
        int columnOf(long position) {
            return (int) (position - starts[lineOf(position) - 1]) + 1;
        }
    }
}
