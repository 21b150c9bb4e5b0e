package dev.hermeticbuild.cli;

import dev.hermeticbuild.sbom.CycloneDxSbom;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.Set;
import org.eclipse.jgit.internal.JGitText;
import picocli.CommandLine;

/**
 * Initialises, on a daemon thread, what nearly every command needs next (Jackson's mappers, the
 * JDK's security providers, the PEM reader) while the main thread reads the command line: cold,
 * each takes tens of milliseconds that otherwise run one after the other on the main thread.
 * It does only what the command itself would do a moment later and reads none of the user's files;
 * a class the main thread needs while it is being initialised here is waited for, never twice.
 */
final class StartupPreload {

    /**
     * Commands that read a git work tree first thing: JGit's message bundle (over a thousand
     * strings set by reflection, about 70 ms cold) is loaded the first time JGit opens a config.
     */
    private static final Set<String> GIT_COMMANDS = Set.of("build", "check-reproducible", "rebuild", "sbom", "demo");

    private StartupPreload() {
    }

    /** Starts the preloading for a command line whose first argument is {@code first}; none for --version, --help or nothing. */
    static void start(String first) {
        if (first.isEmpty() || first.startsWith("-")) {
            return;
        }
        if (GIT_COMMANDS.contains(first)) {
            // they all write an SBOM: its serializers and schema (about 250 ms of CPU, cold) are the longest wait of a short build
            CycloneDxSbom.warmUpInBackground();
        }
        Thread thread = new Thread(() -> {
            try {
                run(first);
            } catch (RuntimeException | LinkageError e) {
                // never a word on stderr from here: the command itself meets and reports any real problem
            }
        }, "startup-preload");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run(String first) {
        for (Class<?> command : HermeticCommand.SUBCOMMANDS) {
            if (command.getAnnotation(CommandLine.Command.class).name().equals(first)) {
                readAnnotations(command, 0);
            }
        }
        if (GIT_COMMANDS.contains(first)) {
            try {
                JGitText.get();
            } catch (RuntimeException | LinkageError e) {
                // the source inspection that needs it reports it
            }
        }
        // in the order verify, the commonest short command, needs them: its key, then the bundle, then the signature
        initialise("org.bouncycastle.util.io.pem.PemReader");
        service(() -> KeyFactory.getInstance("EC"));
        initialise("com.fasterxml.jackson.databind.ObjectMapper");
        initialise("dev.hermeticbuild.bundle.StrictJson");
        service(() -> Signature.getInstance("SHA256withECDSA"));
        service(() -> MessageDigest.getInstance("SHA-256"));
    }

    /** A class whose static initialisation is the cost (the PEM reader's starts java.util.logging; Jackson's date format loads locale data). */
    private static void initialise(String name) {
        try {
            Class.forName(name, true, StartupPreload.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // the command that needs the class reports it
        }
    }

    private interface Lookup {
        Object get() throws GeneralSecurityException;
    }

    /** A JCA service: the first lookup loads and orders the security providers. */
    private static void service(Lookup lookup) {
        try {
            lookup.get();
        } catch (GeneralSecurityException e) {
            // the command that needs the algorithm reports it
        }
    }

    /**
     * Reads the annotations picocli is about to read on the main thread (a command's options, its
     * mixins' and argument groups' too): the JDK makes one proxy class per annotation type on first
     * use and keeps what it parsed, which picocli then finds done.
     */
    private static void readAnnotations(Class<?> type, int depth) {
        for (Class<?> c = type; c != null && c != Object.class && depth < 4; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                field.getDeclaredAnnotations();
                if (field.isAnnotationPresent(CommandLine.Mixin.class) || field.isAnnotationPresent(CommandLine.ArgGroup.class)) {
                    readAnnotations(field.getType(), depth + 1);
                }
            }
            for (Method method : c.getDeclaredMethods()) {
                method.getDeclaredAnnotations();
            }
        }
    }
}
