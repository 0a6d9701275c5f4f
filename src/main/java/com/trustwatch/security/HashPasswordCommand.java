package com.trustwatch.security;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * {@code java -jar trustwatch.jar hash-password}: reads a password from standard input (never from
 * the command line, where it would sit in the shell history and the process list) and prints its
 * bcrypt hash, to configure as {@code trustwatch.security.users.<name>.password}. At a terminal it
 * asks twice without echoing; piped, it reads the first line. Nothing else starts.
 */
public final class HashPasswordCommand {

    public static final String NAME = "hash-password";

    private HashPasswordCommand() {
    }

    /** @return the process exit code: 0 with the hash printed, 1 with a reason on standard error */
    public static int run(Console console, java.io.InputStream in, PrintStream out, PrintStream err) {
        String password;
        try {
            if (console != null) {
                char[] first = console.readPassword("Password: ");
                char[] again = console.readPassword("Again: ");
                if (first == null || again == null || !Arrays.equals(first, again)) {
                    err.println("The two entries differ (or input ended); nothing was hashed.");
                    return 1;
                }
                password = new String(first);
                Arrays.fill(first, ' ');
                Arrays.fill(again, ' ');
            } else {
                password = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            }
        } catch (IOException e) {
            err.println("Cannot read the password from standard input: " + e.getMessage());
            return 1;
        }
        if (password == null || password.isEmpty()) {
            err.println("No password on standard input. Usage: java -jar trustwatch.jar " + NAME
                    + " (type the password when asked, or pipe it in: printf '%s' \"$PW\" | java -jar trustwatch.jar " + NAME + ")");
            return 1;
        }
        try {
            out.println(PasswordHashes.hash(password, PasswordHashes.DEFAULT_COST));
            return 0;
        } catch (IllegalArgumentException e) {
            err.println("Refused: " + e.getMessage());
            return 1;
        }
    }
}
