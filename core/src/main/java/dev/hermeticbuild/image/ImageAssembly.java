package dev.hermeticbuild.image;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import dev.hermeticbuild.FileTrees;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.stream.Stream;

/**
 * Daemonless, offline, reproducible image assembly on Jib: the base is read from a verified
 * local layout by digest, each {@code --layer} becomes one layer whose entries are sorted, owned
 * by 0:0, of mode 0644 (0755 when executable) and stamped with the spec's time, as is the image's
 * creation time; the result is written as a verified OCI image layout.
 */
public final class ImageAssembly {

    /** The reference Jib writes into the archive's index.json; fixed, so index.json is reproducible too. */
    static final String LOCAL_NAME = "hermetic.local/image:latest";
    private static final String OWNER = "0:0";
    /** What a scratch image is for when no --platform is given. */
    static final Platform SCRATCH_PLATFORM = new Platform("linux", "amd64", Optional.empty());

    private ImageAssembly() {
    }

    public static AssembledImage assemble(ImageSpec spec) {
        Path out = spec.out().toAbsolutePath().normalize();
        refuseNonEmpty(out);
        Optional<OciLayout> baseLayout = spec.base().map(ImageAssembly::baseLayout);
        Optional<ImageManifest> base = spec.base().map(b -> choose(baseLayout.orElseThrow(), b, spec.platform()));
        Path scratch = null;
        boolean written = false;
        try {
            scratch = Files.createTempDirectory("hermetic-image");
            JibContainerBuilder builder;
            if (base.isPresent()) {
                Path baseTar = scratch.resolve("base.tar");
                DockerArchive.write(baseLayout.orElseThrow(), base.get(), baseTar);
                builder = Jib.from(TarImage.at(baseTar));
            } else {
                builder = Jib.fromScratch();
                Platform p = spec.platform().orElse(SCRATCH_PLATFORM);
                builder.setPlatforms(java.util.Set.of(new com.google.cloud.tools.jib.api.buildplan.Platform(p.architecture(), p.os())));
            }
            builder.setFormat(ImageFormat.OCI).setCreationTime(spec.time());
            if (!spec.entrypoint().isEmpty()) {
                builder.setEntrypoint(spec.entrypoint());
            }
            spec.environment().forEach(builder::addEnvironmentVariable);
            spec.labels().forEach(builder::addLabel);
            for (int i = 0; i < spec.layers().size(); i++) {
                builder.addFileEntriesLayer(layer(spec.layers().get(i), i, spec));
            }
            Path archive = scratch.resolve("image.tar");
            Containerizer containerizer = Containerizer.to(TarImage.at(archive).named(LOCAL_NAME))
                    .setBaseImageLayersCache(scratch.resolve("cache/base"))
                    .setApplicationLayersCache(scratch.resolve("cache/application"))
                    .setOfflineMode(true);
            JibContainer container = builder.containerize(containerizer);
            written = true;
            OciLayout layout = OciArchive.unpack(archive, out);
            List<ImageManifest> manifests = layout.manifests();
            if (manifests.size() != 1 || !manifests.get(0).descriptor().digest().equals(container.getDigest().toString())) {
                throw new InputException("Jib reported image " + container.getDigest() + " but wrote " + layout.manifests().stream()
                        .map(m -> m.descriptor().digest()).toList() + " to " + Printable.escape(out));
            }
            return new AssembledImage(layout, manifests.get(0), base.map(m -> m.descriptor().sha256()));
        } catch (IOException | InvalidImageReferenceException | RegistryException | CacheDirectoryCreationException e) {
            throw new InputException("cannot assemble the image into " + Printable.escape(out) + ": " + e.getMessage(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new InputException("cannot assemble the image into " + Printable.escape(out) + ": " + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InputException("image assembly interrupted", e);
        } catch (RuntimeException e) {
            if (written) {
                FileTrees.deleteQuietly(out);
            }
            throw e;
        } finally {
            if (scratch != null) {
                FileTrees.deleteQuietly(scratch);
            }
        }
    }

    private static OciLayout baseLayout(BaseImage base) {
        try {
            return OciLayout.read(base.layout());
        } catch (InputException e) {
            throw new InputException("--base " + base + ": " + e.getMessage(), e);
        }
    }

    /** The manifest the base digest names: itself, or the one of an index for the requested (or only) platform. */
    static ImageManifest choose(OciLayout layout, BaseImage base, Optional<Platform> platform) {
        ImageContent named = find(layout.entries().stream(), base.sha256()).orElseThrow(() -> new InputException("--base " + base
                + ": the layout holds no manifest or index of that digest; it holds " + layout.entries().stream()
                .flatMap(LayoutDigests::all).toList()));
        List<ImageManifest> candidates = named.manifests()
                .filter(m -> platform.isEmpty() || m.platform().isEmpty() || m.platform().equals(platform)).toList();
        if (named instanceof ImageManifest manifest) {
            if (candidates.isEmpty()) {
                throw new InputException("--base " + base + " is for " + manifest.platform().map(Platform::toString).orElse("no platform")
                        + ", not the --platform " + platform.orElseThrow());
            }
            return manifest;
        }
        if (candidates.size() != 1) {
            throw new InputException("--base " + base + " is an index of " + named.manifests().map(m -> m.platform()
                    .map(Platform::toString).orElse(m.descriptor().digest())).toList() + "; " + (candidates.isEmpty()
                    ? "none is for --platform " + platform.orElseThrow() : "choose one with --platform OS/ARCH"));
        }
        return candidates.get(0);
    }

    private static Optional<ImageContent> find(Stream<ImageContent> contents, String sha256) {
        for (ImageContent c : contents.toList()) {
            if (c.descriptor().sha256().equals(sha256)) {
                return Optional.of(c);
            }
            if (c instanceof ImageIndex index) {
                Optional<ImageContent> nested = find(index.entries().stream(), sha256);
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }

    private static FileEntriesLayer layer(LayerSpec spec, int position, ImageSpec image) throws IOException {
        Path source = spec.source();
        if (!Files.exists(source, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException("--layer " + Printable.escape(source) + ": no such file or directory");
        }
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName("layer-" + position);
        if (Files.isDirectory(source, LinkOption.NOFOLLOW_LINKS)) {
            List<Path> files;
            try (Stream<Path> walk = Files.walk(source)) {
                files = walk.filter(p -> !p.equals(source)).sorted().toList();
            }
            for (Path file : files) {
                String relative = source.relativize(file).toString();
                if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
                    add(layer, file, spec.destination().replaceAll("/+$", "") + "/" + relative, image);
                }
            }
        } else {
            add(layer, source, spec.destination(), image);
        }
        return layer.build();
    }

    private static void add(FileEntriesLayer.Builder layer, Path file, String destination, ImageSpec image) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException("--layer " + Printable.escape(file) + " is not a regular file (a symlink or a device is not put in"
                    + " an image: its target could change)");
        }
        FilePermissions mode = FilePermissions.fromOctalString(Files.isExecutable(file) ? "755" : "644");
        layer.addEntry(file, AbsoluteUnixPath.get(destination), mode, image.time(), OWNER);
    }

    private static void refuseNonEmpty(Path out) {
        if (Files.isSymbolicLink(out) || Files.exists(out) && !Files.isDirectory(out)) {
            throw new InputException("--out " + Printable.escape(out) + " exists and is not a directory");
        }
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new InputException("--out " + Printable.escape(out) + " is not empty; the image layout is written to a new"
                            + " or empty directory");
                }
            } catch (IOException e) {
                throw new InputException("--out " + Printable.escape(out) + ": " + e.getMessage(), e);
            }
        }
    }

    /** The digests a layout's entries hold, for messages. */
    private static final class LayoutDigests {
        static Stream<String> all(ImageContent c) {
            Stream<String> self = Stream.of(c.descriptor().digest() + c.manifests().findFirst().flatMap(ImageManifest::platform)
                    .filter(p -> c instanceof ImageManifest).map(p -> " (" + p + ")").orElse(""));
            return c instanceof ImageIndex index ? Stream.concat(self, index.entries().stream().flatMap(LayoutDigests::all)) : self;
        }
    }
}
