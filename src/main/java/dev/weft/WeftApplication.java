package dev.weft;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** Starts Weft: with no {@code weft.services} configured it serves the embedded demo. */
@SpringBootApplication
public class WeftApplication {
    public static void main(String[] args) {
        SpringApplication.run(WeftApplication.class, args);
    }
}
