package dev.weft.web;

import dev.weft.ops.AuditLog;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * {@code POST /graphql/explain} ({@link ExplainHandler}); with access.yml, only roles with {@code explain: true} reach it
 * ({@link WeftSecurityConfiguration}).
 */
@Configuration(proxyBeanMethods = false)
public class ExplainConfiguration {

    @Bean
    RouterFunction<ServerResponse> explainRoute(dev.weft.reload.Snapshots<Served> snapshots, WeftSecurity security, AuditLog audit,
                                                @Value("${spring.graphql.http.path:/graphql}") String path) {
        ExplainHandler handler = new ExplainHandler(snapshots, audit, security.enabled());
        return RouterFunctions.route().POST(path + "/explain", handler::handle).build();
    }
}
