package dev.hermeticbuild.sign;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Where a passphrase (or PKCS#11 PIN) comes from: an environment variable or a file, never a
 * command-line argument (visible in process listings). A file's trailing newline is dropped.
 */
public record PassphraseSource(Optional<String> envName, Optional<Path> file) {

    public PassphraseSource {
        if (envName.isPresent() && file.isPresent()) {
            throw new InputException("give the passphrase by --passphrase-env or --passphrase-file, not both");
        }
    }

    /** No passphrase configured. */
    public static PassphraseSource none() {
        return new PassphraseSource(Optional.empty(), Optional.empty());
    }

    /** From the environment variable {@code name}. */
    public static PassphraseSource env(String name) {
        return new PassphraseSource(Optional.of(name), Optional.empty());
    }

    /** From the file {@code file}. */
    public static PassphraseSource file(Path file) {
        return new PassphraseSource(Optional.empty(), Optional.of(file));
    }

    /** Whether a source is configured. */
    public boolean isPresent() {
        return envName.isPresent() || file.isPresent();
    }

    /** The passphrase, read from the process environment; empty when none is configured. */
    public Optional<char[]> read() {
        return read(System.getenv());
    }

    /** The passphrase, with environment variables looked up in {@code env}. */
    public Optional<char[]> read(Map<String, String> env) {
        if (envName.isPresent()) {
            String v = env.get(envName.get());
            if (v == null || v.isEmpty()) {
                throw new InputException("passphrase environment variable " + envName.get()
                        + " is not set or empty");
            }
            return Optional.of(v.toCharArray());
        }
        if (file.isPresent()) {
            try {
                String v = Files.readString(file.get(), StandardCharsets.UTF_8);
                v = v.endsWith("\r\n") ? v.substring(0, v.length() - 2)
                        : v.endsWith("\n") ? v.substring(0, v.length() - 1) : v;
                if (v.isEmpty()) {
                    throw new InputException("passphrase file " + file.get() + " is empty");
                }
                return Optional.of(v.toCharArray());
            } catch (IOException e) {
                throw new InputException("passphrase file " + file.get() + ": cannot read ("
                        + e.getMessage() + ")", e);
            }
        }
        return Optional.empty();
    }
}
