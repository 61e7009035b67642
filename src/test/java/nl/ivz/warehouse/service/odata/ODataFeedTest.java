package nl.ivz.warehouse.service.odata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;
import nl.ivz.warehouse.service.Server;
import nl.ivz.warehouse.service.ServiceConfig;
import org.apache.olingo.client.api.ODataClient;
import org.apache.olingo.client.api.communication.request.retrieve.ODataEntitySetRequest;
import org.apache.olingo.client.api.domain.ClientEntity;
import org.apache.olingo.client.api.domain.ClientEntitySet;
import org.apache.olingo.client.core.ODataClientFactory;
import org.apache.olingo.client.core.http.BasicAuthHttpClientFactory;
import org.apache.olingo.commons.api.edm.Edm;
import org.apache.olingo.commons.api.edm.EdmEntityType;
import org.apache.olingo.commons.api.format.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OData feed read with a real OData client (Apache Olingo's), as Power BI and Excel read it: the
 * service over the demo warehouse built from the bundled sources, with a token given as the Basic password.
 */
class ODataFeedTest {
    static final String TOKEN = "feed-token";
    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    static Path dir;
    static Server server;
    static String root;
    static ODataClient client;

    @BeforeAll
    static void start() throws Exception {
        Path file = dir.resolve("demo.duckdb");
        try (Warehouse wh = Warehouse.open(file)) {
            wh.migrate();
            new Loader(wh, null).load(List.of(Path.of("warehouse", "sources")), LoadOptions.defaults());
        }
        server = Server.start(ServiceConfig.defaults().warehouse(file).port(0).token(TOKEN));
        root = server.url() + "/odata";
        client = ODataClientFactory.getClient();
        client.getConfiguration().setHttpClientFactory(new BasicAuthHttpClientFactory("powerbi", TOKEN));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.stop();
    }

    @Test
    void metadataHasATypedEntityTypePerTableCubeAndCannedQueryWithDescriptions() throws Exception {
        // Parsed by the client's own reader; its metadata request would also fetch the referenced OASIS vocabularies
        // from the web, which this machine cannot reach.
        Edm edm = client.getReader().readMetadata(client.getDeserializer(ContentType.APPLICATION_XML)
                .toMetadata(new ByteArrayInputStream(raw("/odata/$metadata", bearer()).body().getBytes(StandardCharsets.UTF_8)))
                .getSchemaByNsOrAlias());
        EdmEntityType region = edm.getEntityContainer().getEntitySet("dim_region").getEntityType();
        assertEquals(List.of("region_code"), region.getKeyPredicateNames());
        assertEquals("Edm.String", region.getProperty("region_code").getType().getFullQualifiedName().getFullQualifiedNameAsString());
        EdmEntityType registration = edm.getEntityContainer().getEntitySet("fct_registration").getEntityType();
        assertEquals(List.of("batch_id", "row_in_batch"), registration.getKeyPredicateNames());
        assertEquals("Edm.Double", registration.getProperty("value").getType().getFullQualifiedName().getFullQualifiedNameAsString());
        assertEquals("Edm.Int64", registration.getProperty("batch_id").getType().getFullQualifiedName().getFullQualifiedNameAsString());
        String xml = raw("/odata/$metadata", bearer()).body();
        // COMMENT ON COLUMN fct_registration.value (migrations/V1__star_schema.sql)
        assertTrue(xml.contains("<Property Name=\"value\" Type=\"Edm.Double\" Nullable=\"false\"><Annotation Term=\"Core.Description\">"
                + "<String>The figure (counts as published, rounded to 5 where CBS rounds)</String></Annotation></Property>"), "value's comment");
        assertTrue(xml.contains("Namespace=\"Org.OData.Core.V1\" Alias=\"Core\""), xml.substring(0, 600));
        // BenchmarkCube's column total_score: unit and description
        assertTrue(xml.contains("<Property Name=\"total_score\" Type=\"Edm.Int64\"><Annotation Term=\"Core.Description\"><String>Sum of the "
                + "area's ranks over the themes</String></Annotation><Annotation Term=\"Measures.Unit\"><String>punten</String></Annotation>"), "total_score");
        EdmEntityType benchmark = edm.getEntityContainer().getEntitySet("cube_benchmark").getEntityType();
        assertEquals("Edm.Int64", benchmark.getProperty("total_score").getType().getFullQualifiedName().getFullQualifiedNameAsString());
        assertEquals(List.of("row_number"), benchmark.getKeyPredicateNames());
        assertNotNull(edm.getEntityContainer().getEntitySet("query_population"));
        assertNotNull(edm.getEntityContainer().getEntitySet("cube_survey_sample"));
    }

    @Test
    void serviceDocumentListsEveryEntitySet() {
        var sd = client.getRetrieveRequestFactory().getServiceDocumentRequest(root).execute().getBody();
        Set<String> names = new HashSet<>(sd.getEntitySetNames());
        for (String n : List.of("dim_region", "dim_theme", "fct_registration", "fct_population", "cube_benchmark", "cube_trend",
                "query_crimes_per_municipality", "query_population")) {
            assertTrue(names.contains(n), n + " in " + names);
        }
    }

    @Test
    void benchmarkOfOostNederland2014GivesTwenteTotalScore55() {
        // Seed 002, Bijlage 2: Twente's total score over the 21 themes is 55 (shared second place with IJsselland).
        URI uri = client.newURIBuilder(root).appendEntitySetSegment("cube_benchmark")
                .addCustomQueryOption("area", "Oost-Nederland").addCustomQueryOption("level", "district")
                .addCustomQueryOption("year", "2014")
                .filter("area_name eq 'Twente'").select("area_name", "theme_code", "total_score").build();
        ClientEntitySet set = client.getRetrieveRequestFactory().getEntitySetRequest(uri).execute().getBody();
        assertEquals(21, set.getEntities().size(), "one row per theme");
        for (ClientEntity e : set.getEntities()) {
            assertEquals("Twente", e.getProperty("area_name").getPrimitiveValue().toString());
            assertEquals("55", e.getProperty("total_score").getPrimitiveValue().toString());
            assertNull(e.getProperty("rank"), "$select leaves the other properties out");
        }
        // The defaults are the same question.
        URI defaults = client.newURIBuilder(root).appendEntitySetSegment("cube_benchmark")
                .filter("area_name eq 'Twente' and theme_code eq 'woninginbraak'").build();
        List<ClientEntity> one = client.getRetrieveRequestFactory().getEntitySetRequest(defaults).execute().getBody().getEntities();
        assertEquals(1, one.size());
        assertEquals("55", one.get(0).getProperty("total_score").getPrimitiveValue().toString());
        assertEquals("3", one.get(0).getProperty("rank").getPrimitiveValue().toString());
    }

    @Test
    void nextLinksCoverALargeTableWithEveryRowExactlyOnce() throws Exception {
        long total = Long.parseLong(raw("/odata/fct_registration/$count", bearer()).body());
        assertTrue(total > 1_500, "a table of several pages: " + total);
        Set<String> keys = new HashSet<>();
        int pages = 0;
        long rows = 0;
        URI next = client.newURIBuilder(root).appendEntitySetSegment("fct_registration").build();
        while (next != null) {
            ODataEntitySetRequest<ClientEntitySet> req = client.getRetrieveRequestFactory().getEntitySetRequest(next);
            req.setPrefer("odata.maxpagesize=700");
            ClientEntitySet page = req.execute().getBody();
            assertTrue(page.getEntities().size() <= 700);
            for (ClientEntity e : page.getEntities()) {
                rows++;
                keys.add(e.getProperty("batch_id").getPrimitiveValue() + "/" + e.getProperty("row_in_batch").getPrimitiveValue());
            }
            pages++;
            next = page.getNext();
        }
        assertEquals(total, rows);
        assertEquals(total, keys.size(), "every row exactly once");
        assertEquals((total + 699) / 700, pages);
    }

    @Test
    void filterOperatorsAndFunctionsBecomeParameterisedSql() throws Exception {
        // The 14 Twente municipalities (DOMAIN.md): 3 of them start with 'H' (Haaksbergen, Hellendoorn, Hengelo).
        assertEquals(List.of("GM0158", "GM0163", "GM0164"), codes("region_code in ('GM0141','GM0158','GM0163','GM0164','GM0153') "
                + "and startswith(region_name,'H')"));
        assertEquals(List.of("GM0153"), codes("region_code eq 'GM0153' or (contains(region_name,'xyz') and region_level eq 'gemeente')"));
        // Almelo GM0141 and Borne GM0147 are the municipalities coded from GM0141 up to (not including) Dalfsen GM0148.
        assertEquals(List.of("GM0141", "GM0147"), codes("region_code ge 'GM0141' and region_code lt 'GM0148' and region_level ne 'wijk'"));
        // A quote inside a literal is just a character of the value.
        assertEquals(List.of(), codes("region_name eq 'x'' OR 1=1 --'"));
        JsonNode counted = JSON.readTree(raw("/odata/dim_region?$count=true&$top=2&$orderby=region_code%20desc&$filter="
                + enc("region_level eq 'eenheid'"), bearer()).body());
        assertEquals(2, counted.get("value").size());
        assertTrue(!counted.has("@odata.nextLink"), "$top=2 is served in full: no next page");
        assertTrue(counted.get("@odata.count").asInt() >= 10, counted.toString());
        assertTrue(counted.get("@odata.context").asText().endsWith("$metadata#dim_region"), counted.toString());
    }

    private static List<String> codes(String filter) {
        URI uri = client.newURIBuilder(root).appendEntitySetSegment("dim_region").filter(filter).select("region_code")
                .orderBy("region_code").build();
        List<String> out = new ArrayList<>();
        for (ClientEntity e : client.getRetrieveRequestFactory().getEntitySetRequest(uri).execute().getBody().getEntities()) {
            out.add(e.getProperty("region_code").getPrimitiveValue().toString());
        }
        return out;
    }

    @Test
    void tokensAreAcceptedAsBasicPasswordAndBearerOnly() throws Exception {
        HttpResponse<String> none = raw("/odata/dim_theme", null);
        assertEquals(401, none.statusCode());
        assertTrue(none.headers().allValues("WWW-Authenticate").stream().anyMatch(v -> v.startsWith("Basic")), none.headers().toString());
        assertEquals("unauthorized", JSON.readTree(none.body()).at("/error/code").asText());
        assertEquals(401, raw("/odata/dim_theme", "Bearer wrong").statusCode());
        assertEquals(401, raw("/odata/dim_theme", basic("u", "wrong")).statusCode());
        assertEquals(200, raw("/odata/dim_theme", basic("u", TOKEN)).statusCode());
        assertEquals(200, raw("/odata/dim_theme", bearer()).statusCode());
        assertEquals(200, raw("/odata/$metadata?$format=json", bearer()).statusCode());
    }

    @Test
    void unsupportedOptionsAnswerAnODataErrorNamingThem() throws Exception {
        HttpResponse<String> expand = raw("/odata/dim_region?$expand=*", bearer());
        assertEquals(501, expand.statusCode(), expand.body());
        assertTrue(JSON.readTree(expand.body()).at("/error/message").asText().contains("$expand"), expand.body());
        HttpResponse<String> search = raw("/odata/dim_region?$search=Twente", bearer());
        assertEquals(501, search.statusCode(), search.body());
        assertTrue(JSON.readTree(search.body()).at("/error/message").asText().contains("$search"), search.body());
        HttpResponse<String> fn = raw("/odata/dim_region?$filter=" + enc("substring(region_name,1) eq 'x'"), bearer());
        assertEquals(501, fn.statusCode(), fn.body());
        assertTrue(JSON.readTree(fn.body()).at("/error/message").asText().contains("function substring"), fn.body());
        HttpResponse<String> param = raw("/odata/cube_benchmark?nonsense=1", bearer());
        assertEquals(400, param.statusCode(), param.body());
        assertTrue(JSON.readTree(param.body()).at("/error/message").asText().contains("nonsense"), param.body());
    }

    static HttpResponse<String> raw(String path, String authorization) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url() + path)).GET();
        if (authorization != null) b.header("Authorization", authorization);
        return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static String bearer() {
        return "Bearer " + TOKEN;
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
