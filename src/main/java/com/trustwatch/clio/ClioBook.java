package com.trustwatch.clio;

import com.fasterxml.jackson.databind.JsonNode;
import com.trustwatch.booksync.PracticeBook;
import com.trustwatch.booksync.SourceMatter;
import com.trustwatch.db.Timestamps;
import com.trustwatch.money.Money;
import jakarta.inject.Singleton;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Clio Manage as the book's source. One read: the matters changed since the cursor
 * ({@code updated_since}) with their client, attorney, practice area, trust balances and custom
 * fields; the contacts changed since then, whose matters are read again (a client's new email does not
 * change the matter's {@code updated_at}); and the trust balances of every open or pending matter,
 * because a deposit need not touch the matter's {@code updated_at}. Field mapping:
 * <ul>
 * <li>matterNumber: {@code display_number}; matterName: {@code description}; status: open and pending
 * are OPEN, closed is CLOSED with {@code close_date}</li>
 * <li>clientId: {@code clio-<client id>}; clientName and the billing contact: the client's name,
 * primary email address and primary phone number</li>
 * <li>attorney: {@code responsible_attorney}; practiceArea: {@code practice_area.name}</li>
 * <li>trustBalance: the sum of {@code account_balances} whose type is Trust (a matter with none has 0.00)</li>
 * <li>floor: the mapped custom field, else Clio's {@code evergreen_retainer.minimum_threshold}</li>
 * <li>custom fields by id from the mapping file; picklists by their label</li>
 * </ul>
 */
@Singleton
public class ClioBook implements PracticeBook {

    static final String MATTERS = "/api/v4/matters.json";
    static final String CONTACTS = "/api/v4/contacts.json";
    static final String MATTER_FIELDS = "id,etag,display_number,description,status,open_date,close_date,updated_at,"
            + "client{id,name,type,primary_email_address,primary_phone_number},"
            + "practice_area{id,name},responsible_attorney{id,name,email},"
            + "account_balances{id,balance,type,name},"
            + "evergreen_retainer{id,minimum_threshold},"
            + "custom_field_values{id,field_name,field_type,value,custom_field,picklist_option}";
    static final String CONTACT_FIELDS = "id,etag,name,type,updated_at,primary_email_address,primary_phone_number";
    static final String BALANCE_FIELDS = "id,display_number,status,account_balances{id,balance,type,name}";

    private final ClioSettings settings;
    private final ClioClient clio;
    private final ClioConnection connection;
    private final Clock clock;
    private volatile ClioMapping mapping;

    public ClioBook(ClioSettings settings, ClioClient clio, ClioConnection connection, Clock clock) {
        this.settings = settings;
        this.clio = clio;
        this.connection = connection;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "Clio";
    }

    @Override
    public boolean configured() {
        return settings.configured();
    }

    @Override
    public Optional<Instant> cursor() {
        return connection.syncedThrough();
    }

    @Override
    public void advance(Instant through) {
        connection.syncedThrough(through.minusSeconds(Math.max(0, settings.overlapSeconds())), Timestamps.now(clock));
    }

    /** The mapping file, read at each sync so that an operator's edit takes effect without a restart. */
    ClioMapping mapping() {
        String file = settings.mappingFile();
        mapping = file == null || file.isBlank() ? ClioMapping.empty() : ClioMapping.load(Path.of(file));
        return mapping;
    }

    @Override
    public Reading read(Optional<Instant> since) {
        ClioMapping map = mapping();
        String limit = Integer.toString(Math.max(1, Math.min(200, settings.pageSize())));
        Map<String, String> q = new LinkedHashMap<>();
        q.put("fields", MATTER_FIELDS);
        q.put("limit", limit);
        q.put("order", "id(asc)");
        since.ifPresent(s -> q.put("updated_since", s.toString()));
        List<JsonNode> changed = clio.listAll(MATTERS, q);

        Map<String, SourceMatter> out = new LinkedHashMap<>();
        Set<Long> clientsRead = new HashSet<>();
        for (JsonNode m : changed) {
            out.put(m.path("id").asText(), map(m, map));
            clientsRead.add(m.path("client").path("id").asLong(-1));
        }
        int contactsRead = 0;
        int balancesRead = 0;
        if (since.isPresent()) {
            Map<String, String> cq = new LinkedHashMap<>();
            cq.put("fields", CONTACT_FIELDS);
            cq.put("limit", limit);
            cq.put("order", "id(asc)");
            cq.put("updated_since", since.get().toString());
            List<JsonNode> contacts = clio.listAll(CONTACTS, cq);
            contactsRead = contacts.size();
            for (JsonNode c : contacts) {
                long id = c.path("id").asLong(-1);
                if (id < 0 || !clientsRead.add(id)) {
                    continue;
                }
                Map<String, String> mq = new LinkedHashMap<>();
                mq.put("fields", MATTER_FIELDS);
                mq.put("limit", limit);
                mq.put("order", "id(asc)");
                mq.put("client_id", Long.toString(id));
                for (JsonNode m : clio.listAll(MATTERS, mq)) {
                    out.putIfAbsent(m.path("id").asText(), map(m, map));
                }
            }
            Map<String, String> bq = new LinkedHashMap<>();
            bq.put("fields", BALANCE_FIELDS);
            bq.put("limit", limit);
            bq.put("order", "id(asc)");
            bq.put("status", "open,pending");
            List<JsonNode> balances = clio.listAll(MATTERS, bq);
            balancesRead = balances.size();
            for (JsonNode m : balances) {
                if (!out.containsKey(m.path("id").asText())) {
                    out.put(m.path("id").asText(), balanceOnly(m));
                }
            }
        }
        Map<String, Integer> read = new LinkedHashMap<>();
        read.put("matters", changed.size());
        read.put("contacts", contactsRead);
        read.put("balances", balancesRead);
        return new Reading(List.copyOf(out.values()), read);
    }

    private SourceMatter balanceOnly(JsonNode m) {
        Map<String, String> fields = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        trustBalance(m, fields, sources, problems);
        return new SourceMatter(m.path("id").asText(), text(m, "display_number"), fields, sources, problems, Map.of(), true);
    }

    /** One Clio matter record in the book's fields. */
    SourceMatter map(JsonNode m, ClioMapping map) {
        Map<String, String> fields = new HashMap<>();
        Map<String, String> sources = new HashMap<>();
        Map<String, String> problems = new LinkedHashMap<>();
        put(fields, sources, "matterName", text(m, "description"), "description");
        String status = text(m, "status");
        if ("open".equalsIgnoreCase(status) || "pending".equalsIgnoreCase(status)) {
            put(fields, sources, "status", "OPEN", "status");
            fields.put("closedOn", null);
        } else if ("closed".equalsIgnoreCase(status)) {
            put(fields, sources, "status", "CLOSED", "status");
            put(fields, sources, "closedOn", text(m, "close_date"), "close_date");
        } else {
            problems.put("status", "status (from status): '" + status + "' is not open, pending or closed");
        }
        JsonNode client = m.path("client");
        if (client.hasNonNull("id")) {
            put(fields, sources, "clientId", "clio-" + client.path("id").asText(), "client.id");
            put(fields, sources, "clientName", text(client, "name"), "client.name");
            put(fields, sources, "billingContactName", text(client, "name"), "client.name");
            put(fields, sources, "billingContactEmail", text(client, "primary_email_address"), "client.primary_email_address");
            put(fields, sources, "billingContactPhone", text(client, "primary_phone_number"), "client.primary_phone_number");
        }
        JsonNode attorney = m.path("responsible_attorney");
        if (attorney.isObject()) {
            put(fields, sources, "attorneyName", text(attorney, "name"), "responsible_attorney.name");
            put(fields, sources, "attorneyEmail", text(attorney, "email"), "responsible_attorney.email");
        }
        if (m.path("practice_area").isObject()) {
            put(fields, sources, "practiceArea", text(m.path("practice_area"), "name"), "practice_area.name");
        }
        trustBalance(m, fields, sources, problems);
        JsonNode threshold = m.path("evergreen_retainer").path("minimum_threshold");
        if (threshold.isNumber() || threshold.isTextual()) {
            put(fields, sources, "floor", amount(threshold), "evergreen_retainer.minimum_threshold");
        }
        for (JsonNode v : m.path("custom_field_values")) {
            long id = v.path("custom_field").path("id").asLong(-1);
            String target = map.customFields().get(id);
            if (target == null) {
                continue;
            }
            String where = "custom field " + id + " '" + v.path("field_name").asText("") + "'";
            String value;
            if ("picklist".equals(v.path("field_type").asText())) {
                value = v.path("picklist_option").hasNonNull("option") ? v.path("picklist_option").path("option").asText() : null;
            } else {
                JsonNode raw = v.path("value");
                value = raw.isNull() || raw.isMissingNode() ? null : raw.isNumber() ? amount(raw) : raw.asText();
            }
            if (value != null && map.values().containsKey(target)) {
                String mapped = map.values().get(target).get(value);
                if (mapped == null) {
                    problems.put(target, target + " (from " + where + "): '" + value + "' has no mapping under values."
                            + target + " in the mapping file (" + String.join(", ", map.values().get(target).keySet()) + ")");
                    continue;
                }
                value = mapped;
            }
            if (value != null && !value.isBlank()) {
                put(fields, sources, target, value, where);
            }
        }
        return new SourceMatter(m.path("id").asText(), text(m, "display_number"), fields, sources, problems,
                map.defaults(), false);
    }

    private static void trustBalance(JsonNode m, Map<String, String> fields, Map<String, String> sources,
                                     Map<String, String> problems) {
        JsonNode balances = m.path("account_balances");
        if (!balances.isArray()) {
            problems.put("trustBalance", "trustBalance (from account_balances): Clio sent no account balances for the"
                    + " matter (is the application allowed to read them?)");
            return;
        }
        BigDecimal sum = BigDecimal.ZERO;
        for (JsonNode ab : balances) {
            if (!"Trust".equalsIgnoreCase(ab.path("type").asText())) {
                continue;
            }
            JsonNode b = ab.path("balance");
            if (!b.isNumber() && !b.isTextual()) {
                problems.put("trustBalance", "trustBalance (from account_balances " + ab.path("name").asText() + "): no balance");
                return;
            }
            try {
                sum = sum.add(Money.parse(amount(b)).amount());
            } catch (IllegalArgumentException e) {
                problems.put("trustBalance", "trustBalance (from account_balances " + ab.path("name").asText() + "): "
                        + e.getMessage());
                return;
            }
        }
        put(fields, sources, "trustBalance", Money.json(sum), "account_balances (type Trust)");
    }

    /** A JSON number as Clio sends money (1850.25, 2500.0) in plain text, never through double. */
    private static String amount(JsonNode n) {
        return n.isNumber() ? n.decimalValue().toPlainString() : n.asText().trim();
    }

    private static void put(Map<String, String> fields, Map<String, String> sources, String field, String value,
                            String source) {
        fields.put(field, value == null || value.isBlank() ? null : value);
        sources.put(field, source);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isNull() || v.isMissingNode() ? null : v.asText();
    }
}
