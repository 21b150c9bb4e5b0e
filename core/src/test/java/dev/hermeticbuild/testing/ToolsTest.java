package dev.hermeticbuild.testing;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.opentest4j.TestAbortedException;

class ToolsTest {

    @Test
    void aMissingToolFailsUnderCi() {
        AssertionError e = assertThrows(AssertionError.class, () -> Tools.require("bwrap", false, "the sandbox", "true"));
        assertTrue(e.getMessage().contains("bwrap is needed: the sandbox"), e.getMessage());
        assertThrows(AssertionError.class, () -> Tools.require("bwrap", false, "the sandbox", "TRUE"));
    }

    @Test
    void aMissingToolSkipsOutsideCi() {
        assertThrows(TestAbortedException.class, () -> Tools.require("bwrap", false, "the sandbox", null));
        assertThrows(TestAbortedException.class, () -> Tools.require("bwrap", false, "the sandbox", "false"));
        assertThrows(TestAbortedException.class, () -> Tools.require("bwrap", false, "the sandbox", ""));
    }

    @Test
    void anAvailableToolPassesEverywhere() {
        assertDoesNotThrow(() -> Tools.require("bwrap", true, "the sandbox", "true"));
        assertDoesNotThrow(() -> Tools.require("bwrap", true, "the sandbox", null));
    }
}
