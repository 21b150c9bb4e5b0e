package dev.hermeticbuild.source;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeOptions;
import org.eclipse.jgit.treewalk.filter.PathFilter;

/**
 * How the work tree differs from a commit, by content: every tracked file's bytes are hashed as a
 * blob and compared with the commit's, so neither the index (assume-unchanged, skip-worktree, a
 * rewritten index) nor stat data can hide a change. No filter, attribute or end-of-line rule is
 * applied: what is compared is the bytes a build would read. Submodules are not compared.
 */
final class WorkTreeComparison {

    /** Fixed options, not the repository's: file modes count, symlinks are links. */
    private static final WorkingTreeOptions OPTIONS = new Config().get(WorkingTreeOptions.KEY);

    /**
     * Paths relative to the repository root.
     *
     * @param changed tracked paths whose content, kind or mode differ, or that are missing
     * @param untracked files not in the commit and not ignored
     * @param ignored ignored files and directories not in the commit (a directory as a whole)
     */
    record Differences(List<String> changed, List<String> untracked, List<String> ignored) {
    }

    private WorkTreeComparison() {
    }

    /** Compares the part of the work tree under {@code sub} ("" for all of it) with {@code commit}. */
    static Differences compare(SourceRepository source, GitCommit commit, String sub) {
        List<String> changed = new ArrayList<>();
        List<String> untracked = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        IgnoreNode exclude = source.infoExclude();
        ObjectInserter.Formatter hasher = new ObjectInserter.Formatter();
        java.util.Set<String> submodules = new java.util.HashSet<>();
        try (ObjectReader reader = source.jgit().newObjectReader(); TreeWalk walk = new TreeWalk(reader)) {
            walk.addTree(ObjectId.fromString(commit.tree()));
            walk.addTree(new FileTreeIterator(source.workTree().toFile(), NoExecFs.INSTANCE, OPTIONS,
                    FileTreeIterator.NoGitlinksStrategy.INSTANCE));
            if (!sub.isEmpty()) {
                walk.setFilter(PathFilter.create(sub));
            }
            while (walk.next()) {
                String path = walk.getPathString();
                FileMode committed = walk.getFileMode(0);
                FileMode present = walk.getFileMode(1);
                if (!sub.isEmpty() && !path.equals(sub) && !path.startsWith(sub + "/")) {
                    if (walk.isSubtree()) {
                        walk.enterSubtree();
                    }
                    continue;
                }
                if (committed == FileMode.GITLINK || submodules.contains(path)) {
                    submodules.add(path);
                    continue;
                }
                boolean inCommit = committed != FileMode.MISSING;
                boolean onDisk = present != FileMode.MISSING;
                boolean committedTree = committed == FileMode.TREE;
                boolean presentTree = present == FileMode.TREE;
                if (!inCommit) {
                    FileTreeIterator work = walk.getTree(1, FileTreeIterator.class);
                    if (work.isEntryIgnored() || exclude.checkIgnored(path, presentTree) == Boolean.TRUE) {
                        ignored.add(path);
                    } else if (presentTree) {
                        walk.enterSubtree();
                    } else {
                        untracked.add(path);
                    }
                } else if (committedTree && (presentTree || !onDisk)) {
                    walk.enterSubtree();
                } else if (!onDisk || committedTree != presentTree || kind(committed) != kind(present)
                        || !sameBlob(reader, hasher, walk.getObjectId(0), walk.getTree(1, FileTreeIterator.class).getEntryFile().toPath(), present)) {
                    changed.add(path);
                }
            }
        } catch (IOException e) {
            throw new InputException("cannot compare the work tree " + source.workTree() + " with commit " + commit.id()
                    + ": " + e.getMessage(), e);
        }
        return new Differences(changed, untracked, ignored);
    }

    private static int kind(FileMode mode) {
        if (mode == FileMode.SYMLINK) {
            return 1;
        }
        return mode == FileMode.EXECUTABLE_FILE ? 2 : 0;
    }

    private static boolean sameBlob(ObjectReader reader, ObjectInserter.Formatter hasher, ObjectId blob, Path file, FileMode mode)
            throws IOException {
        if (mode == FileMode.SYMLINK) {
            byte[] target = Files.readSymbolicLink(file).toString().getBytes(StandardCharsets.UTF_8);
            return hasher.idFor(Constants.OBJ_BLOB, target).equals(blob);
        }
        long size = Files.size(file);
        if (size != reader.getObjectSize(blob, Constants.OBJ_BLOB)) {
            return false;
        }
        try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            return hasher.idFor(Constants.OBJ_BLOB, size, in).equals(blob);
        }
    }
}
