package dev.weft;

import dev.weft.hasura.ConvertHasuraMetadataCommand;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Starts Weft: with no {@code weft.services} configured it serves the embedded demo. {@code convert-hasura-metadata}
 * as first argument converts Hasura metadata instead, without starting Spring.
 */
@SpringBootApplication
public class WeftApplication {
    public static void main(String[] args) {
        if (args.length > 0 && args[0].equals(ConvertHasuraMetadataCommand.NAME)) {
            System.exit(ConvertHasuraMetadataCommand.run(List.of(args).subList(1, args.length), System.out, System.err));
        }
        SpringApplication.run(WeftApplication.class, args);
    }
}
