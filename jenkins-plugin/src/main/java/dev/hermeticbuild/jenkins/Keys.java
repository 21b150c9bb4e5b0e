package dev.hermeticbuild.jenkins;

import com.cloudbees.plugins.credentials.CredentialsProvider;
import com.cloudbees.plugins.credentials.common.StandardCredentials;
import dev.hermeticbuild.sign.PassphraseSource;
import dev.hermeticbuild.sign.Signer;
import dev.hermeticbuild.sign.Signers;
import dev.hermeticbuild.verify.Keyring;
import hudson.AbortException;
import hudson.model.Run;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jenkinsci.plugins.plaincredentials.FileCredentials;
import org.jenkinsci.plugins.plaincredentials.StringCredentials;

/**
 * Keys from Jenkins credentials, read on the controller only: a file or secret-text credential
 * holding a PEM key. The bytes go straight to the engine; nothing is written or sent anywhere.
 */
final class Keys {

    private Keys() {
    }

    /** The signer of credential {@code id} (or the configured default when blank). */
    static Signer signer(Run<?, ?> run, String id) throws IOException {
        String chosen = id == null || id.isBlank() ? HermeticGlobalConfiguration.get().getDefaultSigningCredentialsId() : id;
        if (chosen.isBlank()) {
            throw new AbortException(Text.get("Keys.NoCredential"));
        }
        return Signers.fromPem(pem(run, chosen), "credential " + chosen, PassphraseSource.none());
    }

    /** The global trusted keys, plus the public key of credential {@code id} when given. */
    static Keyring trusted(Run<?, ?> run, String id) throws IOException {
        Keyring global = Keyring.fromPem(HermeticGlobalConfiguration.get().getTrustedPublicKeys(), "trusted public keys");
        if (id == null || id.isBlank()) {
            return global;
        }
        return global.plus(Keyring.fromPem(new String(pem(run, id), StandardCharsets.UTF_8), "credential " + id));
    }

    private static byte[] pem(Run<?, ?> run, String id) throws IOException {
        StandardCredentials c = CredentialsProvider.findCredentialById(id, FileCredentials.class, run);
        if (c == null) {
            c = CredentialsProvider.findCredentialById(id, StringCredentials.class, run);
        }
        if (c == null) {
            throw new AbortException(Text.get("Keys.UnknownCredential", id));
        }
        CredentialsProvider.track(run, c);
        if (c instanceof FileCredentials file) {
            try (InputStream in = file.getContent()) {
                return in.readAllBytes();
            }
        }
        return ((StringCredentials) c).getSecret().getPlainText().getBytes(StandardCharsets.UTF_8);
    }
}
