package com.trustwatch.web;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.trustwatch.support.Fixture;
import com.trustwatch.support.IntegrationTest;
import com.trustwatch.support.TestMail;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MutableHttpRequest;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.JsonMapper;
import io.micronaut.security.annotation.Secured;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hostile-input corpus ({@code src/test/resources/hostile/corpus.json}, issue 9 section A and
 * issue 10 section F) sent to the running service over HTTP, against real MariaDB and a real SMTP
 * server. Every refusal must name the field (and the CSV line and column where given), say why,
 * carry no internals, and leave every table and the mailbox exactly as they were. Accepted cases
 * are checked by reading back what was stored (the corpus's cases run in order, on one book, as one
 * test). The capped error answer, the catch-all 500 and list paging are tests of their own. Each test that
 * reads or writes the book starts from {@link #theHostileBook()}.
 */
@MicronautTest(transactional = false)
class HostileInputIT extends IntegrationTest {

    /** What an error answer must never contain: class and package names, SQL, parser internals, rule ids. */
    private static final Pattern INTERNALS = Pattern.compile(
            "(?i)exception|com\\.trustwatch|io\\.micronaut|java\\.|jakarta\\.|org\\.|\\bselect\\b|\\binsert into\\b|\\bupdate matter\\b"
                    + "|\\bsql|\\[source|START_OBJECT|VALUE_STRING|\\b(RP|CM|EQ|TT)-\\d|stack|\\.java:");

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    JsonMapper json;

    @Override
    protected Map<String, String> extraProperties() {
        return Map.of("spec.name", "HostileInputIT");
    }

    /** The book the requests run against: the demo roster, two matters at the edge of the ledger's range, one real evaluation, its mail sent. */
    private Fixture theHostileBook() {
        Fixture book = given().theDemoRoster();
        for (String[] m : new String[][]{{"M-HOSTILE-BIG", "999999999990.00"}, {"M-HOSTILE-NEG", "-999999999990.00"}}) {
            book.matter(m[0], Map.of("matterName", "Edge", "clientId", "C-EDGE", "clientName", "Edge", "feeType", "FLAT_FEE",
                    "retainerType", "ONE_TIME", "status", "OPEN", "trustBalance", m[1]));
        }
        book.evaluatedAsOf("2026-11-20").dispatched();
        assertThat(TestMail.server().getReceivedMessages()).as("the evaluation's mail").isNotEmpty();
        return book;
    }

    @TestFactory
    @DisplayName("every case of the hostile-input corpus is refused as it says (or accepted as it says), and a refusal changes nothing")
    Stream<DynamicTest> corpus() throws IOException {
        theHostileBook();
        Map<String, Object> corpus;
        try (InputStream in = getClass().getResourceAsStream("/hostile/corpus.json")) {
            corpus = json.readValue(in.readAllBytes(), Argument.mapOf(String.class, Object.class));
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> cases = (List<Map<String, Object>>) corpus.get("cases");
        assertThat(cases).hasSizeGreaterThan(100);
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.get("id") + " (" + c.get("issue") + "): " + c.get("what"),
                () -> run(c)));
    }

    private void run(Map<String, Object> c) throws Exception {
        int expected = ((Number) c.get("status")).intValue();
        Map<String, String> before = expected >= 400 ? fingerprint() : null;
        boolean isJson = c.containsKey("json");
        Reply reply = send((String) c.get("method"), (String) c.get("path"), (String) c.get("user"),
                isJson ? "application/json" : (String) c.get("contentType"), isJson ? json.writeValueAsBytes(c.get("json")) : body(c));
        assertThat(reply.status).as("status; answer: %s", reply.text).isEqualTo(expected);
        if (expected >= 400) {
            assertThat(fingerprint()).as("a refused request changed nothing").isEqualTo(before);
            assertRefusal(c, reply);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> then = (List<Map<String, Object>>) c.get("then");
        if (then != null) {
            for (Map<String, Object> check : then) {
                Reply got = send("GET", (String) check.get("get"), "admin", null, null);
                assertThat(got.status).as(got.text).isEqualTo(200);
                @SuppressWarnings("unchecked")
                Map<String, Object> has = (Map<String, Object>) check.get("has");
                Object body = got.json(json);
                List<?> items = body instanceof List<?> l ? l : List.of(body);
                assertThat(items).as("%s holds %s", check.get("get"), has)
                        .anySatisfy(item -> {
                            @SuppressWarnings("unchecked")
                            Map<String, Object> stored = (Map<String, Object>) item;
                            assertThat(stored).containsAllEntriesOf(has);
                        });
            }
        }
    }

    private void assertRefusal(Map<String, Object> c, Reply reply) throws IOException {
        assertThat(reply.text.length()).as("an error answer is small").isLessThan(64 * 1024);
        assertThat(reply.text).as("an error answer carries no internals").doesNotContainPattern(INTERNALS);
        Map<String, Object> body = json.readValue(reply.text, Argument.mapOf(String.class, Object.class));
        assertThat(body).containsKey("message");
        String field = (String) c.get("field");
        if (field == null) {
            return;
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> errors = (List<Map<String, Object>>) body.get("errors");
        assertThat(errors).as("the errors of %s", reply.text).isNotEmpty();
        assertThat(((Number) body.get("total")).intValue()).isGreaterThanOrEqualTo(errors.size());
        Integer line = c.get("line") == null ? null : ((Number) c.get("line")).intValue();
        Integer column = c.get("column") == null ? null : ((Number) c.get("column")).intValue();
        String says = (String) c.getOrDefault("says", "");
        assertThat(errors).as("an error naming %s%s%s and saying '%s' in %s", field,
                        line == null ? "" : " on line " + line, column == null ? "" : " column " + column, says, reply.text)
                .anySatisfy(e -> {
                    assertThat(e.get("field")).isEqualTo(field);
                    if (line != null) {
                        assertThat(((Number) e.get("line")).intValue()).isEqualTo(line);
                    }
                    if (column != null) {
                        assertThat(((Number) e.get("column")).intValue()).isEqualTo(column);
                    }
                    assertThat((String) e.get("message")).contains(says);
                });
    }

    private static byte[] body(Map<String, Object> c) throws IOException {
        if (c.get("body") != null) {
            return ((String) c.get("body")).getBytes(StandardCharsets.UTF_8);
        }
        if (c.get("bodyBase64") != null) {
            return Base64.getDecoder().decode((String) c.get("bodyBase64"));
        }
        if (c.get("file") != null) {
            try (InputStream in = Objects.requireNonNull(HostileInputIT.class.getResourceAsStream("/" + c.get("file")),
                    "corpus file " + c.get("file"))) {
                return in.readAllBytes();
            }
        }
        return null;
    }

    @Test
    @DisplayName("an empty roster upload is refused by the importer with its own words, and imports nothing")
    void emptyRosterIsRefused() throws Exception {
        theHostileBook();
        Map<String, String> before = fingerprint();
        Reply reply = send("POST", "/api/matters/import", "billing", "text/csv", new byte[0]);
        assertThat(reply.status).isEqualTo(422);
        assertThat(reply.text).contains("errors");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    @DisplayName("a roster with 20,000 bad rows answers with the first 100 problems and the count, in a small answer, and imports nothing")
    void largeBadRosterAnswerIsCapped() throws Exception {
        theHostileBook();
        StringBuilder csv = new StringBuilder("matter_number,matter_name,client_id,client_name,fee_type,retainer_type,status,trust_balance\r\n");
        for (int i = 0; i < 20_000; i++) {
            csv.append("B-").append(i).append(",Bad row with a long enough name to make the file large,C-B,Client,HOURLY,EVERGREEN,OPEN,12,50\r\n");
        }
        assertThat(csv.length()).isGreaterThan(1_500_000);
        Map<String, String> before = fingerprint();
        Reply reply = send("POST", "/api/matters/import", "billing", "text/csv", csv.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(reply.status).isEqualTo(422);
        assertThat(reply.text.length()).as("answer size").isLessThan(32 * 1024);
        Map<String, Object> body = json.readValue(reply.text, Argument.mapOf(String.class, Object.class));
        assertThat((List<?>) body.get("errors")).hasSize(100);
        assertThat(body).containsEntry("total", 20_000);
        assertThat((String) body.get("message")).contains("line 2, column 9: has the value '50'").contains("and 19995 more problems");
        assertThat(fingerprint()).isEqualTo(before);
    }

    @Test
    @DisplayName("an unexpected failure answers 500 with a reference and no internals, and the log has the whole story under that reference")
    void unexpectedFailureAnswersWithReference() throws Exception {
        Logger logger = (Logger) LoggerFactory.getLogger(UnexpectedFailures.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        logger.addAppender(logged);
        try {
            Reply reply = send("GET", "/test-only/failure", "admin", null, null);
            assertThat(reply.status).isEqualTo(500);
            assertThat(reply.text).doesNotContainPattern(INTERNALS).doesNotContain("secret_column");
            Map<String, Object> body = json.readValue(reply.text, Argument.mapOf(String.class, Object.class));
            String reference = (String) body.get("reference");
            assertThat(reference).isNotBlank();
            assertThat((String) body.get("message")).contains(reference);
            assertThat(logged.list).anySatisfy(e -> {
                assertThat(e.getFormattedMessage()).contains(reference);
                assertThat(e.getThrowableProxy().getMessage()).contains("secret_column");
            });
        } finally {
            logger.detachAppender(logged);
        }
    }

    @Test
    @DisplayName("GET /api/matters pages: size items, the total, and Link headers to first, prev, next and last that keep the filters")
    void mattersArePaged() throws Exception {
        theHostileBook();
        long total = count("SELECT COUNT(*) FROM matter");
        assertThat(total).isGreaterThan(12);
        Reply first = send("GET", "/api/matters?size=5", "billing", null, null);
        assertThat(first.status).isEqualTo(200);
        assertThat((List<?>) first.json(json)).hasSize(5);
        assertThat(first.headers.get("X-Total-Count")).isEqualTo(Long.toString(total));
        Map<String, String> links = links(first.headers.get("Link"));
        assertThat(links).containsKeys("first", "next", "last").doesNotContainKey("prev");
        Reply second = send("GET", links.get("next"), "billing", null, null);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> page2 = (List<Map<String, Object>>) second.json(json);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> page1 = (List<Map<String, Object>>) first.json(json);
        assertThat(page2).hasSize(5);
        assertThat(page2.get(0).get("matterNumber").toString()).isGreaterThan(page1.get(4).get("matterNumber").toString());
        assertThat(links(second.headers.get("Link"))).containsKeys("prev", "next");
        Reply last = send("GET", links.get("last"), "billing", null, null);
        assertThat((List<?>) last.json(json)).hasSize((int) (total - (total - 1) / 5 * 5));
        assertThat(links(last.headers.get("Link"))).doesNotContainKey("next");

        Reply all = send("GET", "/api/matters", "billing", null, null);
        assertThat((List<?>) all.json(json)).as("the default page holds the whole of a small book").hasSize((int) total);
        Reply capped = send("GET", "/api/matters?size=1000000", "billing", null, null);
        assertThat(capped.status).isEqualTo(200);
        assertThat(capped.headers.get("Link")).contains("size=1000");
    }

    @Test
    @DisplayName("the exception queue, the outbox, the audit trail and a matter's ledger page the same way, keeping their filters")
    void everyListIsPaged() throws Exception {
        // the ledger page needs events of its own: the demo roster lists balances, not transactions
        theHostileBook()
                .drawdown("M-2025-0201", "120.00", "2026-11-16", "Filing fee")
                .drawdown("M-2025-0201", "1.00", "2026-11-19", "Courier");
        assertPaged("/api/exceptions?status=OPEN", "billing", "SELECT COUNT(*) FROM exception_item WHERE status = 'OPEN'", "status=OPEN");
        assertPaged("/api/outbox?state=SENT", "billing", "SELECT COUNT(*) FROM outbox WHERE state = 'SENT'", "state=SENT");
        assertPaged("/api/audit", "ethics", "SELECT COUNT(*) FROM audit_entry", null);
        assertPaged("/api/audit?matter=M-2024-0847", "ethics", "SELECT COUNT(*) FROM audit_entry WHERE matter_number = 'M-2024-0847'", "matter=M-2024-0847");
        assertPaged("/api/matters/M-2025-0201/transactions", "billing",
                "SELECT COUNT(*) FROM ledger_transaction WHERE matter_number = 'M-2025-0201'", null);
        Reply legacy = send("GET", "/api/audit?limit=3", "ethics", null, null);
        assertThat((List<?>) legacy.json(json)).as("the older limit parameter still sets the page size").hasSize(3);
    }

    @Test
    @DisplayName("a query parameter the endpoint does not read is refused with 400 naming it and the ones it reads, and changes nothing; without a login it is 401 as before")
    void unknownQueryParametersAreRefused() throws Exception {
        theHostileBook();
        long evaluations = count("SELECT COUNT(*) FROM evaluation");
        long audit = count("SELECT COUNT(*) FROM audit_entry");
        Reply outbox = send("GET", "/api/outbox?status=DEAD", "billing", null, null);
        assertThat(outbox.status).as(outbox.text).isEqualTo(400);
        assertThat(outbox.text).contains("\"field\":\"status\"").contains("is not a parameter of GET /api/outbox")
                .contains("which reads limit, matter, page, size, state").doesNotContainPattern(INTERNALS);
        Reply queue = send("GET", "/api/exceptions?state=OPEN&page=1", "billing", null, null);
        assertThat(queue.status).as(queue.text).isEqualTo(400);
        assertThat(queue.text).contains("\"field\":\"state\"");
        Reply matters = send("GET", "/api/matters?sort=balance", "billing", null, null);
        assertThat(matters.status).as(matters.text).isEqualTo(400);
        assertThat(matters.text).contains("\"field\":\"sort\"");

        Reply trigger = send("POST", "/api/evaluations?asOf=2026-11-01", "scheduler", "application/json",
                "{\"dryRun\":false}".getBytes(StandardCharsets.UTF_8));
        assertThat(trigger.status).as("the as-of date belongs in the body: %s", trigger.text).isEqualTo(400);
        assertThat(trigger.text).contains("\"field\":\"asOf\"").contains("which reads none");
        assertThat(count("SELECT COUNT(*) FROM evaluation")).isEqualTo(evaluations);
        assertThat(count("SELECT COUNT(*) FROM audit_entry")).isEqualTo(audit);

        assertThat(send("GET", "/api/outbox?status=DEAD", null, null, null).status).isEqualTo(401);
        assertThat(send("GET", "/api/outbox?state=DEAD&page=1&size=5", "billing", null, null).status).isEqualTo(200);
    }

    private void assertPaged(String path, String user, String countSql, String keptFilter) throws Exception {
        long total = count(countSql);
        assertThat(total).as(countSql).isGreaterThan(0);
        String sep = path.contains("?") ? "&" : "?";
        Reply page = send("GET", path + sep + "size=1", user, null, null);
        assertThat(page.status).as(page.text).isEqualTo(200);
        assertThat((List<?>) page.json(json)).hasSize(1);
        assertThat(page.headers.get("X-Total-Count")).isEqualTo(Long.toString(total));
        Map<String, String> links = links(page.headers.get("Link"));
        assertThat(links.get("last")).contains("page=" + total);
        if (keptFilter != null) {
            assertThat(links.values()).allSatisfy(l -> assertThat(l).contains(keptFilter));
        }
        Reply all = send("GET", path, user, null, null);
        assertThat((List<?>) all.json(json)).hasSize((int) Math.min(total, 100));
    }

    private static Map<String, String> links(String header) {
        Map<String, String> out = new LinkedHashMap<>();
        Matcher m = Pattern.compile("<([^>]*)>; rel=\"(\\w+)\"").matcher(header == null ? "" : header);
        while (m.find()) {
            out.put(m.group(2), m.group(1));
        }
        return out;
    }

    /** Every table's checksum and the mailbox's size: a refused request must leave all of them as they were. */
    private Map<String, String> fingerprint() throws SQLException {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = db(); Statement s = c.createStatement()) {
            List<String> tables = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()"
                    + " AND table_name <> 'flyway_schema_history' ORDER BY table_name")) {
                while (rs.next()) {
                    tables.add(rs.getString(1));
                }
            }
            try (ResultSet rs = s.executeQuery("CHECKSUM TABLE " + String.join(", ", tables) + " EXTENDED")) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        out.put("mailbox", Integer.toString(TestMail.server().getReceivedMessages().length));
        return out;
    }

    private record Reply(int status, String text, Map<String, String> headers) {
        Object json(JsonMapper json) throws IOException {
            return json.readValue(text, Argument.OBJECT_ARGUMENT);
        }
    }

    private Reply send(String method, String path, String user, String contentType, byte[] body) {
        MutableHttpRequest<Object> request = HttpRequest.create(HttpMethod.parse(method), path);
        if (body != null) {
            request.body(body);
        }
        if (contentType != null) {
            request.contentType(contentType);
        }
        if (user != null) {
            request.basicAuth(user, PASSWORD);
        }
        HttpResponse<String> response;
        try {
            response = http.toBlocking().exchange(request, Argument.STRING, Argument.STRING);
        } catch (HttpClientResponseException e) {
            response = (HttpResponse<String>) e.getResponse();
            String text = e.getResponse().getBody(String.class).orElse("");
            return new Reply(e.getStatus().getCode(), text, headers(response));
        }
        return new Reply(response.code(), response.getBody().orElse(""), headers(response));
    }

    private static Map<String, String> headers(HttpResponse<?> response) {
        Map<String, String> out = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        response.getHeaders().forEach((name, values) -> out.put(name, String.join(", ", values)));
        return out;
    }

    /** Only in this test's application: a call that fails the way a bug or a database fault would. */
    @Controller("/test-only")
    @Requires(property = "spec.name", value = "HostileInputIT")
    @Secured("ADMIN")
    static class FailingController {
        @Get("/failure")
        String failure() {
            throw new IllegalStateException("SQL [SELECT secret_column FROM matter WHERE 1 = 1]; nested exception is"
                    + " java.sql.SQLSyntaxErrorException: Unknown column 'secret_column'");
        }
    }
}
