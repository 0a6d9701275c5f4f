package com.trustwatch.matter;

import com.trustwatch.web.InvalidInput;
import com.trustwatch.audit.AuditLog;
import com.trustwatch.audit.AuditKind;
import com.trustwatch.audit.AuditRecord;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
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
    private final FirmToday firmToday;

    /** @param firmToday the firm's today, which no date in a roster may be after; null (fixtures that only parse) holds none to it */
    public ImportRoster(MatterRepository matters, AuditLog audit, @Nullable FirmToday firmToday) {
        this.matters = matters;
        this.audit = audit;
        this.firmToday = firmToday;
    }

    private LocalDate today() {
        return firmToday == null ? null : firmToday.today();
    }

    /** @throws InvalidInput with every problem found, when any row is bad */
    @Transactional
    public Result importCsv(Reader csv, String actor) {
        return write(parse(csv), actor);
    }

    private Result write(List<Matter> parsed, String actor) {
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

    /**
     * Imports an upload as it arrived: strict UTF-8 unless the upload declares another charset
     * ({@link RosterCsv#decode}).
     *
     * @throws InvalidInput with the problems found, when the file or any row is bad
     */
    @Transactional
    public Result importCsv(byte[] csv, Optional<String> declaredCharset, String actor) {
        return write(RosterCsv.read(RosterCsv.decode(csv, declaredCharset), today()), actor);
    }

    /** Parses and validates the whole file; returns the matters or throws with the problems (the first 100 and the count). */
    public List<Matter> parse(Reader csv) {
        return parse(csv, today());
    }

    /**
     * {@link #parse(Reader)} with the day no date in the file may be after: the day a synthetic book is
     * as of (the warm-up's demo roster), not the firm's today.
     */
    public List<Matter> parse(Reader csv, @Nullable LocalDate asOf) {
        try {
            StringBuilder text = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = csv.read(buffer)) >= 0; ) {
                text.append(buffer, 0, n);
            }
            return RosterCsv.read(text.toString(), asOf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
