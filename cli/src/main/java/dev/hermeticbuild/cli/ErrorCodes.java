package dev.hermeticbuild.cli;

import dev.hermeticbuild.HermeticException;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.PolicyException;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.cache.CacheException;
import dev.hermeticbuild.lock.LockfileException;
import dev.hermeticbuild.rebuild.ToolchainUnavailableException;
import dev.hermeticbuild.sandbox.IsolationException;
import dev.hermeticbuild.sbom.maven.MavenGraphException;
import dev.hermeticbuild.sign.SigningException;
import dev.hermeticbuild.source.GitExecutionRefused;
import dev.hermeticbuild.store.NotFoundException;
import dev.hermeticbuild.store.StoreException;
import dev.hermeticbuild.verify.VerificationException;
import dev.hermeticbuild.verify.VerificationFailure;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;

/**
 * The stable {@code errors[].code} of each kind of failure: one per engine exception type and
 * picocli usage error; a verification failure or release refusal keeps its own code
 * ({@code unknown-key}, {@code dirty-tree}...), and a malformed bundle has the same code wherever it is found.
 */
final class ErrorCodes {

    /** A check-reproducible or rebuild output that differs between the builds (one error per output). */
    static final String NOT_REPRODUCIBLE = "not-reproducible";
    /** A locked input prefetch could not fetch and verify, other than an unreachable registry. */
    static final String FETCH_FAILED = "fetch-failed";
    /** A locked input no registry could serve (connection refused, timeout, 5xx, 429). */
    static final String REGISTRY_UNAVAILABLE = "registry-unavailable";
    /** One pod-lint finding. */
    static final String POD_LINT_FINDING = "pod-lint-finding";
    /** One broken row of the store's log (store verify). */
    static final String STORE_CHAIN_BROKEN = "store-chain-broken";
    /** One reason trace does not trust an artifact. */
    static final String NOT_TRUSTWORTHY = "not-trustworthy";

    /** An unexpected failure of hermetic itself (a bug), not of the input or the build. */
    static final String INTERNAL_ERROR = "internal-error";

    /** The codes commands report themselves, besides those of exceptions, usage errors and verification failures. */
    static final java.util.List<String> COMMAND_CODES = java.util.List.of(INTERNAL_ERROR, NOT_REPRODUCIBLE, FETCH_FAILED, REGISTRY_UNAVAILABLE,
            POD_LINT_FINDING, STORE_CHAIN_BROKEN, NOT_TRUSTWORTHY);

    /** The codes of usage errors. */
    static final java.util.List<String> USAGE_CODES = java.util.List.of("unknown-option", "unknown-argument", "missing-parameter",
            "exclusive-options", "repeated-option", "too-many-values", "usage-error");

    private static final Map<Class<? extends HermeticException>, String> BY_TYPE = Map.ofEntries(
            Map.entry(InputException.class, "input-error"),
            Map.entry(IsolationException.class, "isolation-failed"),
            Map.entry(PolicyException.class, "policy-refused"),
            Map.entry(NotFoundException.class, "not-found"),
            Map.entry(StoreException.class, "store-error"),
            Map.entry(CacheException.class, "cache-error"),
            Map.entry(SigningException.class, "signing-error"),
            Map.entry(MalformedBundleException.class, VerificationFailure.Code.MALFORMED_BUNDLE.id()),
            Map.entry(LockfileException.class, "lockfile-error"),
            Map.entry(GitExecutionRefused.class, "git-execution-refused"),
            Map.entry(MavenGraphException.class, "maven-graph-error"),
            Map.entry(ToolchainUnavailableException.class, "toolchain-unavailable"),
            Map.entry(dev.hermeticbuild.cache.RegistryUnavailableException.class, REGISTRY_UNAVAILABLE),
            Map.entry(dev.hermeticbuild.image.registry.RegistryUnavailableException.class, REGISTRY_UNAVAILABLE),
            Map.entry(dev.hermeticbuild.image.registry.RegistryException.class, "registry-refused"));

    /** The codes of engine exceptions. */
    static java.util.Collection<String> exceptionCodes() {
        return BY_TYPE.values();
    }

    private ErrorCodes() {
    }

    /** The errors an engine exception reports: one, or one per reason of a verification failure or release refusal. */
    static List<JsonReport.Error> of(HermeticException e) {
        if (e instanceof VerificationException v) {
            return v.failures().stream().map(f -> new JsonReport.Error(f.code().id(), f.explained())).toList();
        }
        if (e instanceof dev.hermeticbuild.build.ReleaseRefusedException r) {
            return r.refusals().stream().map(f -> new JsonReport.Error(f.code().id(), f.message())).toList();
        }
        String code = BY_TYPE.getOrDefault(e.getClass(), ExitCodes.code(e.exitCode()));
        return List.of(new JsonReport.Error(code, e.getMessage()));
    }

    /** The code of a usage error picocli found on the command line. */
    static String of(CommandLine.ParameterException e) {
        if (e instanceof CommandLine.UnmatchedArgumentException u) {
            return u.getUnmatched().stream().allMatch(a -> a.startsWith("-")) ? "unknown-option" : "unknown-argument";
        }
        if (e instanceof CommandLine.MissingParameterException) {
            return "missing-parameter";
        }
        if (e instanceof CommandLine.MutuallyExclusiveArgsException) {
            return "exclusive-options";
        }
        if (e instanceof CommandLine.OverwrittenOptionException) {
            return "repeated-option";
        }
        if (e instanceof CommandLine.MaxValuesExceededException) {
            return "too-many-values";
        }
        return "usage-error";
    }
}
