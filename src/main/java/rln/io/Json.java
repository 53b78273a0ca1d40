package rln.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON writer and reader (RFC 8259), enough for meta.json: objects, arrays, strings, numbers,
 * booleans and null.
 * <ul>
 *   <li>Reading gives LinkedHashMap (keys in file order), ArrayList, String, Long (an integer literal that
 *       fits), Double (any other number), Boolean and null. Errors are {@link InputException}s naming the
 *       source, line and column.</li>
 *   <li>Writing takes Map (String keys), List, int[]/long[]/double[], String, Number, Boolean, null.
 *       Doubles are written in Java's shortest round-trip form, so read(write(x)) == x bit for bit;
 *       NaN and infinities have no JSON form and are refused. Output is indented with two spaces, and
 *       an object or array holding only scalars stays on one line (one sample per line in meta.json).</li>
 * </ul>
 */
public final class Json {
    private Json() {}

    // ------------------------------------------------------------------------------------------ writing

    /** The JSON text of {@code value}, ending with a newline. */
    public static String write(Object value) {
        StringBuilder s = new StringBuilder();
        write(s, value, 0);
        return s.append('\n').toString();
    }

    private static void write(StringBuilder s, Object v, int indent) {
        if (v instanceof int[] a) {
            List<Object> l = new ArrayList<>();
            for (int x : a) l.add(x);
            v = l;
        } else if (v instanceof long[] a) {
            List<Object> l = new ArrayList<>();
            for (long x : a) l.add(x);
            v = l;
        } else if (v instanceof double[] a) {
            List<Object> l = new ArrayList<>();
            for (double x : a) l.add(x);
            v = l;
        }
        if (v == null) s.append("null");
        else if (v instanceof Boolean b) s.append(b);
        else if (v instanceof Double || v instanceof Float) s.append(number(((Number) v).doubleValue()));
        else if (v instanceof Number n) s.append(n.longValue());
        else if (v instanceof String str) quote(s, str);
        else if (v instanceof Map<?, ?> m) writeObject(s, m, indent);
        else if (v instanceof List<?> l) writeArray(s, l, indent);
        else throw new IllegalArgumentException("no JSON form for " + v.getClass().getName());
    }

    private static String number(double d) {
        if (!Double.isFinite(d)) throw new IllegalArgumentException("JSON has no form for " + d);
        return Double.toString(d);
    }

    private static boolean scalar(Object v) {
        return !(v instanceof Map || v instanceof List);
    }

    private static void writeObject(StringBuilder s, Map<?, ?> m, int indent) {
        if (m.isEmpty()) {
            s.append("{}");
            return;
        }
        boolean flat = m.values().stream().allMatch(Json::scalar);
        s.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String key)) throw new IllegalArgumentException("JSON object keys must be strings");
            if (!first) s.append(flat ? ", " : ",");
            first = false;
            if (!flat) newline(s, indent + 1);
            quote(s, key);
            s.append(": ");
            write(s, e.getValue(), indent + 1);
        }
        if (!flat) newline(s, indent);
        s.append('}');
    }

    private static void writeArray(StringBuilder s, List<?> l, int indent) {
        if (l.isEmpty()) {
            s.append("[]");
            return;
        }
        boolean flat = l.stream().allMatch(Json::scalar);
        s.append('[');
        for (int i = 0; i < l.size(); i++) {
            if (i > 0) s.append(flat ? ", " : ",");
            if (!flat) newline(s, indent + 1);
            write(s, l.get(i), indent + 1);
        }
        if (!flat) newline(s, indent);
        s.append(']');
    }

    private static void newline(StringBuilder s, int indent) {
        s.append('\n');
        for (int i = 0; i < indent; i++) s.append("  ");
    }

    private static void quote(StringBuilder s, String str) {
        s.append('"');
        for (int i = 0; i < str.length(); i++) {
            char c = str.charAt(i);
            switch (c) {
                case '"' -> s.append("\\\"");
                case '\\' -> s.append("\\\\");
                case '\n' -> s.append("\\n");
                case '\r' -> s.append("\\r");
                case '\t' -> s.append("\\t");
                case '\b' -> s.append("\\b");
                case '\f' -> s.append("\\f");
                default -> {
                    if (c < 0x20) s.append(String.format("\\u%04x", (int) c));
                    else s.append(c);
                }
            }
        }
        s.append('"');
    }

    // ------------------------------------------------------------------------------------------ reading

    /** Parses {@code text}; {@code source} (a file name) is used in error messages. */
    public static Object parse(Object source, String text) {
        Parser p = new Parser(source, text);
        p.skipSpace();
        Object v = p.value();
        p.skipSpace();
        if (p.pos < text.length()) throw p.error("unexpected '" + text.charAt(p.pos) + "' after the JSON value");
        return v;
    }

    /** Parses {@code text}, which must hold a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(Object source, String text) {
        Object v = parse(source, text);
        if (!(v instanceof Map)) throw InputException.of(source, "expected a JSON object at the top level");
        return (Map<String, Object>) v;
    }

    private static final class Parser {
        final Object source;
        final String t;
        int pos;

        Parser(Object source, String text) {
            this.source = source;
            this.t = text;
        }

        InputException error(String problem) {
            int line = 1, col = 1;
            for (int i = 0; i < Math.min(pos, t.length()); i++) {
                if (t.charAt(i) == '\n') {
                    line++;
                    col = 1;
                } else col++;
            }
            return InputException.of(source, "malformed JSON at line " + line + ", column " + col + ": " + problem);
        }

        void skipSpace() {
            while (pos < t.length() && (t.charAt(pos) == ' ' || t.charAt(pos) == '\t' || t.charAt(pos) == '\n' || t.charAt(pos) == '\r')) pos++;
        }

        Object value() {
            if (pos >= t.length()) throw error("unexpected end of input");
            char c = t.charAt(pos);
            if (c == '{') return object();
            if (c == '[') return array();
            if (c == '"') return string();
            if (c == '-' || (c >= '0' && c <= '9')) return number();
            if (t.startsWith("true", pos)) { pos += 4; return Boolean.TRUE; }
            if (t.startsWith("false", pos)) { pos += 5; return Boolean.FALSE; }
            if (t.startsWith("null", pos)) { pos += 4; return null; }
            throw error("unexpected '" + c + "'");
        }

        Map<String, Object> object() {
            Map<String, Object> m = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek() == '}') {
                pos++;
                return m;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') throw error("expected a string key");
                String key = string();
                skipSpace();
                expect(':');
                skipSpace();
                if (m.containsKey(key)) throw error("duplicate key \"" + key + "\"");
                m.put(key, value());
                skipSpace();
                char c = peek();
                pos++;
                if (c == '}') return m;
                if (c != ',') { pos--; throw error("expected ',' or '}'"); }
            }
        }

        List<Object> array() {
            List<Object> l = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek() == ']') {
                pos++;
                return l;
            }
            while (true) {
                skipSpace();
                l.add(value());
                skipSpace();
                char c = peek();
                pos++;
                if (c == ']') return l;
                if (c != ',') { pos--; throw error("expected ',' or ']'"); }
            }
        }

        char peek() {
            if (pos >= t.length()) throw error("unexpected end of input");
            return t.charAt(pos);
        }

        void expect(char c) {
            if (peek() != c) throw error("expected '" + c + "'");
            pos++;
        }

        String string() {
            pos++;
            StringBuilder s = new StringBuilder();
            while (true) {
                char c = peek();
                pos++;
                if (c == '"') return s.toString();
                if (c < 0x20) { pos--; throw error("control character in a string"); }
                if (c != '\\') {
                    s.append(c);
                    continue;
                }
                char e = peek();
                pos++;
                switch (e) {
                    case '"' -> s.append('"');
                    case '\\' -> s.append('\\');
                    case '/' -> s.append('/');
                    case 'b' -> s.append('\b');
                    case 'f' -> s.append('\f');
                    case 'n' -> s.append('\n');
                    case 'r' -> s.append('\r');
                    case 't' -> s.append('\t');
                    case 'u' -> {
                        if (pos + 4 > t.length()) throw error("truncated \\u escape");
                        try {
                            s.append((char) Integer.parseInt(t.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> { pos--; throw error("bad escape '\\" + e + "'"); }
                }
            }
        }

        Object number() {
            int start = pos;
            if (t.charAt(pos) == '-') pos++;
            int intStart = pos;
            while (pos < t.length() && Character.isDigit(t.charAt(pos))) pos++;
            if (pos == intStart) throw error("a number needs digits");
            if (t.charAt(intStart) == '0' && pos - intStart > 1) { pos = intStart; throw error("leading zeros are not allowed"); }
            boolean integral = true;
            if (pos < t.length() && t.charAt(pos) == '.') {
                integral = false;
                pos++;
                int f = pos;
                while (pos < t.length() && Character.isDigit(t.charAt(pos))) pos++;
                if (pos == f) throw error("digits expected after '.'");
            }
            if (pos < t.length() && (t.charAt(pos) == 'e' || t.charAt(pos) == 'E')) {
                integral = false;
                pos++;
                if (pos < t.length() && (t.charAt(pos) == '+' || t.charAt(pos) == '-')) pos++;
                int f = pos;
                while (pos < t.length() && Character.isDigit(t.charAt(pos))) pos++;
                if (pos == f) throw error("digits expected in the exponent");
            }
            String lit = t.substring(start, pos);
            if (integral) {
                try {
                    return Long.parseLong(lit);
                } catch (NumberFormatException tooBig) {
                    // fall through: a huge integer is read as a double
                }
            }
            return Double.parseDouble(lit);
        }
    }
}
