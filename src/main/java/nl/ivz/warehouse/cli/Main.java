package nl.ivz.warehouse.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The one command-line entry point: {@code java -jar target/ivz-warehouse.jar COMMAND ...}. */
@Command(name = "ivz", mixinStandardHelpOptions = true, version = "ivz-warehouse 0.1.0",
        description = "Data warehouse for Dutch regional safety policy: police registrations, Veiligheidsmonitor and safety plans in one DuckDB star schema.",
        subcommands = {InitCommand.class, LoadCommand.class, QueryCommand.class, DemoCommand.class, BenchCommand.class, CubeCommand.class, ExportCommand.class,
                ServeCommand.class, ReferenceDocs.class,
                CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the CLI and returns the exit code (0 ok, 1 error, 2 usage). */
    public static int run(String... args) {
        return commandLine().execute(args);
    }

    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Main());
        cl.getSubcommands().get("cube").getCommandSpec().usageMessage().footer(CubeCommand.catalogue());
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            commandLine.getErr().println("Error: " + Errors.message(ex));
            return 1;
        });
        // always show the message and the usage of the command that was meant (picocli omits usage when it has a suggestion)
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println(ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.usage(c.getErr());
            return CommandLine.ExitCode.USAGE;
        });
        return cl;
    }
}
