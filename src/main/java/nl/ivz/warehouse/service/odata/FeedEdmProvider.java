package nl.ivz.warehouse.service.odata;

import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.apache.olingo.commons.api.edm.provider.CsdlAbstractEdmProvider;
import org.apache.olingo.commons.api.edm.provider.CsdlAnnotation;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainer;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityContainerInfo;
import org.apache.olingo.commons.api.edm.provider.CsdlEntitySet;
import org.apache.olingo.commons.api.edm.provider.CsdlEntityType;
import org.apache.olingo.commons.api.edm.provider.CsdlProperty;
import org.apache.olingo.commons.api.edm.provider.CsdlPropertyRef;
import org.apache.olingo.commons.api.edm.provider.CsdlSchema;
import org.apache.olingo.commons.api.edm.provider.CsdlTerm;
import org.apache.olingo.commons.api.edm.provider.annotation.CsdlConstantExpression;
import org.apache.olingo.commons.api.edmx.EdmxReference;
import org.apache.olingo.commons.api.edmx.EdmxReferenceInclude;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The feed's entity data model: one entity type and one entity set per {@link FeedSet}, property types from
 * the real column types, Core.Description from the column comments and cube column descriptions,
 * Measures.Unit from the cubes' units, and on each cube and canned query set the list of its parameters.
 */
final class FeedEdmProvider extends CsdlAbstractEdmProvider {
    static final String NAMESPACE = "IvzWarehouse";
    static final String CONTAINER_NAME = "Warehouse";
    static final FullQualifiedName CONTAINER = new FullQualifiedName(NAMESPACE, CONTAINER_NAME);
    private static final String CORE = "Org.OData.Core.V1";
    private static final String MEASURES = "Org.OData.Measures.V1";

    private final FeedCatalog catalog;

    FeedEdmProvider(FeedCatalog catalog) {
        this.catalog = catalog;
    }

    /** The vocabularies the annotations use, referenced from $metadata. */
    static List<EdmxReference> references() {
        EdmxReference core = new EdmxReference(URI.create("https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Core.V1.xml"));
        core.addInclude(new EdmxReferenceInclude(CORE, "Core"));
        EdmxReference measures = new EdmxReference(URI.create("https://oasis-tcs.github.io/odata-vocabularies/vocabularies/Org.OData.Measures.V1.xml"));
        measures.addInclude(new EdmxReferenceInclude(MEASURES, "Measures"));
        return List.of(core, measures);
    }

    @Override
    public CsdlEntityType getEntityType(FullQualifiedName name) {
        if (!NAMESPACE.equals(name.getNamespace())) return null;
        FeedSet set = catalog.byName(name.getName());
        if (set == null) return null;
        List<CsdlProperty> props = new ArrayList<>();
        for (FeedColumn c : set.columns()) {
            CsdlProperty p = new CsdlProperty().setName(c.name()).setType(c.edmType().getFullQualifiedName())
                    .setNullable(c.nullable() && !set.keys().contains(c.name()));
            if (c.precision() != null) p.setPrecision(c.precision()).setScale(c.scale());
            List<CsdlAnnotation> a = new ArrayList<>();
            if (c.description() != null && !c.description().isBlank()) a.add(text("Core.Description", c.description()));
            if (c.unit() != null && !c.unit().isBlank()) a.add(text("Measures.Unit", c.unit()));
            p.setAnnotations(a);
            props.add(p);
        }
        List<CsdlPropertyRef> keys = set.keys().stream().map(k -> new CsdlPropertyRef().setName(k)).toList();
        CsdlEntityType t = new CsdlEntityType().setName(set.name()).setProperties(props).setKey(keys);
        t.setAnnotations(descriptions(set));
        return t;
    }

    @Override
    public CsdlEntitySet getEntitySet(FullQualifiedName container, String name) {
        if (!CONTAINER.equals(container)) return null;
        FeedSet set = catalog.byName(name);
        if (set == null) return null;
        CsdlEntitySet s = new CsdlEntitySet().setName(set.name()).setType(new FullQualifiedName(NAMESPACE, set.name()));
        s.setAnnotations(descriptions(set));
        return s;
    }

    @Override
    public CsdlEntityContainer getEntityContainer() {
        List<CsdlEntitySet> sets = new ArrayList<>();
        for (FeedSet s : catalog.all()) sets.add(getEntitySet(CONTAINER, s.name()));
        return new CsdlEntityContainer().setName(CONTAINER_NAME).setEntitySets(sets);
    }

    @Override
    public CsdlEntityContainerInfo getEntityContainerInfo(FullQualifiedName name) {
        if (name == null || CONTAINER.equals(name)) return new CsdlEntityContainerInfo().setContainerName(CONTAINER);
        return null;
    }

    @Override
    public List<CsdlSchema> getSchemas() {
        List<CsdlEntityType> types = new ArrayList<>();
        for (FeedSet s : catalog.all()) types.add(getEntityType(new FullQualifiedName(NAMESPACE, s.name())));
        return List.of(new CsdlSchema().setNamespace(NAMESPACE).setEntityTypes(types).setEntityContainer(getEntityContainer()));
    }

    /** Olingo resolves the terms the annotations use; both are plain strings. */
    @Override
    public CsdlTerm getTerm(FullQualifiedName name) {
        String ns = name.getNamespace();
        if ((ns.equals("Core") || ns.equals(CORE)) && (name.getName().equals("Description") || name.getName().equals("LongDescription"))
                || (ns.equals("Measures") || ns.equals(MEASURES)) && name.getName().equals("Unit")) {
            return new CsdlTerm().setName(name.getName()).setType("Edm.String");
        }
        return null;
    }

    private static List<CsdlAnnotation> descriptions(FeedSet set) {
        List<CsdlAnnotation> a = new ArrayList<>();
        String d = set.description() == null ? set.title() : set.title() + ": " + set.description();
        if (set.kind() == FeedSet.Kind.TABLE) d = set.description() == null ? "Table " + set.table() : set.description();
        a.add(text("Core.Description", d));
        if (!set.params().isEmpty()) a.add(text("Core.LongDescription", parameterDoc(set)));
        return a;
    }

    /** The parameters of a cube or canned query, given as custom query options (?name=value). */
    static String parameterDoc(FeedSet set) {
        StringBuilder b = new StringBuilder("Parameters (add them to the URL as ?name=value; without them the defaults apply): ");
        boolean first = true;
        for (FeedSet.Param p : set.params()) {
            if (!first) b.append("; ");
            first = false;
            b.append(p.name()).append(" (").append(p.type().toLowerCase(java.util.Locale.ROOT)).append(", default ")
                    .append(p.defaultValue() == null ? "none" : p.defaultValue()).append(")");
            if (p.description() != null && !p.description().isBlank()) b.append(": ").append(p.description());
        }
        return b.toString();
    }

    private static CsdlAnnotation text(String term, String value) {
        return new CsdlAnnotation().setTerm(term)
                .setExpression(new CsdlConstantExpression(CsdlConstantExpression.ConstantExpressionType.String, value));
    }
}
