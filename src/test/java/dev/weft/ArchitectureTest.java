package dev.weft;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package order of docs/architecture.md: a package may use the ones above it, never one below. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.weft");
    }

    @Test
    void packagesDependOnlyOnThePackagesAboveThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("config").definedBy("dev.weft.config..")
                .layer("catalog").definedBy("dev.weft.catalog..")
                .layer("hasura").definedBy("dev.weft.hasura..")
                .layer("dialect").definedBy("dev.weft.dialect..")
                .layer("introspect").definedBy("dev.weft.introspect..")
                .layer("security").definedBy("dev.weft.security..")
                .layer("limits").definedBy("dev.weft.limits..")
                .layer("schema").definedBy("dev.weft.schema..")
                .layer("query").definedBy("dev.weft.query..")
                .layer("precheck").definedBy("dev.weft.precheck..")
                .layer("execute").definedBy("dev.weft.execute..")
                .layer("plan").definedBy("dev.weft.plan..")
                .layer("ops").definedBy("dev.weft.ops..")
                .layer("explain").definedBy("dev.weft.explain..")
                .layer("cache").definedBy("dev.weft.cache..")
                .layer("ratelimit").definedBy("dev.weft.ratelimit..")
                .layer("apq").definedBy("dev.weft.apq..")
                .layer("write").definedBy("dev.weft.write..")
                .layer("xa").definedBy("dev.weft.xa..")
                .layer("reload").definedBy("dev.weft.reload..")
                .layer("web").definedBy("dev.weft.web..")
                .whereLayer("web").mayNotBeAccessedByAnyLayer()
                .whereLayer("hasura").mayNotBeAccessedByAnyLayer()
                .whereLayer("ops").mayOnlyBeAccessedByLayers("web")
                .whereLayer("xa").mayOnlyBeAccessedByLayers("web")
                .whereLayer("reload").mayOnlyBeAccessedByLayers("web")
                .whereLayer("explain").mayOnlyBeAccessedByLayers("web")
                .whereLayer("cache").mayOnlyBeAccessedByLayers("web")
                .whereLayer("ratelimit").mayOnlyBeAccessedByLayers("web")
                .whereLayer("apq").mayOnlyBeAccessedByLayers("web")
                .whereLayer("write").mayOnlyBeAccessedByLayers("xa", "web")
                .whereLayer("precheck").mayOnlyBeAccessedByLayers("web")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("write", "xa", "ops", "explain", "cache", "web")
                .whereLayer("execute").mayOnlyBeAccessedByLayers("plan", "write", "xa", "ops", "explain", "cache", "web")
                .whereLayer("query").mayOnlyBeAccessedByLayers("precheck", "execute", "plan", "write", "xa", "ops", "explain", "cache", "web")
                .whereLayer("schema").mayOnlyBeAccessedByLayers("precheck", "query", "execute", "plan", "write", "xa", "ops", "explain", "cache", "web")
                .whereLayer("limits").mayOnlyBeAccessedByLayers("precheck", "schema", "query", "execute", "plan", "write", "xa", "ops", "explain",
                        "cache", "web")
                .whereLayer("security").mayOnlyBeAccessedByLayers("precheck", "limits", "schema", "query", "execute", "plan", "write", "xa",
                        "ops", "explain", "cache", "web")
                .whereLayer("introspect").mayOnlyBeAccessedByLayers("precheck", "security", "limits", "schema", "query", "execute", "plan",
                        "write", "xa", "ops", "explain", "cache", "web")
                .whereLayer("dialect").mayOnlyBeAccessedByLayers("precheck", "introspect", "security", "limits", "schema", "query", "execute",
                        "plan", "write", "xa", "ops", "explain", "cache", "web")
                .whereLayer("catalog").mayOnlyBeAccessedByLayers("precheck", "dialect", "introspect", "security", "limits", "schema",
                        "query", "execute", "plan", "write", "xa", "ops", "explain", "cache", "reload", "web")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void theMongoWriterIsReachedOnlyFromStartUp() {
        noClasses().that().resideOutsideOfPackages("dev.weft.write.mongo..", "dev.weft.web..")
                .should().dependOnClassesThat().resideInAPackage("dev.weft.write.mongo..")
                .check(classes);
    }

    @Test
    void onlyTheWebPackageKnowsSpring() {
        noClasses().that().resideOutsideOfPackages("dev.weft.web..", "dev.weft")
                .should().dependOnClassesThat().resideInAPackage("org.springframework..")
                .check(classes);
    }

    @Test
    void pureStagesDoNotTouchADatabase() {
        noClasses().that().resideInAnyPackage("dev.weft.config..", "dev.weft.catalog..", "dev.weft.schema..",
                        "dev.weft.query..", "dev.weft.security..", "dev.weft.plan..", "dev.weft.explain..", "dev.weft.web..")
                .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "com.zaxxer..")
                .check(classes);
    }
}
