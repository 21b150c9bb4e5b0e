package dev.hermeticbuild.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.agent.BuildCommandLine;
import dev.hermeticbuild.rebuild.ReproducibilityReport;
import dev.hermeticbuild.rebuild.ReproducibilityStatement;
import dev.hermeticbuild.rebuild.Variation;
import dev.hermeticbuild.rebuild.VariationPlan;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReproducibilitySummaryTest {

    @Test
    void aResultReadsBackWithVerdictExplanationsAndVariations() {
        var report = new ReproducibilityReport(ReproducibilityReport.Status.NOT_REPRODUCIBLE,
                List.of(new ReproducibilityReport.SubjectResult("dist/a.txt", "aa", "bb", List.of("dist/a.txt: text differs in 1 place(s):"))),
                List.of(new VariationPlan.Outcome(Variation.HOSTNAME, true, "host name x"),
                        new VariationPlan.Outcome(Variation.FILE_ORDER, false, "disorderfs is missing")), null, List.of());
        var summary = ReproducibilitySummary.of(ReproducibilityStatement.of(report, "test"), "reproducibility.json");
        assertEquals("not-reproducible", summary.status());
        assertFalse(summary.reproducible());
        assertEquals(List.of("dist/a.txt: text differs in 1 place(s):"), summary.outputs().get(0).explanation());
        assertEquals(List.of("hostname (host name x)", "not applied: file-order (disorderfs is missing)"), summary.variations());
        assertThrows(InputException.class, () -> ReproducibilitySummary.of("{\"predicateType\":\"x\"}".getBytes(StandardCharsets.UTF_8), "f"));
    }

    @Test
    void theCheckCommandLineKeepsTheBuildOptionsAndAddsVariations() {
        assertEquals(List.of("check-reproducible", "--out", "/o", "--output", "a", "--tier", "dev", "--sandbox", "auto", "--builder-id", "b",
                        "--vary", "hostname,time", "--normalize", "--", "sh", "-c", "make"),
                BuildCommandLine.reproducibilityArguments("make", List.of("a"), "dev", "auto", "b", "/o", null, "hostname,time", true));
        assertThrows(InputException.class,
                () -> BuildCommandLine.reproducibilityArguments("make", List.of("a"), "dev", "auto", "b", "/o", null, "moon-phase", false));
    }
}
