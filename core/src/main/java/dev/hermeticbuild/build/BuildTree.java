package dev.hermeticbuild.build;

import dev.hermeticbuild.FileTrees;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.sandbox.BuildUser;
import dev.hermeticbuild.sandbox.Confinement;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The directory the build command writes. As the runner's own uid, the tree the tier chose: the
 * workspace (dev) or a fresh export of the commit (release). As the dedicated build user (the
 * runner is root), the export handed to the build user, or, for a build in place, a copy of the working tree without
 * {@code .git}, owned by the build user, in the run's scratch directory: the user's checkout is
 * never re-owned (git would then refuse it as "dubious ownership") and the build's leftovers
 * never land in it. Outputs are collected from the copy; the copy is removed with the scratch.
 */
final class BuildTree {

    /**
     * Lets the build user pass through the runner's directories above an export it was given
     * (search only, never listing or writing), up to the temporary directory.
     */
    static void reachable(Path dir) {
        Path top = Path.of(System.getProperty("java.io.tmpdir")).toAbsolutePath().normalize();
        try {
            for (Path p = dir; p != null && p.startsWith(top) && !p.equals(top); p = p.getParent()) {
                var perms = java.util.EnumSet.copyOf(Files.getPosixFilePermissions(p, java.nio.file.LinkOption.NOFOLLOW_LINKS));
                if (perms.contains(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE)) {
                    continue;
                }
                perms.add(java.nio.file.attribute.PosixFilePermission.OTHERS_EXECUTE);
                perms.add(java.nio.file.attribute.PosixFilePermission.GROUP_EXECUTE);
                Files.setPosixFilePermissions(p, perms);
            }
        } catch (IOException e) {
            throw new InputException("cannot let the build user reach " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The tree the build runs in, and whether it is a copy of the workspace. */
    record Prepared(Path path, boolean copied) {
    }

    private BuildTree() {
    }

    /**
     * @param tree what the build is to run in: the workspace (a build in place) or a fresh export
     *     of the commit that the runner made under {@code scratch}
     */
    static Prepared prepare(Path tree, boolean inPlace, Path scratch, Confinement confinement) {
        if (!confinement.runsAsBuildUser()) {
            return new Prepared(tree, false);
        }
        if (!inPlace) {
            BuildUser user = confinement.buildUser().orElseThrow();
            user.ownWritable(tree.startsWith(scratch) ? scratch : tree);
            reachable(tree.getParent());
            return new Prepared(tree, false);
        }
        Path workspace = tree;
        Path copy = scratch.resolve("workspace");
        try {
            FileTrees.copy(workspace, copy, relative -> relative.getName(0).toString().equals(".git"));
            Files.createDirectories(copy);
        } catch (IOException e) {
            throw new InputException("cannot copy the workspace " + workspace + " for the build user: " + e.getMessage(), e);
        }
        confinement.buildUser().orElseThrow().ownWritable(scratch);
        return new Prepared(copy, true);
    }
}
