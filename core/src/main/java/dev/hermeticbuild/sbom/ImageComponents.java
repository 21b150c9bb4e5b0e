package dev.hermeticbuild.sbom;

import dev.hermeticbuild.image.Descriptor;
import dev.hermeticbuild.image.ImageContent;
import dev.hermeticbuild.image.ImageIndex;
import dev.hermeticbuild.image.ImageManifest;
import dev.hermeticbuild.image.ImageOutput;
import dev.hermeticbuild.image.ImageSubject;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.cyclonedx.model.Component;
import org.cyclonedx.model.Hash;
import org.cyclonedx.model.Property;

/**
 * The images a build produced as CycloneDX {@code container} components, named as their
 * subjects and hashed by manifest (or index) digest, each holding its layers by digest and media
 * type: what the layout itself tells; the layers' contents are not unpacked.
 */
final class ImageComponents {

    private ImageComponents() {
    }

    static List<Component> of(List<ImageOutput> images) {
        List<Component> components = new ArrayList<>();
        for (ImageOutput image : images) {
            Map<String, String> names = new HashMap<>();
            for (ImageSubject s : image.subjects()) {
                names.putIfAbsent(s.sha256(), s.name());
            }
            for (ImageContent entry : image.entries()) {
                components.add(container(image.name(), entry, names));
            }
        }
        return components;
    }

    private static Component container(String output, ImageContent content, Map<String, String> names) {
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
            index.entries().forEach(e -> parts.add(container(output, e, names)));
        } else if (content instanceof ImageManifest manifest) {
            manifest.platform().ifPresent(p -> properties.add(new Property(CycloneDxSbom.PROPERTY_PREFIX + "image.platform", p.toString())));
            properties.add(new Property(CycloneDxSbom.PROPERTY_PREFIX + "image.config", manifest.config().digest()));
            for (int i = 0; i < manifest.layers().size(); i++) {
                parts.add(layer(name, i, manifest.layers().get(i)));
            }
        }
        c.setProperties(properties);
        if (!parts.isEmpty()) {
            c.setComponents(parts);
        }
        return c;
    }

    private static Component layer(String image, int position, Descriptor layer) {
        Component c = new Component();
        c.setType(Component.Type.FILE);
        c.setName(layer.digest());
        c.setBomRef("image:" + image + ":layer:" + position);
        c.setHashes(List.of(new Hash("SHA-256", layer.sha256())));
        c.setProperties(List.of(new Property(CycloneDxSbom.PROPERTY_PREFIX + "image.layer.mediaType", layer.mediaType()),
                new Property(CycloneDxSbom.PROPERTY_PREFIX + "image.layer.size", Long.toString(layer.size()))));
        return c;
    }
}
