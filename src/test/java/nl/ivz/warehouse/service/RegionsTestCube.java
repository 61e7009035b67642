package nl.ivz.warehouse.service;

import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.cubes.CubeColumn;
import nl.ivz.warehouse.cubes.CubeException;
import nl.ivz.warehouse.cubes.CubeParam;
import org.jooq.DSLContext;
import org.jooq.Record;
import org.jooq.ResultQuery;

import java.util.List;
import java.util.Map;

import static org.jooq.impl.DSL.field;
import org.jooq.impl.DSL;
import static org.jooq.impl.DSL.table;

/** A small cube for the service tests (the real cubes live in nl.ivz.warehouse.cubes): areas of one level. */
final class RegionsTestCube implements Cube {
    @Override public String name() { return "regions"; }
    @Override public String description() { return "Areas of one level (test cube)"; }
    @Override public List<CubeParam> params() {
        return List.of(new CubeParam("level", "string", "gemeente", "Area level"));
    }
    @Override public List<CubeColumn> columns() {
        return List.of(CubeColumn.of("region_code", "code", "Area code"),
                CubeColumn.of("region_name", "name", "Area name"));
    }

    @Override
    public ResultQuery<? extends Record> query(DSLContext ctx, Map<String, String> params) throws CubeException {
        String level = params.getOrDefault("level", "gemeente");
        List<String> levels = ctx.selectDistinct(field(DSL.name("region_level"), String.class)).from(table(DSL.name("dim_region"))).fetch().getValues(0, String.class);
        if (!levels.contains(level)) throw new CubeException("level", "Unknown level '" + level + "'; known: " + levels);
        return ctx.select(field(DSL.name("region_code")), field(DSL.name("region_name")))
                .from(table(DSL.name("dim_region")))
                .where(field(DSL.name("region_level")).eq(level))
                .orderBy(field(DSL.name("region_code")));
    }
}
