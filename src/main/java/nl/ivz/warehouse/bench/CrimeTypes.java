package nl.ivz.warehouse.bench;

import java.util.List;

/**
 * The police crime classification (data.politie.nl / CBS 47025NED code list "SoortMisdrijf": 58 kinds plus the
 * total) with the parameters the generator draws from: national crimes a year around 2013 (order of magnitude of
 * the published series), seasonal amplitude and peak month, yearly trend, and the warehouse theme.
 */
public final class CrimeTypes {
    private CrimeTypes() { }

    /**
     * @param perYear2013 national registered crimes in 2013 (approximate)
     * @param amplitude   seasonal swing as a fraction of the mean (0.25 = peak month 25% above the mean)
     * @param peakMonth   month of the seasonal peak (1-12)
     * @param trend       yearly change as a fraction before 2020 and after 2021
     */
    public record Type(String code, String label, String theme, double perYear2013, double amplitude, int peakMonth,
                       double trend) { }

    public static final String TOTAL_CODE = "0.0.0";
    public static final String TOTAL_LABEL = "Totaal misdrijven";
    public static final String TOTAL_THEME = "misdrijven_totaal";

    /** The 58 detail kinds (the total is their sum and is written separately). */
    public static final List<Type> DETAIL = List.of(
            t("1.1.1", "Diefstal/inbraak woning", "woninginbraak", 80_000, 0.25, 12, -0.08),
            t("1.1.2", "Diefstal/inbraak box/garage/schuur", "overig", 20_000, 0.15, 12, -0.05),
            t("1.2.1", "Diefstal uit/vanaf motorvoertuigen", "autokraak", 60_000, 0.10, 11, -0.06),
            t("1.2.2", "Diefstal van motorvoertuigen", "autodiefstal", 15_000, 0.05, 10, -0.04),
            t("1.2.3", "Diefstal van brom-, snor-, fietsen", "fietsendiefstal", 110_000, 0.30, 9, -0.04),
            t("1.2.4", "Zakkenrollerij", "overig", 25_000, 0.10, 8, -0.06),
            t("1.2.5", "Diefstal af/uit/van ov. voertuigen", "overig", 5_000, 0.20, 7, -0.03),
            t("1.3.1", "Ongevallen (weg)", "verkeersveiligheid", 20_000, 0.10, 10, -0.01),
            t("1.4.1", "Zedenmisdrijf", "geweld", 8_000, 0.10, 6, 0.03),
            t("1.4.2", "Moord, doodslag", "geweld", 1_000, 0.05, 7, -0.01),
            t("1.4.3", "Openlijk geweld (persoon)", "geweld", 4_000, 0.20, 6, -0.02),
            t("1.4.4", "Bedreiging", "geweld", 25_000, 0.10, 6, 0.00),
            t("1.4.5", "Mishandeling", "geweld", 50_000, 0.12, 6, -0.02),
            t("1.4.6", "Straatroof", "straatroof", 7_000, 0.20, 12, -0.09),
            t("1.4.7", "Overval", "overvallen", 2_000, 0.25, 12, -0.10),
            t("1.5.2", "Diefstallen (water)", "overig", 3_000, 0.40, 7, -0.03),
            t("1.6.1", "Brand/ontploffing", "overig", 10_000, 0.50, 1, -0.01),
            t("1.6.2", "Overige vermogensdelicten", "overig", 60_000, 0.05, 10, 0.01),
            t("1.6.3", "Mensenhandel", "georganiseerde_criminaliteit", 300, 0.05, 6, 0.02),
            t("2.1.1", "Drugs/drankoverlast", "drugsoverlast", 1_000, 0.15, 7, -0.02),
            t("2.2.1", "Vernieling cq. zaakbeschadiging", "vernieling", 90_000, 0.20, 1, -0.04),
            t("2.4.1", "Burengerucht (relatieproblemen)", "woonoverlast", 1_000, 0.10, 7, -0.02),
            t("2.4.2", "Huisvredebreuk", "overig", 4_000, 0.05, 7, -0.01),
            t("2.5.1", "Diefstal/inbraak bedrijven enz.", "bedrijfsinbraak", 35_000, 0.15, 12, -0.06),
            t("2.5.2", "Winkeldiefstal", "winkeldiefstal", 50_000, 0.15, 12, -0.02),
            t("2.6.1", "Inrichting Wet Milieubeheer", "overig", 600, 0.05, 6, -0.02),
            t("2.6.2", "Bodem", "overig", 300, 0.05, 6, -0.02),
            t("2.6.3", "Water", "overig", 200, 0.05, 6, -0.02),
            t("2.6.4", "Afval", "overig", 1_500, 0.05, 6, -0.02),
            t("2.6.5", "Bouwstoffen", "overig", 100, 0.05, 6, -0.02),
            t("2.6.7", "Mest", "overig", 200, 0.30, 4, -0.02),
            t("2.6.8", "Transport gevaarlijke stoffen", "externe_veiligheid", 200, 0.05, 6, -0.01),
            t("2.6.9", "Vuurwerk", "overig", 2_000, 0.90, 12, -0.02),
            t("2.6.10", "Bestrijdingsmiddelen", "overig", 50, 0.40, 5, -0.02),
            t("2.6.11", "Natuur en landschap", "overig", 800, 0.30, 6, -0.02),
            t("2.6.12", "Ruimtelijke ordening", "overig", 100, 0.05, 6, -0.02),
            t("2.6.13", "Dieren", "overig", 1_200, 0.10, 6, 0.01),
            t("2.6.14", "Voedselveiligheid", "overig", 50, 0.05, 6, -0.02),
            t("2.7.2", "Bijzondere wetten", "overig", 2_000, 0.05, 6, -0.01),
            t("2.7.3", "Leefbaarheid (overig)", "overig", 2_000, 0.10, 7, -0.01),
            t("3.1.1", "Drugshandel", "georganiseerde_criminaliteit", 15_000, 0.05, 6, -0.01),
            t("3.1.2", "Mensensmokkel", "georganiseerde_criminaliteit", 300, 0.10, 7, 0.02),
            t("3.1.3", "Wapenhandel", "georganiseerde_criminaliteit", 5_000, 0.05, 6, 0.02),
            t("3.2.1", "Kinderporno", "overig", 1_000, 0.05, 6, 0.05),
            t("3.2.2", "Kinderprostitutie", "overig", 50, 0.05, 6, 0.00),
            t("3.3.2", "Onder invloed (lucht)", "overig", 10, 0.05, 6, 0.00),
            t("3.3.5", "Lucht (overig)", "overig", 100, 0.10, 7, 0.00),
            t("3.4.2", "Onder invloed (water)", "overig", 200, 0.50, 7, 0.00),
            t("3.5.2", "Onder invloed (weg)", "rijden_onder_invloed", 25_000, 0.10, 12, -0.02),
            t("3.5.5", "Weg (overig)", "verkeersveiligheid", 35_000, 0.05, 6, 0.00),
            t("3.6.4", "Aantasting openbare orde", "overig", 15_000, 0.15, 1, 0.00),
            t("3.7.1", "Discriminatie", "polarisatie_radicalisering", 500, 0.05, 6, 0.03),
            t("3.7.2", "Vreemdelingenzorg", "vreemdelingen", 2_000, 0.05, 6, -0.03),
            t("3.7.3", "Maatsch. integriteit (overig)", "overig", 4_000, 0.05, 6, 0.00),
            t("3.7.4", "Cybercrime", "overig", 3_000, 0.05, 11, 0.20),
            t("3.9.1", "Horizontale fraude", "overig", 40_000, 0.10, 12, 0.10),
            t("3.9.2", "Verticale fraude", "overig", 1_000, 0.05, 6, 0.00),
            t("3.9.3", "Fraude (overig)", "overig", 8_000, 0.05, 6, 0.05));

    private static Type t(String code, String name, String theme, double perYear, double amp, int peak, double trend) {
        return new Type(code, code + " " + name, theme, perYear, amp, peak, trend);
    }

    /** National level of a kind in a year relative to 2013: its own trend, a dip in the lockdown years 2020-2021. */
    public static double yearFactor(Type t, int year) {
        double f = Math.pow(1 + t.trend(), year - 2013);
        boolean online = t.code().startsWith("3.7.4") || t.code().startsWith("3.9.");
        if (year == 2020) f *= online ? 1.25 : 0.85;
        if (year == 2021) f *= online ? 1.20 : 0.88;
        return f;
    }

    /** Seasonal factor of a month (mean 1 over the year). */
    public static double monthFactor(Type t, int month) {
        return 1 + t.amplitude() * Math.cos(2 * Math.PI * (month - t.peakMonth()) / 12.0);
    }
}
