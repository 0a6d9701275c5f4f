package com.trustwatch.demo;

import java.util.concurrent.CompletableFuture;

/**
 * Ends the demo when the process that started it ends. `mvn -Pdemo` runs the service as a child of
 * Maven: Ctrl+C reaches both, but a SIGTERM sent to Maven alone ends Maven and left the service
 * running, holding its port and target/demo. Watching the parent closes that gap; the service then
 * shuts down through its normal shutdown hooks (context closed, outbox drained).
 */
public final class ParentWatch {

    private ParentWatch() {
    }

    /**
     * Runs {@code then} once {@code parent} has ended.
     *
     * @return the watch, done once {@code then} has run; an already ended parent runs it at once
     */
    public static CompletableFuture<Void> whenEnded(ProcessHandle parent, Runnable then) {
        return parent.onExit().thenRun(then);
    }

    /** Exits this JVM (status 0, a clean stop) when its parent process ends; no parent, no watch. */
    public static void exitWithParent() {
        ProcessHandle.current().parent().ifPresent(parent -> whenEnded(parent, () -> {
            System.err.println("Trustwatch demo: the process that started it (pid " + parent.pid()
                    + ") has ended; shutting down.");
            System.exit(0);
        }));
    }
}
