package dev.hermeticbuild.jenkins;

import java.text.MessageFormat;
import java.util.ResourceBundle;

/** User-facing text of the plugin, from {@code Messages.properties}. */
final class Text {

    private static final ResourceBundle BUNDLE = ResourceBundle.getBundle("dev.hermeticbuild.jenkins.Messages");

    private Text() {
    }

    /** The message {@code key}, formatted with {@code args}. */
    static String get(String key, Object... args) {
        return MessageFormat.format(BUNDLE.getString(key), args);
    }
}
