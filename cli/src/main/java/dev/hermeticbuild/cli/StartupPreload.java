package dev.hermeticbuild.cli;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.Signature;
import java.util.List;

/**
 * Initialises, on a daemon thread, what nearly every command needs next (Jackson's mappers, the
 * JDK's security providers, the PEM reader) while the main thread reads the command line: cold,
 * each takes tens of milliseconds that otherwise run one after the other on the main thread.
 * Nothing here reads a file or the environment; a class the main thread needs while it is being
 * initialised here is waited for, never initialised twice.
 */
final class StartupPreload {

    /** Classes whose static initialisation is the cost (Jackson's date format loads locale data). */
    private static final List<String> CLASSES = List.of(
            "com.fasterxml.jackson.databind.ObjectMapper",
            "dev.hermeticbuild.bundle.StrictJson",
            "org.bouncycastle.util.io.pem.PemReader");

    private StartupPreload() {
    }

    /** Starts the preloading for a command line whose first argument is {@code first}. */
    static void start(String first) {
        Thread thread = new Thread(() -> run(first), "startup-preload");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Commands that read a git work tree first thing: JGit's message bundle (over a thousand
     * strings set by reflection, about 70 ms cold) is loaded the first time JGit opens a config.
     */
    private static final java.util.Set<String> GIT_COMMANDS = java.util.Set.of("build", "check-reproducible", "rebuild", "sbom", "demo");

    private static void run(String first) {
        for (Class<?> command : HermeticCommand.SUBCOMMANDS) {
            if (command.getAnnotation(picocli.CommandLine.Command.class).name().equals(first)) {
                readAnnotations(command, 0);
            }
        }
        if (GIT_COMMANDS.contains(first)) {
            try {
                org.eclipse.jgit.internal.JGitText.get();
            } catch (RuntimeException | LinkageError e) {
                // the source inspection that needs it reports it
            }
        }
        try {
            MessageDigest.getInstance("SHA-256");
            KeyFactory.getInstance("EC");
            Signature.getInstance("SHA256withECDSA");
        } catch (GeneralSecurityException e) {
            // the command that needs the algorithm reports it
        }
        ClassLoader loader = StartupPreload.class.getClassLoader();
        for (String name : CLASSES) {
            try {
                Class.forName(name, true, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                // the command that needs the class reports it
            }
        }
    }

    /**
     * Reads the annotations picocli is about to read on the main thread (a command's options, its
     * mixins' and argument groups' too): the JDK makes one proxy class per annotation type on first
     * use and keeps what it parsed, which picocli then finds done.
     */
    private static void readAnnotations(Class<?> type, int depth) {
        for (Class<?> c = type; c != null && c != Object.class && depth < 4; c = c.getSuperclass()) {
            for (java.lang.reflect.Field field : c.getDeclaredFields()) {
                field.getDeclaredAnnotations();
                if (field.isAnnotationPresent(picocli.CommandLine.Mixin.class) || field.isAnnotationPresent(picocli.CommandLine.ArgGroup.class)) {
                    readAnnotations(field.getType(), depth + 1);
                }
            }
            for (java.lang.reflect.Method method : c.getDeclaredMethods()) {
                method.getDeclaredAnnotations();
            }
        }
    }
}
