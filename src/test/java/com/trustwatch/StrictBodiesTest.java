package com.trustwatch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.trustwatch.web.StrictJson;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.serde.annotation.Serdeable;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every HTTP body the service reads is read strictly (issue 9, A1): a raw upload ({@code byte[]}), a
 * multipart upload whose controller refuses the parts it does not name, or a record that refuses unknown fields and reads each value with a strict reader, so a typo such
 * as {@code "dryrun"} or a string where a boolean belongs can never be taken as something else. A new
 * endpoint with a lenient body (a {@code Map}, or a record without these annotations) fails here.
 */
class StrictBodiesTest {

    private static final Map<Class<?>, Class<?>> READERS = Map.of(
            Boolean.class, StrictJson.Flag.class, String.class, StrictJson.Text.class, List.class, StrictJson.TextList.class,
            Integer.class, StrictJson.WholeNumber.class);

    @Test
    @DisplayName("every @Body of every controller is a raw upload or a strict record: unknown fields refused, every value read strictly")
    void everyBodyIsStrict() throws Exception {
        List<String> problems = new ArrayList<>();
        List<String> bodies = new ArrayList<>();
        for (Class<?> controller : controllers()) {
            for (Method method : controller.getDeclaredMethods()) {
                for (Parameter p : method.getParameters()) {
                    if (!p.isAnnotationPresent(Body.class)) {
                        continue;
                    }
                    Class<?> type = p.getType();
                    String where = controller.getSimpleName() + "." + method.getName() + "(" + type.getSimpleName() + ")";
                    bodies.add(where);
                    if (type == byte[].class) {
                        continue;
                    }
                    if (type == io.micronaut.http.server.multipart.MultipartBody.class) {
                        // a multipart upload: its controller refuses every part it does not name (RulesetUploadPartsIT)
                        continue;
                    }
                    if (!type.isRecord() || !type.isAnnotationPresent(Serdeable.class)) {
                        problems.add(where + ": not a @Serdeable record");
                        continue;
                    }
                    JsonIgnoreProperties ignore = type.getAnnotation(JsonIgnoreProperties.class);
                    if (ignore == null || ignore.ignoreUnknown()) {
                        problems.add(where + ": unknown fields are not refused (@JsonIgnoreProperties(ignoreUnknown = false))");
                    }
                    for (RecordComponent c : type.getRecordComponents()) {
                        Serdeable.Deserializable reader = readerOf(type, c);
                        Class<?> expected = READERS.get(c.getType());
                        if (expected == null || reader == null || reader.using() != expected) {
                            problems.add(where + "." + c.getName() + ": not read by "
                                    + (expected == null ? "a strict reader" : expected.getSimpleName()));
                        }
                    }
                }
            }
        }
        assertThat(bodies).as("the bodies found").hasSizeGreaterThanOrEqualTo(6);
        assertThat(problems).isEmpty();
    }

    /** The annotation lands on the component, its field or its accessor, depending on its targets. */
    private static Serdeable.Deserializable readerOf(Class<?> type, RecordComponent c) throws NoSuchFieldException {
        Serdeable.Deserializable on = c.getAnnotation(Serdeable.Deserializable.class);
        if (on == null) {
            on = type.getDeclaredField(c.getName()).getAnnotation(Serdeable.Deserializable.class);
        }
        return on != null ? on : c.getAccessor().getAnnotation(Serdeable.Deserializable.class);
    }

    private static List<Class<?>> controllers() throws Exception {
        List<Class<?>> out = new ArrayList<>();
        var importer = new com.tngtech.archunit.core.importer.ClassFileImporter()
                .withImportOption(com.tngtech.archunit.core.importer.ImportOption.Predefined.DO_NOT_INCLUDE_TESTS);
        for (var c : importer.importPackages("com.trustwatch")) {
            if (c.isAnnotatedWith(Controller.class)) {
                out.add(Class.forName(c.getName()));
            }
        }
        return out;
    }

}
