package dev.hermeticbuild.image;

import java.util.Optional;

/** The platform an image manifest runs on, as OCI names it: {@code os/architecture[/variant]}. */
public record Platform(String os, String architecture, Optional<String> variant) {

    public Platform {
        if (os == null || os.isBlank() || architecture == null || architecture.isBlank()) {
            throw new IllegalArgumentException("a platform needs an os and an architecture");
        }
        variant = variant.filter(v -> !v.isBlank());
    }

    /** Parses {@code os/arch} or {@code os/arch/variant}, as {@code --platform} takes it. */
    public static Platform parse(String text) {
        String[] parts = text.split("/", -1);
        if (parts.length < 2 || parts.length > 3 || java.util.Arrays.stream(parts).anyMatch(p -> !p.matches("[a-z0-9._-]+"))) {
            throw new dev.hermeticbuild.InputException("platform '" + dev.hermeticbuild.Printable.escape(text)
                    + "': expected os/architecture or os/architecture/variant, e.g. linux/amd64 or linux/arm64/v8");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? Optional.of(parts[2]) : Optional.empty());
    }

    @Override
    public String toString() {
        return os + "/" + architecture + variant.map(v -> "/" + v).orElse("");
    }
}
