package io.salesactivitysync.routes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.camel.CamelContext;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.model.ModelCamelContext;
import org.apache.camel.model.RouteDefinition;
import org.apache.camel.spi.Resource;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/**
 * Every file in routes/ parses with Camel's YAML DSL (the YAML validator Maven plugin is not
 * available here), and every route in it has a kebab-case id. Parsing only: the routes are not
 * started, so no bean or endpoint is needed.
 *
 * <p>Camel 4.17's loader rejects unknown keys in steps and REST verbs but silently ignores them on
 * the route itself (a {@code route-configuration-id:} would simply not apply), so the keys of each
 * {@code route:} are also checked against the route properties of Camel's own YAML DSL schema.
 */
class RouteFilesTest {

    private static final Path ROUTES = Path.of("routes");
    private static final String KEBAB_CASE = "[a-z][a-z0-9]*(-[a-z0-9]+)*";

    static Stream<Path> routeFiles() throws IOException {
        List<Path> files;
        try (Stream<Path> listing = Files.list(ROUTES)) {
            files = listing.filter(file -> file.getFileName().toString().endsWith(".yaml")).sorted().toList();
        }
        assertThat(files).as("route files in %s", ROUTES.toAbsolutePath()).isNotEmpty();
        return files.stream();
    }

    @ParameterizedTest
    @MethodSource("routeFiles")
    void parsesAndNamesEveryRoute(Path file) throws Exception {
        assertThat(file.getFileName().toString()).as("route files are named <flow>.camel.yaml").endsWith(".camel.yaml");
        assertOnlyKnownRouteKeys(file);
        try (CamelContext context = new DefaultCamelContext()) {
            load(context, file);
            List<RouteDefinition> routes = ((ModelCamelContext) context).getRouteDefinitions();
            assertThat(routes).allSatisfy(route -> assertThat(route.getRouteId()).as("route id in %s", file).matches(KEBAB_CASE));
        }
    }

    @Test
    void aStepThatDoesNotParseIsRefused(@TempDir Path dir) throws Exception {
        Path broken = write(dir, """
                - route:
                    id: broken
                    from:
                      uri: direct:broken
                      steps:
                        - log:
                            mesage: a misspelt key
                """);
        try (CamelContext context = new DefaultCamelContext()) {
            assertThatThrownBy(() -> load(context, broken)).hasMessageContaining("mesage");
        }
    }

    @Test
    void anUnknownRouteKeyIsRefused(@TempDir Path dir) throws Exception {
        Path broken = write(dir, """
                - route:
                    id: broken
                    route-configuration-id: kebab-case-keys-were-removed-in-4.13
                    from:
                      uri: direct:broken
                      steps:
                        - log:
                            message: never
                """);
        assertThatThrownBy(() -> assertOnlyKnownRouteKeys(broken)).hasMessageContaining("route-configuration-id");
    }

    /** The keys of every {@code - route:} are route properties of Camel's YAML DSL schema. */
    @SuppressWarnings("unchecked")
    private static void assertOnlyKnownRouteKeys(Path file) throws IOException {
        Set<String> known = routeProperties();
        Object document = new Yaml().load(Files.readString(file));
        assertThat(document).as("%s holds a list of routes, rests, ...", file).isInstanceOf(List.class);
        for (Object item : (List<Object>) document) {
            if (item instanceof Map<?, ?> map && map.get("route") instanceof Map<?, ?> route) {
                assertThat((Set<String>) route.keySet()).as("keys of route %s in %s", route.get("id"), file)
                        .isSubsetOf(known);
            }
        }
    }

    private static Set<String> routeProperties() throws IOException {
        try (InputStream schema = RouteFilesTest.class.getResourceAsStream("/schema/camelYamlDsl.json")) {
            assertThat(schema).as("camel-yaml-dsl's schema/camelYamlDsl.json on the classpath").isNotNull();
            JsonNode route = new ObjectMapper().readTree(schema)
                    .at("/items/definitions/org.apache.camel.model.RouteDefinition/properties");
            Set<String> names = new TreeSet<>();
            route.fieldNames().forEachRemaining(names::add);
            assertThat(names).contains("id", "from", "routeConfigurationId");
            return names;
        }
    }

    private static Path write(Path dir, String content) throws IOException {
        Path file = dir.resolve("broken.camel.yaml");
        Files.writeString(file, content);
        return file;
    }

    private static void load(CamelContext context, Path file) throws Exception {
        Resource resource = ResourceHelper.resolveMandatoryResource(context, "file:" + file.toAbsolutePath());
        PluginHelper.getRoutesLoader(context).loadRoutes(resource);
    }
}
