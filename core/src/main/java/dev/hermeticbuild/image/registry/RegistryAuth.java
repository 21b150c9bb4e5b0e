package dev.hermeticbuild.image.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hermeticbuild.Printable;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * Answers a registry's 401 challenge: HTTP Basic with the registry's login, or the distribution
 * token flow (a {@code GET} of the challenge's realm with its service and scope, with the login
 * as Basic when there is one, anonymous otherwise) giving a Bearer token. The login goes only to
 * the registry and to a token service over https (plain http only for a loopback one when asked);
 * neither the login nor a token appears in any message.
 */
final class RegistryAuth {

    private static final int TOKEN_ANSWER_LIMIT = 64 << 10;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String registry;
    private final RegistryOptions options;
    private final HttpClient http;
    private final Optional<RegistryCredentials> login;
    private boolean answered;
    private final java.util.Set<String> scopes = new java.util.LinkedHashSet<>();

    RegistryAuth(String registry, RegistryOptions options, HttpClient http) {
        this.registry = registry;
        this.options = options;
        this.http = http;
        this.login = options.credentialsFor(registry);
    }

    /** The {@code Authorization} value that answers the challenges, or empty when we have nothing to answer with. */
    Optional<String> answer(List<String> challenges) {
        Optional<AuthChallenge> challenge = AuthChallenge.first(challenges);
        if (challenge.isEmpty()) {
            return Optional.empty();
        }
        answered = true;
        if (challenge.get().basic()) {
            return login.map(RegistryCredentials::basic);
        }
        return Optional.of("Bearer " + token(challenge.get()));
    }

    /** Why a request still met 401 after we answered (or could not answer) the challenge. */
    RegistryException refused(String request) {
        if (login.isEmpty()) {
            return new RegistryException("registry " + registry + " asks for a login (401) to " + request + "; give one with"
                    + " --registry-auth FILE (a Docker config.json naming " + registry + ")");
        }
        return new RegistryException("registry " + registry + " refused the login of " + Printable.escape(login.get().username())
                + (answered ? "" : " (it sent no challenge we can answer)") + " for " + request + " (401)");
    }

    private String token(AuthChallenge challenge) {
        String realm = challenge.parameter("realm").filter(r -> !r.isBlank()).orElseThrow(() -> new RegistryException(
                "registry " + registry + " asks for a Bearer token without naming the token service (no realm)"));
        URI uri;
        try {
            uri = URI.create(realm);
        } catch (IllegalArgumentException e) {
            throw new RegistryException("registry " + registry + " names a malformed token service URL");
        }
        boolean https = "https".equalsIgnoreCase(uri.getScheme());
        boolean loopbackHttp = "http".equalsIgnoreCase(uri.getScheme()) && options.plainHttp() && uri.getHost() != null
                && RegistryClient.loopback(uri.getHost());
        if (uri.getHost() == null || uri.getRawUserInfo() != null || !(https || loopbackHttp)) {
            throw new RegistryException("registry " + registry + " names the token service " + Printable.escape(uri.getScheme()
                    + "://" + uri.getRawAuthority()) + ": refused (a login goes only to an https token service)");
        }
        StringBuilder query = new StringBuilder(uri.getRawQuery() == null ? "" : uri.getRawQuery());
        challenge.parameter("service").ifPresent(v -> append(query, "service", v));
        // every scope asked for so far: a push token then also serves the pulls that follow
        challenge.parameter("scope").ifPresent(asked -> {
            for (String scope : asked.split(" ")) {
                if (!scope.isBlank() && scopes.size() < 16) {
                    scopes.add(scope);
                }
            }
        });
        scopes.forEach(scope -> append(query, "scope", scope));
        URI request = URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath())
                + (query.isEmpty() ? "" : "?" + query));
        HttpRequest.Builder b = HttpRequest.newBuilder(request).timeout(options.timeout()).GET();
        login.ifPresent(l -> b.header("Authorization", l.basic()));
        int status;
        byte[] body;
        java.util.concurrent.CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(b.build(),
                info -> new RegistryClient.CappedBody(TOKEN_ANSWER_LIMIT));
        try {
            HttpResponse<byte[]> answer = pending.get(options.timeout().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            status = answer.statusCode();
            body = answer.body();
        } catch (java.util.concurrent.TimeoutException e) {
            pending.cancel(true);
            throw new RegistryUnavailableException("the token service of registry " + registry + " (" + uri.getHost()
                    + ") did not answer within " + options.timeout().toSeconds() + " s", e);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RegistryClient.CappedBody.Oversized) {
                throw new RegistryException("the token service of registry " + registry + " answered more than " + TOKEN_ANSWER_LIMIT
                        + " bytes: refused");
            }
            throw new RegistryUnavailableException("the token service of registry " + registry + " (" + uri.getHost()
                    + ") cannot be reached: " + (e.getCause() == null ? "?" : e.getCause().getClass().getSimpleName()), e.getCause());
        } catch (InterruptedException e) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw new RegistryUnavailableException("interrupted while asking the token service of registry " + registry, e);
        }
        if (status >= 500 || status == 429) {
            throw new RegistryUnavailableException("the token service of registry " + registry + " answered HTTP " + status
                    + "; retrying later may help", null);
        }
        if (status == 401 || status == 403) {
            throw new RegistryException("the token service of registry " + registry + " refused "
                    + login.map(l -> "the login of " + Printable.escape(l.username())).orElse("an anonymous token (give a login with"
                    + " --registry-auth FILE)") + " (HTTP " + status + ")");
        }
        if (status != 200) {
            throw new RegistryException("the token service of registry " + registry + " answered HTTP " + status + ": refused");
        }
        JsonNode json;
        try {
            json = JSON.readTree(body);
        } catch (IOException e) {
            throw new RegistryException("the token service of registry " + registry + " answered something that is not JSON");
        }
        String token = json == null ? "" : json.path("token").asText(json.path("access_token").asText(""));
        if (token.isEmpty()) {
            token = json.path("access_token").asText("");
        }
        if (!token.matches("[A-Za-z0-9._~+/=-]{1,16384}")) {
            throw new RegistryException("the token service of registry " + registry + " answered no usable token");
        }
        return token;
    }

    private static void append(StringBuilder query, String name, String value) {
        if (!query.isEmpty()) {
            query.append('&');
        }
        query.append(name).append('=').append(URLEncoder.encode(value, StandardCharsets.UTF_8));
    }
}
