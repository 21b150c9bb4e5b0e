package dev.hermeticbuild.sbom;

import dev.hermeticbuild.BuildInfo;
import dev.hermeticbuild.artifacts.Artifact;
import dev.hermeticbuild.artifacts.Sha256;
import dev.hermeticbuild.lock.LockedDependency;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.cyclonedx.Version;
import org.cyclonedx.exception.ParseException;
import org.cyclonedx.generators.BomGeneratorFactory;
import org.cyclonedx.model.Bom;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.License;
import org.cyclonedx.model.LicenseChoice;
import org.cyclonedx.model.Metadata;
import org.cyclonedx.model.metadata.ToolInformation;
import org.cyclonedx.parsers.JsonParser;

/**
 * A CycloneDX 1.6 JSON SBOM of what a build used and made: the locked dependencies (purl,
 * hashes, licenses when the lock gives them), the outputs as files with their sha256, the
 * toolchain as tools. Deterministic (timestamp from SOURCE_DATE_EPOCH, serial number derived
 * from the content) and validated against the CycloneDX schema before anyone sees it.
 */
public final class CycloneDxSbom {

    /** How complete the SBOM is: how many components carry a purl, a hash, a license. */
    public record Completeness(int components, int withPurl, int withHashes, int withLicenses) {
        public String summary() {
            return components + " components: " + withPurl + " with purl, " + withHashes + " with hashes, "
                    + withLicenses + " with licenses";
        }
    }

    /** The SBOM bytes and its completeness. */
    public record Document(byte[] json, Completeness completeness) {
    }

    private static final Map<String, String> HASH_NAMES = Map.of("sha256", "SHA-256", "sha384", "SHA-384", "sha512", "SHA-512");

    private CycloneDxSbom() {
    }

    public static Document create(String project, String projectVersion, List<Artifact> outputs,
                                  List<LockedDependency> dependencies, long sourceDateEpoch) {
        Bom bom = new Bom();
        Metadata metadata = new Metadata();
        metadata.setTimestamp(new Date(sourceDateEpoch * 1000));
        Component root = new Component();
        root.setType(Component.Type.APPLICATION);
        root.setName(project);
        root.setVersion(projectVersion);
        root.setBomRef("project");
        metadata.setComponent(root);
        ToolInformation tools = new ToolInformation();
        tools.setComponents(List.of(
                tool("hermetic-build", BuildInfo.version()),
                tool(System.getProperty("java.vm.name"), System.getProperty("java.runtime.version"))));
        metadata.setToolChoice(tools);
        bom.setMetadata(metadata);

        List<Component> components = new ArrayList<>();
        for (Artifact a : outputs) {
            Component c = new Component();
            c.setType(Component.Type.FILE);
            c.setName(a.path());
            c.setBomRef("output:" + a.path());
            c.setHashes(List.of(new Hash("SHA-256", a.sha256())));
            components.add(c);
        }
        Map<String, Component> byPurl = new LinkedHashMap<>();
        for (LockedDependency d : dependencies) {
            byPurl.computeIfAbsent(d.purl(), purl -> library(d));
        }
        components.addAll(byPurl.values());
        bom.setComponents(components);

        byte[] unserialised = json(bom);
        bom.setSerialNumber("urn:uuid:" + UUID.nameUUIDFromBytes(Sha256.ofBytes(unserialised).getBytes(StandardCharsets.US_ASCII)));
        byte[] json = json(bom);
        validate(json);

        int purls = 0;
        int hashes = 0;
        int licenses = 0;
        for (Component c : components) {
            purls += c.getPurl() != null ? 1 : 0;
            hashes += c.getHashes() != null && !c.getHashes().isEmpty() ? 1 : 0;
            licenses += c.getLicenses() != null ? 1 : 0;
        }
        return new Document(json, new Completeness(components.size(), purls, hashes, licenses));
    }

    private static Component library(LockedDependency d) {
        Component c = new Component();
        c.setType(Component.Type.LIBRARY);
        c.setName(d.name());
        c.setVersion(d.version());
        c.setPurl(d.purl());
        c.setBomRef(d.purl());
        List<Hash> hashes = new ArrayList<>();
        d.digests().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .filter(e -> HASH_NAMES.containsKey(e.getKey()))
                .forEach(e -> hashes.add(new Hash(HASH_NAMES.get(e.getKey()), e.getValue())));
        if (!hashes.isEmpty()) {
            c.setHashes(hashes);
        }
        if (!d.licenses().isEmpty()) {
            LicenseChoice choice = new LicenseChoice();
            for (String name : d.licenses()) {
                License l = new License();
                l.setName(name);
                choice.addLicense(l);
            }
            c.setLicenses(choice);
        }
        return c;
    }

    private static Component tool(String name, String version) {
        Component c = new Component();
        c.setType(Component.Type.APPLICATION);
        c.setName(name);
        c.setVersion(version);
        return c;
    }

    private static byte[] json(Bom bom) {
        try {
            return BomGeneratorFactory.createJson(Version.VERSION_16, bom).toJsonString().getBytes(StandardCharsets.UTF_8);
        } catch (org.cyclonedx.exception.GeneratorException e) {
            throw new IllegalStateException("cannot serialise the SBOM", e);
        }
    }

    /** Schema validation; a failure here is our bug, never the user's input. */
    static void validate(byte[] json) {
        try {
            List<ParseException> problems = new JsonParser().validate(json, Version.VERSION_16);
            if (!problems.isEmpty()) {
                throw new IllegalStateException("generated SBOM fails CycloneDX 1.6 schema validation: " + problems);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot validate the generated SBOM", e);
        }
    }
}
