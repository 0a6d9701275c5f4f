package com.trustwatch.operations;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The shipped logback.xml, loaded on its own: every line dated with its offset, levelled, with the request id. */
class LogFormatTest {

    @AfterEach
    void restore() {
        MDC.clear();
    }

    private String logOneLine(String format) throws Exception {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(MDC.getMDCAdapter()); // the MDC the application writes through slf4j
        context.start();
        if (format != null) {
            context.putProperty("TRUSTWATCH_LOG_FORMAT", format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(Path.of("src/main/resources/logback.xml").toFile());
        // the console appender the configuration chose, writing to this test instead of the console
        var chosen = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).iteratorForAppenders().next();
        assertThat(chosen.getName()).isEqualTo(format == null ? "text" : format);
        ((ch.qos.logback.core.OutputStreamAppender<?>) chosen).setOutputStream(captured);
        MDC.put("requestId", "req-7");
        context.getLogger("com.trustwatch.evaluation.EvaluateMatters").info("evaluation e-1 DONE: 12 matters");
        context.getLogger("com.trustwatch.outbox.Dispatcher").warn("delivery attempt 1 failed");
        context.stop();
        return captured.toString(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("the text layout puts date, time with its UTC offset, level and request id on every line")
    void textLayout() throws Exception {
        String out = logOneLine(null);
        assertThat(out.lines().toList()).hasSize(2).allSatisfy(line -> assertThat(line)
                .matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d) (INFO |WARN ) \\[req-7] .+"));
        assertThat(out).contains("evaluation e-1 DONE: 12 matters");
    }

    @Test
    @DisplayName("TRUSTWATCH_LOG_FORMAT=json writes one JSON object per line with timestamp, level, logger, message and request id")
    void jsonLayout() throws Exception {
        String out = logOneLine("json");
        assertThat(out.lines().toList()).hasSize(2).allSatisfy(line -> assertThat(line)
                .startsWith("{").endsWith("}")
                .containsPattern("\"@timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}(Z|[+-]\\d\\d:\\d\\d)\"")
                .contains("\"requestId\":\"req-7\"")
                .containsPattern("\"level\":\"(INFO|WARN)\""));
        assertThat(out).contains("\"message\":\"evaluation e-1 DONE: 12 matters\"")
                .contains("\"logger_name\":\"com.trustwatch.evaluation.EvaluateMatters\"");
    }
}
