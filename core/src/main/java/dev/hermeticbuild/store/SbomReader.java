package dev.hermeticbuild.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.bundle.MalformedBundleException;
import dev.hermeticbuild.bundle.StrictJson;
import java.util.ArrayList;
import java.util.List;

/** Reads the parts of a CycloneDX JSON SBOM the store keeps: components and their completeness. */
public final class SbomReader {

    private SbomReader() {
    }

    /** Summarizes SBOM bytes; {@code source} names the file in errors. */
    public static SbomSummary read(byte[] json, String source) {
        JsonNode root;
        try {
            root = StrictJson.parse(json, "$");
        } catch (MalformedBundleException e) {
            throw new InputException("SBOM " + source + " is not JSON: " + e.getMessage(), e);
        }
        if (!"CycloneDX".equals(root.path("bomFormat").textValue())) {
            throw new InputException("SBOM " + source + ": bomFormat is not CycloneDX");
        }
        List<SbomSummary.Component> components = new ArrayList<>();
        int purl = 0;
        int hashes = 0;
        int licenses = 0;
        int complete = 0;
        for (JsonNode c : root.path("components")) {
            boolean hasPurl = c.path("purl").isTextual() && !c.path("purl").textValue().isEmpty();
            boolean hasHash = c.path("hashes").isArray() && !c.path("hashes").isEmpty();
            purl += hasPurl ? 1 : 0;
            hashes += hasHash ? 1 : 0;
            licenses += c.path("licenses").isArray() && !c.path("licenses").isEmpty() ? 1 : 0;
            complete += hasPurl && hasHash ? 1 : 0;
            components.add(new SbomSummary.Component(c.path("name").asText(""), c.path("version").asText(""),
                    c.path("purl").asText("")));
        }
        return new SbomSummary(Digests.sha256(json), components, purl, hashes, licenses, complete);
    }
}
