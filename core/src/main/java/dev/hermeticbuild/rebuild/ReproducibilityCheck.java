package dev.hermeticbuild.rebuild;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.artifacts.Artifact;
import dev.hermeticbuild.artifacts.StagedOutDir;
import dev.hermeticbuild.build.BuildProgress;
import dev.hermeticbuild.build.BuildRequest;
import dev.hermeticbuild.build.BuildResult;
import dev.hermeticbuild.build.BuildSource;
import dev.hermeticbuild.build.HermeticBuild;
import dev.hermeticbuild.build.SigningKey;
import dev.hermeticbuild.build.Tier;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.sign.BundleSigner;
import dev.hermeticbuild.source.SourceInspector;
import dev.hermeticbuild.source.SourceRepository;
import dev.hermeticbuild.source.SourceState;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Builds the same workspace twice, each in a fresh copy and a fresh sandbox, the second with the
 * requested variations, and compares every output: the reprotest idea, inside our sandbox.
 * Results go to {@code OUT/first}, {@code OUT/second}, and differences are explained (and, when
 * Debian's diffoscope is installed, its report is written to {@code OUT/diffoscope/}).
 */
public final class ReproducibilityCheck {

    /** The check's result in OUT: an in-toto statement ({@link ReproducibilityStatement}). */
    public static final String RESULT_FILE = "reproducibility.json";
    /** Its Sigstore bundle, when the check is signed. */
    public static final String RESULT_BUNDLE = "reproducibility.sigstore.json";

    private static final long DIFFOSCOPE_TIMEOUT_SECONDS = 300;

    private ReproducibilityCheck() {
    }

    /** As {@link #run(BuildRequest, Set, boolean, OutputStream, Map, String, Optional)}, unsigned. */
    public static ReproducibilityReport run(BuildRequest request, Set<Variation> variations, boolean normalize,
                                            OutputStream console, Map<String, String> hostEnvironment) {
        return run(request, variations, normalize, console, hostEnvironment, "check-reproducible", Optional.empty());
    }

    /**
     * Runs the check and writes OUT whole ({@link StagedOutDir}): both builds, the diffoscope
     * reports, {@code reproducibility.json} and, with {@code key}, its bundle
     * {@code reproducibility.sigstore.json}; nothing of an earlier check survives beside them. The
     * result names the first build's provenance (by digest), the rebuilder and the time.
     *
     * @param request the build; its workspace's commit is exported, never built in place
     * @param normalize whether to run {@link Normalizer} over both builds' outputs before comparing
     * @param invocation how the check was asked for, recorded in the result
     */
    public static ReproducibilityReport run(BuildRequest request, Set<Variation> variations, boolean normalize,
                                            OutputStream console, Map<String, String> hostEnvironment, String invocation,
                                            Optional<SigningKey> key) {
        return run(request, variations, normalize, console, hostEnvironment, invocation, key, BuildProgress.SILENT);
    }

    /**
     * As {@link #run(BuildRequest, Set, boolean, OutputStream, Map, String, Optional)}, telling
     * {@code progress} which build begins (with a header) and of each one's phases.
     */
    public static ReproducibilityReport run(BuildRequest request, Set<Variation> variations, boolean normalize,
                                            OutputStream console, Map<String, String> hostEnvironment, String invocation,
                                            Optional<SigningKey> key, BuildProgress progress) {
        Path workspace = request.workspace().toAbsolutePath().normalize();
        Optional<BundleSigner> signer = key.map(k -> k.openFor(workspace, request.passEnv()));
        // Both builds run in exports elsewhere: the lock outside the tree is found for this workspace, once.
        BuildRequest locked = request.toBuilder().lock(dev.hermeticbuild.lock.ExternalLock.find(request.lock(), workspace, workspace,
                List.of(workspace, request.outDir())).map(dev.hermeticbuild.lock.ExternalLock::path)).build();
        try (StagedOutDir staged = StagedOutDir.open("--out", request.outDir(), workspace, RESULT_FILE)) {
            ReproducibilityReport report = check(locked, variations, normalize, console, hostEnvironment, staged.staging(), progress);
            Path firstProvenance = staged.staging().resolve("first").resolve(HermeticBuild.PROVENANCE_FILE);
            var context = new ReproducibilityStatement.Context("first/" + HermeticBuild.PROVENANCE_FILE,
                    Files.isRegularFile(firstProvenance) ? Optional.of(Sha256.ofFile(firstProvenance)) : Optional.empty(),
                    request.builderId(), java.time.Instant.now());
            return publish(staged, report, invocation, signer, context);
        }
    }

    /**
     * Writes {@link #RESULT_FILE} (and, with a signer, {@link #RESULT_BUNDLE}) into a staged OUT
     * and publishes it; the report returned names paths where they are once published.
     */
    public static ReproducibilityReport publish(StagedOutDir staged, ReproducibilityReport staging, String invocation,
                                                Optional<BundleSigner> signer, ReproducibilityStatement.Context context) {
        ReproducibilityReport report = published(staging, staged);
        byte[] statement = ReproducibilityStatement.of(report, invocation, context);
        try {
            Files.write(staged.staging().resolve(RESULT_FILE), statement);
            if (signer.isPresent()) {
                Files.write(staged.staging().resolve(RESULT_BUNDLE), signer.get().attest(statement, "reproducibility result"));
            }
        } catch (IOException e) {
            throw new InputException("cannot write to " + staged.target() + ": " + e.getMessage(), e);
        }
        staged.commit();
        return report;
    }

    /** The report with the staging directory's paths replaced by where they are once OUT is published. */
    private static ReproducibilityReport published(ReproducibilityReport r, StagedOutDir staged) {
        String failure = r.failure() == null ? null : r.failure().replace(staged.staging().toString(), staged.target().toString());
        return new ReproducibilityReport(r.status(), r.subjects(), r.variations(), failure,
                r.diffoscopeReports().stream().map(p -> staged.published(Path.of(p)).toString()).toList(),
                r.normalized(), r.culprits(), r.culpritSearch());
    }

    private static ReproducibilityReport check(BuildRequest request, Set<Variation> variations, boolean normalize,
                                               OutputStream console, Map<String, String> hostEnvironment, Path out,
                                               BuildProgress progress) {
        VariationPlan plan = VariationPlan.of(variations);
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("hermetic-repro-");
            Sides sides = new Sides(request, scratch, console, hostEnvironment, progress);
            BuildResult a = sides.build("first", out.resolve("first"), VariationPlan.of(Set.of()));
            if (!a.succeeded()) {
                return ReproducibilityReport.failed("the first build failed (exit " + a.exitCode() + "; log " + a.buildLog() + ")"
                        + a.networkHint().map(h -> "; " + h).orElse(""), plan.outcomes());
            }
            BuildResult b = sides.build("second", out.resolve("second"), plan);
            if (!b.succeeded()) {
                return ReproducibilityReport.failed("the second (varied) build failed (exit " + b.exitCode() + "; log " + b.buildLog()
                        + "): that is a failed rebuild, not a mismatch" + b.networkHint().map(h -> "; " + h).orElse(""), plan.outcomes());
            }
            long epoch = epochOf(a);
            ReproducibilityReport report = compare(a, b, out, normalize, epoch, plan.outcomes());
            List<Variation> applied = plan.outcomes().stream().filter(VariationPlan.Outcome::applied)
                    .map(VariationPlan.Outcome::variation).toList();
            if (report.status() != ReproducibilityReport.Status.NOT_REPRODUCIBLE || applied.size() < 2) {
                return report;
            }
            return findCulprits(report, applied, sides, out, normalize, epoch);
        } catch (IOException e) {
            throw new InputException("reproducibility check: " + e.getMessage(), e);
        } finally {
            dev.hermeticbuild.FileTrees.deleteQuietly(scratch);
        }
    }

    /**
     * Which applied variation alone makes an output differ. A control build without variation
     * comes first: when it already differs from the first build, the build is non-deterministic by
     * itself and no variation is blamed. Otherwise one more build per variation, each with that
     * variation only, is compared with the first (reprotest's one-at-a-time search); a build that
     * fails under one variation counts that variation as a culprit.
     */
    private static ReproducibilityReport findCulprits(ReproducibilityReport report, List<Variation> applied, Sides sides,
                                                      Path out, boolean normalize, long epoch) throws IOException {
        Map<String, String> first = new LinkedHashMap<>();
        report.subjects().forEach(s -> first.put(s.path(), s.firstSha256()));
        Path controlDir = out.resolve("control");
        BuildResult control = sides.build("control", controlDir, VariationPlan.of(Set.of()));
        if (!control.succeeded() || !digests(control.artifacts(), controlDir, normalize, epoch).equals(first)) {
            return report.withCulprits(List.of(), "a control build without any variation already differs"
                    + (control.succeeded() ? "" : " (it failed)") + ": the build is non-deterministic by itself (clock, randomness,"
                    + " parallelism), so no variation is to blame");
        }
        List<Variation> culprits = new ArrayList<>();
        for (Variation v : applied) {
            Path dir = out.resolve("alone-" + v.cliName());
            BuildResult alone = sides.build("alone-" + v.cliName(), dir, VariationPlan.of(Set.of(v)));
            if (!alone.succeeded() || !digests(alone.artifacts(), dir, normalize, epoch).equals(first)) {
                culprits.add(v);
            }
        }
        String search = "a control build matched; " + applied.size() + " more builds, one variation each: "
                + (culprits.isEmpty() ? "none differs alone; only the combination does"
                        : culprits.stream().map(Variation::cliName).toList() + " alone make" + (culprits.size() == 1 ? "s" : "")
                        + " the outputs differ");
        return report.withCulprits(culprits, search);
    }

    /** Builds one side of a comparison in its own fresh export of the commit (shuffled when the plan asks). */
    private record Sides(BuildRequest request, Path scratch, OutputStream console, Map<String, String> hostEnvironment,
                         BuildProgress progress) {

        BuildResult build(String label, Path outDir, VariationPlan plan) throws IOException {
            progress.buildStarting(header(label, plan));
            Path name = request.workspace().toAbsolutePath().normalize().getFileName();
            BuildSource source = fresh(request, scratch.resolve(label), name, label.equals("first") ? console : OutputStream.nullOutputStream());
            Path shuffled = null;
            try {
                if (plan.shuffleFileOrder()) {
                    shuffled = Files.createDirectories(scratch.resolve(label + "-shuffled").resolve(name));
                    Disorderfs.mount(source.directory(), shuffled);
                    source = new BuildSource(source.state(), shuffled, false, List.of(), false);
                }
                BuildRequest side = request.toBuilder().workspace(source.directory()).outDir(outDir).variation(plan.variation()).build();
                return HermeticBuild.run(side, source, console, hostEnvironment, progress);
            } finally {
                if (shuffled != null) {
                    Disorderfs.unmount(shuffled);
                }
            }
        }
    }

    /** What a header before one build of the check says: which build, and what it varies. */
    static String header(String label, VariationPlan plan) {
        List<String> varied = plan.outcomes().stream().filter(VariationPlan.Outcome::applied).map(o -> o.variation().cliName()).toList();
        String what = varied.isEmpty() ? "without variation" : "varying " + String.join(", ", varied);
        return switch (label) {
            case "first" -> "build 1 of 2 (first, " + what + ")";
            case "second" -> "build 2 of 2 (second, " + what + ")";
            default -> "extra build (" + label + ", " + what + ")";
        };
    }

    /**
     * A fresh tree to build under {@code parent}: an export of the workspace's commit (never its
     * ignored or untracked files; at the release tier, refused when the work tree differs from the
     * commit), or, outside git, a copy of the workspace.
     */
    private static BuildSource fresh(BuildRequest request, Path parent, Path name, OutputStream console) throws IOException {
        Path workspace = request.workspace().toAbsolutePath().normalize();
        SourceState state = SourceInspector.inspect(workspace);
        Files.createDirectories(parent);
        if (request.tier() == Tier.RELEASE) {
            BuildSource.refuseUnfitForRelease(state, workspace);
        }
        if (!state.versioned()) {
            Path copy = dev.hermeticbuild.FileTrees.copy(workspace, parent.resolve(name), p -> false);
            return new BuildSource(state, copy, false, List.of(), false);
        }
        if (state.dirty()) {
            console.write(("check-reproducible: building commit " + state.commit().orElseThrow()
                    + "; changes in the working tree are not part of this check\n").getBytes(StandardCharsets.UTF_8));
        }
        try (SourceRepository repo = SourceRepository.open(workspace)) {
            return BuildSource.exportOf(repo, repo.commit(state.commit().orElseThrow()), state.pathInRepository(), parent.resolve(name));
        }
    }

    /** Compares two finished builds' outputs, path by path. */
    static ReproducibilityReport compare(BuildResult a, BuildResult b, Path out, boolean normalize, long epoch,
                                         List<VariationPlan.Outcome> variations) {
        Path dirA = out.resolve("first");
        Path dirB = out.resolve("second");
        Map<String, String> rawA = rawDigests(a.artifacts());
        Map<String, String> rawB = rawDigests(b.artifacts());
        Map<String, String> digestsA = digests(a.artifacts(), dirA, normalize, epoch);
        Map<String, String> digestsB = digests(b.artifacts(), dirB, normalize, epoch);
        List<ReproducibilityReport.SubjectResult> subjects = new ArrayList<>();
        List<String> diffoscope = new ArrayList<>();
        for (String path : union(digestsA, digestsB)) {
            String da = digestsA.get(path);
            String db = digestsB.get(path);
            List<String> explanation = List.of();
            if (da == null || db == null) {
                explanation = List.of(path + ": produced by the " + (da == null ? "second" : "first") + " build only");
            } else if (!da.equals(db)) {
                explanation = ArtifactDiff.explain(path, dirA.resolve(path), dirB.resolve(path));
                diffoscope(path, dirA.resolve(path), dirB.resolve(path), out).ifPresent(p -> diffoscope.add(p.toString()));
            }
            subjects.add(new ReproducibilityReport.SubjectResult(path, da, db, explanation, rawA.get(path), rawB.get(path)));
        }
        boolean same = subjects.stream().allMatch(ReproducibilityReport.SubjectResult::reproducible);
        return new ReproducibilityReport(same ? ReproducibilityReport.Status.REPRODUCIBLE : ReproducibilityReport.Status.NOT_REPRODUCIBLE,
                subjects, variations, null, diffoscope, normalize, List.of(), "");
    }

    private static Map<String, String> rawDigests(List<Artifact> artifacts) {
        Map<String, String> result = new LinkedHashMap<>();
        artifacts.forEach(a -> result.put(a.path(), a.sha256()));
        return result;
    }

    private static Map<String, String> digests(List<Artifact> artifacts, Path dir, boolean normalize, long epoch) {
        Map<String, String> result = new LinkedHashMap<>();
        for (Artifact artifact : artifacts) {
            Path file = dir.resolve(artifact.path());
            if (normalize) {
                Normalizer.normalize(file, epoch);
            }
            result.put(artifact.path(), normalize ? Sha256.ofFile(file) : artifact.sha256());
        }
        return result;
    }

    private static List<String> union(Map<String, String> a, Map<String, String> b) {
        List<String> all = new ArrayList<>(a.keySet());
        b.keySet().stream().filter(k -> !a.containsKey(k)).forEach(all::add);
        return all;
    }

    private static long epochOf(BuildResult result) {
        return result.statement().map(s -> {
            Object env = s.predicate().buildDefinition().internalParameters().get("environment");
            if (env instanceof Map<?, ?> m && m.get("SOURCE_DATE_EPOCH") != null) {
                return Long.parseLong(m.get("SOURCE_DATE_EPOCH").toString());
            }
            return Normalizer.ZIP_EPOCH_MIN;
        }).orElse(Normalizer.ZIP_EPOCH_MIN);
    }

    /** Runs Debian's diffoscope when installed; its text report is kept beside the results. */
    private static java.util.Optional<Path> diffoscope(String path, Path a, Path b, Path out) {
        Path tool = Path.of("/usr/bin/diffoscope");
        if (!Files.isExecutable(tool)) {
            return java.util.Optional.empty();
        }
        try {
            Path reports = Files.createDirectories(out.resolve("diffoscope"));
            Path report = reports.resolve(path.replaceAll("[^A-Za-z0-9._-]", "_") + ".txt");
            Process p = new ProcessBuilder(tool.toString(), "--text", report.toString(), "--no-progress", a.toString(), b.toString())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(DIFFOSCOPE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return java.util.Optional.empty();
            }
            return Files.exists(report) ? java.util.Optional.of(report) : java.util.Optional.empty();
        } catch (IOException e) {
            return java.util.Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return java.util.Optional.empty();
        }
    }

    /** disorderfs: a FUSE view of a directory whose listings come back shuffled. */
    static final class Disorderfs {
        private Disorderfs() {
        }

        static void mount(Path source, Path mountpoint) throws IOException {
            run(List.of("/usr/bin/disorderfs", "--shuffle-dirents=yes", "--multi-user=yes", source.toString(), mountpoint.toString()));
        }

        static void unmount(Path mountpoint) {
            try {
                run(List.of(Files.isExecutable(Path.of("/usr/bin/fusermount3")) ? "/usr/bin/fusermount3" : "/bin/fusermount", "-u", mountpoint.toString()));
            } catch (IOException e) {
                // a stale FUSE mount under /tmp is removed at reboot
            }
        }

        private static void run(List<String> command) throws IOException {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            try {
                if (p.waitFor() != 0) {
                    throw new IOException(String.join(" ", command) + " failed: " + output.strip());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted: " + String.join(" ", command));
            }
        }
    }
}
