package rln.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The project's hand-written JSON writer as it was before Gson (commit 9b218e2), kept only as the reference
 * that {@link JsonTest} holds {@link Json#write} to, byte for byte: resumed runs compare job.json texts, and
 * every meta.json and model.json written so far has this layout.
 */
final class LegacyJsonWriter {
    private LegacyJsonWriter() {}

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
        boolean flat = m.values().stream().allMatch(LegacyJsonWriter::scalar);
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
        boolean flat = l.stream().allMatch(LegacyJsonWriter::scalar);
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

}
