package nl.ivz.warehouse.lake;

import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.Cubes;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every cube with the parameter sets the engine tests run: the defaults and the questions of the cube tests. */
final class CubeCases {
    record Case(Cube cube, Map<String, String> params) {
        @Override public String toString() { return cube.name() + " " + params; }
    }

    private CubeCases() { }

    static Map<String, List<Map<String, String>>> demoParams() {
        Map<String, List<Map<String, String>>> m = new LinkedHashMap<>();
        m.put("benchmark", List.of(Map.of(), Map.of("area", "RE02", "level", "district", "year", "2014")));
        m.put("trend", List.of(
                Map.of("area", "RE02", "level", "district", "themes", "misdrijven_totaal", "indicator", "geregistreerde_misdrijven",
                        "from", "2013", "to", "2014", "borders", "2014"),
                Map.of("area", "RE02", "level", "district", "themes", "misdrijven_totaal", "indicator", "verdachten",
                        "from", "2013", "to", "2014", "borders", "2014")));
        m.put("target", List.of(Map.of(), Map.of("base", "2014")));
        m.put("priorities", List.of(Map.of(), Map.of("plans", "Almelo,Borne,Enschede", "threshold", "2")));
        m.put("survey-sample", List.of(Map.of(), Map.of("threshold", "400", "price", "10", "own_questions", "true")));
        m.put("significance", List.of(Map.of(), Map.of("reference", "previous"), Map.of("reference", "peers")));
        m.put("dark-number", List.of(Map.of(), Map.of("area", "Twente", "year", "2014", "source", "83648NED")));
        m.put("dark-number-regions", List.of(Map.of(), Map.of("from", "2009", "to", "2010")));
        return m;
    }

    /** Questions for the synthetic national warehouse (its own area codes; registration cubes answer once police data loads). */
    static Map<String, List<Map<String, String>>> nationalParams() {
        Map<String, List<Map<String, String>>> m = new LinkedHashMap<>();
        m.put("benchmark", List.of(Map.of("area", "NL01", "level", "district", "year", "2021")));
        m.put("trend", List.of(Map.of("area", "RE02", "level", "gemeente", "from", "2019", "to", "2021")));
        m.put("target", List.of(Map.of("area", "RE02", "theme", "woninginbraak")));
        m.put("priorities", List.of(Map.of(), Map.of("threshold", "2")));
        m.put("survey-sample", List.of(Map.of("area", "NL01", "year", "2023"), Map.of("area", "RE02", "year", "2023")));
        m.put("significance", List.of(Map.of("area", "NL01", "level", "district"), Map.of("area", "PD-AMSTERDAM", "level", "basisteam"),
                Map.of("area", "NL01", "level", "district", "indicator", "vm_tevreden_contact_totaal")));
        m.put("dark-number", List.of(Map.of("area", "RE02", "year", "2019")));
        m.put("dark-number-regions", List.of(Map.of("level", "gemeente", "from", "2019", "to", "2021")));
        return m;
    }

    static List<Case> of(Map<String, List<Map<String, String>>> params) {
        List<Case> out = new ArrayList<>();
        for (Cube c : Cubes.all()) {
            List<Map<String, String>> sets = params.get(c.name());
            if (sets == null) throw new IllegalStateException("No engine test parameters for cube " + c.name() + ": add them to CubeCases");
            sets.forEach(p -> out.add(new Case(c, p)));
        }
        return out;
    }
}
