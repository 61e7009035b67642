package nl.ivz.warehouse.service.odata;

import org.apache.olingo.commons.api.edm.EdmEnumType;
import org.apache.olingo.commons.api.edm.EdmPrimitiveType;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeException;
import org.apache.olingo.commons.api.edm.EdmPrimitiveTypeKind;
import org.apache.olingo.commons.api.edm.EdmType;
import org.apache.olingo.commons.api.http.HttpStatusCode;
import org.apache.olingo.server.api.ODataApplicationException;
import org.apache.olingo.server.api.uri.UriResource;
import org.apache.olingo.server.api.uri.UriResourcePrimitiveProperty;
import org.apache.olingo.server.api.uri.queryoption.expression.BinaryOperatorKind;
import org.apache.olingo.server.api.uri.queryoption.expression.Expression;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitException;
import org.apache.olingo.server.api.uri.queryoption.expression.ExpressionVisitor;
import org.apache.olingo.server.api.uri.queryoption.expression.Literal;
import org.apache.olingo.server.api.uri.queryoption.expression.Member;
import org.apache.olingo.server.api.uri.queryoption.expression.MethodKind;
import org.apache.olingo.server.api.uri.queryoption.expression.UnaryOperatorKind;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;

/**
 * Translates a $filter (or $orderby) expression parsed by Olingo into DuckDB SQL: properties become quoted
 * column names of the feed's own catalog, every literal becomes a bind parameter. Operators and functions
 * outside the documented set answer 501 naming them.
 */
final class FilterSql implements ExpressionVisitor<FeedSql.Fragment> {
    private static final FeedSql.Fragment NULL = FeedSql.Fragment.of("NULL");
    private final FeedSet set;

    FilterSql(FeedSet set) {
        this.set = set;
    }

    static FeedSql.Fragment translate(FeedSet set, Expression e) throws ODataApplicationException {
        try {
            return e.accept(new FilterSql(set));
        } catch (ExpressionVisitException ex) {
            throw new ODataApplicationException(ex.getMessage(), HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT);
        }
    }

    static ODataApplicationException notImplemented(String what) {
        return new ODataApplicationException("Not supported by this feed: " + what
                + ". Supported in $filter: eq ne gt ge lt le and or not in add sub mul, contains startswith endswith "
                + "tolower toupper trim length concat indexof year month day, on the properties of the entity set",
                HttpStatusCode.NOT_IMPLEMENTED.getStatusCode(), Locale.ROOT);
    }

    @Override
    public FeedSql.Fragment visitBinaryOperator(BinaryOperatorKind op, FeedSql.Fragment l, FeedSql.Fragment r)
            throws ODataApplicationException {
        switch (op) {
            case EQ:
                if (r == NULL) return wrap(l, " IS NULL");
                if (l == NULL) return wrap(r, " IS NULL");
                return infix(l, "=", r);
            // OData: null ne 'x' is true, so distinctness rather than SQL's three-valued <>
            case NE:
                if (r == NULL) return wrap(l, " IS NOT NULL");
                if (l == NULL) return wrap(r, " IS NOT NULL");
                return infix(l, "IS DISTINCT FROM", r);
            case GT: return infix(l, ">", r);
            case GE: return infix(l, ">=", r);
            case LT: return infix(l, "<", r);
            case LE: return infix(l, "<=", r);
            case AND: return infix(l, "AND", r);
            case OR: return infix(l, "OR", r);
            case ADD: return infix(l, "+", r);
            case SUB: return infix(l, "-", r);
            case MUL: return infix(l, "*", r);
            default: throw notImplemented("operator " + op);
        }
    }

    @Override
    public FeedSql.Fragment visitBinaryOperator(BinaryOperatorKind op, FeedSql.Fragment l, List<FeedSql.Fragment> r)
            throws ODataApplicationException {
        if (op != BinaryOperatorKind.IN) throw notImplemented("operator " + op);
        FeedSql.Fragment list = FeedSql.Fragment.join("(", r, ", ", ")");
        return FeedSql.Fragment.join("(", List.of(l, list), " IN ", ")");
    }

    @Override
    public FeedSql.Fragment visitUnaryOperator(UnaryOperatorKind op, FeedSql.Fragment operand) throws ODataApplicationException {
        switch (op) {
            case NOT: return FeedSql.Fragment.join("(NOT ", List.of(operand), "", ")");
            case MINUS: return FeedSql.Fragment.join("(- ", List.of(operand), "", ")");
            default: throw notImplemented("operator " + op);
        }
    }

    @Override
    public FeedSql.Fragment visitMethodCall(MethodKind m, List<FeedSql.Fragment> args) throws ODataApplicationException {
        switch (m) {
            case CONTAINS: return call("contains", args);
            case STARTSWITH: return call("starts_with", args);
            case ENDSWITH: return call("ends_with", args);
            case TOLOWER: return call("lower", args);
            case TOUPPER: return call("upper", args);
            case TRIM: return call("trim", args);
            case LENGTH: return call("length", args);
            case CONCAT: return call("concat", args);
            // OData counts from 0 and answers -1 when absent; strpos counts from 1 and answers 0.
            case INDEXOF: return FeedSql.Fragment.join("(strpos(", args, ", ", ") - 1)");
            case YEAR: return call("year", args);
            case MONTH: return call("month", args);
            case DAY: return call("day", args);
            default: throw notImplemented("function " + m.toString());
        }
    }

    @Override
    public FeedSql.Fragment visitLiteral(Literal literal) throws ODataApplicationException {
        EdmType type = literal.getType();
        if (type == null) return NULL; // the literal null
        if (!(type instanceof EdmPrimitiveType)) throw notImplemented("literal " + literal.getText());
        EdmPrimitiveType pt = (EdmPrimitiveType) type;
        String text;
        try {
            text = pt.fromUriLiteral(literal.getText());
        } catch (EdmPrimitiveTypeException e) {
            throw new ODataApplicationException("Invalid literal " + literal.getText(), 400, Locale.ROOT);
        }
        EdmPrimitiveTypeKind kind = EdmPrimitiveTypeKind.valueOfFQN(pt.getFullQualifiedName());
        try {
            switch (kind) {
                case String: return bind("?", text);
                case Boolean: return bind("?", Boolean.valueOf(text));
                case Byte: case SByte: case Int16: case Int32: case Int64: return bind("?", Long.valueOf(text));
                case Decimal: return bind("?", new BigDecimal(text));
                case Single: case Double:
                    if (text.equals("INF")) return bind("?", Double.POSITIVE_INFINITY);
                    if (text.equals("-INF")) return bind("?", Double.NEGATIVE_INFINITY);
                    return bind("?", Double.valueOf(text));
                case Date: return bind("CAST(? AS DATE)", text);
                case DateTimeOffset: return bind("CAST(? AS TIMESTAMPTZ)", text);
                case TimeOfDay: return bind("CAST(? AS TIME)", text);
                case Guid: return bind("CAST(? AS UUID)", text);
                default: throw notImplemented("literals of type " + kind);
            }
        } catch (NumberFormatException e) {
            throw new ODataApplicationException("Invalid literal " + literal.getText(), 400, Locale.ROOT);
        }
    }

    @Override
    public FeedSql.Fragment visitMember(Member member) throws ODataApplicationException {
        return FeedSql.Fragment.of("feed." + FeedColumn.quote(property(set, member)));
    }

    /** The feed column a member expression names; only plain properties of the set itself. */
    static String property(FeedSet set, Member member) throws ODataApplicationException {
        List<UriResource> parts = member.getResourcePath().getUriResourceParts();
        if (parts.size() != 1 || !(parts.get(0) instanceof UriResourcePrimitiveProperty)) {
            throw notImplemented("the path " + member.getResourcePath().getUriResourceParts());
        }
        String name = ((UriResourcePrimitiveProperty) parts.get(0)).getProperty().getName();
        return set.column(name).orElseThrow(() -> new ODataApplicationException("Unknown property " + name,
                HttpStatusCode.BAD_REQUEST.getStatusCode(), Locale.ROOT)).name();
    }

    @Override
    public FeedSql.Fragment visitAlias(String alias) throws ODataApplicationException {
        throw notImplemented("parameter alias " + alias);
    }

    @Override
    public FeedSql.Fragment visitTypeLiteral(EdmType type) throws ODataApplicationException {
        throw notImplemented("type literal " + type.getName());
    }

    @Override
    public FeedSql.Fragment visitLambdaReference(String variableName) throws ODataApplicationException {
        throw notImplemented("lambda variable " + variableName);
    }

    @Override
    public FeedSql.Fragment visitLambdaExpression(String functionName, String variableName, Expression expression)
            throws ODataApplicationException {
        throw notImplemented("lambda " + functionName);
    }

    @Override
    public FeedSql.Fragment visitEnum(EdmEnumType type, List<String> enumValues) throws ODataApplicationException {
        throw notImplemented("enum " + type.getName());
    }

    private static FeedSql.Fragment infix(FeedSql.Fragment l, String op, FeedSql.Fragment r) {
        return FeedSql.Fragment.join("(", List.of(l, r), " " + op + " ", ")");
    }

    private static FeedSql.Fragment wrap(FeedSql.Fragment f, String suffix) {
        return FeedSql.Fragment.join("(", List.of(f), "", suffix + ")");
    }

    private static FeedSql.Fragment call(String fn, List<FeedSql.Fragment> args) {
        return FeedSql.Fragment.join(fn + "(", args, ", ", ")");
    }

    private static FeedSql.Fragment bind(String sql, Object value) {
        return new FeedSql.Fragment(sql, List.of(value));
    }
}
