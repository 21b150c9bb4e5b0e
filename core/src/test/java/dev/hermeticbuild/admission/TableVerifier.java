package dev.hermeticbuild.admission;

import dev.hermeticbuild.kubernetes.ImageReference;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link ImageVerifier} answering from a table of digests: it stands in for the registry
 * verification being built on branch i18-reg (the lead wires the real one at merge). An unknown
 * digest fails as unsigned; {@link #down} makes every call a registry error. It records each call.
 */
final class TableVerifier implements ImageVerifier {

    final Map<String, ImageVerdict> verdicts = new ConcurrentHashMap<>();
    final AtomicBoolean down = new AtomicBoolean();
    final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<VerifyPolicy> policies = java.util.Collections.synchronizedList(new ArrayList<>());

    TableVerifier with(String digest, ImageVerdict verdict) {
        verdicts.put(digest, verdict);
        return this;
    }

    @Override
    public ImageVerdict verify(ImageReference pinned, VerifyPolicy policy) {
        if (!pinned.pinned()) {
            throw new AssertionError("the decider passed an unpinned reference: " + pinned);
        }
        calls.add(pinned.text());
        policies.add(policy);
        if (down.get()) {
            throw new RegistryUnavailableException("registry.example.com: connection refused");
        }
        return verdicts.getOrDefault(pinned.digest().orElseThrow(), ImageVerdict.fail(List.of(
                dev.hermeticbuild.verify.VerificationFailure.of(dev.hermeticbuild.verify.VerificationFailure.Code.NEEDS_ATTESTATION,
                        "no attestation for this digest"))));
    }
}
