package dev.hermeticbuild.build;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The ids are part of the CLI's JSON contract: a rename or a new one must show up here. */
class ReleaseRefusalCodesTest {

    @Test
    void eachRefusalCodeKeepsItsId() {
        assertEquals(List.of("not-in-git", "dirty-tree", "lock-invalid", "unpinned-input", "toolchain-writable"),
                Arrays.stream(ReleaseRefusal.Code.values()).map(ReleaseRefusal.Code::id).toList());
    }
}
