package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.report.ReproducibilitySummary;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One reproducibility result as the Provenance tab and {@code api/json} show it. */
@ExportedBean(defaultVisibility = 2)
public final class ReproducibilityView {

    private final ReproducibilitySummary s;

    ReproducibilityView(ReproducibilitySummary summary) {
        this.s = summary;
    }

    @Exported
    public String getFile() {
        return s.file();
    }

    @Exported
    public boolean isReproducible() {
        return s.reproducible();
    }

    @Exported
    public String getStatus() {
        return s.status();
    }

    /** The verdict for the tab, with the status only where it adds something ({@code reproducible (reproducible)} said nothing twice). */
    public String getStatusText() {
        String verdict = s.reproducible() ? "✔ reproducible" : "✘ NOT reproducible";
        String status = s.status();
        return status == null || status.isBlank() || verdict.endsWith(" " + status) ? verdict : verdict + " (" + status + ")";
    }

    @Exported
    public List<String> getVariations() {
        return s.variations();
    }

    @Exported
    public List<Map<String, Object>> getOutputs() {
        return s.outputs().stream().map(o -> Map.<String, Object>of("name", o.name(), "reproducible", o.reproducible(),
                "first", o.first(), "second", o.second(), "explanation", o.explanation())).toList();
    }
}
