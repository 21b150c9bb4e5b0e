package dev.hermeticbuild.admission;

import java.net.InetSocketAddress;
import java.time.Clock;
import java.util.Objects;
import java.util.Optional;

/**
 * How the webhook listens: made with {@link #builder(TlsIdentity)}; by default on 127.0.0.1:8443,
 * bodies up to {@link AdmissionReviewReader#MAX_BYTES}, eight worker threads, the audit log on
 * standard error, the system clock, and no client authentication.
 *
 * @param listen       address and port (0: any free port)
 * @param tls          the server's certificate and key
 * @param maxBodyBytes largest request body read
 * @param threads      worker threads deciding requests
 * @param audit        where decision lines go
 * @param clock        the clock of cache TTLs, max ages and audit times
 * @param clients      who may send reviews (POST /validate and /mutate); empty: anyone who reaches the port
 */
public record AdmissionServerOptions(InetSocketAddress listen, TlsIdentity tls, int maxBodyBytes, int threads, AuditLog audit,
                                     Clock clock, Optional<ClientAuthentication> clients) {

    public AdmissionServerOptions {
        Objects.requireNonNull(listen, "listen");
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(audit, "audit");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(clients, "clients");
        if (maxBodyBytes <= 0 || maxBodyBytes > AdmissionReviewReader.MAX_BYTES) {
            throw new IllegalArgumentException("maxBodyBytes must be 1 to " + AdmissionReviewReader.MAX_BYTES);
        }
        if (threads <= 0) {
            throw new IllegalArgumentException("threads must be positive");
        }
    }

    /** A builder with the defaults. */
    public static Builder builder(TlsIdentity tls) {
        return new Builder(tls);
    }

    /** Collects {@link AdmissionServerOptions}. */
    public static final class Builder {

        private final TlsIdentity tls;
        private InetSocketAddress listen = new InetSocketAddress("127.0.0.1", 8443);
        private int maxBodyBytes = AdmissionReviewReader.MAX_BYTES;
        private int threads = 8;
        private AuditLog audit = AuditLog.to(System.err);
        private Clock clock = Clock.systemUTC();
        private Optional<ClientAuthentication> clients = Optional.empty();

        private Builder(TlsIdentity tls) {
            this.tls = Objects.requireNonNull(tls, "tls");
        }

        /** Default 127.0.0.1:8443. */
        public Builder listen(InetSocketAddress address) {
            listen = address;
            return this;
        }

        /** Default {@link AdmissionReviewReader#MAX_BYTES}. */
        public Builder maxBodyBytes(int bytes) {
            maxBodyBytes = bytes;
            return this;
        }

        /** Default 8. */
        public Builder threads(int n) {
            threads = n;
            return this;
        }

        /** Default standard error. */
        public Builder audit(AuditLog log) {
            audit = log;
            return this;
        }

        /** Default the system clock, in UTC. */
        public Builder clock(Clock c) {
            clock = c;
            return this;
        }

        /** Default none: anyone who reaches the port may send reviews. */
        public Builder clients(ClientAuthentication authentication) {
            clients = Optional.of(authentication);
            return this;
        }

        /** The options. */
        public AdmissionServerOptions build() {
            return new AdmissionServerOptions(listen, tls, maxBodyBytes, threads, audit, clock, clients);
        }
    }
}
