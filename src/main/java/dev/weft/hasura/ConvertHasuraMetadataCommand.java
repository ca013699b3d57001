package dev.weft.hasura;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code java -jar weft.jar convert-hasura-metadata <metadata dir or export.json> [out dir]}: writes weft.yml,
 * relationships.yml, access.yml and hasura-conversion-report.txt into the output directory (default: the working
 * directory), prints the report, and answers an exit status (0 converted, 2 bad arguments or input). Existing files
 * are not overwritten.
 */
public final class ConvertHasuraMetadataCommand {
    public static final String NAME = "convert-hasura-metadata";
    static final List<String> OUTPUTS = List.of("weft.yml", "relationships.yml", "access.yml", "hasura-conversion-report.txt");

    private ConvertHasuraMetadataCommand() {
    }

    /** Runs the command with the arguments after its name; messages go to {@code out} and {@code err}. */
    public static int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty() || args.size() > 2) {
            err.println("usage: java -jar weft.jar " + NAME + " <metadata dir or export.json> [out dir]");
            return 2;
        }
        Path outDir = Path.of(args.size() == 2 ? args.get(1) : ".");
        try {
            for (String file : OUTPUTS) {
                if (Files.exists(outDir.resolve(file))) {
                    err.println(outDir.resolve(file) + " exists; not overwritten (choose another output directory)");
                    return 2;
                }
            }
            HasuraConversion conversion = HasuraConverter.convert(HasuraMetadata.load(Path.of(args.get(0))));
            Files.createDirectories(outDir);
            Files.writeString(outDir.resolve("weft.yml"), conversion.weftYml());
            Files.writeString(outDir.resolve("relationships.yml"), conversion.relationshipsYml());
            Files.writeString(outDir.resolve("access.yml"), conversion.accessYml());
            Files.writeString(outDir.resolve(OUTPUTS.get(3)), conversion.report());
            out.println("Wrote weft.yml, relationships.yml, access.yml and " + OUTPUTS.get(3) + " to " + outDir.toAbsolutePath());
            out.print(conversion.report());
            return 0;
        } catch (IllegalArgumentException | IOException e) {
            err.println("Cannot convert the Hasura metadata: " + e.getMessage());
            return 2;
        }
    }
}
