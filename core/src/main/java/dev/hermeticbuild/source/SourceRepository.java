package dev.hermeticbuild.source;

import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.errors.ConfigInvalidException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.ignore.IgnoreNode;
import org.eclipse.jgit.lib.Config;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.RepositoryCache;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * A git repository opened by the runner for reading, and the only way the runner reads git. JGit
 * sees it through {@link NoExecFs} (no process can start: no filter, hook or {@code git}) and
 * {@link NoHostGitConfig} (no system or user config); the runner reads refs, objects and the
 * remote URL, never the index, attributes or filters. A repository whose config includes other
 * files is refused: JGit would read them, and they may be files the build can write.
 */
public final class SourceRepository implements AutoCloseable {

    static {
        NoHostGitConfig.install();
    }

    private static final String GITDIR_PREFIX = "gitdir:";

    private final Repository repository;
    private final Path workTree;
    private final Path dotGit;
    private final Path gitDir;
    private final Path commonDir;
    private final Config config;

    private SourceRepository(Repository repository, Path workTree, Path dotGit, Path gitDir, Path commonDir, Config config) {
        this.repository = repository;
        this.workTree = workTree;
        this.dotGit = dotGit;
        this.gitDir = gitDir;
        this.commonDir = commonDir;
        this.config = config;
    }

    /**
     * The repository whose work tree holds {@code dir}: the first {@code .git} (a directory, or a
     * gitfile naming one) found in {@code dir} or one of its parents; empty when there is none.
     * Environment variables such as GIT_DIR are not consulted.
     */
    public static Optional<SourceRepository> discover(Path dir) {
        Path start = realPath(dir);
        for (Path d = start; d != null; d = d.getParent()) {
            Path dotGit = d.resolve(Constants.DOT_GIT);
            if (Files.exists(dotGit, LinkOption.NOFOLLOW_LINKS)) {
                return Optional.of(openAt(d, dotGit));
            }
        }
        return Optional.empty();
    }

    /** The repository whose work tree holds {@code dir}; an input error when there is none. */
    public static SourceRepository open(Path dir) {
        return discover(dir).orElseThrow(() -> new InputException(dir + " is not in a git repository"));
    }

    private static SourceRepository openAt(Path workTree, Path dotGit) {
        if (Files.isSymbolicLink(dotGit)) {
            throw new InputException(dotGit + " is a symbolic link: the runner trusts only a .git directory or gitfile"
                    + " it can keep the build from changing; replace the link with what it points to");
        }
        Path gitDir = Files.isDirectory(dotGit, LinkOption.NOFOLLOW_LINKS) ? dotGit : gitfileTarget(dotGit);
        if (!RepositoryCache.FileKey.isGitRepository(gitDir.toFile(), NoExecFs.INSTANCE)) {
            throw new InputException(dotGit + " is not a git repository (" + gitDir + " has no HEAD, objects and refs)");
        }
        Path commonDir = commonDir(gitDir);
        Config config = ownConfig(commonDir.resolve(Constants.CONFIG));
        try {
            Repository repo = new FileRepositoryBuilder().setFS(NoExecFs.INSTANCE).setGitDir(gitDir.toFile())
                    .setWorkTree(workTree.toFile()).setMustExist(true).build();
            return new SourceRepository(repo, workTree, dotGit, gitDir, commonDir, config);
        } catch (IOException | IllegalArgumentException e) {
            throw new InputException("cannot open the git repository " + gitDir + ": " + e.getMessage(), e);
        }
    }

    /** The directory a gitfile ({@code gitdir: PATH}, as {@code git worktree} and submodules write) names. */
    private static Path gitfileTarget(Path gitfile) {
        String text;
        try {
            text = Files.readString(gitfile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new InputException("cannot read the gitfile " + gitfile + ": " + e.getMessage(), e);
        }
        if (!text.startsWith(GITDIR_PREFIX) || text.contains("\n")) {
            throw new InputException(gitfile + " is neither a .git directory nor a gitfile ('gitdir: PATH')");
        }
        return realPath(gitfile.getParent().resolve(text.substring(GITDIR_PREFIX.length()).strip()));
    }

    private static Path commonDir(Path gitDir) {
        Path file = gitDir.resolve("commondir");
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            return gitDir;
        }
        try {
            return realPath(gitDir.resolve(Files.readString(file, StandardCharsets.UTF_8).strip()));
        } catch (IOException e) {
            throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** The repository's own config, read without following includes; refused if it has any. */
    private static Config ownConfig(Path file) {
        Config config = new Config();
        if (!Files.isRegularFile(file)) {
            return config;
        }
        try {
            config.fromText(Files.readString(file, StandardCharsets.UTF_8));
        } catch (IOException | ConfigInvalidException e) {
            throw new InputException("cannot read the git config " + file + ": " + e.getMessage(), e);
        }
        String[] includes = config.getStringList("include", null, "path");
        if (includes.length > 0) {
            throw new InputException(file + " includes " + String.join(", ", includes) + " (include.path): the runner"
                    + " reads only the repository's own config, never files it names; move the settings into " + file);
        }
        return config;
    }

    private static Path realPath(Path p) {
        try {
            return p.toRealPath();
        } catch (IOException e) {
            throw new InputException(p + ": " + e.getMessage(), e);
        }
    }

    /** The root of the work tree (the directory holding {@code .git}). */
    public Path workTree() {
        return workTree;
    }

    /**
     * What the runner trusts on disk: the {@code .git} entry, the git directory it names and the
     * common directory of a linked worktree (without duplicates). A build must never write these.
     */
    public List<Path> gitPaths() {
        return List.copyOf(new LinkedHashSet<>(List.of(dotGit, gitDir, commonDir)));
    }

    /** HEAD's commit; empty in a repository without commits. */
    public Optional<GitCommit> head() {
        try {
            ObjectId id = repository.resolve(Constants.HEAD);
            return id == null ? Optional.empty() : Optional.of(parse(id));
        } catch (IOException | RevisionSyntaxException e) {
            throw new InputException("cannot read HEAD of " + gitDir + ": " + e.getMessage(), e);
        }
    }

    /** The commit {@code revision} names; an input error naming the revision when it is not here. */
    public GitCommit commit(String revision) {
        try {
            ObjectId id = repository.resolve(revision + "^{commit}");
            if (id == null) {
                throw new InputException("commit " + revision + " is not in the checkout " + workTree + " (fetch it first)");
            }
            return parse(id);
        } catch (MissingObjectException | IncorrectObjectTypeException e) {
            throw new InputException("commit " + revision + " is not in the checkout " + workTree + " (fetch it first)", e);
        } catch (IOException | RevisionSyntaxException e) {
            throw new InputException("cannot resolve " + revision + " in " + workTree + ": " + e.getMessage(), e);
        }
    }

    private GitCommit parse(ObjectId id) throws IOException {
        try (RevWalk walk = new RevWalk(repository)) {
            RevCommit c = walk.parseCommit(id);
            return new GitCommit(c.getName(), c.getTree().getName(), c.getCommitTime());
        }
    }

    /**
     * The ref that names {@code commit}, as peers record it: the branch HEAD points at when HEAD is
     * that commit ({@code refs/heads/main}), else a tag pointing at it ({@code refs/tags/v1.2},
     * the first in name order); empty for a detached HEAD no tag names.
     */
    public Optional<String> refOf(GitCommit commit) {
        try {
            var head = repository.exactRef(Constants.HEAD);
            if (head != null && head.isSymbolic() && head.getObjectId() != null && head.getObjectId().getName().equals(commit.id())) {
                return Optional.of(head.getTarget().getName());
            }
            for (var tag : repository.getRefDatabase().getRefsByPrefix(Constants.R_TAGS).stream()
                    .sorted(java.util.Comparator.comparing(org.eclipse.jgit.lib.Ref::getName)).toList()) {
                var peeled = repository.getRefDatabase().peel(tag);
                ObjectId target = peeled.getPeeledObjectId() != null ? peeled.getPeeledObjectId() : peeled.getObjectId();
                if (target != null && target.getName().equals(commit.id())) {
                    return Optional.of(tag.getName());
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            throw new dev.hermeticbuild.InputException("cannot read the refs of " + workTree + ": " + e.getMessage(), e);
        }
    }

    /** The URL of {@code origin}, or of the only remote, from the repository's own config. */
    public Optional<String> remoteUrl() {
        String url = config.getString("remote", "origin", "url");
        if (url == null) {
            var remotes = config.getSubsections("remote");
            if (remotes.size() == 1) {
                url = config.getString("remote", remotes.iterator().next(), "url");
            }
        }
        return Optional.ofNullable(url);
    }

    /** The patterns of {@code info/exclude}, which apply on top of the work tree's {@code .gitignore} files. */
    IgnoreNode infoExclude() {
        IgnoreNode node = new IgnoreNode();
        Path file = commonDir.resolve("info").resolve("exclude");
        if (Files.isRegularFile(file)) {
            try (InputStream in = Files.newInputStream(file)) {
                node.parse(file.toString(), in);
            } catch (IOException e) {
                throw new InputException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        return node;
    }

    Repository jgit() {
        return repository;
    }

    /** The git paths of the repository that holds {@code workspace} which lie inside it, relative to it. */
    public static List<Path> gitPathsInside(Path workspace) {
        Path root = realPath(workspace);
        List<Path> inside = new ArrayList<>();
        Optional<SourceRepository> found = discover(root);
        if (found.isEmpty()) {
            return List.of();
        }
        try (SourceRepository repo = found.get()) {
            for (Path p : repo.gitPaths()) {
                if (p.startsWith(root)) {
                    inside.add(root.relativize(p));
                }
            }
        }
        return List.copyOf(inside);
    }

    @Override
    public void close() {
        repository.close();
    }
}
