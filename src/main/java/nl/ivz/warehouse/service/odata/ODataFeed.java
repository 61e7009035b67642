package nl.ivz.warehouse.service.odata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.HandlerType;
import nl.ivz.warehouse.cubes.Cube;
import nl.ivz.warehouse.service.CannedQueries;
import nl.ivz.warehouse.service.QueryService;
import nl.ivz.warehouse.service.ServiceConfig;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataHttpHandler;
import org.apache.olingo.server.api.ServiceMetadata;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;

/**
 * The read-only OData v4 feed under /odata/ (Apache Olingo's server library): service document, $metadata
 * (CSDL XML, or JSON with $format=json), and one entity set per table, cube and canned query. Tokens are
 * accepted as a Bearer header and as the password of Basic authentication, which is what Power BI and Excel send.
 */
public final class ODataFeed {
    public static final String PATH = "/odata";
    /** Rows per page before @odata.nextLink (at most the service's JSON row limit). */
    public static final int PAGE_SIZE = 5_000;
    /**
     * Longest $filter / $orderby / $select text and deepest bracket nesting accepted (Olingo's parser recurses).
     * Jetty refuses request lines over 8 KB before this (414), so the limit sits below that.
     */
    static final int MAX_EXPRESSION_CHARS = 4_000;
    static final int MAX_NESTING = 50;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final OData odata = OData.newInstance();
    private final ServiceMetadata metadata;
    private final FeedProcessor processor;
    private final Predicate<String> tokens;

    private ODataFeed(FeedCatalog catalog, QueryService queries, ServiceConfig cfg, Predicate<String> tokens) {
        this.metadata = odata.createServiceMetadata(new FeedEdmProvider(catalog), FeedEdmProvider.references());
        int page = (int) Math.max(1, Math.min(PAGE_SIZE, cfg.maxJsonRows()));
        this.processor = new FeedProcessor(catalog, queries, page, (int) Math.max(1, cfg.queryTimeout().toSeconds()));
        this.tokens = tokens;
    }

    /**
     * Reads the catalog on {@code meta} (the caller holds it) and builds the feed.
     * @param tokens accepts a presented token; null when the server needs none
     */
    public static ODataFeed create(Connection meta, List<Cube> cubes, CannedQueries canned, QueryService queries,
                                   ServiceConfig cfg, Predicate<String> tokens) throws SQLException {
        return new ODataFeed(FeedCatalog.read(meta, cubes, canned), queries, cfg, tokens);
    }

    /** Adds GET /odata and /odata/* to the server. */
    public void register(JavalinConfig c) {
        c.routes.addHttpHandler(HandlerType.GET, PATH, this::handle);
        c.routes.addHttpHandler(HandlerType.GET, PATH + "/*", this::handle);
    }

    /** Whether the feed answered this request (its errors are OData error bodies, not problem documents). */
    public static boolean owns(Context ctx) {
        return ctx.attribute(ANSWERED) != null;
    }

    private static final String ANSWERED = "ivz.odata";

    private void handle(Context ctx) {
        ctx.attribute(ANSWERED, Boolean.TRUE);
        if (tokens != null && !authorised(ctx.header("Authorization"))) {
            ctx.res().addHeader("WWW-Authenticate", "Basic realm=\"ivz-warehouse\", charset=\"UTF-8\"");
            ctx.res().addHeader("WWW-Authenticate", "Bearer realm=\"ivz-warehouse\"");
            error(ctx, 401, "unauthorized", "This feed needs a token: as the password of Basic authentication (any user name) "
                    + "or as 'Authorization: Bearer <token>'");
            return;
        }
        String tooBig = checkExpressions(ctx);
        if (tooBig != null) {
            error(ctx, 400, "bad-request", tooBig);
            return;
        }
        ODataHttpHandler h = odata.createHandler(metadata);
        h.setSplit(1); // the service root is /odata
        h.register(processor);
        ctx.res().setContentType(null); // Olingo adds its own Content-Type header; Javalin's default would stay beside it
        h.process(ctx.req(), ctx.res());
    }

    boolean authorised(String header) {
        if (header == null) return false;
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) return tokens.test(header.substring(7).strip());
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            String userPass;
            try {
                userPass = new String(Base64.getDecoder().decode(header.substring(6).strip()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                return false;
            }
            int colon = userPass.indexOf(':');
            String password = colon < 0 ? "" : userPass.substring(colon + 1);
            // Some tools have a single "key" field that they send as the user name.
            return !password.isEmpty() ? tokens.test(password) : colon > 0 && tokens.test(userPass.substring(0, colon));
        }
        return false;
    }

    /** Refuses expressions so long or deeply nested that parsing them would cost more than any real filter needs. */
    private static String checkExpressions(Context ctx) {
        for (String option : List.of("$filter", "$orderby", "$select")) {
            List<String> values = ctx.queryParams(option);
            if (values.size() > 1) return "Query option " + option + " is given " + values.size() + " times";
            if (values.isEmpty()) continue;
            String v = values.get(0);
            if (v.length() > MAX_EXPRESSION_CHARS) {
                return option + " is " + v.length() + " characters long; the feed accepts at most " + MAX_EXPRESSION_CHARS;
            }
            int depth = 0;
            for (int i = 0; i < v.length(); i++) {
                char ch = v.charAt(i);
                if (ch == '(' && ++depth > MAX_NESTING) return option + " nests brackets deeper than " + MAX_NESTING + " levels";
                if (ch == ')') depth--;
            }
        }
        return null;
    }

    /** An OData JSON error body (the feed's answers before Olingo takes over). */
    private static void error(Context ctx, int status, String code, String message) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode e = body.putObject("error");
        e.put("code", code);
        e.put("message", message);
        ctx.status(status).contentType("application/json;odata.metadata=minimal").result(body.toString());
    }
}
