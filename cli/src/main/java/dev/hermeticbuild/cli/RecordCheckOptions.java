package dev.hermeticbuild.cli;

import dev.hermeticbuild.store.RecordCheck;
import dev.hermeticbuild.verify.Keyring;
import dev.hermeticbuild.verify.RevocationList;
import dev.hermeticbuild.verify.VerifyPolicy;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * How commands that show store records check them when they read them: {@code --pub} (the
 * signers' keys, as for {@code hermetic verify}), {@code --revoked}, {@code --store-pub} (the
 * store's checkpoint keys). Without a key, nothing is shown as verified.
 */
final class RecordCheckOptions {

    @Option(names = "--pub", paramLabel = "KEY.pub|DIR",
            description = "Trusted public key, or a directory of *.pub keys: every bundle shown is verified against it now"
                    + " (without it, signatures are shown as not checked).")
    Path pub;

    @Option(names = "--revoked", paramLabel = "FILE", description = "Revoked key ids, one per line, optional '# reason'.")
    Path revoked;

    @Option(names = "--store-pub", paramLabel = "KEY.pub|DIR",
            description = "The store's public key(s): every record shown must be covered by a checkpoint signed with it.")
    Path storePub;

    RevocationList revocations() {
        return revoked == null ? RevocationList.none() : RevocationList.load(revoked);
    }

    RecordCheck check() {
        Optional<VerifyPolicy> policy = Optional.ofNullable(pub)
                .map(p -> VerifyPolicy.builder().keyring(Keyring.load(p)).revoked(revocations()).requireHermetic(false).build());
        return new RecordCheck(policy, Optional.ofNullable(storePub).map(Keyring::load));
    }
}
