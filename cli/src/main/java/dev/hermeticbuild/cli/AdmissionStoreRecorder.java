package dev.hermeticbuild.cli;

import dev.hermeticbuild.admission.AdmissionRequest;
import dev.hermeticbuild.admission.AuditLog;
import dev.hermeticbuild.admission.Decision;
import dev.hermeticbuild.admission.ImageDecision;
import dev.hermeticbuild.admission.ImagePattern;
import dev.hermeticbuild.admission.Reason;
import dev.hermeticbuild.kubernetes.ImageReference;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.store.ProvenanceRecord;
import dev.hermeticbuild.store.StoreRecorder;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code admission serve --store}: each image the webhook checked (pinned by digest, in a namespace
 * it checks) becomes one verification record in the provenance store, the deploy-time SLI. Written
 * off the request path by one thread, so a slow store never slows a decision; when its queue is
 * full a record is dropped and counted on standard error, never the decision changed.
 */
final class AdmissionStoreRecorder implements AuditLog.Listener {

    static final int QUEUE = 10_000;
    private static final Set<Reason> NOT_A_CHECK = Set.of(Reason.EXEMPT_NAMESPACE, Reason.OPERATION_NOT_CHECKED);

    private final StoreRecorder store;
    private final PrintStream err;
    private final AtomicLong dropped = new AtomicLong();
    private final ThreadPoolExecutor writer = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(QUEUE),
            r -> {
                Thread t = new Thread(r, "admission-store-recorder");
                t.setDaemon(true);
                return t;
            }, (r, pool) -> dropped.incrementAndGet());

    AdmissionStoreRecorder(String storeUrl, Optional<Signer> storeKey, PrintStream err) {
        this.store = new StoreRecorder(storeUrl, storeKey, Optional.empty());
        this.err = err;
    }

    @Override
    public void decided(Instant at, Optional<AdmissionRequest> request, Decision decision) {
        for (ImageDecision d : decision.images()) {
            Optional<String> digest = digest(d.image());
            if (digest.isEmpty() || NOT_A_CHECK.contains(d.reason())) {
                continue;
            }
            boolean passed = d.reason() == Reason.VERIFIED;
            var outcome = new ProvenanceRecord.VerificationOutcome(digest.get(), "admission", Optional.of(d.image()), passed,
                    passed ? List.of() : List.of(d.reason().id()));
            String name = ImagePattern.canonicalName(ImageReference.parse(d.image(), "image").name());
            writer.execute(() -> {
                try {
                    store.verification(name, outcome);
                } catch (RuntimeException e) {
                    err.println("hermetic: admission: the store did not take the record of " + d.image() + ": " + e.getMessage());
                }
            });
        }
        long lost = dropped.getAndSet(0);
        if (lost > 0) {
            err.println("hermetic: admission: the store recorder's queue was full: " + lost + " deploy-time check(s) not recorded");
        }
    }

    /** Waits until every record queued so far is written (or has failed). */
    void flush() throws InterruptedException {
        try {
            writer.submit(() -> { }).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private static Optional<String> digest(String image) {
        try {
            return ImageReference.parse(image, "image").digest().map(d -> d.startsWith("sha256:") ? d.substring(7) : d)
                    .filter(d -> d.matches("[0-9a-f]{64}"));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }
}
