package dev.hermeticbuild.jenkins;

import dev.hermeticbuild.provenance.ProvenanceSummary;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.export.Exported;
import org.kohsuke.stapler.export.ExportedBean;

/** One provenance statement as the Provenance tab and {@code api/json} show it. */
@ExportedBean(defaultVisibility = 2)
public final class ProvenanceView {

    private final String file;
    private final ProvenanceSummary s;

    ProvenanceView(String file, ProvenanceSummary summary) {
        this.file = file;
        this.s = summary;
    }

    @Exported
    public String getFile() {
        return file;
    }

    @Exported
    public List<Map<String, String>> getSubjects() {
        return s.subjects().stream().map(x -> entry("name", x.name(), "sha256", x.sha256())).toList();
    }

    @Exported
    public String getBuilderId() {
        return s.builderId().orElse(null);
    }

    @Exported
    public String getInvocationId() {
        return s.invocationId().orElse(null);
    }

    @Exported
    public String getTier() {
        return s.tier().orElse(null);
    }

    @Exported
    public String getSourceUri() {
        return s.source().flatMap(ProvenanceSummary.Source::uri).orElse(null);
    }

    @Exported
    public String getSourceCommit() {
        return s.source().flatMap(ProvenanceSummary.Source::commit).orElse(null);
    }

    @Exported
    public String getImage() {
        return s.image().orElse(null);
    }

    @Exported
    public boolean isHermetic() {
        return s.hermetic();
    }

    @Exported
    public String getIsolationMechanism() {
        return s.isolation().map(ProvenanceSummary.Isolation::mechanism).orElse(null);
    }

    @Exported
    public boolean isEgressBlocked() {
        return s.isolation().map(ProvenanceSummary.Isolation::egressBlocked).orElse(false);
    }

    /** Each probe target: {@code target} and {@code description} (strings), {@code reached} (a boolean, also in api/json). */
    @Exported
    public List<Map<String, Object>> getEgressProbe() {
        return s.isolation().map(i -> i.probe().stream().map(p -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("target", p.target());
            m.put("description", p.description());
            m.put("reached", p.reached());
            return m;
        }).toList()).orElse(List.of());
    }

    /** The source as one line for the tab: {@code URI @ COMMIT}, the commit alone, or that the build was not from git. */
    public String getSourceText() {
        String uri = getSourceUri();
        String commit = getSourceCommit();
        if (commit == null) {
            return uri == null ? Text.get("Action.NoSource") : uri;
        }
        return uri == null ? commit + " (" + Text.get("Action.NoOrigin") + ")" : uri + " @ " + commit;
    }

    @Exported
    public List<Map<String, String>> getDependencies() {
        return s.dependencies().stream().map(d -> entry("name", d.name(), "uri", d.uri().orElse(""),
                "digests", String.join(" ", d.digests()))).toList();
    }

    @Exported
    public Map<String, String> getSbom() {
        return s.sbom().map(b -> entry("file", b.file(), "sha256", b.sha256(), "components", "" + b.components(),
                "withPurl", "" + b.withPurl(), "withHashes", "" + b.withHashes(),
                "withLicenses", "" + b.withLicenses())).orElse(null);
    }

    ProvenanceSummary summary() {
        return s;
    }

    private static Map<String, String> entry(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }
}
