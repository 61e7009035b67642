package nl.ivz.warehouse.service.odata;

import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One property of a feed entity type: its OData name, the SQL column behind it, the SQL type the feed casts
 * it to (so the values always fit the declared EDM type), description and unit.
 */
record FeedColumn(String name, String sqlName, String sqlType, EdmPrimitiveTypeKind edmType, Integer precision,
                  Integer scale, boolean nullable, String description, String unit) {

    private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

    /** Maps a DuckDB column type onto the EDM type and the SQL type to cast to; anything else is served as text. */
    static FeedColumn of(String sqlName, String duckType, boolean nullable, String description, String unit) {
        String t = duckType == null ? "VARCHAR" : duckType.strip().toUpperCase(Locale.ROOT);
        String name = identifier(sqlName);
        Matcher m = DECIMAL.matcher(t);
        if (m.matches()) {
            return new FeedColumn(name, sqlName, t, EdmPrimitiveTypeKind.Decimal, Integer.valueOf(m.group(1)),
                    Integer.valueOf(m.group(2)), nullable, description, unit);
        }
        switch (t) {
            case "BOOLEAN": return plain(name, sqlName, "BOOLEAN", EdmPrimitiveTypeKind.Boolean, nullable, description, unit);
            case "TINYINT": case "SMALLINT": case "UTINYINT":
                return plain(name, sqlName, "SMALLINT", EdmPrimitiveTypeKind.Int16, nullable, description, unit);
            case "INTEGER": case "USMALLINT":
                return plain(name, sqlName, "INTEGER", EdmPrimitiveTypeKind.Int32, nullable, description, unit);
            case "BIGINT": case "UINTEGER":
                return plain(name, sqlName, "BIGINT", EdmPrimitiveTypeKind.Int64, nullable, description, unit);
            case "UBIGINT": case "HUGEINT": case "UHUGEINT":
                return new FeedColumn(name, sqlName, "DECIMAL(38,0)", EdmPrimitiveTypeKind.Decimal, 38, 0, nullable, description, unit);
            case "FLOAT": case "REAL": return plain(name, sqlName, "FLOAT", EdmPrimitiveTypeKind.Single, nullable, description, unit);
            case "DOUBLE": return plain(name, sqlName, "DOUBLE", EdmPrimitiveTypeKind.Double, nullable, description, unit);
            case "DATE": return plain(name, sqlName, "DATE", EdmPrimitiveTypeKind.Date, nullable, description, unit);
            // The warehouse stores local times without zone; the feed states them as UTC.
            case "TIMESTAMP": case "TIMESTAMP WITH TIME ZONE": case "TIMESTAMPTZ": case "TIMESTAMP_S": case "TIMESTAMP_MS":
            case "TIMESTAMP_NS":
                return plain(name, sqlName, "TIMESTAMP", EdmPrimitiveTypeKind.DateTimeOffset, nullable, description, unit);
            case "TIME": return plain(name, sqlName, "TIME", EdmPrimitiveTypeKind.TimeOfDay, nullable, description, unit);
            case "UUID": return plain(name, sqlName, "UUID", EdmPrimitiveTypeKind.Guid, nullable, description, unit);
            case "BLOB": return plain(name, sqlName, "BLOB", EdmPrimitiveTypeKind.Binary, nullable, description, unit);
            default: return plain(name, sqlName, "VARCHAR", EdmPrimitiveTypeKind.String, nullable, description, unit);
        }
    }

    private static FeedColumn plain(String name, String sqlName, String sqlType, EdmPrimitiveTypeKind k, boolean nullable,
                                    String description, String unit) {
        return new FeedColumn(name, sqlName, sqlType, k, null, null, nullable, description, unit);
    }

    /** A synthetic key column computed by the feed (never null). */
    static FeedColumn key(String name, String description) {
        return new FeedColumn(name, null, "BIGINT", EdmPrimitiveTypeKind.Int64, null, null, false, description, null);
    }

    boolean synthetic() { return sqlName == null; }

    /** An OData SimpleIdentifier: letters, digits and underscores, not starting with a digit, at most 128 characters. */
    static String identifier(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && b.length() < 128; i++) {
            char c = s.charAt(i);
            b.append(Character.isLetterOrDigit(c) || c == '_' ? c : '_');
        }
        if (b.length() == 0 || Character.isDigit(b.charAt(0))) b.insert(0, '_');
        return b.toString();
    }

    static String quote(String sqlIdentifier) {
        return '"' + sqlIdentifier.replace("\"", "\"\"") + '"';
    }
}
