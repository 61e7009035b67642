package nl.ivz.warehouse.core;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The levels of areas, in one place for the loaders, the cubes and (through GET /api/levels) the web page:
 * the value stored in dim_region.region_level, the CBS code pattern (null where CBS has no code: police
 * districts and basisteams, named only by label), the suffix sources put after a name ("Twente (PD)"), and
 * the hierarchy the level belongs to. Landsdeel (LD01-LD04) is CBS's part of the country, never the police
 * unit (eenheid) that happens to share a name ("Oost-Nederland"). Politieregio: the 25 police regions before 2013.
 */
public enum AreaLevel {
    LAND("land", "Land", "land", "NL\\d{2}", null, "bestuurlijk"),
    LANDSDEEL("landsdeel", "Landsdeel", "landsdelen", "LD\\d{2}", "LD", "bestuurlijk"),
    PROVINCIE("provincie", "Provincie", "provincies", "PV\\d{2}", "PV", "bestuurlijk"),
    COROP("corop", "COROP-gebied", "COROP-gebieden", "CR\\d{2}", "CR", "bestuurlijk"),
    POLITIEREGIO("politieregio", "Politieregio", "politieregio's", null, "PO", "politie"),
    EENHEID("eenheid", "Regionale eenheid", "eenheden", "RE\\d{2}", "RE", "politie"),
    DISTRICT("district", "District", "districten", null, "PD", "politie"),
    BASISTEAM("basisteam", "Basisteam", "basisteams", null, "BT", "politie"),
    GEMEENTE("gemeente", "Gemeente", "gemeenten", "GM\\d{4}", "GM", null),
    WIJK("wijk", "Wijk", "wijken", "WK\\d{6}", "WK", null),
    BUURT("buurt", "Buurt", "buurten", "BU\\d{8}", "BU", null);

    private final String value;
    private final String label;
    private final String plural;
    private final Pattern code;
    private final String suffix;
    private final String hierarchy;

    AreaLevel(String value, String label, String plural, String code, String suffix, String hierarchy) {
        this.value = value;
        this.label = label;
        this.plural = plural;
        this.code = code == null ? null : Pattern.compile(code);
        this.suffix = suffix;
        this.hierarchy = hierarchy;
    }

    /** As stored in dim_region.region_level (gemeente, eenheid, ...). */
    public String value() { return value; }

    /** Dutch label for users. */
    public String label() { return label; }

    /** Dutch plural for lists ("gemeenten"). */
    public String plural() { return plural; }

    /** Regular expression of the CBS code (GM\d{4}), or null when CBS names the level only by label. */
    public String codePattern() { return code == null ? null : code.pattern(); }

    /** The suffix sources write after a name of this level (PD, BT, RE, PV, LD, CR, GM), or null. */
    public String suffix() { return suffix; }

    /** politie or bestuurlijk for the levels that belong to one hierarchy only; null for gemeente and below (both). */
    public String hierarchy() { return hierarchy; }

    /** True when {@code code} is a CBS code of this level (GM0153 for gemeente). */
    public boolean isCode(String code) {
        return this.code != null && code != null && this.code.matcher(code.trim().toUpperCase(Locale.ROOT)).matches();
    }

    /** Prefix of our own stable codes for the levels CBS publishes by label only: PD-TWENTE, BT-TWENTE-MIDDEN. */
    public String ownCodePrefix() {
        return code == null ? suffix + "-" : null;
    }

    /** The level stored as {@code value} ("gemeente"), if any. */
    public static Optional<AreaLevel> of(String value) {
        if (value == null) return Optional.empty();
        String v = value.trim().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(l -> l.value.equals(v)).findFirst();
    }

    /** The level of a CBS code by its prefix (GM0153 -> gemeente), if the code has a known form. */
    public static Optional<AreaLevel> ofCode(String code) {
        if (code == null) return Optional.empty();
        return Arrays.stream(values()).filter(l -> l.isCode(code)).findFirst();
    }

    /** The level a source suffix stands for: PD, BT, RE, PV, LD, CR, GM and the word "gemeente". */
    public static Optional<AreaLevel> ofSuffix(String suffix) {
        if (suffix == null) return Optional.empty();
        String s = suffix.trim().toUpperCase(Locale.ROOT);
        if (s.equals("GEMEENTE")) return Optional.of(GEMEENTE);
        return Arrays.stream(values()).filter(l -> s.equals(l.suffix)).findFirst();
    }
}
