package dev.hermeticbuild.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.digest.Sha256;
import dev.hermeticbuild.sign.ArtifactSigner;
import dev.hermeticbuild.sign.KeyAlgorithm;
import dev.hermeticbuild.sign.KeyGen;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.verify.BundleVerifier;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a CI's signing step signs for an image layout in its workspace: the manifest (or index) by its digest. */
class LayoutSignatureTest {

    @TempDir
    Path dir;

    @Test
    void aSingleImageIsSignedAsItsManifestAndTheSignatureVerifiesByDigestAlone() throws Exception {
        LayoutFixture.Written written = LayoutFixture.single(dir, "hello");
        OciLayout image = OciLayout.read(dir);
        assertEquals(written.manifests().get(0), image.signed("dist/image").sha256());
        assertEquals("dist/image", image.signed("dist/image").name());
        assertEquals(image.signed("dist/image").sha256(), Sha256.ofFile(image.signedBlob()));
        Signer signer = Signers.of(KeyGen.generate(KeyAlgorithm.ECDSA_P256));
        byte[] bundle = ArtifactSigner.sign(image.signedBlob(), signer);
        BundleVerifier verifier = new BundleVerifier(VerifyPolicy.builder().keyring(Keyring.of(signer.publicKey())).requireHermetic(false).build());
        // as verify --image checks it in the registry, from the digest, and as verifyArtifact checks it from the layout
        verifier.verifySubject(bundle, HexFormat.of().parseHex(image.signed("dist/image").sha256()));
        assertEquals(Optional.of(image.signed("dist/image").sha256()), verifier.verify(bundle, Optional.of(image.signedBlob())).artifactSha256());
    }

    @Test
    void aMultiPlatformImageIsSignedAsItsIndex() throws Exception {
        LayoutFixture.Written written = LayoutFixture.multiPlatform(dir);
        OciLayout image = OciLayout.read(dir);
        assertEquals(written.index(), image.signed("dist/image").sha256());
        assertEquals(written.index(), Sha256.ofFile(image.signedBlob()));
    }

    @Test
    void aLayoutOfSeveralImagesIsRefusedForSigning() throws Exception {
        LayoutFixture.Written written = LayoutFixture.single(dir, "hello");
        String index = Files.readString(dir.resolve(OciLayout.INDEX_FILE));
        int open = index.indexOf('[') + 1;
        int close = index.lastIndexOf(']');
        String entry = index.substring(open, close);
        Files.writeString(dir.resolve(OciLayout.INDEX_FILE), index.substring(0, open) + entry + ","
                + entry.replace("}", ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"two\"}}") + index.substring(close));
        OciLayout image = OciLayout.read(dir);
        InputException e = assertThrows(InputException.class, () -> image.signed("img"));
        assertTrue(e.getMessage().contains("image img: the layout's index.json lists 2 images"), e.getMessage());
        assertEquals(written.manifests().get(0), image.subjects("img").get(0).sha256());
    }
}
