package nl.ivz.warehouse.export;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

/** Rows of any JDBC ResultSet. */
public final class JdbcRows implements Rows {
    private final ResultSet rs;
    private final List<ResultWriter.Column> columns;

    public JdbcRows(ResultSet rs) throws SQLException {
        this.rs = rs;
        this.columns = ResultWriter.columns(rs.getMetaData());
    }

    @Override public List<ResultWriter.Column> columns() { return columns; }

    @Override public boolean next() throws SQLException { return rs.next(); }

    @Override
    public Object get(int col) throws SQLException {
        Object v = rs.getObject(col + 1);
        if (v instanceof java.sql.Date) return ((java.sql.Date) v).toLocalDate();
        if (v instanceof java.sql.Timestamp) return ((java.sql.Timestamp) v).toLocalDateTime();
        return v;
    }

    @Override public void close() throws SQLException { rs.close(); }
}
