package rln.cli;

import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * "Did you mean ...?" for an unknown command or option: picocli's suggestions (similar subcommands, options
 * sharing the first letters), else the nearest names, at most two edits (insert, delete, replace, swap) from the typo.
 */
final class Suggestions {
    private Suggestions() {}

    static List<String> of(UnmatchedArgumentException u) {
        if (!u.getSuggestions().isEmpty()) return u.getSuggestions();
        if (u.getUnmatched().isEmpty()) return List.of();
        String typo = u.getUnmatched().get(0).replaceAll("=.*", "");
        CommandLine.Model.CommandSpec spec = u.getCommandLine().getCommandSpec();
        List<String> names = new ArrayList<>(spec.subcommands().keySet());
        for (CommandLine.Model.OptionSpec o : spec.options()) if (!o.hidden()) names.addAll(List.of(o.names()));
        int best = names.stream().mapToInt(n -> distance(typo, n)).min().orElse(Integer.MAX_VALUE);
        return best > 2 ? List.of() : names.stream().filter(n -> distance(typo, n) == best).limit(3).toList();
    }

    /** The optimal-string-alignment distance: insertions, deletions, substitutions and swaps of neighbours. */
    static int distance(String a, String b) {
        int[][] d = new int[a.length() + 1][b.length() + 1];
        for (int i = 0; i <= a.length(); i++) d[i][0] = i;
        for (int j = 0; j <= b.length(); j++) d[0][j] = j;
        for (int i = 1; i <= a.length(); i++)
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
                if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1))
                    d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        return d[a.length()][b.length()];
    }
}
