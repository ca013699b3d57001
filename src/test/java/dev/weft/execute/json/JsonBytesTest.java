package dev.weft.execute.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.StreamWriteFeature;
import tools.jackson.databind.JacksonSerializable;
import tools.jackson.databind.SerializationContext;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.TypeSerializer;

/** Raw bytes are Jackson's own output for the same strings and values, byte for byte. */
class JsonBytesTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final JsonMapper SLASHES = JsonMapper.builder()
            .enable(tools.jackson.core.json.JsonWriteFeature.ESCAPE_FORWARD_SLASHES).build();

    @Test
    void everyCharAloneIsEscapedAsJacksonEscapesIt() {
        for (int c = 0; c <= 0xFFFF; c++) {
            String s = String.valueOf((char) c);
            String framed = "a" + (char) c + "b";
            assertThat(JsonEscapes.quoted(s)).as("char %04X", c).isEqualTo(JSON.writeValueAsBytes(s));
            assertThat(JsonEscapes.quoted(framed)).as("char %04X framed", c).isEqualTo(JSON.writeValueAsBytes(framed));
        }
    }

    /** A field's name as the bytes before its value: {@code {"k":} or {@code ,"k":}, as Jackson writes a map's keys. */
    @Test
    void namesAreJacksonsKeys() {
        for (String key : List.of("id", "_a1", "orders_aggregate", "", "a\"b", "a\\b", "é", "a/b", "\u0001", "日本")) {
            String map = JSON.writeValueAsString(new java.util.LinkedHashMap<>(java.util.Map.of(key, 1)));
            String first = map.substring(0, map.length() - 2);
            assertThat(new String(JsonEscapes.name(key, true), StandardCharsets.UTF_8)).as(key).isEqualTo(first);
            assertThat(new String(JsonEscapes.name(key, false), StandardCharsets.UTF_8)).as(key).isEqualTo("," + first.substring(1));
        }
    }

    @Test
    void stringsOfEveryCharThroughTheGeneratorAreJacksons() {
        List<String> strings = new ArrayList<>();
        for (int c = 0; c <= 0xFFFF; c++) {
            strings.add(String.valueOf((char) c));
        }
        assertRawEqualsJackson(strings);
    }

    @Test
    void randomStringsWithEmojiAndLoneSurrogatesAreJacksons() {
        Random random = new Random(42);
        char[] pool = {'a', 'Z', '0', ' ', '"', '\\', '/', '\n', '\t', '\u0000', '\u001f', '\u007f', '\u00e9', '\u07ff',
                '\u0800', '\u20ac', '\uffff', '\ud83d', '\ude00', '\udbff', '\udc00', '\ud800', '\udfff'};
        List<String> strings = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            StringBuilder b = new StringBuilder();
            int length = random.nextInt(i % 100 == 0 ? 5_000 : 40);
            for (int j = 0; j < length; j++) {
                int kind = random.nextInt(4);
                if (kind == 0) {
                    b.appendCodePoint(0x1F600 + random.nextInt(80)); // emoji: a surrogate pair
                } else if (kind == 1) {
                    b.append(pool[random.nextInt(pool.length)]);
                } else {
                    b.append((char) random.nextInt(0x10000));
                }
            }
            strings.add(b.toString());
        }
        assertRawEqualsJackson(strings);
        strings.forEach(s -> assertThat(JsonEscapes.quoted(s)).isEqualTo(JSON.writeValueAsBytes(s)));
    }

    @Test
    void surrogatePairsAcrossJacksonsSegmentsAreWrittenAsJacksonWritesThem() {
        List<String> strings = new ArrayList<>();
        for (int at = JsonEscapes.SEGMENT - 3; at <= JsonEscapes.SEGMENT + 2; at++) {
            for (int times = 1; times <= 3; times++) {
                String pair = "\ud83d\ude00";
                strings.add("x".repeat(at) + pair.repeat(times) + "\u00e9".repeat(at % 7));
                strings.add("\u00e9".repeat(at) + pair + "x");
                strings.add("x".repeat(at * times) + "\ud83d");
            }
        }
        assertRawEqualsJackson(strings);
        strings.forEach(s -> assertThat(JsonEscapes.quoted(s)).isEqualTo(JSON.writeValueAsBytes(s)));
    }

    @Test
    void numbersBooleansAndNullsAreJacksons() {
        List<Object> values = new ArrayList<>(Arrays.asList(null, true, false, 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE,
                Long.MIN_VALUE, Long.MAX_VALUE, 1234567890123L, 0.0, -0.0, 1.5e300, 4.9e-324, Double.NaN,
                Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.1, new BigDecimal("-0.050"), new BigDecimal("1E+5"),
                new BigDecimal("0.00000001"), new BigDecimal("123456789012345678901234567890.5"),
                new BigInteger("-123456789012345678901234567890")));
        String raw = raw(out -> {
            out.raw('[');
            for (int i = 0; i < values.size(); i++) {
                if (i > 0) {
                    out.raw(',');
                }
                out.value(values.get(i));
            }
            out.raw(']');
        });
        assertThat(raw).isEqualTo(JSON.writeValueAsString(values));
    }

    @Test
    void valuesItDoesNotWriteGoThroughJacksonInPlace() {
        List<Object> values = List.of(java.util.Map.of("k", List.of(1, "/")), List.of("a", 2), 'c');
        String raw = raw(out -> {
            out.raw('[');
            out.value(values.get(0));
            out.raw(',');
            out.value(values.get(1));
            out.raw(',');
            out.value(values.get(2));
            out.raw(']');
        });
        assertThat(raw).isEqualTo(JSON.writeValueAsString(values));
    }

    @Test
    void aGeneratorItCannotMatchIsRefused() {
        JsonMapper strict = JsonMapper.builder().enable(StreamWriteFeature.STRICT_DUPLICATE_DETECTION).build();
        try (JsonGenerator g = strict.createGenerator(new ByteArrayOutputStream())) {
            assertThat(JsonBytes.plain(g)).isFalse();
        }
        try (JsonGenerator g = JSON.writerWithDefaultPrettyPrinter().createGenerator(new ByteArrayOutputStream())) {
            assertThat(JsonBytes.plain(g)).isFalse();
        }
        try (JsonGenerator g = JSON.createGenerator(new java.io.StringWriter())) {
            assertThat(JsonBytes.plain(g)).isFalse();
        }
        try (JsonGenerator g = JSON.createGenerator(new ByteArrayOutputStream())) {
            assertThat(JsonBytes.plain(g)).isTrue();
        }
    }

    private static void assertRawEqualsJackson(List<String> strings) {
        assertRawEqualsJackson(JSON, strings);
        assertRawEqualsJackson(SLASHES, strings);
    }

    private static void assertRawEqualsJackson(JsonMapper mapper, List<String> strings) {
        byte[] raw = rawBytes(mapper, out -> {
            out.raw('[');
            for (int i = 0; i < strings.size(); i++) {
                if (i > 0) {
                    out.raw(',');
                }
                out.string(strings.get(i));
            }
            out.raw(']');
        });
        assertThat(raw).isEqualTo(mapper.writeValueAsBytes(strings));
    }

    /** What {@code body} writes as the value of {@code {"v": ...}} after another property, through a real generator. */
    private static String raw(Consumer<JsonBytes> body) {
        return new String(rawBytes(JSON, body), StandardCharsets.UTF_8);
    }

    private static byte[] rawBytes(JsonMapper mapper, Consumer<JsonBytes> body) {
        JacksonSerializable value = new JacksonSerializable.Base() {
            @Override
            public void serialize(JsonGenerator generator, SerializationContext context) {
                JsonBytes out = JsonBytes.open(generator, context);
                assertThat(out).isNotNull();
                body.accept(out);
                out.close();
            }

            @Override
            public void serializeWithType(JsonGenerator g, SerializationContext c, TypeSerializer t) {
                serialize(g, c);
            }
        };
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("before", 1);
        map.put("v", value);
        map.put("after", List.of(2));
        byte[] json = mapper.writeValueAsBytes(map);
        byte[] prefix = "{\"before\":1,\"v\":".getBytes(StandardCharsets.UTF_8);
        byte[] suffix = ",\"after\":[2]}".getBytes(StandardCharsets.UTF_8);
        assertThat(Arrays.copyOf(json, prefix.length)).isEqualTo(prefix);
        assertThat(Arrays.copyOfRange(json, json.length - suffix.length, json.length)).isEqualTo(suffix);
        return Arrays.copyOfRange(json, prefix.length, json.length - suffix.length);
    }
}
