package dev.hermeticbuild.lock;

import dev.hermeticbuild.HermeticException;

/** A lockfile that does not parse: the message names the file and line. Exit code 2. */
public final class LockfileException extends HermeticException {

    public LockfileException(String file, int line, String problem) {
        super(file + ":" + line + ": " + problem);
    }

    @Override
    public int exitCode() {
        return 2;
    }
}
