package dev.hermeticbuild.kubernetes;

import dev.hermeticbuild.InputException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kubernetes resource quantity ({@code 500m}, {@code 2}, {@code 4Gi}, {@code 1e3}) with its numeric value for comparisons. */
public record ResourceQuantity(String text, BigDecimal value) {

    private static final Pattern QUANTITY = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(Ki|Mi|Gi|Ti|Pi|Ei|[numkMGTPE]|[eE][+-]?\\d+)?");
    private static final Map<String, BigDecimal> SUFFIXES = Map.ofEntries(
            Map.entry("n", new BigDecimal("1e-9")), Map.entry("u", new BigDecimal("1e-6")), Map.entry("m", new BigDecimal("1e-3")),
            Map.entry("k", new BigDecimal("1e3")), Map.entry("M", new BigDecimal("1e6")), Map.entry("G", new BigDecimal("1e9")),
            Map.entry("T", new BigDecimal("1e12")), Map.entry("P", new BigDecimal("1e15")), Map.entry("E", new BigDecimal("1e18")),
            Map.entry("Ki", BigDecimal.valueOf(1L << 10)), Map.entry("Mi", BigDecimal.valueOf(1L << 20)),
            Map.entry("Gi", BigDecimal.valueOf(1L << 30)), Map.entry("Ti", BigDecimal.valueOf(1L << 40)),
            Map.entry("Pi", BigDecimal.valueOf(1L << 50)), Map.entry("Ei", BigDecimal.valueOf(1L << 60)));

    /** Parses {@code text}; {@code what} names the input in errors. Zero is refused: a limit of nothing is a typo. */
    public static ResourceQuantity parse(String text, String what) {
        Matcher m = QUANTITY.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new InputException(what + " " + text + ": not a Kubernetes quantity (e.g. 500m, 2, 4Gi)");
        }
        BigDecimal number = new BigDecimal(m.group(1));
        String suffix = m.group(2);
        BigDecimal value = suffix == null ? number
                : suffix.startsWith("e") || suffix.startsWith("E") ? number.scaleByPowerOfTen(Integer.parseInt(suffix.substring(1)))
                : number.multiply(SUFFIXES.get(suffix));
        if (value.signum() <= 0) {
            throw new InputException(what + " " + text + ": must be more than zero");
        }
        return new ResourceQuantity(text, value);
    }

    /** A {@code REQUEST:LIMIT} pair (or one value for both), refused when the request exceeds the limit. */
    public static ResourceQuantity[] requestAndLimit(String text, String what) {
        String[] parts = text.split(":", -1);
        if (parts.length > 2) {
            throw new InputException(what + " " + text + ": expected REQUEST:LIMIT or one quantity for both");
        }
        ResourceQuantity request = parse(parts[0], what);
        ResourceQuantity limit = parts.length == 2 ? parse(parts[1], what) : request;
        if (request.value.compareTo(limit.value) > 0) {
            throw new InputException(what + " " + text + ": the request " + request.text + " is above the limit " + limit.text);
        }
        return new ResourceQuantity[] {request, limit};
    }
}
