package dev.hermeticbuild.source;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.PolicyException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Writes a commit's tree, straight from the object database, into a fresh directory: the bytes
 * the commit has, whatever the work tree, the index or the attributes say. No filter or
 * end-of-line rule is applied; modes are kept (executable bit, symbolic links as stored); there is
 * no {@code .git}. Every file and directory gets the commit time as its modification time.
 * Submodules are refused: their content is not in this repository's objects.
 */
public final class SourceExport {

    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-r--r--");
    private static final Set<PosixFilePermission> EXECUTABLE = PosixFilePermissions.fromString("rwxr-xr-x");
    private static final Set<PosixFilePermission> DIRECTORY = EXECUTABLE;

    /**
     * What was exported.
     *
     * @param commit the commit exported
     * @param directory the export's root: {@code path} of the commit, at {@code target}
     * @param files how many files and symbolic links were written
     */
    public record ExportedTree(GitCommit commit, Path directory, long files) {
    }

    private SourceExport() {
    }

    /**
     * Exports {@code path} ("" for the whole tree) of {@code commit} into {@code target}, which must
     * not exist yet; its parent must.
     */
    public static ExportedTree export(SourceRepository repo, GitCommit commit, String path, Path target) {
        try {
            Files.createDirectory(target, PosixFilePermissions.asFileAttribute(DIRECTORY));
        } catch (IOException e) {
            throw new InputException("cannot create the export directory " + target + ": " + e, e);
        }
        FileTime time = FileTime.fromMillis(commit.commitTimeEpochSeconds() * 1000);
        List<Path> directories = new ArrayList<>(List.of(target));
        Set<Set<PosixFilePermission>> created = new HashSet<>();
        long files = 0;
        try (ObjectReader reader = repo.jgit().newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(subtree(reader, commit, path));
            walk.setRecursive(false);
            while (walk.next()) {
                String name = walk.getNameString();
                String entryPath = walk.getPathString();
                checkName(name, entryPath, commit);
                Path file = target.resolve(entryPath);
                FileMode mode = walk.getFileMode(0);
                if (mode == FileMode.TREE) {
                    Files.createDirectory(file, PosixFilePermissions.asFileAttribute(DIRECTORY));
                    directories.add(file);
                    walk.enterSubtree();
                } else if (mode == FileMode.GITLINK) {
                    throw new PolicyException("commit " + commit.id() + " has a submodule at " + prefixed(path, entryPath)
                            + ": a release build exports only this repository's objects, and a submodule's are not among them");
                } else if (mode == FileMode.SYMLINK) {
                    String link = new String(reader.open(walk.getObjectId(0)).getBytes(), StandardCharsets.UTF_8);
                    Files.createSymbolicLink(file, Path.of(link));
                    files++;
                } else if (mode == FileMode.REGULAR_FILE || mode == FileMode.EXECUTABLE_FILE) {
                    write(reader, walk.getObjectId(0), file, mode == FileMode.EXECUTABLE_FILE ? EXECUTABLE : FILE, time, created);
                    files++;
                } else {
                    throw new InputException("commit " + commit.id() + ": " + prefixed(path, entryPath) + " has the unknown mode "
                            + mode);
                }
            }
        } catch (IOException e) {
            throw new InputException("cannot export commit " + commit.id() + " into " + target + ": " + e.getMessage(), e);
        }
        for (int i = directories.size() - 1; i >= 0; i--) {
            try {
                Files.setLastModifiedTime(directories.get(i), time);
            } catch (IOException e) {
                throw new InputException("cannot set the time of " + directories.get(i) + ": " + e.getMessage(), e);
            }
        }
        return new ExportedTree(commit, target, files);
    }

    private static ObjectId subtree(ObjectReader reader, GitCommit commit, String path) throws IOException {
        ObjectId root = ObjectId.fromString(commit.tree());
        if (path.isEmpty()) {
            return root;
        }
        try (TreeWalk walk = TreeWalk.forPath(reader, path, root)) {
            if (walk == null || walk.getFileMode(0) != FileMode.TREE) {
                throw new InputException(path + " is not a directory of commit " + commit.id());
            }
            return walk.getObjectId(0);
        }
    }

    /** A tree entry name git itself would check out: no traversal, no separators, no {@code .git}. */
    private static void checkName(String name, String entryPath, GitCommit commit) {
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0 || name.indexOf('\0') >= 0
                || name.equalsIgnoreCase(".git")) {
            throw new InputException("commit " + commit.id() + " has a tree entry that cannot be exported: '" + entryPath + "'");
        }
    }

    /**
     * Writes one file. {@code created} holds the permissions a file of this export was already
     * created with intact: the process's umask, which is all that can strip them, stays the same,
     * so they are checked (and set again if stripped) on the first file that asks for them only.
     */
    private static void write(ObjectReader reader, ObjectId blob, Path file, Set<PosixFilePermission> permissions, FileTime time,
                              Set<Set<PosixFilePermission>> created) throws IOException {
        try (OutputStream out = java.nio.channels.Channels.newOutputStream(Files.newByteChannel(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS),
                PosixFilePermissions.asFileAttribute(permissions)))) {
            reader.open(blob).copyTo(out);
        }
        if (!created.contains(permissions)) {
            if (Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).equals(permissions)) {
                created.add(permissions);
            } else {
                Files.setPosixFilePermissions(file, permissions);
            }
        }
        Files.setLastModifiedTime(file, time);
    }

    private static String prefixed(String path, String entryPath) {
        return path.isEmpty() ? entryPath : path + "/" + entryPath;
    }
}
