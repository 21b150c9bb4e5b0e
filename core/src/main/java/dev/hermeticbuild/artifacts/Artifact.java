package dev.hermeticbuild.artifacts;

/**
 * One output of a build: its path relative to the workspace (the subject name in provenance),
 * its size and the sha256 the runner computed outside the sandbox.
 */
public record Artifact(String path, long size, String sha256) {
}
