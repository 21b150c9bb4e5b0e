package dev.hermeticbuild.provenance;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.hermeticbuild.InputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes statements as JSON: map keys sorted and fields in a fixed order, so the same statement
 * always serialises to the same bytes. Reading is {@link InTotoStatement}'s.
 */
public final class ProvenanceJson {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private ProvenanceJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    public static byte[] toBytes(Statement<?> statement) {
        try {
            return MAPPER.writeValueAsBytes(statement);
        } catch (IOException e) {
            throw new IllegalStateException("statement cannot be serialised", e);
        }
    }

    public static void write(Statement<?> statement, Path file) {
        try {
            Files.write(file, toBytes(statement));
        } catch (IOException e) {
            throw new InputException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }
}
