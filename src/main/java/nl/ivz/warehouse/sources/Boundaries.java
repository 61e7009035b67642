package nl.ivz.warehouse.sources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.GeometryFactory;
import org.locationtech.jts.geom.LinearRing;
import org.locationtech.jts.geom.Polygon;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real boundaries bundled in the jar (src/main/resources/maps, made by src/tools/web_map_bundle.py from CBS/PDOK files):
 * municipalities of 2019 and 2022, police units of 2016. A year without its own boundaries uses the nearest year
 * that has them (the later one on a tie: it has the newer mergers).
 */
public final class Boundaries {
    /** One area's boundary: code, name as the file gives it, and the geometry in WGS84 (lon, lat). */
    public record Area(String code, String name, Geometry geometry) { }

    /** A boundary set: level, year, its source line and its areas. */
    public record Set(String level, int year, String source, List<Area> areas) { }

    /** Levels with boundaries of their own, and their years. */
    public static final Map<String, List<Integer>> YEARS = Map.of("gemeente", List.of(2019, 2022), "eenheid", List.of(2016));

    private static final GeometryFactory GF = new GeometryFactory();
    private static final Map<String, Set> LOADED = new ConcurrentHashMap<>();

    private Boundaries() { }

    /** The boundary year used for {@code year}: its own, else the nearest, the later one on a tie. */
    public static int nearestYear(String level, int year) {
        List<Integer> years = YEARS.get(level);
        if (years == null) throw new IllegalArgumentException("No bundled boundaries for level " + level);
        return years.stream().min(Comparator.<Integer>comparingInt(y -> Math.abs(y - year)).thenComparing(y -> -y)).orElseThrow();
    }

    public static Set of(String level, int boundaryYear) {
        return LOADED.computeIfAbsent(level + "-" + boundaryYear, k -> read(level, boundaryYear));
    }

    private static Set read(String level, int year) {
        String path = "/maps/" + level + "-" + year + ".geojson";
        try (InputStream in = Boundaries.class.getResourceAsStream(path)) {
            if (in == null) throw new IllegalArgumentException("Missing bundled boundaries " + path);
            JsonNode doc = new ObjectMapper().readTree(in);
            List<Area> areas = new ArrayList<>();
            for (JsonNode f : doc.get("features")) {
                areas.add(new Area(f.get("properties").get("code").asText(), f.get("properties").get("name").asText(),
                        multiPolygon(f.get("geometry").get("coordinates"))));
            }
            return new Set(level, year, doc.path("source").asText(""), List.copyOf(areas));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + path, e);
        }
    }

    private static Geometry multiPolygon(JsonNode polys) {
        List<Polygon> out = new ArrayList<>();
        for (JsonNode poly : polys) {
            LinearRing shell = ring(poly.get(0));
            LinearRing[] holes = new LinearRing[poly.size() - 1];
            for (int i = 1; i < poly.size(); i++) holes[i - 1] = ring(poly.get(i));
            out.add(GF.createPolygon(shell, holes));
        }
        return GF.createMultiPolygon(out.toArray(new Polygon[0]));
    }

    private static LinearRing ring(JsonNode pts) {
        Coordinate[] cs = new Coordinate[pts.size()];
        for (int i = 0; i < cs.length; i++) cs[i] = new Coordinate(pts.get(i).get(0).asDouble(), pts.get(i).get(1).asDouble());
        return GF.createLinearRing(cs);
    }
}
