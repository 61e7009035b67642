package nl.ivz.warehouse.sources;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A CBS OData v4 dataset saved as a folder of JSON files: Observations (Id, Measure, ValueAttribute, Value,
 * StringValue, one field per dimension) in one or more pages, plus MeasureCodes, one code list per dimension
 * (&lt;Dim&gt;Codes), Dimensions and Properties. The folder's index.json (tableId, observationPages, files) names
 * them; without it the conventional names are used (observations*.json, measure-codes.json, codes-&lt;Dim&gt;.json,
 * dimensions.json). Code lists are small and read whole; observations are streamed.
 */
public final class ODataV4Dataset {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One code of a code list. */
    public record Code(String id, int index, String title, String status, String unit) { }

    /** One observation; {@code line} is its line in the page file. */
    public record Observation(Path page, long line, long id, String measure, String valueAttribute, Double value,
                              String stringValue, String badValue, Map<String, String> dims) { }

    public interface ObservationSink {
        void accept(Observation o) throws Exception;
    }

    private final Path folder;
    private final Path index;
    private final String tableId;
    private final List<Path> pages;
    private final Map<String, Path> files;

    private ODataV4Dataset(Path folder, Path index, String tableId, List<Path> pages, Map<String, Path> files) {
        this.folder = folder;
        this.index = index;
        this.tableId = tableId;
        this.pages = pages;
        this.files = files;
    }

    public static boolean isIndex(String head) {
        return head.contains("\"observationPages\"") && head.contains("\"tableId\"");
    }

    public static boolean isObservations(String head) {
        return head.contains("$metadata#Observations");
    }

    /** Part files of a folder that has an index.json: they are read through the index. */
    public static Path indexOf(Path file) {
        Path idx = file.toAbsolutePath().resolveSibling("index.json");
        if (file.getFileName().toString().equals("index.json") || !Files.isRegularFile(idx)) return null;
        try {
            return isIndex(SourceText.head(idx)) ? idx : null;
        } catch (IOException | SourceFormatException e) {
            return null;
        }
    }

    /** Opens the dataset from its index.json or from an observations page (siblings by convention). */
    public static ODataV4Dataset open(Path file, String head) throws IOException, SourceFormatException {
        Path folder = file.toAbsolutePath().getParent();
        if (isIndex(head)) {
            JsonNode idx = tree(file);
            String table = text(idx, "tableId");
            if (table == null) throw new SourceFormatException(file, 0, "tableId", null, "the table id in index.json (\"tableId\": \"03759ned\")");
            List<Path> pages = new ArrayList<>();
            JsonNode p = idx.get("observationPages");
            if (p == null || !p.isArray() || p.isEmpty()) {
                throw new SourceFormatException(file, 0, "observationPages", null, "a list of observation page files in index.json");
            }
            for (JsonNode n : p) pages.add(folder.resolve(n.asText()));
            Map<String, Path> files = new LinkedHashMap<>();
            JsonNode f = idx.get("files");
            if (f != null) f.fields().forEachRemaining(e -> files.put(e.getKey(), folder.resolve(e.getValue().asText())));
            return new ODataV4Dataset(folder, file, table, pages, files);
        }
        Map<String, Path> files = new LinkedHashMap<>();
        try (var s = Files.list(folder)) {
            s.forEach(x -> {
                String n = x.getFileName().toString();
                if (n.startsWith("codes-") && n.endsWith(".json")) files.put(n.substring(0, n.length() - 5), x);
            });
        }
        files.put("measure-codes", folder.resolve("measure-codes.json"));
        files.put("dimensions", folder.resolve("dimensions.json"));
        String table = null;
        int at = head.indexOf("/CBS/");
        if (at >= 0) {
            int end = head.indexOf('/', at + 5);
            if (end > at) table = head.substring(at + 5, end);
        }
        if (table == null) throw new SourceFormatException(file, 2, "@odata.context", null, "an OData v4 context URL naming the table (.../CBS/03759ned/$metadata#Observations)");
        return new ODataV4Dataset(folder, file, table, List.of(file), files);
    }

    public String tableId() { return tableId; }
    public Path index() { return index; }
    public List<Path> pages() { return pages; }

    /** A required part file (measure-codes, dimensions, codes-RegioS, ...); missing is fatal. */
    public Path part(String key) throws SourceFormatException {
        Path p = files.get(key);
        if (p == null) p = folder.resolve(key + ".json");
        if (!Files.isRegularFile(p)) {
            throw new SourceFormatException(index, 0, key, p.getFileName().toString(),
                    "the code list file " + p.getFileName() + " next to " + index.getFileName() + " (an OData v4 dataset is the observations plus its code lists)");
        }
        return p;
    }

    /** Dimension identifiers from dimensions.json. */
    public List<String> dimensions() throws IOException, SourceFormatException {
        List<String> out = new ArrayList<>();
        for (JsonNode n : values(part("dimensions"))) out.add(text(n, "Identifier"));
        return out;
    }

    /** A code list (measure-codes or codes-&lt;Dim&gt;) by identifier, in file order. */
    public Map<String, Code> codes(String key) throws IOException, SourceFormatException {
        Map<String, Code> out = new LinkedHashMap<>();
        for (JsonNode n : values(part(key))) {
            String id = text(n, "Identifier");
            if (id == null) continue;
            out.put(id.trim(), new Code(id.trim(), n.path("Index").asInt(0), text(n, "Title"), text(n, "Status"), text(n, "Unit")));
        }
        return out;
    }

    private static List<JsonNode> values(Path file) throws IOException, SourceFormatException {
        JsonNode root = tree(file);
        JsonNode v = root.get("value");
        if (v == null || !v.isArray()) throw new SourceFormatException(file, 0, "value", null, "an OData \"value\" array");
        List<JsonNode> out = new ArrayList<>();
        v.forEach(out::add);
        return out;
    }

    private static JsonNode tree(Path file) throws IOException, SourceFormatException {
        try (InputStream in = Files.newInputStream(file)) {
            return JSON.readTree(in);
        } catch (JsonEOFException e) {
            throw new SourceFormatException(file, e.getLocation().getLineNr(), null, "end of file", "complete JSON (the file is truncated)");
        } catch (JsonParseException e) {
            throw new SourceFormatException(file, e.getLocation().getLineNr(), null, null, "valid JSON (" + e.getOriginalMessage() + ")");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    /** Streams the observations of every page in order. */
    public void observations(ObservationSink sink) throws Exception {
        for (Path page : pages) {
            if (!Files.isRegularFile(page)) {
                throw new SourceFormatException(index, 0, "observationPages", page.getFileName().toString(), "the observations page file listed in " + index.getFileName());
            }
            long count = 0;
            try (InputStream in = Files.newInputStream(page); JsonParser p = new JsonFactory().createParser(in)) {
                if (p.nextToken() != JsonToken.START_OBJECT) throw new SourceFormatException(page, 1, null, null, "a JSON object");
                boolean sawValue = false;
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.getCurrentName();
                    p.nextToken();
                    if (!field.equals("value")) {
                        p.skipChildren();
                        continue;
                    }
                    sawValue = true;
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        long line = p.getCurrentLocation().getLineNr();
                        Map<String, String> dims = new LinkedHashMap<>();
                        long id = -1;
                        String measure = null, attr = null, sv = null;
                        Double value = null;
                        String badValue = null;
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String k = p.getCurrentName();
                            JsonToken t = p.nextToken();
                            switch (k) {
                                case "Id": id = p.getValueAsLong(-1); break;
                                case "Measure": measure = p.getValueAsString(); break;
                                case "ValueAttribute": attr = p.getValueAsString(); break;
                                case "StringValue": sv = t == JsonToken.VALUE_NULL ? null : p.getValueAsString(); break;
                                case "Value":
                                    if (t == JsonToken.VALUE_NUMBER_INT || t == JsonToken.VALUE_NUMBER_FLOAT) value = p.getDoubleValue();
                                    else if (t != JsonToken.VALUE_NULL) badValue = p.getText();
                                    break;
                                default:
                                    if (t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY) p.skipChildren();
                                    else dims.put(k, t == JsonToken.VALUE_NULL ? null : p.getValueAsString());
                            }
                        }
                        count++;
                        sink.accept(new Observation(page, line, id, measure, attr, value, sv, badValue, dims));
                    }
                }
                if (!sawValue) throw new SourceFormatException(page, p.getCurrentLocation().getLineNr(), "value", null, "a \"value\" array of observations");
            } catch (JsonEOFException e) {
                throw new SourceFormatException(page, e.getLocation().getLineNr(), null, "end of file after observation " + count,
                        "complete JSON (the observations file is truncated)");
            } catch (JsonParseException e) {
                throw new SourceFormatException(page, e.getLocation().getLineNr(), null, null, "valid JSON (" + e.getOriginalMessage() + ")");
            }
        }
    }
}
