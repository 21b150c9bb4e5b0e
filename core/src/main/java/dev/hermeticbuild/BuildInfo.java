package dev.hermeticbuild;

/** The version of this hermetic-build engine, as recorded in provenance (builder.version). */
public final class BuildInfo {

    private BuildInfo() {
    }

    public static String version() {
        String v = BuildInfo.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
