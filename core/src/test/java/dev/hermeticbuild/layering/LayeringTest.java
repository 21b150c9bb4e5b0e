package dev.hermeticbuild.layering;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walk of a build as rules over core's packages: each package may import only the packages
 * below it, no package cycles, and nothing of the CLI or Jenkins. A new arrow back up fails here.
 */
class LayeringTest {

    private static final String ROOT = "dev.hermeticbuild";

    private static JavaClasses core;

    @BeforeAll
    static void importCore() {
        core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    /** Fails when a class of {@code pkg} depends on one of our packages not in {@code allowed}. */
    private static void mayImportOnly(String pkg, String because, String... allowed) {
        List<String> ok = new ArrayList<>(List.of(ROOT, ROOT + "." + pkg + ".."));
        for (String a : allowed) {
            ok.add(ROOT + "." + a + "..");
        }
        noClasses().that().resideInAPackage(ROOT + "." + pkg + "..")
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..").and(not(resideInAnyPackage(ok.toArray(String[]::new)))))
                .because(because)
                .check(core);
    }

    @Test
    void digestAndTheBundleFormatAreTheFloor() {
        mayImportOnly("digest", "a SHA-256 of bytes or a file needs nothing of the engine");
        mayImportOnly("bundle", "the Sigstore bundle and DSSE format is plain data every later step reads");
    }

    @Test
    void sandboxArtifactsAndProvenanceNeedOnlyTheFloor() {
        mayImportOnly("sandbox", "running a command isolated knows nothing of what the build means");
        mayImportOnly("artifacts", "collecting outputs needs only their digests", "digest");
        mayImportOnly("provenance", "the statement model is data the later steps write and read, strictly parsed",
                "digest", "bundle");
    }

    /** Only the image package itself: its registry subpackage reaches further (push, referrers, verify). */
    @Test
    void imagesAreReadAndAssembledFromTheFloor() {
        noClasses().that().resideInAPackage(ROOT + ".image")
                .should().dependOnClassesThat(resideInAPackage(ROOT + "..")
                        .and(not(resideInAnyPackage(ROOT, ROOT + ".image", ROOT + ".digest"))))
                .because("an image layout is read and assembled from its bytes and their digests alone")
                .check(core);
    }

    /** Pushing and verifying from a registry: the layout read by image, bundles checked by verify; never sbom or build. */
    @Test
    void registryPushesLayoutsAndVerifiesWithVerify() {
        mayImportOnly("image.registry", "a registry client pushes what image read and checks bundles with verify",
                "digest", "bundle", "image", "verify");
    }

    @Test
    void sourceLockAndCacheDescribeTheInputs() {
        mayImportOnly("source", "what went in is recorded with the toolchain model and the sandbox's view of it",
                "digest", "provenance", "sandbox");
        mayImportOnly("lock", "lockfiles are read against the source's identity", "digest", "source", "provenance");
        mayImportOnly("cache", "the dependency cache holds what the locks name", "digest", "source", "lock", "provenance");
    }

    @Test
    void sbomDescribesTheOutputsFromTheInputs() {
        mayImportOnly("sbom", "the SBOM lists outputs and the locked, cached inputs they were built from",
                "digest", "artifacts", "provenance", "source", "lock", "cache", "image");
    }

    @Test
    void signVerifyAndStoreFollowInThatOrder() {
        mayImportOnly("sign", "signing wraps statements in bundles; keys never need the build",
                "digest", "bundle", "provenance");
        mayImportOnly("verify", "verification reads bundles with the signing keys' types and the source's identity",
                "digest", "bundle", "sign", "source", "provenance");
        mayImportOnly("store", "the store keeps signed records and checks them with verify",
                "digest", "bundle", "sign", "verify", "source", "provenance");
    }

    @Test
    void buildRunsTheWalkAndOnlyTheTopReadsIt() {
        mayImportOnly("build", "a build runs the walk: source, sandbox, artifacts (and images among them), provenance, sbom, sign",
                "digest", "bundle", "sandbox", "artifacts", "image", "provenance", "source", "lock", "cache", "sbom", "sign");
        mayImportOnly("rebuild", "a rebuild runs a build again from what was recorded",
                "digest", "bundle", "sandbox", "artifacts", "image", "provenance", "source", "lock", "cache", "sbom", "sign", "build");
        mayImportOnly("metrics", "metrics are computed from what the store holds",
                "digest", "bundle", "provenance", "source", "sign", "verify", "store");
        mayImportOnly("report", "reports read what store, rebuild and metrics hold",
                "digest", "bundle", "provenance", "source", "sign", "verify", "store", "metrics", "rebuild", "build",
                "artifacts", "sandbox", "lock", "cache", "sbom");
        mayImportOnly("kubernetes", "pod specs need the tier of the build they run", "build", "sandbox");
        mayImportOnly("agent", "what a CI adapter calls: the agent's argument lists and the rules for its settings",
                "digest", "artifacts", "image", "sandbox", "source", "provenance", "build", "rebuild", "store", "verify");
    }

    /** The webhook is the top of the deploy side: nothing in core builds on it; the CLI serves it. */
    @Test
    void admissionDecidesFromVerifyAndThePodModel() {
        mayImportOnly("admission", "an admission decision reads pod specs and checks images with verify's policy types",
                "digest", "bundle", "provenance", "verify", "kubernetes");
        noClasses().that().resideOutsideOfPackage(ROOT + ".admission..")
                .should().dependOnClassesThat(resideInAPackage(ROOT + ".admission.."))
                .because("nothing in core builds on the webhook")
                .check(core);
    }

    @Test
    void noPackageCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles()
                .because("a package cycle is a knot in the walk")
                .check(core);
    }

    @Test
    void coreKnowsNoAdapter() {
        noClasses().that().resideInAPackage(ROOT + "..")
                .should().dependOnClassesThat(resideInAnyPackage(ROOT + ".cli..", ROOT + ".jenkins..", "hudson..", "jenkins.."))
                .because("core is the engine; the CLI and the Jenkins plugin are adapters over it")
                .check(core);
    }
}
