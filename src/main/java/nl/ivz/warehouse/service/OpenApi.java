package nl.ivz.warehouse.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Locale;

/** Builds the OpenAPI 3.0 document from the route table. */
final class OpenApi {
    private OpenApi() { }

    static ObjectNode document(ObjectMapper m, List<Route> routes, String version, boolean tokenRequired) {
        ObjectNode doc = m.createObjectNode();
        doc.put("openapi", "3.0.3");
        ObjectNode info = doc.putObject("info");
        info.put("title", "ivz-warehouse query service");
        info.put("version", version);
        info.put("description", "Cubes, canned queries and sandboxed read-only SQL over the IVZ safety warehouse. "
                + "Errors are application/problem+json (RFC 7807) with a stable type per kind (" + ProblemType.PREFIX + "...).");
        ObjectNode paths = doc.putObject("paths");
        for (Route r : routes) {
            ObjectNode item = paths.has(r.path()) ? (ObjectNode) paths.get(r.path()) : paths.putObject(r.path());
            ObjectNode op = item.putObject(r.method().name().toLowerCase(Locale.ROOT));
            op.put("operationId", r.operationId());
            op.put("summary", r.summary());
            if (r.open()) op.putArray("security");
            if (!r.params().isEmpty()) {
                ArrayNode ps = op.putArray("parameters");
                for (Route.Param p : r.params()) {
                    ObjectNode pn = ps.addObject();
                    pn.put("name", p.name());
                    pn.put("in", p.in());
                    pn.put("required", p.required());
                    pn.put("description", p.description());
                    pn.putObject("schema").put("type", p.type());
                }
            }
            if (r.requestBody() != null) {
                ObjectNode rb = op.putObject("requestBody");
                rb.put("required", true);
                rb.putObject("content").putObject("application/json").putObject("schema").put("$ref", "#/components/schemas/" + r.requestBody());
            }
            ObjectNode responses = op.putObject("responses");
            ObjectNode ok = responses.putObject("200");
            ok.put("description", "OK");
            ObjectNode content = ok.putObject("content");
            for (String ct : r.produces()) {
                ObjectNode c = content.putObject(ct);
                if (ct.equals("application/json") && r.produces().size() > 1) c.putObject("schema").put("$ref", "#/components/schemas/Result");
                else if (ct.equals("application/json")) c.putObject("schema").put("type", "object");
                else c.putObject("schema").put("type", "string").put("format", ct.contains("parquet") ? "binary" : "text");
            }
            for (ProblemType t : r.problems()) {
                ObjectNode e = responses.putObject(Integer.toString(t.status()));
                String prev = e.has("description") ? e.get("description").asText() + "; " : "";
                e.put("description", prev + t.title() + " (" + t.uri() + ")");
                e.putObject("content").putObject("application/problem+json").putObject("schema").put("$ref", "#/components/schemas/Problem");
            }
        }
        ObjectNode components = doc.putObject("components");
        ObjectNode schemes = components.putObject("securitySchemes");
        schemes.putObject("bearer").put("type", "http").put("scheme", "bearer");
        if (tokenRequired) doc.putArray("security").addObject().putArray("bearer");
        ObjectNode schemas = components.putObject("schemas");
        ObjectNode problem = schemas.putObject("Problem");
        problem.put("type", "object");
        ObjectNode pp = problem.putObject("properties");
        pp.putObject("type").put("type", "string").put("description", "Stable kind URI");
        pp.putObject("title").put("type", "string");
        pp.putObject("status").put("type", "integer");
        pp.putObject("detail").put("type", "string");
        pp.putObject("instance").put("type", "string");
        ArrayNode kinds = pp.get("type").withArray("enum");
        for (ProblemType t : ProblemType.values()) kinds.add(t.uri());
        ObjectNode result = schemas.putObject("Result");
        result.put("type", "object");
        ObjectNode rp = result.putObject("properties");
        ObjectNode cols = rp.putObject("columns");
        cols.put("type", "array");
        ObjectNode col = cols.putObject("items");
        col.put("type", "object");
        col.putObject("properties").putObject("name").put("type", "string");
        ((ObjectNode) col.get("properties")).putObject("type").put("type", "string");
        rp.putObject("rows").put("type", "array").putObject("items").put("type", "array").putObject("items");
        rp.putObject("rowCount").put("type", "integer");
        rp.putObject("truncated").put("type", "boolean");
        rp.putObject("elapsedMs").put("type", "integer");
        ObjectNode qr = schemas.putObject("QueryRequest");
        qr.put("type", "object");
        qr.putArray("required").add("sql");
        ObjectNode qp = qr.putObject("properties");
        qp.putObject("sql").put("type", "string").put("description", "One read-only statement; named parameters as $name");
        qp.putObject("params").put("type", "object").put("description", "Values by parameter name (or an array for ? / $1)");
        qp.putObject("format").put("type", "string").putArray("enum").add("json").add("ndjson").add("csv").add("csv-nl").add("parquet");
        ObjectNode lr = schemas.putObject("LoadRequest");
        lr.put("type", "object");
        lr.putArray("required").add("files");
        ObjectNode lp = lr.putObject("properties");
        lp.putObject("files").put("type", "array").put("description", "Paths relative to the server's inbox folder").putObject("items").put("type", "string");
        lp.putObject("options").put("type", "object").put("description", "Loader options (e.g. layout)");
        return doc;
    }
}
