package nl.ivz.warehouse.sources;

import java.util.ArrayList;
import java.util.List;

/** Splitting one delimited line (header lines, detection) the way CSV quoting works: "a;b";c -> [a;b, c]. */
public final class Delimited {
    private Delimited() { }

    public static List<String> split(String line, char delimiter) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == delimiter) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out;
    }

    /** The delimiter among ; , tab that splits the line into the most fields (outside quotes). */
    public static char guess(String line) {
        char best = ';';
        int most = 0;
        for (char d : new char[] {';', ',', '\t'}) {
            int n = split(line, d).size();
            if (n > most) {
                most = n;
                best = d;
            }
        }
        return best;
    }
}
