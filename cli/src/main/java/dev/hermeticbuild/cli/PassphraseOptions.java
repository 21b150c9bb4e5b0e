package dev.hermeticbuild.cli;

import dev.hermeticbuild.sign.PassphraseSource;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --passphrase-env NAME | --passphrase-file FILE}: never the passphrase itself on the command line. */
final class PassphraseOptions {

    @Option(names = "--passphrase-env", paramLabel = "NAME",
            description = "Environment variable holding the key passphrase (or PKCS#11 PIN).")
    String env;

    @Option(names = "--passphrase-file", paramLabel = "FILE",
            description = "File holding the key passphrase (or PKCS#11 PIN); a trailing newline is ignored.")
    Path file;

    PassphraseSource source() {
        if (env != null && file != null) {
            return new PassphraseSource(java.util.Optional.of(env), java.util.Optional.of(file));
        }
        return env != null ? PassphraseSource.env(env) : file != null ? PassphraseSource.file(file) : PassphraseSource.none();
    }
}
