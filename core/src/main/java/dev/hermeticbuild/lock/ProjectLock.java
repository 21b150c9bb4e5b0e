package dev.hermeticbuild.lock;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Every pinned input of a project: the dependencies of each lockfile found at the workspace root
 * (hermetic.lock, package-lock.json, go.sum, Cargo.lock, requirements.txt), and of the Maven lock
 * kept outside the tree when there is one ({@link ExternalLock}).
 *
 * @param lockfiles the names of the lockfiles read (the external lock by its path)
 * @param external the Maven lock outside the source tree, when that is where the Maven lock is
 */
public record ProjectLock(List<String> lockfiles, List<LockedDependency> dependencies, Optional<ExternalLock> external) {

    public ProjectLock {
        lockfiles = List.copyOf(lockfiles);
        dependencies = List.copyOf(dependencies);
    }

    public ProjectLock(List<String> lockfiles, List<LockedDependency> dependencies) {
        this(lockfiles, dependencies, Optional.empty());
    }

    public static ProjectLock read(Path workspace) {
        return read(workspace, Optional.empty());
    }

    /** The lockfiles of the tree {@code workspace}, with {@code external} as its Maven lock (the tree then has none). */
    public static ProjectLock read(Path workspace, Optional<ExternalLock> external) {
        List<String> files = new ArrayList<>();
        List<LockedDependency> deps = new ArrayList<>();
        if (external.isPresent()) {
            if (exists(workspace, MavenLockfile.FILE)) {
                throw new dev.hermeticbuild.InputException("the lock " + external.get().path() + " and the source tree's own "
                        + MavenLockfile.FILE + " both exist: use one or the other");
            }
            files.add(external.get().path().toString());
            deps.addAll(external.get().dependencies());
        }
        if (exists(workspace, MavenLockfile.FILE)) {
            files.add(MavenLockfile.FILE);
            deps.addAll(MavenLockfile.read(workspace.resolve(MavenLockfile.FILE)));
        }
        if (exists(workspace, NpmLockfile.FILE)) {
            files.add(NpmLockfile.FILE);
            deps.addAll(NpmLockfile.read(workspace.resolve(NpmLockfile.FILE)));
        }
        if (exists(workspace, GoSum.FILE)) {
            files.add(GoSum.FILE);
            deps.addAll(GoSum.read(workspace.resolve(GoSum.FILE)));
        }
        if (exists(workspace, CargoLock.FILE)) {
            files.add(CargoLock.FILE);
            deps.addAll(CargoLock.read(workspace.resolve(CargoLock.FILE)));
        }
        if (exists(workspace, PipRequirements.FILE)) {
            files.add(PipRequirements.FILE);
            deps.addAll(PipRequirements.read(workspace.resolve(PipRequirements.FILE)));
        }
        return new ProjectLock(files, deps, external);
    }

    /**
     * The lockfiles of the project in {@code workspace} as a command outside a build reads them:
     * its Maven lock from {@code lockOption} ({@code --lock}), else the tree's own, else the one beside it.
     */
    public static ProjectLock forWorkspace(Path workspace, Optional<Path> lockOption) {
        return read(workspace, ExternalLock.find(lockOption, workspace, workspace, List.of(workspace)));
    }

    /** Whether the project has a Maven lock, in the tree or outside it. */
    public boolean hasMavenLock() {
        return external.isPresent() || lockfiles.contains(MavenLockfile.FILE);
    }

    public List<LockedDependency> of(String ecosystem) {
        return dependencies.stream().filter(d -> d.ecosystem().equals(ecosystem)).toList();
    }

    private static boolean exists(Path workspace, String name) {
        return Files.isRegularFile(workspace.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }
}
