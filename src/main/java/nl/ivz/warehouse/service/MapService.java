package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.cubes.CubeException;
import nl.ivz.warehouse.cubes.Lookup;
import nl.ivz.warehouse.sources.Boundaries;
import org.locationtech.jts.geom.Coordinate;
import org.locationtech.jts.geom.Geometry;
import org.locationtech.jts.geom.Polygon;
import org.locationtech.jts.operation.union.UnaryUnionOp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * GeoJSON of the areas of one level in a year, for the page's map and other dashboards. Municipalities and police
 * units come from the bundled boundaries (the nearest year that has them); basisteams, districts and provinces are
 * the municipalities dissolved by the warehouse's own memberships valid in that year (polygon union).
 */
final class MapService {
    static final List<String> LEVELS = List.of("gemeente", "basisteam", "district", "eenheid", "provincie");
    private static final ObjectMapper JSON = new ObjectMapper();

    private MapService() { }

    static ObjectNode map(Connection c, String level, int year, String parent) throws SQLException {
        if (!LEVELS.contains(level)) {
            throw new ApiException(ProblemType.BAD_PARAMETER, "No map for level '" + level + "'; levels: " + String.join(", ", LEVELS))
                    .with("parameter", "level");
        }
        boolean own = Boundaries.YEARS.containsKey(level);
        String base = own ? level : "gemeente";
        int boundaryYear = Boundaries.nearestYear(base, year);
        Boundaries.Set set = Boundaries.of(base, boundaryYear);
        Map<String, String> names = names(c);
        Lookup.Area inside = null;
        Map<String, String> upParent = Map.of();
        if (parent != null && !parent.isBlank()) {
            try {
                inside = Lookup.area(Warehouse.dsl(c), "area", parent);
            } catch (CubeException e) {
                throw new ApiException(ProblemType.BAD_PARAMETER, e.getMessage()).with("parameter", e.parameter());
            }
            boolean bestuurlijk = level.equals("provincie") || inside.level().equals("provincie") || inside.level().equals("landsdeel");
            upParent = parents(c, bestuurlijk ? "bestuurlijk" : "politie", year);
        }
        ObjectNode fc = JSON.createObjectNode();
        fc.put("type", "FeatureCollection");
        fc.put("level", level);
        fc.put("year", year);
        fc.put("boundaryYear", boundaryYear);
        fc.put("boundaries", set.source());
        if (boundaryYear != year) {
            fc.put("note", "Grenzen van " + boundaryYear + " (het dichtstbijzijnde jaar met eigen grenzen; " + year + " heeft er geen)");
        }
        ArrayNode features = fc.putArray("features");
        if (own) {
            for (Boundaries.Area a : set.areas()) {
                if (!within(a.code(), inside, upParent)) continue;
                features.add(feature(a.code(), names.getOrDefault(a.code(), a.name()), a.geometry(), null));
            }
            return fc;
        }
        // dissolve: each municipality of the boundary year goes to its ancestor at the level, valid in the year
        Map<String, String> up = parents(c, level.equals("provincie") ? "bestuurlijk" : "politie", year);
        Map<String, String> levels = levels(c);
        Map<String, List<Boundaries.Area>> groups = new TreeMap<>();
        List<String> unassigned = new ArrayList<>();
        for (Boundaries.Area a : set.areas()) {
            String code = a.code();
            for (int guard = 0; code != null && !level.equals(levels.get(code)) && guard < 10; guard++) code = up.get(code);
            if (code == null || !level.equals(levels.get(code))) {
                unassigned.add(a.code());
                continue;
            }
            if (!within(code, inside, upParent)) continue;
            groups.computeIfAbsent(code, k -> new ArrayList<>()).add(a);
        }
        for (Map.Entry<String, List<Boundaries.Area>> g : groups.entrySet()) {
            List<Geometry> parts = new ArrayList<>();
            for (Boundaries.Area a : g.getValue()) parts.add(a.geometry());
            // buffer(0) heals the hairline slivers that snapped borders can leave
            Geometry union = UnaryUnionOp.union(parts).buffer(0);
            features.add(feature(g.getKey(), names.getOrDefault(g.getKey(), g.getKey()), union,
                    g.getValue().stream().map(Boundaries.Area::code).toList()));
        }
        fc.put("municipalitiesWithoutMembership", unassigned.size());
        return fc;
    }

    /** True without a parent, else when the parent is the area itself or one of its ancestors in the year. */
    private static boolean within(String code, Lookup.Area parent, Map<String, String> up) {
        if (parent == null) return true;
        String c = code;
        for (int guard = 0; c != null && guard < 12; guard++) {
            if (c.equals(parent.code())) return true;
            c = up.get(c);
        }
        return false;
    }

    private static ObjectNode feature(String code, String name, Geometry g, List<String> members) {
        ObjectNode f = JSON.createObjectNode();
        f.put("type", "Feature");
        ObjectNode p = f.putObject("properties");
        p.put("code", code);
        p.put("name", name);
        if (members != null) {
            ArrayNode m = p.putArray("members");
            members.forEach(m::add);
        }
        ObjectNode geom = f.putObject("geometry");
        geom.put("type", "MultiPolygon");
        ArrayNode polys = geom.putArray("coordinates");
        for (int i = 0; i < g.getNumGeometries(); i++) {
            if (!(g.getGeometryN(i) instanceof Polygon poly) || poly.isEmpty()) continue;
            ArrayNode rings = polys.addArray();
            ring(rings.addArray(), poly.getExteriorRing().getCoordinates());
            for (int h = 0; h < poly.getNumInteriorRing(); h++) ring(rings.addArray(), poly.getInteriorRingN(h).getCoordinates());
        }
        return f;
    }

    private static void ring(ArrayNode out, Coordinate[] cs) {
        for (Coordinate c : cs) {
            ArrayNode pt = out.addArray();
            pt.add(Math.round(c.x * 10000) / 10000.0);
            pt.add(Math.round(c.y * 10000) / 10000.0);
        }
    }

    private static Map<String, String> names(Connection c) throws SQLException {
        Map<String, String> m = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT region_code, region_name FROM dim_region"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) m.put(rs.getString(1), rs.getString(2));
        }
        return m;
    }

    private static Map<String, String> levels(Connection c) throws SQLException {
        Map<String, String> m = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT region_code, region_level FROM dim_region"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) m.put(rs.getString(1), rs.getString(2));
        }
        return m;
    }

    private static Map<String, String> parents(Connection c, String hierarchy, int year) throws SQLException {
        Map<String, String> m = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT region_code, parent_code FROM dim_region_parent "
                + "WHERE hierarchy = ? AND ? BETWEEN valid_from AND valid_to ORDER BY region_code, valid_from")) {
            ps.setString(1, hierarchy);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) m.put(rs.getString(1), rs.getString(2));
            }
        }
        return m;
    }

    /** The latest year with registrations (the map's default), or this year when none are loaded. */
    static int latestYear(java.sql.Connection c) throws java.sql.SQLException {
        try (java.sql.Statement st = c.createStatement(); java.sql.ResultSet rs = st.executeQuery(
                "SELECT max(p.period_year) FROM fct_registration f JOIN dim_period p USING (period_code)")) {
            rs.next();
            int v = rs.getInt(1);
            return rs.wasNull() ? java.time.Year.now().getValue() : v;
        }
    }
}
