package com.trustwatch.mail;

import jakarta.inject.Singleton;
import org.mvel2.templates.CompiledTemplate;
import org.mvel2.templates.TemplateCompiler;
import org.mvel2.templates.TemplateRuntime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The message templates, as files a firm can edit: {@code <name>.txt} (first line "Subject: ...",
 * then the plain-text body) and {@code <name>.html}. A file in the configured templates folder
 * replaces the shipped one of the same name. Templates use MVEL: {@code @{matterName}},
 * {@code @foreach{m : matters}...@end{}}.
 */
@Singleton
public class MessageTemplates {

    /** A filled-in template. */
    public record Rendered(String subject, String text, String html) {
    }

    private final Path overrideDir;
    private final Map<String, CompiledTemplate> compiled = new ConcurrentHashMap<>();
    private final Map<String, String> subjects = new ConcurrentHashMap<>();

    public MessageTemplates(MailSettings settings) {
        this.overrideDir = settings.templatesDir() == null ? null : Path.of(settings.templatesDir());
    }

    /**
     * Fills in a template. The subject line is split off the template before it is filled in, so a
     * value with a line break (a matter name from a quoted CSV field) cannot cut the subject short and
     * push the rest into the body; the subject is then folded onto one line ({@link HeaderText}).
     */
    public Rendered render(String name, Map<String, Object> vars) {
        String text = apply(name + ".txt", vars);
        String html = apply(name + ".html", escaped(vars));
        String subjectTemplate = subjects.computeIfAbsent(name + ".txt", this::subjectLine);
        String subject = subjectTemplate.isEmpty() ? name
                : HeaderText.fold(String.valueOf(TemplateRuntime.execute(
                compiled.computeIfAbsent("subject:" + name, f -> TemplateCompiler.compileTemplate(subjectTemplate)), vars)),
                HeaderText.SUBJECT);
        return new Rendered(subject, text, html);
    }

    /** The template of the subject: the first line of a .txt template that starts "Subject:", or "". */
    private String subjectLine(String file) {
        String source = load(file);
        int nl = source.indexOf('\n');
        return source.startsWith("Subject:") && nl > 0 ? source.substring("Subject:".length(), nl).trim() : "";
    }

    /** The body of a .txt template: what follows its subject line. */
    private String body(String file) {
        String source = load(file);
        int nl = source.indexOf('\n');
        return file.endsWith(".txt") && source.startsWith("Subject:") && nl > 0 ? source.substring(nl + 1).stripLeading()
                : source;
    }

    /** The same values, HTML-escaped, so a client name with "&" or "<" cannot break the HTML part. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> escaped(Map<String, Object> vars) {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        vars.forEach((k, v) -> out.put(k, escapeValue(v)));
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Object escapeValue(Object v) {
        if (v instanceof String s) {
            return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
        }
        if (v instanceof Map<?, ?> m) {
            return escaped((Map<String, Object>) m);
        }
        if (v instanceof java.util.List<?> l) {
            return l.stream().map(MessageTemplates::escapeValue).toList();
        }
        return v;
    }

    private String apply(String file, Map<String, Object> vars) {
        CompiledTemplate template = compiled.computeIfAbsent(file, f -> TemplateCompiler.compileTemplate(body(f)));
        return String.valueOf(TemplateRuntime.execute(template, vars));
    }

    private String load(String file) {
        try {
            if (overrideDir != null && Files.isRegularFile(overrideDir.resolve(file))) {
                return Files.readString(overrideDir.resolve(file));
            }
            try (InputStream in = MessageTemplates.class.getResourceAsStream("/mail-templates/" + file)) {
                if (in == null) {
                    throw new IllegalStateException("no message template " + file);
                }
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
