package dev.hermeticbuild.sign;

import dev.hermeticbuild.InputException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A key on a PKCS#11 token, written {@code pkcs11:config=/path/pkcs11.cfg;alias=LABEL}: the
 * SunPKCS11 configuration file (library, slot...) and the key's alias (its CKA_LABEL). This is
 * not an RFC 7512 URI: the token is chosen by the SunPKCS11 configuration file.
 */
public record Pkcs11KeyRef(Path config, String alias) {

    /** The prefix that marks a {@code --key} value as a PKCS#11 reference. */
    public static final String PREFIX = "pkcs11:";

    /** Whether {@code keyArg} names a PKCS#11 key rather than a file. */
    public static boolean isPkcs11(String keyArg) {
        return keyArg.startsWith(PREFIX);
    }

    /** Parses {@code pkcs11:config=...;alias=...}; the error names the bad part. */
    public static Pkcs11KeyRef parse(String keyArg) {
        if (!isPkcs11(keyArg)) {
            throw new InputException("--key " + keyArg + ": not a pkcs11: reference");
        }
        Map<String, String> attrs = new LinkedHashMap<>();
        for (String part : keyArg.substring(PREFIX.length()).split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0 || eq == part.length() - 1) {
                throw new InputException("--key " + keyArg + ": expected name=value, found '" + part + "'");
            }
            String name = part.substring(0, eq);
            if (!name.equals("config") && !name.equals("alias")) {
                throw new InputException("--key " + keyArg + ": unknown attribute '" + name
                        + "' (known: config, alias)");
            }
            if (attrs.put(name, part.substring(eq + 1)) != null) {
                throw new InputException("--key " + keyArg + ": attribute '" + name + "' given twice");
            }
        }
        for (String required : new String[] {"config", "alias"}) {
            if (!attrs.containsKey(required)) {
                throw new InputException("--key " + keyArg + ": missing '" + required
                        + "=' (form: pkcs11:config=/path/pkcs11.cfg;alias=LABEL)");
            }
        }
        return new Pkcs11KeyRef(Path.of(attrs.get("config")), attrs.get("alias"));
    }
}
