package nl.ivz.warehouse.service.odata;

import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.cubes.CubeException;
import nl.ivz.warehouse.cubes.CubeRun;
import nl.ivz.warehouse.service.ApiException;
import nl.ivz.warehouse.service.CannedQueries;
import nl.ivz.warehouse.service.QueryService;
import org.apache.olingo.commons.api.data.ContextURL;
import org.apache.olingo.commons.api.data.Entity;
import org.apache.olingo.commons.api.data.EntityCollection;
import org.apache.olingo.commons.api.data.Property;
import org.apache.olingo.commons.api.data.ValueType;
import org.apache.olingo.commons.api.edm.EdmEntitySet;
import org.apache.olingo.commons.api.format.ContentType;
import org.apache.olingo.commons.api.http.HttpHeader;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.OData;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.ODataLibraryException;
import org.apache.olingo.server.api.ODataRequest;
import org.apache.olingo.server.api.ODataResponse;
import org.apache.olingo.server.api.ODataServerError;
import org.apache.olingo.server.api.ServiceMetadata;
import org.apache.olingo.server.api.processor.CountEntityCollectionProcessor;
import org.apache.olingo.server.api.processor.ErrorProcessor;
import org.apache.olingo.server.api.serializer.EntityCollectionSerializerOptions;
import org.apache.olingo.server.api.serializer.ODataSerializer;
import org.apache.olingo.server.api.serializer.SerializerException;
import org.apache.olingo.server.api.uri.UriInfo;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourceEntitySet;
import org.apache.olingo.server.api.uri.queryoption.CustomQueryOption;
import org.apache.olingo.server.api.uri.queryoption.OrderByItem;
import org.apache.olingo.server.api.uri.queryoption.SelectItem;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Answers entity-set reads: translates the query options into one parameterised statement per page (plus a
 * count when asked), runs it through the service's {@link QueryService} (concurrency slot, read-only
 * transaction, sandboxed instance, time limit) and writes OData JSON with server-driven paging.
 */
final class FeedProcessor implements CountEntityCollectionProcessor, ErrorProcessor {
    private static final Pattern MAX_PAGE_SIZE = Pattern.compile("odata\\.maxpagesize\\s*=\\s*(\\d{1,9})");

    private final FeedCatalog catalog;
    private final QueryService queries;
    private final int pageSize;
    private final int timeoutSeconds;
    private OData odata;
    private ServiceMetadata metadata;

    FeedProcessor(FeedCatalog catalog, QueryService queries, int pageSize, int timeoutSeconds) {
        this.catalog = catalog;
        this.queries = queries;
        this.pageSize = pageSize;
        this.timeoutSeconds = timeoutSeconds;
    }

    @Override
    public void init(OData odata, ServiceMetadata metadata) {
        this.odata = odata;
        this.metadata = metadata;
    }

    /** What a request asks of a set, translated before any connection is taken. */
    private record Ask(FeedSet set, EdmEntitySet edmSet, Map<String, String> params, FeedSql.Fragment filter, List<String> orderBy,
                       List<FeedColumn> columns) { }

    private Ask ask(UriInfo uri) throws ODataApplicationException {
        List<UriResource> parts = uri.getUriResourceParts();
        boolean countPath = parts.size() == 2 && parts.get(1).getKind() == org.apache.olingo.server.api.uri.UriResourceKind.count;
        if (parts.size() != 1 && !countPath || !(parts.get(0) instanceof UriResourceEntitySet)) {
            throw new ODataApplicationException("Not supported by this feed: the path " + parts + "; the feed serves entity sets "
                    + "and their $count", HttpStatusCode.NOT_IMPLEMENTED.getStatusCode(), Locale.ROOT);
        }
        UriResourceEntitySet res = (UriResourceEntitySet) parts.get(0);
        FeedSet set = catalog.byName(res.getEntitySet().getName());
        refuseUnsupported(uri);
        Map<String, String> params = params(set, uri.getCustomQueryOptions());
        FeedSql.Fragment filter = uri.getFilterOption() == null ? null : FilterSql.translate(set, uri.getFilterOption().getExpression());
        List<String> order = new ArrayList<>();
        if (uri.getOrderByOption() != null) {
            for (OrderByItem item : uri.getOrderByOption().getOrders()) {
                if (!(item.getExpression() instanceof Member)) throw FilterSql.notImplemented("$orderby on anything but a property");
                order.add("feed." + FeedColumn.quote(FilterSql.property(set, (Member) item.getExpression()))
                        + (item.isDescending() ? " DESC" : " ASC"));
            }
        }
        List<FeedColumn> columns = new ArrayList<>();
        boolean all = uri.getSelectOption() == null;
        List<String> selected = new ArrayList<>(set.keys());
        if (!all) {
            for (SelectItem item : uri.getSelectOption().getSelectItems()) {
                if (item.isStar()) {
                    all = true;
                } else if (item.getResourcePath() != null && item.getResourcePath().getUriResourceParts().size() == 1) {
                    selected.add(item.getResourcePath().getUriResourceParts().get(0).getSegmentValue());
                } else {
                    throw FilterSql.notImplemented("this $select item");
                }
            }
        }
        for (FeedColumn c : set.columns()) if (all || selected.contains(c.name())) columns.add(c);
        return new Ask(set, res.getEntitySet(), params, filter, order, columns);
    }

    /** System query options the feed does not implement: 501 naming them (OData 4.0 part 1, 9.3.1). */
    private static void refuseUnsupported(UriInfo uri) throws ODataApplicationException {
        List<String> no = new ArrayList<>();
        if (uri.getExpandOption() != null) no.add("$expand");
        if (uri.getSearchOption() != null) no.add("$search");
        if (uri.getApplyOption() != null) no.add("$apply");
        if (uri.getDeltaTokenOption() != null) no.add("$deltatoken");
        if (uri.getIdOption() != null) no.add("$id");
        if (!no.isEmpty()) {
            throw new ODataApplicationException("Query option not supported by this feed: " + String.join(", ", no)
                    + ". Supported: $select, $filter, $orderby, $top, $skip, $count, $skiptoken (from @odata.nextLink), $format",
                    HttpStatusCode.NOT_IMPLEMENTED.getStatusCode(), Locale.ROOT);
        }
    }

    /** Cube and canned-query parameters come as custom query options; tables take none. */
    private static Map<String, String> params(FeedSet set, List<CustomQueryOption> options) throws ODataApplicationException {
        Map<String, String> out = new LinkedHashMap<>();
        for (CustomQueryOption o : options) {
            if (set.params().stream().noneMatch(p -> p.name().equals(o.getName()))) {
                throw new ODataApplicationException("Unknown query option '" + o.getName() + "' for " + set.name() + "; "
                        + (set.params().isEmpty() ? "it takes no parameters"
                        : "its parameters are " + String.join(", ", set.params().stream().map(FeedSet.Param::name).toList())),
                        HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT);
            }
            if (out.put(o.getName(), o.getText()) != null) {
                throw new ODataApplicationException("Query option '" + o.getName() + "' is given twice",
                        HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT);
            }
        }
        return out;
    }

    @Override
    public void readEntityCollection(ODataRequest request, ODataResponse response, UriInfo uri, ContentType format)
            throws ODataApplicationException, ODataLibraryException {
        Ask a = ask(uri);
        int size = pageSize;
        String prefer = request.getHeader(HttpHeader.PREFER);
        boolean preferApplied = false;
        if (prefer != null) {
            Matcher m = MAX_PAGE_SIZE.matcher(prefer);
            if (m.find() && Integer.parseInt(m.group(1)) > 0) {
                size = Math.min(size, Integer.parseInt(m.group(1)));
                preferApplied = true;
            }
        }
        long skip = uri.getSkipOption() == null ? 0 : uri.getSkipOption().getValue();
        long done = skipToken(uri);
        long want = size;
        if (uri.getTopOption() != null) want = Math.max(0, Math.min(want, uri.getTopOption().getValue() - done));
        boolean counted = uri.getCountOption() != null && uri.getCountOption().getValue();
        long limit = want + 1; // one more row than the page tells whether there is a next page
        long offset = skip + done;
        Page page = run(a, c -> {
            String keyed = FeedSql.keyed(a.set(), source(c, a));
            List<Object> binds = sourceBinds(a);
            Long count = counted ? count(c, FeedSql.count(keyed, binds, a.filter())) : null;
            return new Page(rows(c, FeedSql.page(a.set(), keyed, binds, a.columns(), a.filter(), a.orderBy(), limit, offset), a.columns()), count);
        });
        EntityCollection ec = new EntityCollection();
        List<Entity> entities = ec.getEntities();
        for (int i = 0; i < page.rows().size() && i < want; i++) entities.add(page.rows().get(i));
        if (page.count() != null) ec.setCount((int) Math.min(Integer.MAX_VALUE, page.count()));
        boolean topReached = uri.getTopOption() != null && done + want >= uri.getTopOption().getValue();
        if (page.rows().size() > want && !topReached) ec.setNext(java.net.URI.create(nextLink(request, done + want)));
        String select = odata.createUriHelper().buildContextURLSelectList(a.edmSet().getEntityType(), null, uri.getSelectOption());
        ContextURL context = ContextURL.with().entitySet(a.edmSet()).selectList(select).build();
        ODataSerializer s = odata.createSerializer(format);
        EntityCollectionSerializerOptions options = EntityCollectionSerializerOptions.with().contextURL(context)
                .id(request.getRawBaseUri() + "/" + a.edmSet().getName()).select(uri.getSelectOption()).count(uri.getCountOption()).build();
        response.setContent(s.entityCollection(metadata, a.edmSet().getEntityType(), ec, options).getContent());
        response.setStatusCode(HttpStatusCode.OK.getStatusCode());
        response.setHeader(HttpHeader.CONTENT_TYPE, format.toContentTypeString());
        if (preferApplied) response.setHeader(HttpHeader.PREFERENCE_APPLIED, "odata.maxpagesize=" + size);
    }

    @Override
    public void countEntityCollection(ODataRequest request, ODataResponse response, UriInfo uri)
            throws ODataApplicationException, ODataLibraryException {
        Ask a = ask(uri);
        long n = run(a, c -> count(c, FeedSql.count(FeedSql.keyed(a.set(), source(c, a)), sourceBinds(a), a.filter())));
        response.setContent(new ByteArrayInputStream(Long.toString(n).getBytes(StandardCharsets.UTF_8)));
        response.setStatusCode(HttpStatusCode.OK.getStatusCode());
        response.setHeader(HttpHeader.CONTENT_TYPE, ContentType.TEXT_PLAIN.toContentTypeString());
    }

    private record Page(List<Entity> rows, Long count) { }

    /** The $skiptoken this feed writes into its own next links: the number of rows already delivered. */
    private static long skipToken(UriInfo uri) throws ODataApplicationException {
        if (uri.getSkipTokenOption() == null) return 0;
        String t = uri.getSkipTokenOption().getValue();
        try {
            long v = Long.parseLong(t);
            if (v >= 0) return v;
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new ODataApplicationException("Invalid $skiptoken '" + t + "'; use the @odata.nextLink the feed gives",
                HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT);
    }

    /** The request's own URL with $skiptoken set to the rows delivered so far; every other option is kept as sent. */
    private static String nextLink(ODataRequest request, long delivered) {
        StringBuilder q = new StringBuilder();
        String raw = request.getRawQueryPath();
        if (raw != null && !raw.isEmpty()) {
            for (String part : raw.split("&")) {
                String name = part.split("=", 2)[0];
                if (name.equals("$skiptoken") || name.equalsIgnoreCase("%24skiptoken")) continue;
                if (q.length() > 0) q.append('&');
                q.append(part);
            }
        }
        if (q.length() > 0) q.append('&');
        q.append("$skiptoken=").append(delivered);
        return request.getRawBaseUri() + request.getRawODataPath() + "?" + q;
    }

    // ------------------------------------------------------------------ running

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs on a reader of the query service; its problems become OData errors with the same status. */
    private <T> T run(Ask a, Work<T> work) throws ODataApplicationException {
        try {
            return queries.withReader(c -> work.run(c));
        } catch (ApiException e) {
            throw new ODataApplicationException(e.getMessage(), e.type().status(), Locale.ROOT, e.type().slug());
        }
    }

    /** The source statement: a table, the cube's query for the given parameters, or the canned query's SQL. */
    private static String source(Connection c, Ask a) {
        FeedSet set = a.set();
        switch (set.kind()) {
            case TABLE: return FeedSql.tableSource(set);
            case CUBE:
                try {
                    return CubeRun.prepare(Warehouse.dsl(c), set.cube(), a.params(), null).sql();
                } catch (CubeException e) {
                    throw new ApiException(nl.ivz.warehouse.service.ProblemType.BAD_PARAMETER, e.getMessage()).with("parameter", e.parameter());
                }
            default: return set.query().checked().sql();
        }
    }

    private static List<Object> sourceBinds(Ask a) {
        if (a.set().kind() != FeedSet.Kind.QUERY) return List.of();
        CannedQueries.Entry e = a.set().query();
        Map<String, Object> values = e.query().values(a.params());
        List<Object> binds = new ArrayList<>();
        for (String p : e.checked().parameterNames()) binds.add(values.get(p));
        return binds;
    }

    private PreparedStatement prepare(Connection c, FeedSql.Fragment f) throws SQLException {
        PreparedStatement ps = c.prepareStatement(f.sql());
        try {
            ps.setQueryTimeout(timeoutSeconds);
            for (int i = 0; i < f.binds().size(); i++) ps.setObject(i + 1, f.binds().get(i));
            return ps;
        } catch (SQLException e) {
            ps.close();
            throw e;
        }
    }

    private long count(Connection c, FeedSql.Fragment f) throws SQLException {
        try (PreparedStatement ps = prepare(c, f); ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private List<Entity> rows(Connection c, FeedSql.Fragment f, List<FeedColumn> columns) throws SQLException {
        List<Entity> out = new ArrayList<>();
        try (PreparedStatement ps = prepare(c, f); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Entity e = new Entity();
                for (int i = 0; i < columns.size(); i++) {
                    FeedColumn col = columns.get(i);
                    e.addProperty(new Property(null, col.name(), ValueType.PRIMITIVE, value(rs, i + 1, col)));
                }
                out.add(e);
            }
        }
        return out;
    }

    /** A value as the Java type Olingo writes for the column's EDM type. */
    private static Object value(ResultSet rs, int i, FeedColumn col) throws SQLException {
        Object v;
        switch (col.edmType()) {
            case Boolean: v = rs.getBoolean(i); break;
            case Int16: v = rs.getShort(i); break;
            case Int32: v = rs.getInt(i); break;
            case Int64: v = rs.getLong(i); break;
            case Single: v = rs.getFloat(i); break;
            case Double: v = rs.getDouble(i); break;
            case Decimal: v = rs.getBigDecimal(i); break;
            case Date: v = rs.getObject(i, LocalDate.class); break;
            case DateTimeOffset:
                LocalDateTime t = rs.getObject(i, LocalDateTime.class);
                v = t == null ? null : t.atZone(ZoneOffset.UTC);
                break;
            case TimeOfDay:
                LocalTime lt = rs.getObject(i, LocalTime.class);
                v = lt == null ? null : java.sql.Time.valueOf(lt);
                break;
            case Guid: v = rs.getObject(i, UUID.class); break;
            case Binary: v = rs.getBytes(i); break;
            default: v = rs.getString(i); break;
        }
        return rs.wasNull() ? null : v;
    }

    // ------------------------------------------------------------------ errors

    /** OData error bodies (JSON unless the client asked for XML), with Retry-After on 429 like the rest of the API. */
    @Override
    public void processError(ODataRequest request, ODataResponse response, ODataServerError error, ContentType format) {
        try {
            ContentType f = format != null && (format.isCompatible(ContentType.APPLICATION_XML) || format.isCompatible(ContentType.APPLICATION_ATOM_XML))
                    ? ContentType.APPLICATION_XML : ContentType.JSON;
            if (error.getStatusCode() >= 500 && error.getStatusCode() != 501 && error.getStatusCode() != 504) {
                org.slf4j.LoggerFactory.getLogger(FeedProcessor.class).error("OData request {} failed", request.getRawRequestUri(), error.getException());
                error.setMessage("Internal error; the server log has the details");
            }
            response.setContent(odata.createSerializer(f).error(error).getContent());
            response.setStatusCode(error.getStatusCode());
            response.setHeader(HttpHeader.CONTENT_TYPE, f.toContentTypeString());
            if (error.getStatusCode() == 429) response.setHeader(HttpHeader.RETRY_AFTER, "1");
        } catch (SerializerException e) {
            response.setStatusCode(error.getStatusCode());
        }
    }
}
