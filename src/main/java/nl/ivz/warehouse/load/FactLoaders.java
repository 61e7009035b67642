package nl.ivz.warehouse.load;

import nl.ivz.warehouse.load.cbs.CodeListRegionsLoader;
import nl.ivz.warehouse.load.cbs.ODataV3TypedLoader;
import nl.ivz.warehouse.load.cbs.ODataV3UntypedLoader;
import nl.ivz.warehouse.load.cbs.ODataV4Loader;
import nl.ivz.warehouse.load.cbs.ProvinceWideCrimeLoader;
import nl.ivz.warehouse.load.cbs.StatlineCsvLabelsLoader;
import nl.ivz.warehouse.load.cbs.StatlineTableViewLoader;
import nl.ivz.warehouse.load.plan.PlanMatrixLoader;
import nl.ivz.warehouse.load.plan.PolicyCycleLoader;
import nl.ivz.warehouse.load.plan.PolicyTargetsLoader;
import nl.ivz.warehouse.load.plan.PopulationTableLoader;
import nl.ivz.warehouse.load.plan.PublishedFiguresLoader;
import nl.ivz.warehouse.load.plan.RankTableLoader;
import nl.ivz.warehouse.load.police.PoliceNationalSeriesLoader;
import nl.ivz.warehouse.load.police.PoliceRegionLoaders;
import nl.ivz.warehouse.load.police.RegistrationSeriesLoader;
import nl.ivz.warehouse.load.reference.ReferenceLoaders;
import nl.ivz.warehouse.load.survey.SurveyResponseLoader;
import nl.ivz.warehouse.load.survey.SurveyTranscriptionLoader;
import nl.ivz.warehouse.load.survey.VmBoundsLoader;
import nl.ivz.warehouse.load.survey.VmLongLoader;
import nl.ivz.warehouse.load.survey.VmWideLoader;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Every layout the loader knows. Detection does not depend on the order of {@link #all()}: of the layouts that
 * accept a file, the one with the highest {@link FactLoader#specificity()} wins, and a tie is an error.
 */
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
                new RankTableLoader(),
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

    /**
     * The layout of a file: the most specific of the layouts that accept it, empty when none does.
     * @throws LoadException when two layouts accept it with the same specificity (both are named)
     */
    public static Optional<FactLoader> detect(Path file, String head) throws LoadException {
        List<FactLoader> accepting = all().stream().filter(l -> l.detects(file, head)).toList();
        if (accepting.isEmpty()) return Optional.empty();
        int best = accepting.stream().mapToInt(FactLoader::specificity).max().orElseThrow();
        List<FactLoader> top = accepting.stream().filter(l -> l.specificity() == best).toList();
        if (top.size() > 1) {
            throw new LoadException(file.getFileName() + ": ambiguous layout: " + top.stream().map(FactLoader::layout)
                    .collect(Collectors.joining(" and ")) + " both recognise this file (specificity " + best
                    + "); use --format to name the layout");
        }
        return Optional.of(top.get(0));
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
