package dev.hermeticbuild.lock;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Every pinned input of a project: the dependencies of each lockfile found at the workspace root
 * (hermetic.lock, package-lock.json, go.sum, Cargo.lock, requirements.txt).
 */
public record ProjectLock(List<String> lockfiles, List<LockedDependency> dependencies) {

    public ProjectLock {
        lockfiles = List.copyOf(lockfiles);
        dependencies = List.copyOf(dependencies);
    }

    public static ProjectLock read(Path workspace) {
        List<String> files = new ArrayList<>();
        List<LockedDependency> deps = new ArrayList<>();
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
        return new ProjectLock(files, deps);
    }

    public List<LockedDependency> of(String ecosystem) {
        return dependencies.stream().filter(d -> d.ecosystem().equals(ecosystem)).toList();
    }

    private static boolean exists(Path workspace, String name) {
        return Files.isRegularFile(workspace.resolve(name), LinkOption.NOFOLLOW_LINKS);
    }
}
