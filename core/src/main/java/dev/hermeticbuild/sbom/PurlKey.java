package dev.hermeticbuild.sbom;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import java.util.TreeMap;

/**
 * The identity of a package URL for matching a graph's components with lock entries: the
 * canonical form, with Maven's default {@code type=jar} qualifier dropped, so that
 * {@code pkg:maven/g/a@1?type=jar} and {@code pkg:maven/g/a@1} are the same package.
 */
final class PurlKey {

    private PurlKey() {
    }

    static String of(String purl) {
        try {
            PackageURL p = new PackageURL(purl);
            TreeMap<String, String> qualifiers = p.getQualifiers() == null ? new TreeMap<>() : new TreeMap<>(p.getQualifiers());
            if (p.getType().equals("maven") && "jar".equals(qualifiers.get("type"))) {
                qualifiers.remove("type");
            }
            return new PackageURL(p.getType(), p.getNamespace(), p.getName(), p.getVersion(),
                    qualifiers.isEmpty() ? null : qualifiers, p.getSubpath()).canonicalize();
        } catch (MalformedPackageURLException e) {
            return purl;
        }
    }

    /** The purl's type ({@code maven}, {@code npm}, {@code generic}...), or empty when it does not parse. */
    static String type(String purl) {
        try {
            return new PackageURL(purl).getType();
        } catch (MalformedPackageURLException e) {
            return "";
        }
    }

    /** A qualifier's value, or {@code fallback}. */
    static String qualifier(String purl, String name, String fallback) {
        try {
            var qualifiers = new PackageURL(purl).getQualifiers();
            return qualifiers == null ? fallback : qualifiers.getOrDefault(name, fallback);
        } catch (MalformedPackageURLException e) {
            return fallback;
        }
    }
}
