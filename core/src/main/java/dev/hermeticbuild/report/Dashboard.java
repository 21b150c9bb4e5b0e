package dev.hermeticbuild.report;

import dev.hermeticbuild.metrics.SliCalculator;
import dev.hermeticbuild.metrics.Slis;
import dev.hermeticbuild.store.ChainCheck;
import dev.hermeticbuild.store.ChainReport;
import dev.hermeticbuild.store.CheckedRecord;
import dev.hermeticbuild.store.ProvenanceRecord;
import dev.hermeticbuild.store.ProvenanceStore;
import dev.hermeticbuild.store.ReadCheck.Outcome;
import dev.hermeticbuild.store.RecordCheck;
import dev.hermeticbuild.store.RecordKind;
import dev.hermeticbuild.store.StoredRecord;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Collectors;

/**
 * The static HTML dashboard: an executive view (provenance coverage, verification pass rate,
 * lead time P50/P95, charts over time) and a debug view (failed verifications with their
 * reasons, non-reproducible artifacts with their differences, unsigned or unverified records).
 * Every signature shown is checked when the page is made ({@link RecordCheck}), never taken from
 * what a record says about itself. One self-contained file: inline CSS and SVG, no script,
 * nothing fetched.
 */
public final class Dashboard {

    /**
     * What the dashboard shows.
     *
     * @param signaturesChecked whether signatures were checked against trusted keys (else none shows as verified)
     * @param positionsChecked  whether the log was checked against the store's public keys
     */
    public record Input(String store, String window, Instant generatedAt, Slis slis, ChainReport chain,
                        List<CheckedRecord> records, boolean signaturesChecked, boolean positionsChecked) {

        /**
         * Everything the page needs, read from {@code store} for the records accepted within
         * {@code window} before {@code now}, each checked with {@code check}, the whole log walked.
         */
        public static Input from(ProvenanceStore store, Duration window, String windowLabel, Instant now, RecordCheck check) {
            List<StoredRecord> records = store.recordedSince(now.minus(window));
            ChainReport chain = store.verify(new ChainCheck(Optional.empty(), check.storeKeys(), Optional.empty()));
            List<CheckedRecord> checked = check.check(records, chain);
            Slis slis = SliCalculator.computeChecked(checked, now.minus(window), now.plusMillis(1));
            return new Input(store.describe(), windowLabel, now, slis, chain, checked, check.checksSignatures(),
                    check.checksPositions());
        }
    }

    /** More builds than this are cut from the list of all builds, saying so; the indicators still count them all. */
    static final int MAX_LISTED_BUILDS = 1000;

    private static final java.time.format.DateTimeFormatter TIME =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

    private Dashboard() {
    }

    /** The page. */
    public static String render(Input in) {
        return render(in, MAX_LISTED_BUILDS);
    }

    /** The page, listing at most {@code maxListed} build records. */
    static String render(Input in, int maxListed) {
        Slis s = in.slis();
        StringBuilder b = new StringBuilder(32_768);
        b.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
                .append("<title>hermetic-build: provenance dashboard</title><style>").append(CSS).append("</style></head><body>");
        b.append("<header><h1>Provenance dashboard</h1><p class=\"meta\">Store <code>").append(Html.esc(in.store()))
                .append("</code> · window ").append(Html.esc(in.window())).append(" (").append(day(s.from())).append(" to ")
                .append(day(s.to())).append(") · generated ").append(in.generatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append("</p>");
        ChainReport c = in.chain();
        if (c.intact()) {
            b.append("<p id=\"chain\" class=\"ok\">Log intact: ").append(c.records()).append(" records, head #")
                    .append(c.headSeq()).append(" <code>").append(c.headHash(), 0, 16).append("…</code></p>");
        } else {
            b.append("<p id=\"chain\" class=\"bad\">Log BROKEN: ").append(c.problems().size())
                    .append(" problems, first: ").append(Html.esc(c.problems().get(0).toString())).append("</p>");
        }
        b.append("<p id=\"trust\" class=\"meta\">").append(in.signaturesChecked()
                ? "Signatures checked now against the trusted keys."
                : "Signatures NOT checked: no trusted keys given, so no record is shown as verified.")
                .append(in.positionsChecked()
                        ? c.checkpoint().map(cp -> " Latest store checkpoint verified: " + cp.checkpoint().size() + " records.")
                        .orElse(" Store checkpoint did NOT verify.")
                        : " Store checkpoints not checked: no store key given.").append("</p>");
        b.append("</header><main>");
        executive(b, in);
        debug(b, in);
        allBuilds(b, in, maxListed);
        b.append("</main><footer>Definitions: coverage = builds whose signed provenance verifies now against the trusted"
                + " keys / all build records; pass rate = verified / (verified + failed); lead time = provenance finishedOn − startedOn;"
                + " reproducible = rebuilt artifacts whose latest rebuild was identical; flaky = artifacts rebuilt at"
                + " least twice with disagreeing outcomes.</footer></body></html>\n");
        return b.toString();
    }

    private static void executive(StringBuilder b, Input in) {
        Slis s = in.slis();
        b.append("<section id=\"executive\"><h2>Executive view</h2><div class=\"tiles\">");
        tile(b, "coverage", "Provenance coverage", s.provenanceCoverage(), s.verified() + " of " + s.builds() + " builds");
        tile(b, "pass-rate", "Verification pass rate", s.verificationPassRate(),
                s.verified() + " of " + (s.verified() + s.failed()) + " verified bundles");
        durationTile(b, "lead-p50", "Lead time P50", s, 0.5);
        durationTile(b, "lead-p95", "Lead time P95", s, 0.95);
        tile(b, "sbom", "SBOM completeness", s.sbomCompleteness(), s.sbomComplete() + " of " + s.sbomComponents() + " components");
        tile(b, "reproducible", "Reproducible builds", s.reproducibleRate(),
                s.rebuiltSubjects() == 0 ? "unknown: no rebuilds recorded" : s.reproducibleSubjects() + " of "
                        + s.rebuiltSubjects() + " rebuilt artifacts");
        b.append("</div>");

        List<LocalDate[]> buckets = buckets(s.from(), s.to());
        List<String> x = buckets.stream().map(d -> d[0].toString().substring(5)).toList();
        List<OptionalDouble> ok = new ArrayList<>(), failed = new ArrayList<>(), other = new ArrayList<>();
        List<OptionalDouble> p50 = new ArrayList<>(), p95 = new ArrayList<>();
        for (LocalDate[] bucket : buckets) {
            List<CheckedRecord> checked = in.records().stream()
                    .filter(r -> r.record().kind() == RecordKind.BUILD && inBucket(r.record().recordedAt(), bucket)).toList();
            List<ProvenanceRecord> in1 = checked.stream().map(CheckedRecord::record).toList();
            ok.add(OptionalDouble.of(checked.stream().filter(r -> r.signature().outcome() == Outcome.VERIFIED).count()));
            failed.add(OptionalDouble.of(checked.stream().filter(r -> r.signature().outcome() == Outcome.FAILED).count()));
            other.add(OptionalDouble.of(checked.stream().filter(r -> r.signature().outcome() == Outcome.NOT_CHECKED
                    || r.signature().outcome() == Outcome.UNSIGNED).count()));
            List<Duration> lead = in1.stream().filter(r -> r.build().startedOn().isPresent() && r.build().finishedOn().isPresent())
                    .map(r -> Duration.between(r.build().startedOn().get(), r.build().finishedOn().get()))
                    .filter(d -> !d.isNegative()).sorted().toList();
            p50.add(Slis.quantile(lead, 0.5).map(d -> OptionalDouble.of(d.toMillis() / 1000.0)).orElse(OptionalDouble.empty()));
            p95.add(Slis.quantile(lead, 0.95).map(d -> OptionalDouble.of(d.toMillis() / 1000.0)).orElse(OptionalDouble.empty()));
        }
        b.append("<div class=\"charts\"><figure>").append(SvgChart.stackedBars("chart-builds", "Builds recorded per "
                + (buckets.get(0)[0].equals(buckets.get(0)[1]) ? "day" : "period") + ", by signature check", x, List.of(
                new SvgChart.Series("verified", "#1a7f37", ok), new SvgChart.Series("failed", "#cf222e", failed),
                new SvgChart.Series("unsigned/not checked", "#8c959f", other)))).append("</figure>");
        b.append("<figure>").append(SvgChart.lines("chart-lead-time", "Build lead time", x, List.of(
                new SvgChart.Series("P50", "#0969da", p50), new SvgChart.Series("P95", "#8250df", p95)),
                Dashboard::seconds)).append("</figure>");
        b.append("<figure>").append(SvgChart.percentBars("chart-slis", "Indicators over the window",
                List.of("Provenance coverage", "Verification pass rate", "SBOM coverage", "SBOM completeness",
                        "Reproducible builds", "Cache hit rate"),
                List.of(s.provenanceCoverage(), s.verificationPassRate(), s.sbomCoverage(), s.sbomCompleteness(),
                        s.reproducibleRate(), s.cacheHitRate()))).append("</figure></div></section>");
    }

    private static void debug(StringBuilder b, Input in) {
        b.append("<section id=\"debug\"><h2>Debug view</h2>");
        b.append("<h3>Failed verifications</h3>");
        List<CheckedRecord> failed = in.records().stream()
                .filter(r -> r.record().kind() == RecordKind.BUILD && r.signature().outcome() == Outcome.FAILED).toList();
        if (failed.isEmpty()) {
            b.append("<p class=\"none\" id=\"no-failed\">None in the window.</p>");
        } else {
            b.append("<table id=\"failed-verifications\"><thead><tr><th>Record</th><th>Recorded</th><th>Build</th>"
                    + "<th>Artifacts</th><th>Key</th><th>Reasons</th></tr></thead><tbody>");
            for (CheckedRecord r : failed) {
                ProvenanceRecord p = r.record();
                b.append("<tr><td>#").append(r.stored().seq()).append("</td>").append(timeCell(p.recordedAt())).append("<td>")
                        .append(Html.esc(p.buildId().orElse("–"))).append("</td><td>").append(subjects(p))
                        .append("</td><td><code>").append(Html.esc(shortId(p.signature().keyId().orElse("–"))))
                        .append("</code></td><td><ul>");
                r.signature().reasons().forEach(reason -> b.append("<li>").append(Html.esc(reason)).append("</li>"));
                b.append("</ul></td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("<h3>Non-reproducible artifacts</h3>");
        List<StoredRecord> bad = in.records().stream().map(CheckedRecord::stored).filter(r -> r.record().rebuild().isPresent()
                && !r.record().rebuild().get().reproducible()).toList();
        if (bad.isEmpty()) {
            b.append("<p class=\"none\" id=\"no-nonreproducible\">None in the window")
                    .append(in.slis().rebuiltSubjects() == 0 ? " (no rebuilds recorded: reproducibility unknown)" : "")
                    .append(".</p>");
        } else {
            b.append("<table id=\"non-reproducible\"><thead><tr><th>Record</th><th>Recorded</th><th>Artifact</th>"
                    + "<th>Differences</th></tr></thead><tbody>");
            for (StoredRecord r : bad) {
                ProvenanceRecord p = r.record();
                b.append("<tr><td>#").append(r.seq()).append("</td>").append(timeCell(p.recordedAt())).append("<td>")
                        .append(subjects(p)).append("</td><td><pre class=\"diff\">")
                        .append(Html.esc(String.join("\n", p.rebuild().get().differences()))).append("</pre></td></tr>");
            }
            b.append("</tbody></table>");
        }
        b.append("<h3>Builds whose signature was not verified</h3>");
        List<CheckedRecord> weak = in.records().stream().filter(r -> r.record().kind() == RecordKind.BUILD
                && (r.signature().outcome() == Outcome.UNSIGNED || r.signature().outcome() == Outcome.NOT_CHECKED)).toList();
        if (weak.isEmpty()) {
            b.append("<p class=\"none\">None in the window.</p>");
        } else {
            b.append("<table id=\"unverified\"><thead><tr><th>Record</th><th>Recorded</th><th>Build</th><th>Artifacts</th>"
                    + "<th>Status</th></tr></thead><tbody>");
            for (CheckedRecord r : weak) {
                ProvenanceRecord p = r.record();
                b.append("<tr><td>#").append(r.stored().seq()).append("</td>").append(timeCell(p.recordedAt())).append("<td>")
                        .append(Html.esc(p.buildId().orElse("–"))).append("</td><td>").append(subjects(p)).append("</td><td>")
                        .append(Html.esc(r.signature().toString())).append("</td></tr>");
            }
            b.append("</tbody></table>");
        }
        if (!in.chain().intact()) {
            b.append("<h3>Log problems</h3><ul id=\"chain-problems\">");
            in.chain().problems().forEach(p -> b.append("<li>").append(Html.esc(p.toString())).append("</li>"));
            b.append("</ul>");
        }
        b.append("</section>");
    }

    private static void allBuilds(StringBuilder b, Input in, int maxListed) {
        List<CheckedRecord> builds = in.records().stream().filter(r -> r.record().kind() == RecordKind.BUILD)
                .sorted(java.util.Comparator.comparingLong((CheckedRecord r) -> r.stored().seq()).reversed()).toList();
        b.append("<section id=\"builds\"><h2>All builds</h2>");
        if (builds.isEmpty()) {
            b.append("<p class=\"none\" id=\"no-builds\">No build recorded in the window.</p></section>");
            return;
        }
        List<CheckedRecord> shown = builds.subList(0, Math.min(builds.size(), maxListed));
        b.append("<p class=\"meta-dark\">").append(builds.size() == shown.size()
                ? builds.size() + " build records, newest first (a build that recorded its provenance and then its attestation has two)."
                : "The newest " + shown.size() + " of " + builds.size() + " build records.").append("</p>");
        b.append("<table id=\"all-builds\"><thead><tr><th>Record</th><th>Recorded</th><th>Build</th><th>Artifacts</th>"
                + "<th>Lead time</th><th>Signature</th></tr></thead><tbody>");
        for (CheckedRecord r : shown) {
            ProvenanceRecord p = r.record();
            String lead = p.build().startedOn().flatMap(s -> p.build().finishedOn().map(f -> Duration.between(s, f)))
                    .filter(d -> !d.isNegative()).map(d -> seconds(d.toMillis() / 1000.0)).orElse("–");
            b.append("<tr class=\"").append(outcomeClass(r.signature().outcome())).append("\"><td>#").append(r.stored().seq())
                    .append("</td>").append(timeCell(p.recordedAt())).append("<td>").append(Html.esc(p.buildId().orElse("–")))
                    .append("</td><td>").append(subjects(p)).append("</td><td class=\"num\">").append(lead).append("</td><td>")
                    .append(Html.esc(r.signature().toString())).append("</td></tr>");
        }
        b.append("</tbody></table></section>");
    }

    private static String outcomeClass(Outcome o) {
        return switch (o) {
            case VERIFIED -> "verified";
            case FAILED -> "failed";
            case NOT_CHECKED, UNSIGNED -> "unverified";
        };
    }

    private static String timeCell(Instant t) {
        Instant s = t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        return "<td class=\"time\"><time datetime=\"" + s + "\">" + TIME.format(s) + "</time></td>";
    }

    private static String subjects(ProvenanceRecord p) {
        return p.subjects().stream().map(s -> Html.esc(s.name()) + " <code title=\"sha256:" + s.sha256() + "\">"
                + s.sha256().substring(0, 12) + "…</code>").collect(Collectors.joining("<br>"));
    }

    private static String shortId(String keyId) {
        return keyId.length() > 16 ? keyId.substring(0, 16) + "…" : keyId;
    }

    private static void tile(StringBuilder b, String id, String label, OptionalDouble v, String detail) {
        String value = v.isPresent() ? SvgChart.percent(v.getAsDouble()) : "no data";
        String cls = v.isEmpty() ? "nodata" : v.getAsDouble() >= 0.95 ? "good" : v.getAsDouble() >= 0.8 ? "warn" : "bad";
        b.append("<div class=\"tile ").append(cls).append("\" id=\"tile-").append(id).append("\"><div class=\"label\">")
                .append(Html.esc(label)).append("</div><div class=\"value\">").append(value).append("</div><div class=\"detail\">")
                .append(Html.esc(detail)).append("</div></div>");
    }

    private static void durationTile(StringBuilder b, String id, String label, Slis s, double q) {
        String value = s.leadTime(q).map(d -> seconds(d.toMillis() / 1000.0)).orElse("no data");
        b.append("<div class=\"tile neutral\" id=\"tile-").append(id).append("\"><div class=\"label\">").append(label)
                .append("</div><div class=\"value\">").append(value).append("</div><div class=\"detail\">over ")
                .append(s.leadTimes().size()).append(" builds</div></div>");
    }

    /** A duration in seconds, in the unit that reads best: {@code 340ms}, {@code 1.5s}, {@code 42s}, {@code 3.5 min}, {@code 2.1 h}. */
    static String seconds(double sec) {
        if (sec == 0) {
            return "0s";
        }
        if (sec < 1) {
            return String.format(Locale.ROOT, "%.0fms", sec * 1000);
        }
        if (sec < 10 && Math.rint(sec * 10) % 10 != 0) {
            return String.format(Locale.ROOT, "%.1fs", sec);
        }
        if (sec < 120) {
            return String.format(Locale.ROOT, "%.0fs", sec);
        }
        if (sec < 7200) {
            return String.format(Locale.ROOT, "%.1f min", sec / 60);
        }
        return String.format(Locale.ROOT, "%.1f h", sec / 3600);
    }

    private static String day(Instant t) {
        return LocalDate.ofInstant(t, ZoneOffset.UTC).toString();
    }

    /** Day buckets (first day, last day) covering the window; wider when the window exceeds 60 days. */
    private static List<LocalDate[]> buckets(Instant from, Instant to) {
        LocalDate first = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate last = LocalDate.ofInstant(to.minusMillis(1), ZoneOffset.UTC);
        long days = java.time.temporal.ChronoUnit.DAYS.between(first, last) + 1;
        int width = (int) Math.max(1, Math.ceil(days / 60.0));
        List<LocalDate[]> out = new ArrayList<>();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(width)) {
            LocalDate end = d.plusDays(width - 1L);
            out.add(new LocalDate[] {d, end.isAfter(last) ? last : end});
        }
        return out;
    }

    private static boolean inBucket(Instant t, LocalDate[] bucket) {
        LocalDate d = LocalDate.ofInstant(t, ZoneOffset.UTC);
        return !d.isBefore(bucket[0]) && !d.isAfter(bucket[1]);
    }

    private static final String CSS = "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:0;color:#1f2328;"
            + "background:#f6f8fa}header{background:#24292f;color:#fff;padding:16px 24px}h1{margin:0 0 4px;font-size:22px}"
            + ".meta{margin:0;color:#d0d7de;font-size:13px}header code{color:#fff}#chain{margin:8px 0 0;font-weight:600}"
            + "#chain.ok{color:#4ac26b}#chain.bad{color:#ff8182}main{padding:16px 24px}h2{font-size:18px;margin:16px 0 8px}"
            + "h3{font-size:15px;margin:16px 0 6px}.tiles{display:grid;grid-template-columns:repeat(auto-fill,minmax(170px,1fr));"
            + "gap:12px}.tile{background:#fff;border:1px solid #d0d7de;border-left:6px solid #8c959f;border-radius:6px;"
            + "padding:10px 12px}.tile.good{border-left-color:#1a7f37}.tile.warn{border-left-color:#bf8700}"
            + ".tile.bad{border-left-color:#cf222e}.tile.neutral{border-left-color:#0969da}.tile .label{font-size:12px;"
            + "color:#57606a;text-transform:uppercase;letter-spacing:.04em}.tile .value{font-size:28px;font-weight:700;"
            + "margin:4px 0}.tile .detail{font-size:12px;color:#57606a}.charts{display:grid;grid-template-columns:"
            + "repeat(auto-fill,minmax(480px,1fr));gap:12px;margin-top:12px}figure{margin:0;background:#fff;border:1px solid"
            + " #d0d7de;border-radius:6px;padding:8px}svg.chart{width:100%;height:auto;font-size:11px}.chart-title{font-size:13px;"
            + "font-weight:600;fill:#1f2328}.grid{stroke:#eaeef2}.axis{stroke:#8c959f}.tick,.legend{fill:#57606a}"
            + ".label{fill:#1f2328;font-size:12px}.value{fill:#1f2328;font-weight:600}.nodata{fill:#8c959f;font-style:italic}"
            + "table{border-collapse:collapse;background:#fff;width:100%;font-size:13px}th,td{border:1px solid #d0d7de;"
            + "padding:6px 8px;text-align:left;vertical-align:top}td.time,td.num{white-space:nowrap}"
            + "pre.diff{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;font-size:12px}tr.failed td:last-child{color:#cf222e}"
            + ".meta-dark{color:#57606a;font-size:13px;margin:0 0 6px}th{background:#f6f8fa}td ul{margin:0;padding-left:18px}"
            + ".none{color:#57606a}footer{padding:12px 24px;color:#57606a;font-size:12px}";
}
