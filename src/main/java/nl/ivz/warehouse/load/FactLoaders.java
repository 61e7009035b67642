package nl.ivz.warehouse.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** Every layout the loader knows, in detection order (most specific first). */
public final class FactLoaders {
    private FactLoaders() { }

    public static List<FactLoader> all() {
        return List.of(
                new ReferenceLoaders.Regions(),
                new ReferenceLoaders.Memberships(),
                new ReferenceLoaders.Successors(),
                new ReferenceLoaders.Themes(),
                new ReferenceLoaders.ThemeMappings(),
                new ReferenceLoaders.Measures(),
                new ReferenceLoaders.MeasureMappings(),
                new ReferenceLoaders.SurveyRegistration(),
                new ReferenceLoaders.SurveyDefinition(),
                new VmLongLoader(),
                new VmWideLoader(),
                PlanMatrixLoader.local(),
                PlanMatrixLoader.partners(),
                new RegistrationSeriesLoader(),
                new PublishedFiguresLoader(),
                new PolicyTargetsLoader(),
                new PolicyCycleLoader(),
                new PopulationTableLoader(),
                new SurveyResponseLoader(),
                new VmBoundsLoader(),
                new RankTableLoader(), // after population-table: both headers start with area,period,measure
                new CodeListRegionsLoader(),
                new ODataV3TypedLoader(),
                new StatlineCsvLabelsLoader(),
                new ODataV3UntypedLoader(),
                new StatlineTableViewLoader(),
                new ODataV4Loader(),
                new ProvinceWideCrimeLoader(),
                new PoliceNationalSeriesLoader(),
                new SurveyTranscriptionLoader(),
                new PoliceRegionLoaders.Victims(),
                new PoliceRegionLoaders.Crime(),
                new PoliceRegionLoaders.Unsafety());
    }

    public static Optional<FactLoader> byLayout(String layout) {
        return all().stream().filter(l -> l.layout().equalsIgnoreCase(layout)).findFirst();
    }

    public static Optional<FactLoader> detect(Path file, String head) {
        return all().stream().filter(l -> l.detects(file, head)).findFirst();
    }

    /** The main file of a multi-file dataset when {@code file} is one of its parts, else null. */
    public static Path companionOf(Path file, String head) {
        for (FactLoader l : all()) {
            Path p = l.companionOf(file, head);
            if (p != null) return p;
        }
        return null;
    }

    public static String names() {
        return all().stream().map(FactLoader::layout).collect(Collectors.joining(", "));
    }
}
