package dev.weftbench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/**
 * The benchmark's baseline: minimal hand-written Spring MVC endpoints ({@link BaselineEndpoints}) that answer
 * the benchmark's three queries with the same JSON as Weft, from one SQL statement per level: what a team
 * would write by hand. Weft's throughput is reported as a ratio of theirs. Run by {@code src/test/bench/run.sh}.
 * It lives outside {@code dev.weft} so that Weft's component scan never picks it up in tests.
 */
// no Spring Security: the baseline is the minimal endpoint a team would write (Weft's tests put security on the classpath)
@SpringBootApplication(scanBasePackages = "dev.weftbench", excludeName = {
        "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
        "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
        "org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration"})
public class BaselineApplication {

    public static void main(String[] args) {
        SpringApplication.run(BaselineApplication.class, args);
    }

    /** One HikariCP pool per database, of Weft's default size (10). */
    @Component
    static class Pools implements AutoCloseable {
        final HikariDataSource mariadb;
        final HikariDataSource postgres;

        Pools(@Value("${bench.customers-url}") String mariadbUrl, @Value("${bench.orders-url}") String postgresUrl) {
            this.mariadb = pool(mariadbUrl, "root", "");
            this.postgres = pool(postgresUrl, "postgres", "");
        }

        private static HikariDataSource pool(String url, String user, String password) {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl(url);
            config.setUsername(user);
            config.setPassword(password);
            config.setMaximumPoolSize(10);
            return new HikariDataSource(config);
        }

        DataSource mariadb() {
            return mariadb;
        }

        DataSource postgres() {
            return postgres;
        }

        @Override
        public void close() {
            mariadb.close();
            postgres.close();
        }
    }
}
