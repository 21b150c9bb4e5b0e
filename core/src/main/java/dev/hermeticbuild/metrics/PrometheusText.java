package dev.hermeticbuild.metrics;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * Renders {@link Slis} in the Prometheus text exposition format (version 0.0.4). A ratio with
 * nothing to measure in the window is left out, with a comment saying why, rather than
 * reported as 0 or NaN.
 */
public final class PrometheusText {

    private PrometheusText() {
    }

    /** The exposition text; {@code window} (e.g. {@code 30d}) labels every sample. */
    public static String render(Slis s, String window) {
        StringBuilder out = new StringBuilder();
        String label = "window=\"" + window.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        gauge(out, "hermetic_builds", "Build records accepted by the store in the window.", label, s.builds());
        out.append("# HELP hermetic_builds_by_signature Build records by how their signature was checked at put.\n")
                .append("# TYPE hermetic_builds_by_signature gauge\n");
        sample(out, "hermetic_builds_by_signature", label + ",status=\"verified\"", s.verified());
        sample(out, "hermetic_builds_by_signature", label + ",status=\"failed\"", s.failed());
        sample(out, "hermetic_builds_by_signature", label + ",status=\"unverified\"", s.unverified());
        sample(out, "hermetic_builds_by_signature", label + ",status=\"unsigned\"", s.unsigned());
        ratio(out, "hermetic_provenance_coverage_ratio",
                "Builds whose signed provenance verified, over all builds.", label, s.provenanceCoverage(), "no builds");
        ratio(out, "hermetic_sbom_coverage_ratio", "Builds recorded with an SBOM, over all builds.", label,
                s.sbomCoverage(), "no builds");
        ratio(out, "hermetic_sbom_completeness_ratio", "SBOM components with a purl and a hash, over all components.",
                label, s.sbomCompleteness(), "no SBOM components");
        ratio(out, "hermetic_verification_pass_ratio", "Bundles that verify now, over bundles checked.",
                label, s.verificationPassRate(), "no bundle was verified");
        ratio(out, "hermetic_reproducible_build_ratio",
                "Rebuilt artifacts whose latest rebuild was bit-for-bit identical, over rebuilt artifacts.", label,
                s.reproducibleRate(), "no rebuild records");
        ratio(out, "hermetic_build_flakiness_ratio",
                "Artifacts rebuilt at least twice whose rebuilds disagree, over artifacts rebuilt at least twice.",
                label, s.flakiness(), "no artifact rebuilt twice");
        ratio(out, "hermetic_cache_hit_ratio", "Locked inputs served from the dependency cache, over all looked up.",
                label, s.cacheHitRate(), "no cache usage recorded");
        summary(out, "hermetic_build_lead_time_seconds", "Build lead time: provenance finishedOn minus startedOn.",
                label, s.leadTimes());
        summary(out, "hermetic_verification_latency_seconds", "Time to verify a bundle when it was put.", label,
                s.verifyLatencies());
        return out.toString();
    }

    private static void gauge(StringBuilder out, String name, String help, String label, double value) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" gauge\n");
        sample(out, name, label, value);
    }

    private static void ratio(StringBuilder out, String name, String help, String label, OptionalDouble v, String why) {
        if (v.isPresent()) {
            gauge(out, name, help, label, v.getAsDouble());
        } else {
            out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                    .append("# TYPE ").append(name).append(" gauge\n")
                    .append("# ").append(name).append(" not reported: ").append(why).append(" in the window\n");
        }
    }

    private static void summary(StringBuilder out, String name, String help, String label, List<Duration> values) {
        out.append("# HELP ").append(name).append(' ').append(help).append('\n')
                .append("# TYPE ").append(name).append(" summary\n");
        for (double q : new double[] {0.5, 0.95}) {
            Slis.quantile(values, q).ifPresent(d -> sample(out, name, label + ",quantile=\"" + q + "\"", seconds(d)));
        }
        sample(out, name + "_sum", label, values.stream().mapToDouble(PrometheusText::seconds).sum());
        sample(out, name + "_count", label, values.size());
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
