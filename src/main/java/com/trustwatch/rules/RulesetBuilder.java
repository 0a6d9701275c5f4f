package com.trustwatch.rules;

import org.drools.base.definitions.rule.impl.RuleImpl;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.io.Resource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Builds a {@link Ruleset} from the rules folder (DRL, rule templates) and the decision-tables
 * folder (xlsx). Everything is validated first; any problem stops the build with messages naming
 * the file and line, or the workbook, sheet and cell.
 */
public final class RulesetBuilder {

    private static final Pattern PACKAGE = Pattern.compile("(?m)^\\s*package\\s+([\\w.]+)\\s*;?");
    private static final AtomicLong BUILDS = new AtomicLong();

    private final Path rulesDir;
    private final Path tablesDir;
    private final Map<String, byte[]> workbookOverrides = new TreeMap<>();
    private KieBaseCache cache;
    private boolean fromCache;

    public RulesetBuilder(Path rulesDir, Path tablesDir) {
        this.rulesDir = rulesDir;
        this.tablesDir = tablesDir;
    }

    /** Uses {@code content} instead of the file {@code workbook} in the tables folder (previews). */
    public RulesetBuilder withWorkbook(String workbook, byte[] content) {
        workbookOverrides.put(workbook, content.clone());
        return this;
    }

    /**
     * Keeps the compiled packages of each ruleset version in {@code dir} and reuses them when the same
     * sources are built again (see {@link KieBaseCache} for what makes a saved file stale).
     */
    public RulesetBuilder cachingIn(Path dir) {
        this.cache = new KieBaseCache(dir);
        return this;
    }

    /** Whether the last {@link #build()} restored the compiled packages from the cache. */
    public boolean builtFromCache() {
        return fromCache;
    }

    public Ruleset build() {
        fromCache = false;
        List<String> problems = new ArrayList<>();
        Map<String, String> drlFiles = readDrlFiles(problems);
        Map<String, byte[]> workbooks = readWorkbooks(problems);
        Map<String, String> templates = readTemplates(problems);
        ObligationTables.Read obligations = ObligationTables.read(rulesDir, drlFiles, problems);
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        Map<String, String> sources = new TreeMap<>(drlFiles);
        sources.putAll(obligations.texts());
        String version = digest(sources, workbooks, templates);
        String cacheKey = cache == null ? null : KieBaseCache.key(version, drlFiles.values(), templates.values());
        if (cache != null) {
            var hit = cache.load(cacheKey);
            if (hit.isPresent()) {
                fromCache = true;
                KieBaseCache.Entry e = hit.get();
                List<RuleEntry> cached = catalogue(e.kieBase(), e.kfsToSource());
                return new Ruleset(version, e.kieBase(), cached, e.tableDrl(),
                        PackSignoff.of(rulesDir, drlFiles, obligations.texts(), cached, obligations.obligations()),
                        obligations.obligations());
            }
        }

        // 1. tables: validate every cell, then the rows together (gaps, overlaps, ids), then fill the rule templates
        Map<TableTemplate, List<TableRow>> tables = check(workbooks).tables();
        TableCompiler compiler = new TableCompiler();
        Map<String, TableCompiler.CompiledTable> compiled = new LinkedHashMap<>();
        tables.forEach((template, data) -> {
            if (!template.isTests()) {
                compiled.put(kfsPath(template), compiler.compile(template, templates.get(template.template()), data));
            }
        });

        // 2. one KieFileSystem with the DRL files and the generated table DRL
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("com.trustwatch", "ruleset", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem kfs = ks.newKieFileSystem().generateAndWritePomXML(releaseId);
        Map<String, String> kfsToSource = new LinkedHashMap<>();
        drlFiles.forEach((relative, text) -> {
            String path = kfsPath(text, Path.of(relative).getFileName().toString());
            kfsToSource.put(path, "rules/" + relative);
            kfs.write(path, text);
        });
        compiled.forEach((path, table) -> kfs.write(path, table.drl()));

        KieBuilder builder = ks.newKieBuilder(kfs).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            for (Message error : errors) {
                problems.add(describe(error, kfsToSource, compiled));
            }
            throw new RulesetException(problems);
        }
        KieBase kieBase = ks.newKieContainer(releaseId).getKieBase();
        List<RuleEntry> catalogue = catalogue(kieBase, kfsToSource);
        problems.addAll(idsTakenByRuleFiles(catalogue));
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }

        Map<String, String> tableDrl = new LinkedHashMap<>();
        compiled.values().forEach(t -> tableDrl.put(t.template().workbook() + " › " + t.template().sheet(), t.drl()));
        if (cache != null) {
            cache.save(cacheKey, new KieBaseCache.Entry(kieBase, kfsToSource, tableDrl));
        }
        return new Ruleset(version, kieBase, catalogue, tableDrl,
                PackSignoff.of(rulesDir, drlFiles, obligations.texts(), catalogue, obligations.obligations()),
                obligations.obligations());
    }

    /**
     * The fingerprint the ruleset would have: a digest of every DRL file, obligations table, workbook and
     * rule template, as {@link #build()} computes it.
     */
    public String fingerprint() {
        List<String> problems = new ArrayList<>();
        Map<String, String> drlFiles = readDrlFiles(problems);
        Map<String, byte[]> workbooks = readWorkbooks(problems);
        Map<String, String> templates = readTemplates(problems);
        ObligationTables.Read obligations = ObligationTables.read(rulesDir, drlFiles, problems);
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        Map<String, String> sources = new TreeMap<>(drlFiles);
        sources.putAll(obligations.texts());
        return digest(sources, workbooks, templates);
    }

    /**
     * Reads and checks every workbook (the file itself, every cell, the rows together, the Tests sheets)
     * without compiling anything. Every problem of every workbook is reported at once.
     *
     * @throws RulesetException with every problem, each naming workbook, sheet and cell
     */
    public CheckedWorkbooks lint() {
        List<String> problems = new ArrayList<>();
        Map<String, byte[]> workbooks = readWorkbooks(problems);
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        return check(workbooks);
    }

    private static CheckedWorkbooks check(Map<String, byte[]> workbooks) {
        List<String> problems = new ArrayList<>();
        DecisionTableReader reader = new DecisionTableReader();
        Map<TableTemplate, List<TableRow>> tables = new LinkedHashMap<>();
        for (String workbook : ApprovedTables.WORKBOOKS) {
            try {
                tables.putAll(reader.read(workbook, workbooks.get(workbook), ApprovedTables.sheetsOf(workbook)));
            } catch (RulesetException e) {
                problems.addAll(e.problems());
            }
        }
        // also on the workbooks that read cleanly while another did not, so one round shows every problem
        problems.addAll(reader.nameProblems());
        problems.addAll(TableChecks.check(tables));
        if (!problems.isEmpty()) {
            throw new RulesetException(problems);
        }
        return new CheckedWorkbooks(tables);
    }

    private Map<String, String> readDrlFiles(List<String> problems) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(rulesDir)) {
            problems.add("rules folder not found: " + rulesDir.toAbsolutePath());
            return files;
        }
        try (Stream<Path> paths = Files.walk(rulesDir)) {
            for (Path p : paths.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                files.put(rulesDir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) {
            problems.add("no .drl files in the rules folder " + rulesDir.toAbsolutePath());
        }
        return files;
    }

    private Map<String, byte[]> readWorkbooks(List<String> problems) {
        Map<String, byte[]> workbooks = new TreeMap<>();
        for (String name : ApprovedTables.WORKBOOKS) {
            if (workbookOverrides.containsKey(name)) {
                workbooks.put(name, workbookOverrides.get(name));
                continue;
            }
            Path file = tablesDir.resolve(name);
            if (!Files.isRegularFile(file)) {
                problems.add("decision table not found: " + file.toAbsolutePath());
                continue;
            }
            try {
                workbooks.put(name, Files.readAllBytes(file));
            } catch (IOException e) {
                problems.add(name + ": cannot be read (" + e.getMessage() + ")");
            }
        }
        return workbooks;
    }

    private Map<String, String> readTemplates(List<String> problems) {
        Map<String, String> templates = new TreeMap<>();
        for (String name : ApprovedTables.ALL.stream().map(TableTemplate::template).distinct().toList()) {
            Path file = rulesDir.resolve("templates").resolve(name);
            try {
                templates.put(name, Files.readString(file));
            } catch (IOException e) {
                problems.add("rule template not found: " + file.toAbsolutePath());
            }
        }
        return templates;
    }

    /** Where a DRL file goes in the KieFileSystem: under its package's folder, so Drools does not warn. */
    private static String kfsPath(String drl, String fileName) {
        Matcher m = PACKAGE.matcher(drl);
        String folder = m.find() ? m.group(1).replace('.', '/') : "";
        return "src/main/resources/" + folder + (folder.isEmpty() ? "" : "/") + fileName;
    }

    private static String kfsPath(TableTemplate template) {
        String base = template.template().replace(".drt", "");
        return "src/main/resources/trustwatch/tables/" + base + ".drl";
    }

    private static String describe(Message error, Map<String, String> kfsToSource,
                                   Map<String, TableCompiler.CompiledTable> compiled) {
        String path = error.getPath() == null ? "" : "src/main/resources/" + error.getPath();
        TableCompiler.CompiledTable table = compiled.get(path);
        if (table != null) {
            int row = table.sheetRowAt(error.getLine());
            return table.template().workbook() + " › " + table.template().sheet()
                    + (row > 0 ? " › row " + row : "") + ": the row does not compile with the rule template "
                    + table.template().template() + " (" + firstLine(error.getText()) + ")";
        }
        String source = kfsToSource.getOrDefault(path, error.getPath());
        return source + (error.getLine() > 0 ? ":" + error.getLine() : "") + ": " + firstLine(error.getText());
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        return (nl < 0 ? text : text.substring(0, nl)).trim();
    }

    private static List<RuleEntry> catalogue(KieBase kieBase, Map<String, String> kfsToSource) {
        List<RuleEntry> entries = new ArrayList<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Rule rule : pkg.getRules()) {
                Map<String, Object> meta = rule.getMetaData();
                String name = rule.getName();
                int space = name.indexOf(' ');
                String id = str(meta.get("id"), space < 0 ? name : name.substring(0, space));
                String plain = space < 0 ? name : name.substring(space + 1);
                String source = str(meta.get("source"), null);
                String sourceUrl = null;
                if (source != null && source.startsWith("http")) {
                    // a pack rule's @source is where counsel reads the rule text, not the file it lives in
                    sourceUrl = source;
                    source = null;
                }
                if (source == null && rule instanceof RuleImpl impl && impl.getResource() != null) {
                    Resource resource = impl.getResource();
                    String path = resource.getSourcePath();
                    source = kfsToSource.getOrDefault(path, kfsToSource.getOrDefault("src/main/resources/" + path, path));
                }
                Object row = meta.get("row");
                entries.add(new RuleEntry(id, plain, meta.containsKey("sheet") ? "decision-table row" : "drl rule",
                        str(meta.get("citation"), null), str(meta.get("severity"), null),
                        str(meta.get("confidence"), null), str(meta.get("jurisdiction"), null),
                        str(meta.get("code"), null), source, sourceUrl, str(meta.get("policy"), null),
                        str(meta.get("table"), null), str(meta.get("sheet"), null),
                        row instanceof Number n ? n.intValue() : null, str(meta.get("note"), null)));
            }
        }
        entries.sort(Comparator.comparing(RuleEntry::source, Comparator.nullsLast(String::compareTo))
                .thenComparing(RuleEntry::id));
        return entries;
    }

    /**
     * A table row whose id is already a DRL rule's id: actions and audit entries carry the id alone,
     * so two rules with one id could not be told apart.
     */
    private static List<String> idsTakenByRuleFiles(List<RuleEntry> catalogue) {
        Map<String, RuleEntry> drlRules = new LinkedHashMap<>();
        catalogue.stream().filter(e -> e.sheet() == null).forEach(e -> drlRules.putIfAbsent(e.id(), e));
        List<String> problems = new ArrayList<>();
        for (RuleEntry row : catalogue) {
            RuleEntry rule = row.sheet() == null ? null : drlRules.get(row.id());
            if (rule != null) {
                String workbook = row.source().substring(row.source().lastIndexOf('/') + 1);
                problems.add(workbook + " › " + row.sheet() + " › A" + row.row() + ": the id " + row.id()
                        + " is already the id of the rule '" + row.id() + " " + rule.name() + "' in " + rule.source()
                        + "; give the row an id of its own");
            }
        }
        return problems;
    }

    private static String str(Object v, String fallback) {
        return v == null ? fallback : v.toString();
    }

    private static String digest(Map<String, String> drl, Map<String, byte[]> workbooks, Map<String, String> templates) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            drl.forEach((k, v) -> update(sha, k, v.getBytes(StandardCharsets.UTF_8)));
            workbooks.forEach((k, v) -> update(sha, k, v));
            templates.forEach((k, v) -> update(sha, k, v.getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest sha, String name, byte[] content) {
        sha.update(name.getBytes(StandardCharsets.UTF_8));
        sha.update((byte) 0);
        sha.update(content);
        sha.update((byte) 0);
    }
}
