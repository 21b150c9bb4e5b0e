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

    /**
     * The signer of credential {@code id}, looked up as the job may use it; when blank, the
     * configured default signing credential, looked up at system level (it may be SYSTEM-scoped).
     */
    static Signer signer(Run<?, ?> run, String id) throws IOException {
        if (id == null || id.isBlank()) {
            String chosen = HermeticGlobalConfiguration.get().getDefaultSigningCredentialsId();
            if (chosen.isBlank()) {
                throw new AbortException(Text.get("Keys.NoCredential"));
            }
            StandardCredentials c = ControllerCredentials.system(chosen, FileCredentials.class, StringCredentials.class)
                    .orElseThrow(() -> new AbortException(Text.get("Keys.UnknownCredential", chosen, ControllerCredentials.SYSTEM_SCOPES)));
            return Signers.fromPem(pem(run, c), "credential " + chosen, PassphraseSource.none());
        }
        return Signers.fromPem(pem(run, forJob(run, id)), "credential " + id, PassphraseSource.none());
    }

    /** The global trusted keys, plus the public key of credential {@code id} (as the job may use it) when given. */
    static Keyring trusted(Run<?, ?> run, String id) throws IOException {
        Keyring global = Keyring.fromPem(HermeticGlobalConfiguration.get().getTrustedPublicKeys(), "trusted public keys");
        if (id == null || id.isBlank()) {
            return global;
        }
        return global.plus(Keyring.fromPem(new String(pem(run, forJob(run, id)), StandardCharsets.UTF_8), "credential " + id));
    }

    private static StandardCredentials forJob(Run<?, ?> run, String id) throws AbortException {
        return ControllerCredentials.forJob(run, id, FileCredentials.class, StringCredentials.class)
                .orElseThrow(() -> new AbortException(Text.get("Keys.UnknownCredential", id, ControllerCredentials.JOB_SCOPES)));
    }

    private static byte[] pem(Run<?, ?> run, StandardCredentials c) throws IOException {
        CredentialsProvider.track(run, c);
        if (c instanceof FileCredentials file) {
            try (InputStream in = file.getContent()) {
                return in.readAllBytes();
            }
        }
        return ((StringCredentials) c).getSecret().getPlainText().getBytes(StandardCharsets.UTF_8);
    }
}
