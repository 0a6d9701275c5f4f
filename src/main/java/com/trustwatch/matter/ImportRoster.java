package com.trustwatch.matter;

import com.trustwatch.web.FieldError;
import com.trustwatch.web.InvalidInput;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditRecord;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Imports a roster CSV (what a billing manager exports from Clio, MyCase, PracticePanther or
 * Smokeball): all or nothing. Every row is checked first; one bad value refuses the whole file
 * with each problem's line and column, and nothing is written.
 */
@Singleton
public class ImportRoster {

    /** What an import did. */
    @Serdeable
    public record Result(int rows, int created, int updated) {
    }

    private static final int WRITE_CHUNK = 500;
    private final MatterRepository matters;
    private final AuditLog audit;

    public ImportRoster(MatterRepository matters, AuditLog audit) {
        this.matters = matters;
        this.audit = audit;
    }

    /** @throws InvalidInput with every problem found, when any row is bad */
    @Transactional
    public Result importCsv(Reader csv, String actor) {
        List<Matter> parsed = parse(csv);
        int created = 0;
        int updated = 0;
        for (int from = 0; from < parsed.size(); from += WRITE_CHUNK) {
            List<Matter> chunk = parsed.subList(from, Math.min(parsed.size(), from + WRITE_CHUNK));
            Map<String, Long> existing = new HashMap<>();
            matters.findByMatterNumberIn(chunk.stream().map(Matter::matterNumber).toList())
                    .forEach(m -> existing.put(m.matterNumber(), m.id()));
            List<Matter> inserts = new ArrayList<>();
            List<Matter> updates = new ArrayList<>();
            for (Matter m : chunk) {
                Long id = existing.get(m.matterNumber());
                if (id == null) {
                    inserts.add(m);
                } else {
                    updates.add(m.withId(id));
                }
            }
            if (!inserts.isEmpty()) {
                matters.saveAll(inserts);
            }
            if (!updates.isEmpty()) {
                matters.updateAll(updates);
            }
            created += inserts.size();
            updated += updates.size();
        }
        audit.append(AuditRecord.of(AuditKind.ROSTER_IMPORTED, actor,
                "roster import: " + parsed.size() + " rows, " + created + " created, " + updated + " updated"));
        return new Result(parsed.size(), created, updated);
    }

    /** Parses and validates the whole file; returns the matters or throws with every problem. */
    public List<Matter> parse(Reader csv) {
        List<FieldError> errors = new ArrayList<>();
        List<Matter> out = new ArrayList<>();
        try (CSVParser parser = CSVFormat.DEFAULT.builder()
                .setHeader().setSkipHeaderRecord(true).setIgnoreEmptyLines(true).setTrim(true).get().parse(csv)) {
            Map<MatterFields.Field, String> columns = new LinkedHashMap<>();
            for (String header : parser.getHeaderNames()) {
                Optional<MatterFields.Field> field = MatterFields.byCsv(header);
                if (field.isEmpty()) {
                    errors.add(new FieldError(1, header, "unknown column"));
                } else if (columns.containsKey(field.get())) {
                    errors.add(new FieldError(1, header, "column appears twice"));
                } else {
                    columns.put(field.get(), header);
                }
            }
            for (MatterFields.Field f : MatterFields.ALL) {
                if (f.required() && !columns.containsKey(f)) {
                    errors.add(new FieldError(1, f.csv(), "required column is missing"));
                }
            }
            if (!errors.isEmpty()) {
                throw new InvalidInput(errors);
            }
            Map<String, Integer> seen = new HashMap<>();
            for (CSVRecord record : parser) {
                int line = (int) record.getRecordNumber() + 1;
                Map<MatterFields.Field, String> raw = new HashMap<>();
                if (!record.isConsistent()) {
                    errors.add(new FieldError(line, "row", "has " + record.size() + " cells; the header has "
                            + parser.getHeaderNames().size()));
                    continue;
                }
                columns.forEach((field, header) -> raw.put(field, record.get(header)));
                Matter m = MatterFields.parse(raw, line, MatterFields.Field::csv, errors);
                if (m == null) {
                    continue;
                }
                Integer first = seen.putIfAbsent(m.matterNumber(), line);
                if (first != null) {
                    errors.add(new FieldError(line, "matter_number", "'" + m.matterNumber()
                            + "' appears again (first on line " + first + ")"));
                    continue;
                }
                out.add(m);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (IllegalArgumentException | IllegalStateException e) {
            if (e instanceof InvalidInput) {
                throw e;
            }
            errors.add(new FieldError(null, "file", "not a readable CSV file: " + e.getMessage()));
        }
        if (!errors.isEmpty()) {
            throw new InvalidInput(errors);
        }
        if (out.isEmpty()) {
            throw new InvalidInput(List.of(new FieldError(null, "file", "has no data rows")));
        }
        return out;
    }
}
