package nl.ivz.warehouse.service;

import nl.ivz.warehouse.cli.Main;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14: format=xlsx from a cube, a canned query and an ad-hoc query over HTTP, and from `ivz cube --format xlsx`,
 * read back with Apache POI (not the writer): typed cells, header row, frozen pane, the "Bron" sheet.
 */
class XlsxExportTest {
    @TempDir
    Path dir;

    @Test
    void benchmarkWorkbookHasTwentesTotalScoreAsANumberAndItsSources() throws Exception {
        Path file = ServiceFixture.demoFile(dir);
        try (Server s = Server.start(ServiceConfig.defaults().warehouse(file).port(0))) {
            HttpClient http = HttpClient.newHttpClient();
            HttpResponse<byte[]> r = get(http, s, "/api/cubes/benchmark?area=Oost-Nederland&level=district&year=2014&format=xlsx");
            assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
            assertEquals("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", r.headers().firstValue("Content-Type").orElse(""));
            assertTrue(r.headers().firstValue("Content-Disposition").orElse("").contains("benchmark.xlsx"));
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.body()))) {
                Sheet data = wb.getSheet("Gegevens");
                assertEquals(1, data.getPaneInformation().getHorizontalSplitTopRow(), "header row frozen");
                List<String> header = texts(data.getRow(0));
                int name = header.indexOf("area_name");
                int total = header.indexOf("total_score");
                int published = header.indexOf("published_total_score");
                int value = header.indexOf("value");
                int themes = 0;
                for (int i = 1; i <= data.getLastRowNum(); i++) {
                    Row row = data.getRow(i);
                    if (!row.getCell(name).getStringCellValue().equals("Twente")) continue;
                    // seed 002, Bijlage 2: Twente's total score 55 (recomputed and published), typed as numbers
                    assertEquals(CellType.NUMERIC, row.getCell(total).getCellType());
                    assertEquals(55.0, row.getCell(total).getNumericCellValue());
                    assertEquals(55.0, row.getCell(published).getNumericCellValue());
                    assertEquals("#,##0.00", row.getCell(value).getCellStyle().getDataFormatString()); // rates: 2 decimals
                    themes++;
                }
                assertEquals(21, themes, "Twente has a row for each of the 21 themes");
                assertTrue(data.getColumnWidth(name) > data.getColumnWidth(total), "widths follow the content");
                Sheet bron = wb.getSheet("Bron");
                assertNotNull(bron, "sheet Bron");
                String all = sheetText(bron);
                assertTrue(all.contains("cube benchmark area=Oost-Nederland"), all);
                assertTrue(all.contains("Dense rank within the theme, 1 = best by the measure's polarity"), all);
                assertTrue(all.contains("seed002_bijlage2_incidentie_oost_nederland.csv"), all);
                Row loaded = find(bron, "seed002_bijlage2_incidentie_oost_nederland.csv");
                assertTrue(DateUtil.isCellDateFormatted(loaded.getCell(5)), "load date typed as a date");
            }

            // a canned query: a date column comes out as an Excel date
            HttpResponse<byte[]> q = get(http, s, "/api/queries/load-history?format=xlsx");
            assertEquals(200, q.statusCode());
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(q.body()))) {
                Sheet data = wb.getSheet("Gegevens");
                int started = texts(data.getRow(0)).indexOf("started_at");
                assertTrue(DateUtil.isCellDateFormatted(data.getRow(1).getCell(started)));
                assertTrue(sheetText(wb.getSheet("Bron")).contains("Load history"));
            }

            // an ad-hoc query: money as DECIMAL keeps two decimals; column comments fill the Bron sheet
            String sql = "SELECT region_code, CAST(226 * 9.28 AS DECIMAL(18,2)) AS cost FROM dim_region WHERE region_code = 'GM0147'";
            HttpResponse<byte[]> a = get(http, s, "/api/query?format=xlsx&sql=" + URLEncoder.encode(sql, StandardCharsets.UTF_8));
            assertEquals(200, a.statusCode(), new String(a.body(), StandardCharsets.UTF_8));
            try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(a.body()))) {
                Cell cost = wb.getSheet("Gegevens").getRow(1).getCell(1);
                assertEquals(2097.28, cost.getNumericCellValue()); // seed 000: Borne, 226 extra respondents x EUR 9.28
                assertEquals("#,##0.00", cost.getCellStyle().getDataFormatString());
                assertTrue(sheetText(wb.getSheet("Bron")).contains("(dim_region)"));
            }
        }

        // the CLI writes the same workbook to standard output
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream old = System.out;
        try {
            System.setOut(new PrintStream(out, true));
            assertEquals(0, Main.run("cube", "survey-sample", "--warehouse", file.toString(), "--format", "xlsx"));
        } finally {
            System.setOut(old);
        }
        try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            Row borne = find(wb.getSheet("Gegevens"), "Borne");
            int cost = texts(wb.getSheet("Gegevens").getRow(0)).indexOf("cost");
            assertEquals(2097.28, borne.getCell(cost).getNumericCellValue());
            assertTrue(sheetText(wb.getSheet("Bron")).contains("ivz cube survey-sample"));
        }
    }

    private static HttpResponse<byte[]> get(HttpClient http, Server s, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(s.url() + path)).build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    private static List<String> texts(Row row) {
        List<String> out = new ArrayList<>();
        for (Cell c : row) out.add(c.getCellType() == CellType.STRING ? c.getStringCellValue() : c.toString());
        return out;
    }

    private static Row find(Sheet sheet, String text) {
        for (Row row : sheet) for (Cell c : row) if (c.getCellType() == CellType.STRING && c.getStringCellValue().equals(text)) return row;
        throw new AssertionError("no cell '" + text + "' in sheet " + sheet.getSheetName());
    }

    private static String sheetText(Sheet sheet) {
        StringBuilder sb = new StringBuilder();
        for (Row row : sheet) {
            for (Cell c : row) sb.append(c).append(" | ");
            sb.append('\n');
        }
        return sb.toString();
    }
}
