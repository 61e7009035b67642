package nl.ivz.warehouse.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import nl.ivz.warehouse.core.Warehouse;
import nl.ivz.warehouse.load.LoadOptions;
import nl.ivz.warehouse.load.Loader;
import nl.ivz.warehouse.service.Server;
import nl.ivz.warehouse.service.ServiceConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The analysts' page end to end: the real service on a random port over the demo warehouse (built from
 * warehouse/sources by the Loader), driven in headless Chromium with the bearer token set. Takes the
 * README's screenshots on the way (into target/screenshots, or the folder given by -Divz.screenshots=docs).
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebPageBrowserTest {
    static final String TOKEN = "web-test-token";
    static final ObjectMapper JSON = new ObjectMapper();

    static Path dir;
    static Server server;
    static HeadlessChromium chrome;
    static WebDriverWait wait;
    static String base;

    @BeforeAll
    static void start() throws Exception {
        HeadlessChromium.requireBrowser();
        dir = Files.createTempDirectory("ivz-web-test");
        Path file = dir.resolve("demo.duckdb");
        try (Warehouse wh = Warehouse.open(file)) {
            wh.migrate();
            new Loader(wh, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))
                    .load(List.of(Path.of("warehouse", "sources")), LoadOptions.defaults());
        }
        server = Server.start(ServiceConfig.defaults().warehouse(file).port(0).token(TOKEN));
        base = server.url();
        chrome = new HeadlessChromium(1440, 1000);
        wait = new WebDriverWait(chrome.driver, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws IOException {
        try {
            if (chrome != null) chrome.close();
        } finally {
            if (server != null) server.stop();
            if (dir != null) HeadlessChromium.deleteTree(dir);
        }
    }

    // ------------------------------------------------------------------ helpers

    static JsonNode api(String pathAndQuery) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static WebElement waitFor(String css) {
        return wait.until(d -> {
            List<WebElement> es = d.findElements(By.cssSelector(css));
            return es.isEmpty() || !es.get(0).isDisplayed() ? null : es.get(0);
        });
    }

    static void open(String hash) {
        chrome.driver.get(base + "/" + hash);
    }

    static void screenshot(String name) throws IOException {
        Path out = Path.of(System.getProperty("ivz.screenshots", "target/screenshots"));
        Files.createDirectories(out);
        Files.write(out.resolve("web-" + name + ".png"), chrome.fullPageScreenshot());
    }

    static String text(String css) {
        return chrome.driver.findElement(By.cssSelector(css)).getText().strip();
    }

    static Path waitForDownload(String fileName) {
        Path p = chrome.downloads.resolve(fileName);
        // the page's status line says what happened to the download when the file does not arrive
        return new WebDriverWait(chrome.driver, Duration.ofSeconds(30))
                .withMessage(() -> fileName + " not in " + chrome.downloads + "; page status: " + text("#status")
                        + "; files there: " + listing(chrome.downloads))
                .until(d -> Files.isRegularFile(p) && !Files.exists(chrome.downloads.resolve(fileName + ".crdownload")) ? p : null);
    }

    static String listing(Path dir) {
        try (java.util.stream.Stream<Path> s = Files.list(dir)) {
            return s.map(x -> x.getFileName().toString()).sorted().toList().toString();
        } catch (IOException e) {
            return e.getMessage();
        }
    }

    // ------------------------------------------------------------------ tests

    @Test
    @Order(1)
    void withoutTokenThePageShowsTheServicesProblemThenTheTokenUnlocksIt() {
        open("#view=benchmark");
        WebElement problem = waitFor("#out-benchmark .problem");
        assertTrue(problem.getText().contains("A valid bearer token is required"), problem.getText());
        WebElement field = chrome.driver.findElement(By.id("token"));
        field.sendKeys(TOKEN, Keys.ENTER);
        waitFor("#benchmark-table");
        assertEquals(TOKEN, chrome.driver.executeScript("return sessionStorage.getItem('ivz.token')"));
        // Every form control has a label a screen reader and keyboard user can find.
        Object unlabelled = chrome.driver.executeScript("return [...document.querySelectorAll('input, select, textarea')]"
                + ".filter(e => !e.getAttribute('aria-label') && !document.querySelector('label[for=\"' + e.id + '\"]'))"
                + ".map(e => e.id || e.name)");
        assertEquals(List.of(), unlabelled);
    }

    @Test
    @Order(2)
    void benchmarkOfTheFiveDistrictsOfOostNederlandIn2014() throws Exception {
        open("#view=benchmark");
        waitFor("#b-parent option[value='RE02']");
        new Select(chrome.driver.findElement(By.id("b-parent"))).selectByValue("RE02");
        new Select(chrome.driver.findElement(By.id("b-level"))).selectByValue("district");
        new Select(chrome.driver.findElement(By.id("b-year"))).selectByValue("2014");
        new Select(chrome.driver.findElement(By.id("b-area"))).selectByValue("PD-TWENTE");
        // Submitted from the keyboard: focus on the button, Enter.
        chrome.driver.findElement(By.cssSelector("#form-benchmark button[type=submit]")).sendKeys(Keys.ENTER);
        waitFor("#benchmark-table tr[data-area='PD-TWENTE'][class='highlight']");

        // The link reproduces the view: the state is in the URL.
        String url = chrome.driver.getCurrentUrl();
        assertTrue(url.contains("parent=RE02") && url.contains("level=district") && url.contains("year=2014")
                && url.contains("area=PD-TWENTE"), url);

        List<WebElement> areaRows = chrome.driver.findElements(By.cssSelector("#benchmark-table tbody tr[data-area]"));
        assertEquals(5, areaRows.size(), "the 5 districts of Oost-Nederland");
        // Twente's total score: 55 as published in Bijlage 2, and the recomputed one as the cube computes it.
        assertEquals("55", text("#benchmark-table tr[data-area='PD-TWENTE'] td[data-col='published-total']"));
        JsonNode cube = api("/api/cubes/benchmark?area=RE02&level=district&year=2014");
        long recomputed = twenteTotal(cube);
        assertEquals(55, recomputed, "the ranks recomputed from the rates add up to the published 55");
        assertEquals(Long.toString(recomputed), text("#benchmark-table tr[data-area='PD-TWENTE'] td[data-col='total']"));
        assertEquals("= gelijk", text("#benchmark-table tr[data-area='PD-TWENTE'] td[data-col='flag']"));
        assertEquals("2", text("#benchmark-table tr[data-area='PD-TWENTE'] td[data-col='position']"), "shared second place");

        // One bar chart per theme, five bars each, Twente's bar highlighted, the unit's value as reference line.
        List<WebElement> charts = chrome.driver.findElements(By.cssSelector("#benchmark-charts svg.bar-chart"));
        assertFalse(charts.isEmpty(), "bar charts rendered");
        WebElement first = charts.get(0);
        assertEquals(5, first.findElements(By.cssSelector("rect.bar")).size());
        assertEquals(1, first.findElements(By.cssSelector("rect.bar.highlight")).size());
        assertEquals(1, first.findElements(By.cssSelector("line.ref-line")).size());
        assertTrue(first.findElement(By.cssSelector("text.ref-label")).getText().startsWith("Oost-Nederland"));
        assertTrue(text("#out-benchmark .sources").startsWith("Bron:"), text("#out-benchmark .sources"));
        assertTrue(text("#source").contains("laatst geladen"), text("#source"));
        screenshot("benchmark");

        // Download as CSV: fetched with the token, saved by the browser, the same rows as the cube's JSON.
        WebElement csvButton = chrome.driver.findElement(By.cssSelector("#out-benchmark button[data-format='csv']"));
        wait.until(d -> csvButton.isDisplayed() && csvButton.isEnabled());
        // Nothing covers the button (a user's click lands on it); the click itself is dispatched by script because
        // chromedriver's pointer click after the full-page screenshot did not reach the button's handler.
        assertEquals(Boolean.TRUE, chrome.driver.executeScript("const r = arguments[0].getBoundingClientRect();"
                + " return document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2) === arguments[0];", csvButton));
        chrome.driver.executeScript("arguments[0].click()", csvButton);
        String csv = Files.readString(waitForDownload("benchmark-2014.csv"), StandardCharsets.UTF_8);
        String[] lines = csv.split("\r\n");
        assertEquals(cube.get("rowCount").asLong() + 1, lines.length, csv);
        assertTrue(csv.contains("Twente"), csv);
    }

    static int column(JsonNode result, String name) {
        JsonNode cols = result.get("columns");
        for (int i = 0; i < cols.size(); i++) if (cols.get(i).get("name").asText().equals(name)) return i;
        throw new AssertionError("no column " + name + " in " + cols);
    }

    static long twenteTotal(JsonNode cube) {
        int area = column(cube, "area_code"), total = column(cube, "total_score");
        for (JsonNode row : cube.get("rows")) {
            if (row.get(area).asText().equals("PD-TWENTE")) return row.get(total).asLong();
        }
        throw new AssertionError("no Twente row in " + cube);
    }

    @Test
    @Order(3)
    void trendDrawsALinePerAreaAndTheTable() throws Exception {
        // Seed 002, 2.5.1: registered crimes 2013-2014 in unit Oost-Nederland and its 5 districts.
        String trendParams = "area=RE02&level=district&themes=misdrijven_totaal&from=2013&to=2014";
        open("#view=trend&" + trendParams);
        WebElement chart = waitFor("#out-trend svg.line-chart");
        JsonNode cube = api("/api/cubes/trend?" + trendParams);
        int areaCol = column(cube, "area_code");
        java.util.Set<String> areas = new java.util.TreeSet<>();
        for (JsonNode row : cube.get("rows")) areas.add(row.get(areaCol).asText());
        assertEquals(6, areas.size(), "the unit and its 5 districts: " + areas);
        // The unit and the level below it are drawn by default, one table row per area.
        assertEquals(6, chart.findElements(By.cssSelector("polyline.series")).size());
        assertEquals(6, chrome.driver.findElements(By.cssSelector("#trend-table tbody tr")).size());
        String ijsselland = text("#trend-table tr[data-area='PD-IJSSELLAND']");
        assertTrue(ijsselland.contains("24.594") && ijsselland.contains("22.284") && ijsselland.contains("-9,4%"), ijsselland);
        // Unticking a line redraws the chart and the link keeps the choice.
        chrome.driver.findElement(By.cssSelector("#t-show input[value='PD-TWENTE']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#out-trend svg.line-chart polyline.series")).size() == 5);
        String shown = java.net.URLDecoder.decode(chrome.driver.getCurrentUrl().replaceAll(".*[#&]show=([^&]*).*", "$1"), StandardCharsets.UTF_8);
        assertEquals(5, shown.split(",").length, shown);
        assertFalse(shown.contains("PD-TWENTE"), shown);
        chrome.driver.findElement(By.cssSelector("#t-show input[value='PD-TWENTE']")).click();
        wait.until(d -> d.findElements(By.cssSelector("#out-trend svg.line-chart polyline.series")).size() == 6);
        screenshot("trend");

        // Burglaries in Twente with the target trajectory of seed 002 (5% down a year from 2013: 1,895 in 2015, 1,800 in 2016).
        open("#view=trend&area=PD-TWENTE&level=district&themes=woninginbraak&from=2013&to=2016");
        WebElement withTarget = waitFor("#out-trend svg.line-chart polyline.target");
        assertNotNull(withTarget);
        String targetTable = text("#target-table");
        assertTrue(targetTable.contains("2015 1.895 1.895"), targetTable);
        assertTrue(targetTable.contains("2016 1.800 1.800"), targetTable);
    }

    @Test
    @Order(4)
    void prioritiesMatrixWithThreshold() throws Exception {
        open("#view=priorities");
        WebElement chart = waitFor("#out-priorities svg.threshold-chart");
        assertEquals(1, chart.findElements(By.cssSelector("line.threshold")).size());
        waitFor("#priorities-table");
        screenshot("priorities");
    }

    @Test
    @Order(5)
    void surveySignificanceWithErrorBars() throws Exception {
        // "Je ziet de politie te weinig in de buurt" (VM 2019) for Twente's 5 basisteams against the district:
        // Twente-Midden 54,1 +- 5,6 against 45,3 +- 2,8 differs by 8,8 > sqrt(5,6^2 + 2,8^2) = 6,3, so worse.
        open("#view=survey&indicator=vm_politie_te_weinig_zichtbaar&parent=PD-TWENTE&level=basisteam&reference=parent");
        WebElement chart = waitFor("#out-survey svg.error-chart");
        assertEquals(5, chart.findElements(By.cssSelector("g.errbar")).size());
        assertEquals(1, chart.findElements(By.cssSelector("rect.ref-band")).size());
        JsonNode cube = api("/api/cubes/significance?indicator=vm_politie_te_weinig_zichtbaar&area=PD-TWENTE&level=basisteam&reference=parent");
        int better = 0, worse = 0;
        for (JsonNode row : cube.get("rows")) {
            String result = row.get(column(cube, "result")).asText();
            if (result.equals("beter")) better++;
            if (result.equals("slechter")) worse++;
        }
        assertEquals(better, chart.findElements(By.cssSelector("g.errbar.better")).size());
        assertEquals(worse, chart.findElements(By.cssSelector("g.errbar.worse")).size());
        WebElement midden = chrome.driver.findElement(By.xpath("//div[@id='out-survey']//tr[th[normalize-space()='Twente-Midden']]"));
        assertTrue(midden.getText().contains("slechter"), midden.getText());
        screenshot("survey");
    }

    @Test
    @Order(6)
    void surveySampleWithThresholdAndCosts() throws Exception {
        // Seed 000: Borne has 74 respondents, needs 226 more; 226 x 9.28 = 2,097.28 (2,095 rounded to 5) against the
        // published 2,100, so the row is flagged; in total 2,218 extra respondents, EUR 20,585 as published.
        open("#view=sample&area=PD-TWENTE&year=2013");
        WebElement chart = waitFor("#out-sample svg.threshold-chart");
        assertEquals(14, chart.findElements(By.cssSelector("rect.bar")).size());
        assertEquals(1, chart.findElements(By.cssSelector("line.threshold")).size());
        WebElement borne = chrome.driver.findElement(By.xpath("//table[@id='sample-table']//tr[th[normalize-space()='Borne']]"));
        String b = borne.getText();
        assertTrue(b.startsWith("Borne 74 226 226"), b);
        assertTrue(b.contains("2.095") && b.contains("2.100") && b.contains("≠ nee"), b);
        String total = chrome.driver.findElement(By.cssSelector("#sample-table tr.total-row")).getText();
        assertTrue(total.startsWith("Totaal 4874 2218 2218") || total.startsWith("Totaal 4.874 2.218 2.218"), total);
        assertTrue(total.contains("20.585"), total);
        screenshot("sample");
    }

    @Test
    @Order(6)
    void darkNumberPerCrimeKindAndPerOldPoliceRegion() throws Exception {
        // Seed 004 (VM 2015): geweld totaal 3,39 per 100 (read from '339'), 21,43% reported; 47025NED 2015 registered 93,724
        // violent crimes; the % reported of identiteitsfraude cannot be read and shows as a flag. IVM Twente (PO): 5,5% -> 4,2%.
        open("#view=dark&area=NL01&year=2015&from=2008&to=2011");
        waitFor("#dark-regions-table");
        String g = chrome.driver.findElement(By.xpath("//table[@id='dark-table']//tr[th[normalize-space()='Geweld totaal']]")).getText();
        assertTrue(g.contains("3,39") && g.contains("hersteld (komma)") && g.contains("21,43") && g.contains("93.724"), g);
        // scaled to the 14,073,660 inhabitants of 15+ (70072ned, 12 provinces): 3.39% = 477,097 incidents; registered geweld holds more
        assertTrue(g.contains("477.097") && g.contains("ruimer"), g);
        String caption = chrome.driver.findElement(By.cssSelector("#dark-table caption")).getText();
        assertTrue(caption.contains("inwoners_15_plus") && caption.contains("14.073.660") && caption.contains("som van de 12 provincies"), caption);
        WebElement property = chrome.driver.findElement(By.xpath("//table[@id='dark-table']//tr[th[normalize-space()='Vermogensdelicten']]"));
        assertTrue(property.getText().contains("anders"), property.getText());
        assertEquals(1, property.findElements(By.cssSelector("td.mismatch")).size(), "definitions differ: flagged");
        WebElement id = chrome.driver.findElement(By.xpath("//table[@id='dark-table']//tr[th[normalize-space()='Identiteitsfraude']]"));
        assertTrue(id.getText().contains("onzeker: niet gelezen"), id.getText());
        assertEquals(1, id.findElements(By.cssSelector("td.mismatch")).size());
        String t = chrome.driver.findElement(By.xpath("//table[@id='dark-regions-table']//tr[th[normalize-space()='Twente'] and td[normalize-space()='geweld']]")).getText();
        assertTrue(t.contains("5,5") && t.contains("4,2") && t.contains("6,1") && t.contains("5,9"), t);
        assertTrue(text("#dark-regions-definitions").startsWith("Definities: anders."), text("#dark-regions-definitions"));
        screenshot("dark");
    }

    @Test
    @Order(7)
    void sqlConsoleRunsWithCtrlEnterShowsErrorsAndDownloadsCsv() throws Exception {
        open("#view=sql");
        waitFor("#schema-tree details[data-table='dim_region']");
        WebElement ta = chrome.driver.findElement(By.id("sql-text"));

        ta.clear();
        ta.sendKeys("SELECT * FROM no_such_table");
        ta.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        WebElement problem = waitFor("#out-sql .problem");
        assertEquals("The SQL could not be parsed or run", text("#out-sql .problem-title"));
        assertTrue(problem.getText().contains("no_such_table"), problem.getText());

        ta.clear();
        ta.sendKeys("SELECT region_code, region_name FROM dim_region JOIN dim_region_parent USING (region_code)"
                + " WHERE parent_code = 'RE02' AND region_level = 'district' ORDER BY region_code");
        ta.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        waitFor("#sql-meta");
        assertTrue(text("#sql-meta").startsWith("5 rijen"), text("#sql-meta"));
        assertTrue(text("#sql-meta").contains("volledig"), text("#sql-meta"));
        assertTrue(text("#sql-elapsed").contains("ms"), text("#sql-elapsed"));
        assertTrue(chrome.driver.getCurrentUrl().contains("sql=" + URLEncoder.encode("SELECT", StandardCharsets.UTF_8)));
        List<WebElement> cells = chrome.driver.findElements(By.cssSelector("#out-sql table.result tbody tr td"));
        assertEquals("PD-GELDERLAND-MIDDEN", cells.get(0).getText());
        assertEquals("Twente", cells.get(9).getText());

        chrome.driver.findElement(By.cssSelector("#out-sql button[data-format='csv']")).click();
        String csv = Files.readString(waitForDownload("query.csv"), StandardCharsets.UTF_8);
        assertEquals("region_code,region_name\r\n"
                + "PD-GELDERLAND-MIDDEN,Gelderland Midden\r\n"
                + "PD-GELDERLAND-ZUID,Gelderland Zuid\r\n"
                + "PD-IJSSELLAND,IJsselland\r\n"
                + "PD-NOORD-EN-OOST-GELDERLAND,Noord en Oost Gelderland\r\n"
                + "PD-TWENTE,Twente\r\n", csv);

        chrome.driver.findElement(By.cssSelector("#out-sql button[data-format='csv-nl']")).click();
        String nl = Files.readString(waitForDownload("query-nl.csv"), StandardCharsets.UTF_8);
        assertTrue(nl.startsWith("\uFEFFregion_code;region_name\r\n"), nl);

        // The console's example query (seed 002, 2.5.1): crimes in the unit and its districts, 2013-2014.
        chrome.driver.executeScript("document.getElementById('sql-text').value = DEFAULT_SQL");
        ta.sendKeys(Keys.chord(Keys.CONTROL, Keys.ENTER));
        wait.until(d -> d.findElement(By.id("sql-meta")).getText().startsWith("6 rijen"));
        List<WebElement> rows = chrome.driver.findElements(By.cssSelector("#out-sql table.result tbody tr"));
        assertEquals("Oost-Nederland eenheid 166987 149532 -10,5", rows.get(0).getText());
        assertEquals("Twente district 34649 30097 -13,1", rows.get(5).getText(), "seed 002: Twente crimes -13%");
        screenshot("sql");
    }

    @Test
    @Order(8)
    void consoleShowsTheTruncatedFlag() {
        open("#view=sql&sql=" + URLEncoder.encode("SELECT range AS n FROM range(20000)", StandardCharsets.UTF_8).replace("+", "%20"));
        waitFor("#sql-truncated");
        assertTrue(text("#sql-meta").startsWith("10.000 rijen"), text("#sql-meta"));
        assertNotNull(chrome.driver.findElement(By.cssSelector("#out-sql table.result")));
    }

    /** The fill of a map area and its value as the page drew them. */
    static Map<String, String[]> mapAreas() {
        Map<String, String[]> m = new TreeMap<>();
        for (WebElement p : chrome.driver.findElements(By.cssSelector("#map-svg path.area"))) {
            m.put(p.getAttribute("data-code"), new String[]{p.getAttribute("fill"), p.getAttribute("data-value")});
        }
        return m;
    }

    @Test
    @Order(9)
    void mapOfOostNederlandsMunicipalitiesIn2023AndTheUnitsOfNederland() throws Exception {
        open("#view=map&parent=RE02&level=gemeente&year=2023&cube=benchmark&column=value&theme=misdrijven_totaal");
        waitFor("#map-svg path.area");
        JsonNode geo = api("/api/maps/gemeente?year=2023&area=RE02");
        Map<String, String[]> areas = mapAreas();
        assertEquals(geo.get("features").size(), areas.size());
        // 2023 has no boundaries of its own: the page says which year it drew
        assertTrue(text("#map-borders").startsWith("Grenzen van 2022"), text("#map-borders"));
        // every drawn value is the API's; a higher value never gets a lighter class; no value = grey
        JsonNode cube = api("/api/cubes/benchmark?area=RE02&level=gemeente&year=2023&themes=misdrijven_totaal");
        Map<String, Double> values = new TreeMap<>();
        int code = -1, value = -1;
        for (int i = 0; i < cube.get("columns").size(); i++) {
            if (cube.get("columns").get(i).get("name").asText().equals("area_code")) code = i;
            if (cube.get("columns").get(i).get("name").asText().equals("value")) value = i;
        }
        for (JsonNode r : cube.get("rows")) if (!r.get(value).isNull()) values.put(r.get(code).asText(), r.get(value).asDouble());
        assertFalse(values.isEmpty(), "the 2023 benchmark has rates");
        List<String> seq = List.of("#eff3ff", "#bdd7e7", "#6baed6", "#3182bd", "#08519c");
        List<Map.Entry<String, Double>> sorted = new java.util.ArrayList<>(values.entrySet());
        sorted.sort(Map.Entry.comparingByValue());
        int lastClass = -1;
        for (Map.Entry<String, Double> e : sorted) {
            String[] drawn = areas.get(e.getKey());
            assertEquals(e.getValue(), Double.parseDouble(drawn[1]), 1e-9, e.getKey());
            int cls = seq.indexOf(drawn[0]);
            assertTrue(cls >= lastClass, e.getKey() + " " + drawn[0]);
            lastClass = cls;
        }
        assertEquals("#08519c", areas.get(sorted.get(sorted.size() - 1).getKey())[0], "the highest rate in the darkest class");
        for (Map.Entry<String, String[]> a : areas.entrySet()) {
            if (!values.containsKey(a.getKey())) assertEquals("#cfd3d8", a.getValue()[0], a.getKey() + " has no value: grey");
        }
        assertTrue(text("#map-legend").contains("geen gegevens"), text("#map-legend"));
        screenshot("map");

        // Excel button: the workbook of the map's cube, with its Bron sheet
        chrome.driver.findElement(By.cssSelector("#out-map button[data-format='xlsx']")).click();
        Path xlsx = waitForDownload("kaart-benchmark-gemeente-2023.xlsx");
        try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb = new org.apache.poi.xssf.usermodel.XSSFWorkbook(Files.newInputStream(xlsx))) {
            assertEquals(cube.get("rows").size(), wb.getSheet("Gegevens").getLastRowNum());
            assertNotNull(wb.getSheet("Bron"));
        }

        // hover shows name and value; a click opens the benchmark of that area
        String enschede = "GM0153";
        WebElement area = chrome.driver.findElement(By.cssSelector("#map-svg path.area[data-code='" + enschede + "']"));
        new org.openqa.selenium.interactions.Actions(chrome.driver).moveToElement(area).perform();
        wait.until(d -> d.findElement(By.id("map-tip")).getText().startsWith("Enschede: "));
        // dispatched on the path itself: the centre of a municipality's box can lie outside its outline
        chrome.driver.executeScript("arguments[0].dispatchEvent(new MouseEvent('click', { bubbles: true }))", area);
        wait.until(d -> d.getCurrentUrl().contains("view=benchmark") && d.getCurrentUrl().contains("area=" + enschede));
        waitFor("#out-benchmark table");

        // the units of Nederland on the police units' own boundaries (2016, the only year bundled)
        open("#view=map&parent=NL01&level=eenheid&year=2023&cube=benchmark&column=value&theme=misdrijven_totaal");
        wait.until(d -> d.findElements(By.cssSelector("#map-svg path.area")).size() == 10);
        assertTrue(text("#map-borders").startsWith("Grenzen van 2016"), text("#map-borders"));
        JsonNode units = api("/api/cubes/benchmark?area=NL01&level=eenheid&year=2023&themes=misdrijven_totaal");
        Map<String, String[]> drawnUnits = mapAreas();
        for (JsonNode r : units.get("rows")) {
            if (r.get(value).isNull()) continue;
            assertEquals(r.get(value).asDouble(), Double.parseDouble(drawnUnits.get(r.get(code).asText())[1]), 1e-9);
        }
        screenshot("map-units");
    }

    @Test
    @Order(10)
    void consoleChartsAnyResultAndKeepsAHistoryAndTheTrendChartShowsGaps() {
        open("#view=sql&sql=" + URLEncoder.encode("SELECT 'Twente' AS gebied, 55 AS score UNION ALL SELECT 'IJsselland', 55 UNION ALL "
                + "SELECT 'Gelderland Zuid', 70 ORDER BY 1", StandardCharsets.UTF_8).replace("+", "%20"));
        waitFor("#sql-chart svg.bar-chart");
        assertEquals(3, chrome.driver.findElements(By.cssSelector("#sql-chart svg.bar-chart rect.bar")).size());
        new Select(chrome.driver.findElement(By.id("sql-chart-kind"))).selectByValue("line");
        waitFor("#sql-chart svg.line-chart");
        assertTrue(text("#sql-history").contains("Eerdere queries"), text("#sql-history"));
        // years 2013 and 2015 without 2014: placed at their distance, not joined by a line, and named
        Object gap = chrome.driver.executeScript("const g = lineChart('t', [{ name: 'a', points: [{ x: 2013, y: 1 }, { x: 2015, y: 2 }, { x: 2016, y: 3 }] }], '');"
                + "return [g.querySelector('.gap-note').textContent, g.querySelectorAll('polyline').length, g.querySelectorAll('.gap-bridge').length];");
        assertEquals(List.of("Geen gegevens voor 2014", 2L, 1L), gap);
    }
}
