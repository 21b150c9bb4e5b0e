package dev.hermeticbuild.source;

/**
 * One commit as the runner read it from the object database.
 *
 * @param id the commit's full id
 * @param tree the id of its root tree (in-toto's {@code gitTree})
 * @param commitTimeEpochSeconds its committer time: the build's SOURCE_DATE_EPOCH
 */
public record GitCommit(String id, String tree, long commitTimeEpochSeconds) {
}
