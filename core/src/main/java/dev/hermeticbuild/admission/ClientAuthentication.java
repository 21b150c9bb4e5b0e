package dev.hermeticbuild.admission;

import dev.hermeticbuild.InputException;
import dev.hermeticbuild.Printable;
import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x500.style.IETFUtils;

/**
 * Who may send the webhook reviews: clients whose TLS certificate chains to one of the CA
 * certificates of {@code --client-ca} (as the API server's, configured in its
 * AdmissionConfiguration) and, when names are given, whose certificate names one of them (subject
 * CN or a DNS subject alternative name, compared exactly). Without it anyone who reaches the port
 * could put forged decisions into the audit log, the metrics and the provenance store.
 */
public final class ClientAuthentication {

    private final List<X509Certificate> authorities;
    private final Set<String> names;

    private ClientAuthentication(List<X509Certificate> authorities, Set<String> names) {
        this.authorities = List.copyOf(authorities);
        this.names = Set.copyOf(names);
    }

    /**
     * Reads the CA certificates of {@code caFile} and checks {@code names} (each non-empty, printable,
     * without wildcards: they are compared exactly); errors name the option and the input.
     */
    public static ClientAuthentication load(Path caFile, List<String> names) {
        List<X509Certificate> authorities = TlsIdentity.certificates(caFile, "--client-ca");
        return new ClientAuthentication(authorities, new LinkedHashSet<>(checkNames(names)));
    }

    /** {@code names}, each checked to be a name a certificate can carry and be compared with exactly. */
    public static List<String> checkNames(List<String> names) {
        for (String name : names) {
            if (name.isBlank() || !name.strip().equals(name) || name.chars().anyMatch(c -> c < 0x21 || c == 0x7f) || name.contains("*")) {
                throw new InputException("--client-name '" + Printable.escape(name) + "': give a certificate's exact CN or DNS name"
                        + " (no spaces at its ends, no control characters, no wildcards)");
            }
        }
        return List.copyOf(names);
    }

    /**
     * Trust managers validating a client's chain against the CA certificates alone (not the JDK's
     * default trust store), telling {@code refused} of each chain they refuse: a refusal fails the
     * TLS handshake, where no request and no log would show it, and an API server whose client
     * certificate has expired is refused on every review.
     */
    TrustManager[] trustManagers(Runnable refused) {
        X509ExtendedTrustManager pkix = pkix();
        return new TrustManager[] {new X509ExtendedTrustManager() {
            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                counted(() -> pkix.checkClientTrusted(chain, authType, socket));
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                counted(() -> pkix.checkClientTrusted(chain, authType, engine));
            }

            @Override
            public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                counted(() -> pkix.checkClientTrusted(chain, authType));
            }

            private void counted(Check check) throws CertificateException {
                try {
                    check.run();
                } catch (CertificateException | RuntimeException e) {
                    refused.run();
                    throw e;
                }
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
                throw new CertificateException("the webhook checks clients, never servers");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
                throw new CertificateException("the webhook checks clients, never servers");
            }

            @Override
            public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
                throw new CertificateException("the webhook checks clients, never servers");
            }

            @Override
            public X509Certificate[] getAcceptedIssuers() {
                return pkix.getAcceptedIssuers();
            }
        }};
    }

    private interface Check {
        void run() throws CertificateException;
    }

    private X509ExtendedTrustManager pkix() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < authorities.size(); i++) {
                store.setCertificateEntry("client-ca-" + i, authorities.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
            factory.init(store);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return x509;
                }
            }
            throw new IllegalStateException("the PKIX trust manager factory made no X.509 trust manager");
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("cannot make the client trust managers: " + e.getMessage(), e);
        }
    }

    /** The names a client certificate must carry one of; empty when any certificate of the CA will do. */
    public Set<String> names() {
        return names;
    }

    /**
     * Why the client whose validated chain starts with {@code leaf} may not send reviews, or empty
     * when it may: its certificate names none of {@link #names()}.
     */
    Optional<String> refusal(X509Certificate leaf) {
        if (names.isEmpty()) {
            return Optional.empty();
        }
        List<String> carried = namesOf(leaf);
        if (carried.stream().anyMatch(names::contains)) {
            return Optional.empty();
        }
        return Optional.of("the client certificate names " + (carried.isEmpty() ? "nothing" : String.join(", ", carried.stream()
                .map(Printable::escape).toList())) + ", none of the --client-name values " + String.join(", ", names.stream().sorted().toList()));
    }

    /** The subject CNs and DNS subject alternative names of {@code certificate}. */
    static List<String> namesOf(X509Certificate certificate) {
        List<String> result = new ArrayList<>();
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        for (RDN rdn : subject.getRDNs(BCStyle.CN)) {
            result.add(IETFUtils.valueToString(rdn.getFirst().getValue()));
        }
        try {
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    if (alternative.size() == 2 && Integer.valueOf(2).equals(alternative.get(0)) && alternative.get(1) instanceof String dns) {
                        result.add(dns);
                    }
                }
            }
        } catch (CertificateParsingException e) {
            // a certificate whose alternative names cannot be read is judged by its CN alone
        }
        return result;
    }
}
