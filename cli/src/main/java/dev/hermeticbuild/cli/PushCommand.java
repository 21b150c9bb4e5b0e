package dev.hermeticbuild.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import dev.hermeticbuild.bundle.BundleNames;
import dev.hermeticbuild.image.OciArchive;
import dev.hermeticbuild.image.OciLayout;
import dev.hermeticbuild.image.registry.ImageRef;
import dev.hermeticbuild.image.registry.PushedImage;
import dev.hermeticbuild.image.registry.Referrer;
import dev.hermeticbuild.image.registry.Referrers;
import dev.hermeticbuild.image.registry.RegistryPush;
import dev.hermeticbuild.verify.BundleSubjects;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code hermetic push}: an OCI image layout or archive to a registry by digest, with a build's Sigstore bundles attached as referrers. */
@Command(name = "push", description = "Push the image of an OCI image layout or OCI archive to a registry by digest (a tag in --to is set too, never"
        + " trusted), and attach each *.sigstore.json bundle of --attach DIR as an OCI artifact whose subject is the image"
        + " (and, for an index, each of its platform manifests too; OCI 1.1 referrers, with the referrers tag schema on"
        + " registries without the API). Prints the image by digest.")
final class PushCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--image", paramLabel = "DIR|FILE", required = true, description = "The OCI image layout (hermetic image --out DIR),"
            + " or an OCI archive file: a tar of one, as docker save (Docker 25 and later) and skopeo copy oci-archive: write.")
    Path image;

    @Option(names = "--to", paramLabel = "REG/REPO[:TAG]", required = true,
            description = "Where to push: an explicit registry and repository, e.g. registry.example.com/team/app.")
    String to;

    @Option(names = "--attach", paramLabel = "DIR|BUNDLE", description = "Attach every *.sigstore.json bundle directly in DIR (a"
            + " build's --out: provenance, SBOM, signatures), or this one bundle file (repeatable).")
    List<Path> attach = new ArrayList<>();

    @Mixin
    RegistryAccessOptions registry;

    @Mixin
    JsonOption json;

    @Override
    public Integer call() {
        ImageRef target = ImageRef.parse(to, "--to");
        List<Path> bundles = new ArrayList<>();
        for (Path given : attach) {
            for (Path bundle : Files.isRegularFile(given, LinkOption.NOFOLLOW_LINKS) ? List.of(given) : bundles(given)) {
                if (!bundles.contains(bundle.toAbsolutePath().normalize())) {
                    bundles.add(bundle.toAbsolutePath().normalize());
                }
            }
        }
        var access = registry.options(target.registry(), System.getenv());
        PushedImage pushed;
        if (!Files.isRegularFile(image, LinkOption.NOFOLLOW_LINKS)) {
            OciLayout layout = OciLayout.read(image);
            requireAbout(bundles, layout, java.util.Optional.empty());
            pushed = new RegistryPush(access).push(layout, target);
        } else {
            try (OciArchive archive = OciArchive.open(archiveOf(image), scratch())) {
                requireAbout(bundles, archive.layout(), java.util.Optional.of(image));
                pushed = new RegistryPush(access).push(archive.layout(), target);
            }
        }
        Referrers referrers = new Referrers(access);
        List<Attached> attached = new ArrayList<>();
        for (PushedImage subject : pushed.subjects()) {
            for (Path bundle : bundles) {
                attached.add(new Attached(subject, referrers.attach(subject.ref(), subject.mediaType(), subject.size(), bundle)));
            }
        }
        if (json.enabled) {
            ObjectNode n = Json.object().put("image", pushed.ref().toString()).put("digest", pushed.ref().digest())
                    .put("mediaType", pushed.mediaType());
            ArrayNode list = n.putArray("referrers");
            attached.forEach(a -> list.addObject().put("file", a.referrer().title()).put("digest", a.referrer().digest())
                    .put("artifactType", a.referrer().artifactType()).put("subject", a.subject().ref().digest()));
            json.result(n);
        } else {
            PrintWriter out = spec.commandLine().getOut();
            out.println("pushed " + pushed.ref());
            attached.forEach(a -> out.println("attached " + Printable.escape(a.referrer().title()) + " as " + a.referrer().digest()
                    + (a.subject() == pushed ? "" : " to " + a.subject().ref().digest())));
        }
        return ExitCodes.OK;
    }

    /** {@code file} when it is an OCI archive; anything else is refused saying what was expected. */
    private static Path archiveOf(Path file) {
        OciArchive.Kind kind = OciArchive.kind(file);
        if (kind == OciArchive.Kind.DOCKER_LEGACY) {
            throw new InputException("--image " + Printable.escape(file) + " is a docker-save archive without index.json (Docker before 25):"
                    + " it has no registry manifest digest; write it with docker save from Docker 25 or later, or convert it with"
                    + " skopeo copy docker-archive:FILE oci-archive:FILE.oci.tar");
        }
        if (kind != OciArchive.Kind.OCI) {
            throw new InputException("--image " + Printable.escape(file) + " is neither an OCI image layout directory nor an OCI archive"
                    + " (a tar holding oci-layout, index.json and blobs/sha256/)");
        }
        return file;
    }

    private static Path scratch() {
        return Path.of(System.getProperty("java.io.tmpdir"));
    }

    /**
     * Refuses, before anything is pushed, a bundle about none of the image's digests: it would verify
     * nothing there. A bundle over the {@code archive} file itself is told apart.
     */
    private static void requireAbout(List<Path> bundles, OciLayout layout, java.util.Optional<Path> archive) {
        java.util.Optional<String> archiveSha256 = archive.map(dev.hermeticbuild.digest.Sha256::ofFile);
        java.util.Set<String> digests = new java.util.HashSet<>();
        layout.subjects("image").forEach(s -> digests.add(s.sha256()));
        for (Path bundle : bundles) {
            java.util.Set<String> named = BundleSubjects.of(Referrers.readBundle(bundle));
            if (java.util.Collections.disjoint(named, digests) && archiveSha256.filter(named::contains).isPresent()) {
                throw new InputException("--attach " + Printable.escape(bundle) + ": the bundle signs the archive file "
                        + Printable.escape(archive.get()) + " (sha256:" + archiveSha256.get() + "), not the image in it, so it would"
                        + " verify nothing in the registry; sign the image's layout directory (hermetic sign DIR), or attach the"
                        + " build's provenance bundle, which names the image's digests");
            }
            if (java.util.Collections.disjoint(named, digests)) {
                throw new InputException("--attach " + Printable.escape(bundle) + ": the bundle is about none of this image's digests"
                        + " (it names " + (named.isEmpty() ? "no digest" : "sha256:" + String.join(", sha256:", named)) + "), so it would"
                        + " verify nothing here; attach the bundles of the build that made this image");
            }
        }
    }

    private record Attached(PushedImage subject, Referrer referrer) {
    }

    private static List<Path> bundles(Path dir) {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            throw new InputException("--attach " + Printable.escape(dir) + ": not a directory or a bundle file");
        }
        try (Stream<Path> files = Files.list(dir)) {
            List<Path> found = files.filter(f -> f.getFileName().toString().endsWith(BundleNames.SIGNATURE))
                    .filter(f -> Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)).sorted().toList();
            if (found.isEmpty()) {
                throw new InputException("--attach " + Printable.escape(dir) + " holds no *" + BundleNames.SIGNATURE
                        + " bundle (build --sign-key writes them into its --out)");
            }
            return found;
        } catch (IOException e) {
            throw new InputException("--attach " + Printable.escape(dir) + ": cannot list (" + e.getMessage() + ")", e);
        }
    }
}
