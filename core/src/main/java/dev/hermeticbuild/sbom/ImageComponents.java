package dev.hermeticbuild.sbom;

import dev.hermeticbuild.image.Descriptor;
import dev.hermeticbuild.image.ImageContent;
import dev.hermeticbuild.image.ImageIndex;
import dev.hermeticbuild.image.ImageManifest;
import dev.hermeticbuild.image.ImageOutput;
import dev.hermeticbuild.image.ImageSubject;
import dev.hermeticbuild.image.LayerContents;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Property;

/**
 * The images a build produced as CycloneDX {@code container} components, named as their
 * subjects and hashed by manifest (or index) digest, each holding its layers by digest and media
 * type, and each layer its regular files (path in the image, SHA-256), a file that is one of the
 * build's outputs marked as that output: what the image holds, as far as its layers could be read.
 */
final class ImageComponents {

    private ImageComponents() {
    }

    /** The components of {@code images}; {@code outputs} are the build's output files by sha256 (a layer file with one is that output). */
    static List<Component> of(List<ImageOutput> images, Map<String, String> outputs) {
        List<Component> components = new ArrayList<>();
        for (ImageOutput image : images) {
            Map<String, String> names = new HashMap<>();
            for (ImageSubject s : image.subjects()) {
                names.putIfAbsent(s.sha256(), s.name());
            }
            for (ImageContent entry : image.entries()) {
                components.add(container(image, entry, names, outputs));
            }
        }
        return components;
    }

    private static Component container(ImageOutput image, ImageContent content, Map<String, String> names, Map<String, String> outputs) {
        String output = image.name();
        Descriptor d = content.descriptor();
        String name = names.getOrDefault(d.sha256(), output);
        Component c = new Component();
        c.setType(Component.Type.CONTAINER);
        c.setName(name);
        c.setBomRef("image:" + name);
        c.setVersion(d.digest());
        c.setHashes(List.of(new Hash("SHA-256", d.sha256())));
        String last = output.substring(output.lastIndexOf('/') + 1).toLowerCase(Locale.ROOT);
        c.setPurl("pkg:oci/" + PurlText.segment(last) + "@sha256%3A" + d.sha256());
        List<Property> properties = new ArrayList<>();
        properties.add(new Property(CycloneDxSbom.PROPERTY_PREFIX + "image.mediaType", d.mediaType()));
        properties.add(new Property(CycloneDxSbom.PROPERTY_PREFIX + "output", output));
        List<Component> parts = new ArrayList<>();
        if (content instanceof ImageIndex index) {
            index.entries().forEach(e -> parts.add(container(image, e, names, outputs)));
        } else if (content instanceof ImageManifest manifest) {
            manifest.platform().ifPresent(p -> properties.add(new Property(CycloneDxSbom.PROPERTY_PREFIX + "image.platform", p.toString())));
            properties.add(new Property(CycloneDxSbom.PROPERTY_PREFIX + "image.config", manifest.config().digest()));
            for (int i = 0; i < manifest.layers().size(); i++) {
                Descriptor layer = manifest.layers().get(i);
                parts.add(layer(name, i, layer, Optional.ofNullable(image.layers().get(layer.sha256())), outputs));
            }
        }
        c.setProperties(properties);
        if (!parts.isEmpty()) {
            c.setComponents(parts);
        }
        return c;
    }

    private static Component layer(String image, int position, Descriptor layer, Optional<LayerContents.Listing> listing,
                                   Map<String, String> outputs) {
        Component c = new Component();
        c.setType(Component.Type.FILE);
        c.setName(layer.digest());
        String ref = "image:" + image + ":layer:" + position;
        c.setBomRef(ref);
        c.setHashes(List.of(new Hash("SHA-256", layer.sha256())));
        List<Property> properties = new ArrayList<>(List.of(
                new Property(CycloneDxSbom.PROPERTY_PREFIX + "image.layer.mediaType", layer.mediaType()),
                new Property(CycloneDxSbom.PROPERTY_PREFIX + "image.layer.size", Long.toString(layer.size()))));
        listing.flatMap(LayerContents.Listing::incomplete).ifPresent(why ->
                properties.add(new Property(CycloneDxSbom.PROPERTY_PREFIX + "image.layer.filesIncomplete", why)));
        c.setProperties(properties);
        List<Component> files = new ArrayList<>();
        for (LayerContents.LayerFile f : listing.map(LayerContents.Listing::files).orElse(List.of())) {
            Component file = new Component();
            file.setType(Component.Type.FILE);
            file.setName("/" + f.path());
            file.setBomRef(ref + ":/" + f.path());
            file.setHashes(List.of(new Hash("SHA-256", f.sha256())));
            List<Property> fileProperties = new ArrayList<>();
            fileProperties.add(new Property(CycloneDxSbom.PROPERTY_PREFIX + "image.file.size", Long.toString(f.size())));
            Optional.ofNullable(outputs.get(f.sha256())).ifPresent(o ->
                    fileProperties.add(new Property(CycloneDxSbom.PROPERTY_PREFIX + "output", o)));
            file.setProperties(fileProperties);
            files.add(file);
        }
        if (!files.isEmpty()) {
            c.setComponents(files);
        }
        return c;
    }
}
