package dev.hermeticbuild.sbom.maven;

import com.github.packageurl.MalformedPackageURLException;
import com.github.packageurl.PackageURL;
import com.github.packageurl.PackageURLBuilder;

/** The canonical package URL of a Maven artifact: {@code pkg:maven/g/a@v}, {@code ?type=} only when not jar, then classifier. */
final class MavenPurl {

    private MavenPurl() {
    }

    static String of(String group, String artifact, String version, String type, String classifier) {
        PackageURLBuilder b = PackageURLBuilder.aPackageURL().withType(PackageURL.StandardTypes.MAVEN)
                .withNamespace(group).withName(artifact).withVersion(version);
        if (classifier != null && !classifier.isEmpty()) {
            b.withQualifier("classifier", classifier);
        }
        if (type != null && !type.isEmpty() && !type.equals("jar")) {
            b.withQualifier("type", type);
        }
        try {
            return b.build().canonicalize();
        } catch (MalformedPackageURLException e) {
            throw new MavenGraphException("no package URL for " + group + ":" + artifact + ":" + version + ": " + e.getMessage(), e);
        }
    }
}
