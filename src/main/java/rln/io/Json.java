package rln.io;

import com.google.gson.FormattingStyle;
import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import java.io.EOFException;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * JSON (RFC 8259) for meta.json, model.json, checkpoints and --json outputs, through Gson's streaming reader and
 * writer, with plain Java values on our side:
 * <ul>
 *   <li>Reading gives LinkedHashMap (keys in file order), ArrayList, String, Long (an integer literal that
 *       fits), Double (any other number), Boolean and null. Strict RFC 8259 only (no comments, NaN, single
 *       quotes or trailing commas); duplicate keys are refused. Errors are {@link InputException}s naming the
 *       source, line and column.</li>
 *   <li>Writing takes Map (String keys), List, int[]/long[]/double[], String, Number, Boolean, null.
 *       Doubles are written in Java's shortest round-trip form ({@link Double#toString}), so
 *       read(write(x)) == x bit for bit; NaN and infinities have no JSON form and are refused. The layout is
 *       the project's since its first files, byte for byte: two-space indentation, and an object or array
 *       holding only scalars stays on one line with ", " and ": " (one sample per line in meta.json). A
 *       resumed run compares these texts, so the layout must not change.</li>
 * </ul>
 */
public final class Json {
    private Json() {}

    private static final FormattingStyle INDENTED = FormattingStyle.PRETTY.withIndent("  ").withNewline("\n");
    private static final FormattingStyle ONE_LINE = FormattingStyle.COMPACT.withSpaceAfterSeparators(true);

    // ------------------------------------------------------------------------------------------ writing

    /** The JSON text of {@code value}, ending with a newline. */
    public static String write(Object value) {
        return text(value, INDENTED) + "\n";
    }

    /** The JSON text of {@code value} on one line, without a newline (for messages). */
    public static String inline(Object value) {
        return text(value, ONE_LINE);
    }

    private static String text(Object value, FormattingStyle style) {
        StringWriter s = new StringWriter();
        try (JsonWriter w = new JsonWriter(s)) {
            w.setFormattingStyle(style);
            w.setHtmlSafe(false);
            w.setSerializeNulls(true);
            write(w, value, style == ONE_LINE);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return s.toString();
    }

    private static void write(JsonWriter w, Object v, boolean oneLine) throws IOException {
        v = asList(v);
        if (!oneLine && flat(v)) {
            w.jsonValue(inline(v)); // a container of scalars: one line inside the indented text
            return;
        }
        if (v == null) w.nullValue();
        else if (v instanceof Boolean b) w.value(b);
        else if (v instanceof Double || v instanceof Float) w.value(finite(((Number) v).doubleValue()));
        else if (v instanceof Number n) w.value(n.longValue());
        else if (v instanceof String str) w.value(str);
        else if (v instanceof Map<?, ?> m) {
            w.beginObject();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!(e.getKey() instanceof String key)) throw new IllegalArgumentException("JSON object keys must be strings");
                w.name(key);
                write(w, e.getValue(), oneLine);
            }
            w.endObject();
        } else if (v instanceof List<?> l) {
            w.beginArray();
            for (Object x : l) write(w, x, oneLine);
            w.endArray();
        } else throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
    }

    /** int[], long[] and double[] as lists; anything else as it is. */
    private static Object asList(Object v) {
        List<Object> l = new ArrayList<>();
        if (v instanceof int[] a) for (int x : a) l.add(x);
        else if (v instanceof long[] a) for (long x : a) l.add(x);
        else if (v instanceof double[] a) for (double x : a) l.add(x);
        else return v;
        return l;
    }

    /** A non-empty object or array holding only scalars. */
    private static boolean flat(Object v) {
        if (v instanceof Map<?, ?> m) return !m.isEmpty() && m.values().stream().allMatch(Json::scalar);
        if (v instanceof List<?> l) return !l.isEmpty() && l.stream().allMatch(Json::scalar);
        return false;
    }

    /** Not a Map or List; an int[], long[] or double[] counts as a scalar here (it always has: files depend on it). */
    private static boolean scalar(Object v) {
        return !(v instanceof Map || v instanceof List);
    }

    private static double finite(double d) {
        if (!Double.isFinite(d)) throw new IllegalArgumentException("JSON has no form for " + d);
        return d;
    }

    // ------------------------------------------------------------------------------------------ reading

    /** Parses {@code text}; {@code source} (a file name) is used in error messages. */
    public static Object parse(Object source, String text) {
        JsonReader r = new JsonReader(new StringReader(text));
        r.setStrictness(Strictness.STRICT);
        Object v;
        try {
            v = value(source, r);
        } catch (IOException | IllegalStateException e) {
            throw malformed(source, e, null);
        }
        try {
            if (r.peek() != JsonToken.END_DOCUMENT) throw malformed(source, r, "unexpected text after the JSON value");
        } catch (IOException e) {
            throw malformed(source, e, "unexpected text after the JSON value");
        }
        return v;
    }

    /** Parses {@code text}, which must hold a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(Object source, String text) {
        Object v = parse(source, text);
        if (!(v instanceof Map)) throw InputException.of(source, "expected a JSON object at the top level");
        return (Map<String, Object>) v;
    }

    private static Object value(Object source, JsonReader r) throws IOException {
        switch (r.peek()) {
            case BEGIN_OBJECT -> {
                Map<String, Object> m = new LinkedHashMap<>();
                r.beginObject();
                while (r.hasNext()) {
                    String key = r.nextName();
                    if (m.containsKey(key)) throw malformed(source, r, "duplicate key \"" + key + "\"");
                    m.put(key, value(source, r));
                }
                r.endObject();
                return m;
            }
            case BEGIN_ARRAY -> {
                List<Object> l = new ArrayList<>();
                r.beginArray();
                while (r.hasNext()) l.add(value(source, r));
                r.endArray();
                return l;
            }
            case STRING -> {
                return r.nextString();
            }
            case NUMBER -> {
                return number(r.nextString());
            }
            case BOOLEAN -> {
                return r.nextBoolean();
            }
            case NULL -> {
                r.nextNull();
                return null;
            }
            default -> throw malformed(source, r, "unexpected " + r.peek());
        }
    }

    /** Long for an integer literal that fits, Double otherwise (a huge integer too). */
    private static Object number(String literal) {
        boolean integral = literal.chars().noneMatch(c -> c == '.' || c == 'e' || c == 'E');
        if (integral) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException tooBig) {
                // read as a double below
            }
        }
        return Double.parseDouble(literal);
    }

    /** Gson's "... at line L column C path P" (its messages and {@link JsonReader#toString}). */
    private static final Pattern WHERE = Pattern.compile("(.*?)\\s*at line (\\d+) column (\\d+)(?: path (\\S+))?.*", Pattern.DOTALL);

    /** "source: malformed JSON at line L, column C ($.path): problem" for Gson's exception {@code e}. */
    private static InputException malformed(Object source, Exception e, String problem) {
        String msg = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
        Matcher m = WHERE.matcher(msg);
        String what = m.matches() ? m.group(1) : msg;
        String reason = problem != null ? problem
                : e instanceof EOFException || what.startsWith("End of input") ? "unexpected end of input"
                : what.startsWith("Use JsonReader") ? "not valid JSON here (RFC 8259: no comments, NaN, single quotes, trailing commas or leading zeros)"
                : what;
        return InputException.of(source, "malformed JSON" + (m.matches() ? location(m) : "") + ": " + reason);
    }

    /** The same at the reader's current position. */
    private static InputException malformed(Object source, JsonReader r, String problem) {
        Matcher m = WHERE.matcher(r.toString());
        return InputException.of(source, "malformed JSON" + (m.matches() ? location(m) : "") + ": " + problem);
    }

    private static String location(Matcher m) {
        return " at line " + m.group(2) + ", column " + m.group(3) + (m.group(4) == null ? "" : " (" + m.group(4) + ")");
    }
}
