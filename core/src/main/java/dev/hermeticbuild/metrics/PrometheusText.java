package dev.hermeticbuild.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Renders {@link Slis} in the Prometheus text exposition format (version 0.0.4), one sample per
 * metric and window, each metric family once. A ratio with nothing to measure in a window is
 * left out, with a comment saying why, rather than reported as 0 or NaN.
 */
public final class PrometheusText {

    /** The indicators of one window and the label value that names it (e.g. {@code 1h}). */
    public record Window(String label, Slis slis) {
    }

    private PrometheusText() {
    }

    /** The exposition text; {@code window} (e.g. {@code 30d}) labels every sample. */
    public static String render(Slis s, String window) {
        return render(List.of(new Window(window, s)));
    }

    /** The exposition text of several windows: every sample carries its window's {@code window} label. */
    public static String render(List<Window> windows) {
        StringBuilder out = new StringBuilder();
        family(out, "hermetic_builds", "Build records accepted by the store in the window.", "gauge");
        windows.forEach(w -> sample(out, "hermetic_builds", label(w), w.slis().builds()));
        family(out, "hermetic_builds_by_signature", "Build records by how their signature was checked.", "gauge");
        for (Window w : windows) {
            sample(out, "hermetic_builds_by_signature", label(w) + ",status=\"verified\"", w.slis().verified());
            sample(out, "hermetic_builds_by_signature", label(w) + ",status=\"failed\"", w.slis().failed());
            sample(out, "hermetic_builds_by_signature", label(w) + ",status=\"unverified\"", w.slis().unverified());
            sample(out, "hermetic_builds_by_signature", label(w) + ",status=\"unsigned\"", w.slis().unsigned());
        }
        family(out, "hermetic_deploy_verifications",
                "Artifacts and images checked where they were to run (verify --store, the admission webhook), by result.", "gauge");
        for (Window w : windows) {
            sample(out, "hermetic_deploy_verifications", label(w) + ",result=\"passed\"", w.slis().deployChecksPassed());
            sample(out, "hermetic_deploy_verifications", label(w) + ",result=\"refused\"",
                    w.slis().deployChecks() - w.slis().deployChecksPassed());
        }
        family(out, "hermetic_deploy_refusals", "Deploy-time refusals by reason code (one refusal may give several).", "gauge");
        for (Window w : windows) {
            w.slis().refusalReasons().forEach((reason, n) ->
                    sample(out, "hermetic_deploy_refusals", label(w) + ",reason=\"" + reason.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"", n));
        }
        family(out, "hermetic_rebuilt_artifacts", "Artifacts with at least one rebuild record in the window.", "gauge");
        windows.forEach(w -> sample(out, "hermetic_rebuilt_artifacts", label(w), w.slis().rebuiltSubjects()));
        family(out, "hermetic_cache_lookups", "Locked inputs looked up in the dependency cache, by result.", "gauge");
        for (Window w : windows) {
            sample(out, "hermetic_cache_lookups", label(w) + ",result=\"hit\"", w.slis().cacheHits());
            sample(out, "hermetic_cache_lookups", label(w) + ",result=\"miss\"", w.slis().cacheMisses());
        }
        ratio(out, windows, "hermetic_provenance_coverage_ratio",
                "Builds whose signed provenance verified, over all builds.", Slis::provenanceCoverage, "no builds");
        ratio(out, windows, "hermetic_sbom_coverage_ratio", "Builds recorded with an SBOM, over all builds.",
                Slis::sbomCoverage, "no builds");
        ratio(out, windows, "hermetic_sbom_completeness_ratio",
                "SBOM components with a purl and a hash, over all components.", Slis::sbomCompleteness, "no SBOM components");
        ratio(out, windows, "hermetic_verification_pass_ratio", "Bundles that verify now, over bundles checked.",
                Slis::verificationPassRate, "no bundle was verified");
        ratio(out, windows, "hermetic_reproducible_build_ratio",
                "Rebuilt artifacts whose latest rebuild was bit-for-bit identical, over rebuilt artifacts.",
                Slis::reproducibleRate, "no rebuild records");
        ratio(out, windows, "hermetic_build_flakiness_ratio",
                "Artifacts rebuilt at least twice whose rebuilds disagree, over artifacts rebuilt at least twice.",
                Slis::flakiness, "no artifact rebuilt twice");
        ratio(out, windows, "hermetic_cache_hit_ratio", "Locked inputs served from the dependency cache, over all looked up.",
                Slis::cacheHitRate, "no cache usage recorded");
        summary(out, windows, "hermetic_build_lead_time_seconds", "Build lead time: provenance finishedOn minus startedOn.",
                Slis::leadTimes);
        summary(out, windows, "hermetic_verification_latency_seconds", "Time to verify a bundle when it was put.",
                Slis::verifyLatencies);
        return out.toString();
    }

    private static String label(Window w) {
        return "window=\"" + w.label().replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    private static void family(StringBuilder out, String name, String help, String type) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(' ').append(type).append('\n');
    }

    private static void ratio(StringBuilder out, List<Window> windows, String name, String help,
                              Function<Slis, OptionalDouble> value, String why) {
        family(out, name, help, "gauge");
        for (Window w : windows) {
            OptionalDouble v = value.apply(w.slis());
            if (v.isPresent()) {
                sample(out, name, label(w), v.getAsDouble());
            } else {
                out.append("# ").append(name).append(" not reported: ").append(why).append(" in the window ")
                        .append(w.label()).append('\n');
            }
        }
    }

    private static void summary(StringBuilder out, List<Window> windows, String name, String help,
                                Function<Slis, List<Duration>> values) {
        family(out, name, help, "summary");
        for (Window w : windows) {
            List<Duration> v = values.apply(w.slis());
            for (double q : new double[] {0.5, 0.95}) {
                Slis.quantile(v, q).ifPresent(d -> sample(out, name, label(w) + ",quantile=\"" + q + "\"", seconds(d)));
            }
            sample(out, name + "_sum", label(w), v.stream().mapToDouble(PrometheusText::seconds).sum());
            sample(out, name + "_count", label(w), v.size());
        }
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static void sample(StringBuilder out, String name, String labels, double value) {
        out.append(name).append('{').append(labels).append("} ").append(format(value)).append('\n');
    }

    static String format(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%.6g", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
