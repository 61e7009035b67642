package nl.ivz.warehouse.service;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

import java.util.List;

/**
 * One HTTP route with what the OpenAPI document says about it. The server registers exactly these routes
 * and builds /api/openapi.json from them, so the two cannot drift (OpenApiTest checks the router too).
 */
record Route(HandlerType method, String path, String operationId, String summary, boolean open,
             List<Param> params, String requestBody, List<String> produces, List<ProblemType> problems, Handler handler) {

    /** A path or query parameter for the document. */
    record Param(String name, String in, String type, boolean required, String description) { }

    static Param path(String name, String description) {
        return new Param(name, "path", "string", true, description);
    }

    static Param query(String name, String type, String description) {
        return new Param(name, "query", type, false, description);
    }
}
