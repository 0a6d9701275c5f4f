package com.trustwatch.demo;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The demo ends when the process that started it ends (a SIGTERM to Maven alone left it running). */
class ParentWatchTest {

    @Test
    @DisplayName("the watch waits while the parent runs and acts once it has ended")
    void actsWhenTheParentEnds() throws Exception {
        // cat runs until its input is closed: the test decides when this stand-in parent ends
        Process parent = new ProcessBuilder("cat").start();
        AtomicBoolean ended = new AtomicBoolean();
        CompletableFuture<Void> watch = ParentWatch.whenEnded(parent.toHandle(), () -> ended.set(true));
        assertThat(parent.isAlive()).isTrue();
        assertThat(ended).as("nothing happens while the parent runs").isFalse();

        parent.getOutputStream().close();
        assertThat(parent.waitFor(30, TimeUnit.SECONDS)).isTrue();
        watch.get(30, TimeUnit.SECONDS);
        assertThat(ended).isTrue();
    }
}
