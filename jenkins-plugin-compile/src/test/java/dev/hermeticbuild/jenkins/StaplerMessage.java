package dev.hermeticbuild.jenkins;

import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * A Jelly {@code ${%text(args)}} message as Stapler reads it (checked against
 * jenkinsci/stapler@135bbbc8, {@code InternationalizedStringExpression} and {@code ResourceBundle}):
 * the key is the text up to the first {@code (}; what follows is a comma-separated argument list
 * (each argument parenthesis-balanced, quotes skipped) that must close with {@code )}. The page
 * shows the key's value from the Jelly file's {@code .properties}, formatted by
 * {@link MessageFormat} with the arguments, or, without a non-empty value, the bare key.
 */
record StaplerMessage(String key, List<String> arguments) {

    /** Parses the expression text after {@code ${} (it starts with {@code %}). */
    static StaplerMessage parse(String expression) {
        if (!expression.startsWith("%")) {
            throw new IllegalArgumentException(expression + " does not start with %");
        }
        String text = expression.substring(1);
        int open = text.indexOf('(');
        if (open < 0) {
            return new StaplerMessage(text, List.of());
        }
        List<String> arguments = new ArrayList<>();
        String rest = text.substring(open + 1);
        while (!rest.isEmpty()) {
            String argument = argument(expression, rest);
            arguments.add(argument);
            rest = rest.substring(argument.length() + 1);
        }
        return new StaplerMessage(text.substring(0, open), List.copyOf(arguments));
    }

    /** The leading argument of {@code "a,b)"} or {@code "a)"}: up to a top-level comma or the closing parenthesis. */
    private static String argument(String expression, String text) {
        int depth = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ((c == ',' || c == ')') && depth == 0) {
                return text.substring(0, i);
            } else if (c == '(' || c == '{' || c == '[') {
                depth++;
            } else if (c == ')' || c == '}' || c == ']') {
                depth--;
            } else if (c == '"' || c == '\'') {
                int close = text.indexOf(c, i + 1);
                if (close < 0) {
                    break;
                }
                i = close;
            }
        }
        throw new IllegalArgumentException(expression + " is missing ')' at the end");
    }

    /**
     * What is wrong with this message given the Jelly file's default {@code .properties}, if
     * anything: arguments without a value to put them in are dropped (and Stapler fails outright on
     * arguments it cannot parse), and a value must be a valid {@link MessageFormat} pattern that
     * uses no more arguments than it gets.
     */
    Optional<String> problem(Properties messages) {
        String value = messages.getProperty(key);
        if (value == null || value.isEmpty()) {
            if (!arguments.isEmpty()) {
                return Optional.of("Stapler reads " + arguments + " as message arguments and the key '" + key
                        + "' has no value in the .properties file: the page shows '" + key
                        + "' (or fails to render); put the text in the .properties file or leave out the parentheses");
            }
            return Optional.empty();
        }
        if (value.replace("''", "").contains("'")) {
            return Optional.of("the value of '" + key + "' has a single quote: MessageFormat drops it (write '')");
        }
        try {
            int used = new MessageFormat(value).getFormatsByArgumentIndex().length;
            if (used > arguments.size()) {
                return Optional.of("the value of '" + key + "' uses " + used + " argument(s), the Jelly expression gives "
                        + arguments.size());
            }
        } catch (IllegalArgumentException e) {
            return Optional.of("the value of '" + key + "' is not a MessageFormat pattern: " + e.getMessage());
        }
        return Optional.empty();
    }
}
