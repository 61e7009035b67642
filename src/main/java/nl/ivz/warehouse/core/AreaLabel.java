package nl.ivz.warehouse.core;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An area as a source writes it, parsed once for every loader: a CBS code ("GM0153  ", padded), or a name
 * with an optional level suffix ("Twente (PD)", "Groningen (PV)", "'s-Gravenhage (gemeente)"). Suffixes
 * that are part of a name stay in it: "Hengelo (O.)", "Beek (L.)", "Bergen (NH.)" are the names CBS gives
 * municipalities that share a name.
 *
 * @param code  the CBS code when the label is one (upper case, trimmed), else null
 * @param name  the name without the level suffix (the code itself for a code)
 * @param level the level the code or suffix says, or null when the label alone does not say it
 */
public record AreaLabel(String code, String name, AreaLevel level) {
    private static final Pattern CBS_CODE = Pattern.compile("(?i)(NL|LD|PV|CR|RE|GM|WK|BU)\\d{2,8}");
    private static final Pattern SUFFIX = Pattern.compile("(?i)^(.*?)\\s*\\((PD|BT|RE|PV|LD|CR|GM|PO|gemeente)\\)\\s*$");

    public static AreaLabel parse(String raw) {
        String t = raw == null ? "" : raw.trim();
        if (CBS_CODE.matcher(t).matches()) {
            String code = t.toUpperCase(Locale.ROOT);
            return new AreaLabel(code, code, AreaLevel.ofCode(code).orElse(null));
        }
        Matcher m = SUFFIX.matcher(t);
        if (m.matches()) return new AreaLabel(null, m.group(1).trim(), AreaLevel.ofSuffix(m.group(2)).orElseThrow());
        return new AreaLabel(null, t, null);
    }

    /** True when the label is a CBS code. */
    public boolean isCode() {
        return code != null;
    }

    /** The name with the suffix of its level as sources write it ("twente (pd)"), normalised; the bare name where the level has no suffix. */
    public static String suffixed(String name, AreaLevel level) {
        return normalize(level == null || level.suffix() == null || level == AreaLevel.GEMEENTE ? name : name + " (" + level.suffix() + ")");
    }

    /** The key labels are compared by: lower case, trimmed, inner white space folded to one space. */
    public static String normalize(String s) {
        return s.trim().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** {@link #normalize} without accents and with straight quotes ("Súdwest-Fryslân" = "sudwest-fryslan"), the second try of a lookup. */
    public static String fold(String s) {
        String n = Normalizer.normalize(normalize(s), Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return n.replace('\u2019', '\'').replace('\u2018', '\'');
    }

    /** Upper-case ASCII slug for own codes: "Noord- en Oost-Gelderland" -> NOORD-EN-OOST-GELDERLAND. */
    public static String slug(String name) {
        String ascii = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return ascii.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]+", "-").replaceAll("(^-|-$)", "");
    }
}
