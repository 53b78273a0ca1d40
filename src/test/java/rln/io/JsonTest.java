package rln.io;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.*;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void nestedRoundTripKeepsOrderTypesAndText() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("format", "rln-dataset");
        m.put("count", 3L);
        m.put("contrast", 50.0);
        m.put("tolerance", 1e-8);
        m.put("ok", true);
        m.put("shard", null);
        m.put("size", List.of(31L, 31L, 31L));
        m.put("text", "quote \" backslash \\ newline \n tab \t unicode \u00e9 control \u0001");
        List<Object> samples = new ArrayList<>();
        for (long i = 0; i < 3; i++) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("index", i);
            s.put("vf", 0.1 * i);
            samples.add(s);
        }
        m.put("samples", samples);
        m.put("empty", new LinkedHashMap<>());
        m.put("none", List.of());
        String text = Json.write(m);
        Object back = Json.parse("t.json", text);
        assertEquals(m, back);
        assertEquals(List.copyOf(m.keySet()), List.copyOf(((Map<?, ?>) back).keySet()), "key order kept");
        assertEquals(text, Json.write(back), "write(parse(text)) == text");
        assertTrue(text.contains("\n    {\"index\": 0, \"vf\": 0.0}"), "a scalar-only object stays on one line:\n" + text);
    }

    @Property(tries = 200, seed = "20261126")
    void doublesRoundTripBitForBit(@ForAll double d) {
        Assume.that(Double.isFinite(d));
        Object back = Json.parse("d", Json.write(List.of(d)));
        assertEquals(Double.doubleToLongBits(d), Double.doubleToLongBits((Double) ((List<?>) back).get(0)));
    }

    @Test
    void primitiveArraysAreWrittenAsLists() {
        assertEquals("[1, 2]\n", Json.write(new int[] {1, 2}));
        assertEquals("[0.5, -1.0E-300]\n", Json.write(new double[] {0.5, -1e-300}));
        assertEquals(List.of(0.5, -1e-300), Json.parse("a", "[0.5, -1.0E-300]"));
    }

    @Test
    void nonFiniteNumbersHaveNoJsonForm() {
        assertThrows(IllegalArgumentException.class, () -> Json.write(List.of(Double.NaN)));
        assertThrows(IllegalArgumentException.class, () -> Json.write(Map.of("x", Double.POSITIVE_INFINITY)));
    }

    @Test
    void standardLiteralsParse() {
        assertEquals(List.of(-0.0, 12L, 1.5e10, true, false), Json.parse("a", " [ -0.0 , 12, 1.5E+10,true,false ] "));
        assertEquals("\u00e9/\n", Json.parse("a", "\"\\u00e9\\/\\n\""));
        assertEquals(1e30, Json.parse("a", "1000000000000000000000000000000"), "an integer too large for long becomes a double");
    }

    @Test
    void malformedTextIsReportedWithFileLineAndColumn() {
        String[][] cases = {
                {"{\"a\": 1,\n \"b\" 2}", "line 2, column 7 ($.b): Expected ':'"},
                {"[1, 2", "end of input"},
                {"{\"a\": 01}", "line 1, column 7 ($.a): not valid JSON here"},
                {"{\"a\": 1} x", "after the JSON value"},
                {"{\"a\": 1, \"a\": 2}", "duplicate key \"a\""},
                {"[tru]", "not valid JSON here"},
                {"\"abc", "Unterminated string"},
                {"[1.]", "not valid JSON here"},
                {"[NaN]", "not valid JSON here"},
                {"[1,]", "not valid JSON here"},
                {"", "end of input"},
                {"[\"\u0001\"]", "control characters"},
        };
        for (String[] c : cases) {
            InputException e = assertThrows(InputException.class, () -> Json.parse("meta.json", c[0]), c[0]);
            assertTrue(e.getMessage().startsWith("meta.json: malformed JSON at line"), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
            assertFalse(e.getMessage().contains("\n") || e.getMessage().contains("Gson") || e.getMessage().contains("Strictness"), e.getMessage());
        }
        assertTrue(assertThrows(InputException.class, () -> Json.parseObject("m.json", "[1]")).getMessage().contains("object"));
    }

    // ------------------------------------------------------------------ byte identity with the pre-Gson writer

    /** Any value the project writes: maps, lists, primitive arrays, strings, longs, ints, doubles, booleans, null. */
    @Provide
    Arbitrary<Object> values() {
        Arbitrary<Object> scalar = Arbitraries.oneOf(
                Arbitraries.strings().withCharRange('\u0000', '\u00ff').ofMaxLength(8).map(x -> (Object) x),
                Arbitraries.longs().map(x -> (Object) x),
                Arbitraries.integers().map(x -> (Object) x),
                Arbitraries.doubles().map(x -> (Object) x),
                Arbitraries.of(true, false).map(x -> (Object) x),
                Arbitraries.just(null),
                Arbitraries.integers().array(int[].class).ofMaxSize(3).map(x -> (Object) x),
                Arbitraries.doubles().array(double[].class).ofMaxSize(3).map(x -> (Object) x));
        return Arbitraries.recursive(() -> scalar, inner -> Arbitraries.oneOf(
                inner.list().ofMaxSize(4).map(x -> (Object) x),
                Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(4), inner).ofMaxSize(4)
                        .map(m -> (Object) new LinkedHashMap<>(m))), 0, 4);
    }

    @Property(tries = 400, seed = "20261201")
    void writesTheBytesThePreGsonWriterWrote(@ForAll("values") Object v) {
        assertEquals(LegacyJsonWriter.write(v), Json.write(v));
    }

    /** Files written by the pre-Gson code (jar 9b218e2): parsing and writing them again gives the same bytes. */
    @Test
    void realFilesOfThePreGsonWriterRoundTripByteForByte() throws Exception {
        for (String name : new String[] {"dataset-meta.json", "model.json", "eval.json", "checkpoint.json", "checkpoint-state.json"}) {
            String text = java.nio.file.Files.readString(java.nio.file.Path.of("testdata/json", name));
            String again = Json.write(Json.parse(name, text));
            assertEquals(text, text.endsWith("\n\n") ? again + "\n" : again, name); // checkpoints add a second newline
        }
    }

    @Test
    void inlineIsOneLineWithoutANewline() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("batch", 4L);
        m.put("lr", List.of(1.0, Map.of("a", List.of())));
        assertEquals("{\"batch\": 4, \"lr\": [1.0, {\"a\": []}]}", Json.inline(m));
    }
}
