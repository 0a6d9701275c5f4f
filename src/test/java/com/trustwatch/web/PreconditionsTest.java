package com.trustwatch.web;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreconditionsTest {

    private static final String CURRENT = "\"cd0258267ebc3b540dda6af079007bc8\"";

    @Test
    @DisplayName("If-Match reads a list as RFC 9110 writes one: spaces and empty elements are ignored, one match is enough, a weak tag never matches")
    void lists() {
        for (String header : new String[]{CURRENT, " " + CURRENT + " ", "\"a\", " + CURRENT, ", " + CURRENT, "\"a\",," + CURRENT + ",",
                "\"a,b\"," + CURRENT}) {
            assertThatCode(() -> Preconditions.of(header, null).check(CURRENT, "matter M-1")).as(header).doesNotThrowAnyException();
        }
        assertThatThrownBy(() -> Preconditions.of("W/" + CURRENT, null).check(CURRENT, "matter M-1"))
                .isInstanceOf(Preconditions.PreconditionFailed.class).hasMessageContaining("has changed since");
        assertThatThrownBy(() -> Preconditions.of("\"a\"", null).check(CURRENT, "matter M-1"))
                .isInstanceOf(Preconditions.PreconditionFailed.class).hasMessageContaining("its entity tag is now " + CURRENT);
        assertThatThrownBy(() -> Preconditions.of(CURRENT, null).check(null, "matter M-1"))
                .isInstanceOf(Preconditions.PreconditionFailed.class).hasMessageContaining("does not exist");
    }

    @Test
    @DisplayName("If-None-Match: * holds only for a resource that does not exist; a tag list compares weakly")
    void noneMatch() {
        assertThatCode(() -> Preconditions.of(null, "*").check(null, "matter M-1")).doesNotThrowAnyException();
        assertThatThrownBy(() -> Preconditions.of(null, "*").check(CURRENT, "matter M-1"))
                .isInstanceOf(Preconditions.PreconditionFailed.class).hasMessageContaining("only if it does not exist");
        assertThatThrownBy(() -> Preconditions.of(null, "W/" + CURRENT).check(CURRENT, "matter M-1"))
                .isInstanceOf(Preconditions.PreconditionFailed.class);
        assertThatCode(() -> Preconditions.of(null, "\"a\"").check(CURRENT, "matter M-1")).doesNotThrowAnyException();
    }

    @Test
    @DisplayName("a header that is neither * nor a list of quoted tags is refused naming it")
    void malformed() {
        for (String header : new String[]{"", " ", ",", "abc", "\"a\" \"b\"", "\"a", "W/abc", "\"a\";q=1"}) {
            assertThatThrownBy(() -> Preconditions.of(header, null)).as("'%s'", header).isInstanceOf(RequestRefused.class)
                    .hasMessageContaining("If-Match").hasMessageContaining("must be * or a list of entity tags");
        }
    }
}
