package dev.hermeticbuild.cache;

import java.util.List;

/**
 * Where prefetch may fetch locked inputs from, per ecosystem, tried in order. Nothing is ever
 * fetched from a URL outside these, whatever a lockfile's own download field says.
 */
public record Registries(List<String> maven, List<String> npm) {

    public static final String MAVEN_CENTRAL = "https://repo.maven.apache.org/maven2";
    public static final String NPM_REGISTRY = "https://registry.npmjs.org";

    public Registries {
        maven = maven.stream().map(Registries::trimSlash).toList();
        npm = npm.stream().map(Registries::trimSlash).toList();
    }

    public static Registries defaults() {
        return new Registries(List.of(MAVEN_CENTRAL), List.of(NPM_REGISTRY));
    }

    private static String trimSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
