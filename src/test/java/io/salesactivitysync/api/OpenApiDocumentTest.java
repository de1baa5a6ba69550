package io.salesactivitysync.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.ApiClient;
import io.salesactivitysync.AppTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The OpenAPI document the API serves is valid OpenAPI 3 and says what the API really does. */
@AppTest
class OpenApiDocumentTest {

    @LocalServerPort
    int port;

    private SwaggerParseResult parse() {
        ApiClient.Response document = new ApiClient(port).get("/api/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(document.body(), null, options);
    }

    @Test
    void validatesAsOpenApi3() {
        SwaggerParseResult result = parse();
        assertThat(result.getMessages()).as("validation messages").isEmpty();
        assertThat(result.getOpenAPI().getOpenapi()).startsWith("3.");
    }

    @Test
    void pagingParametersAreOptionalIntegersAndPathIdsIntegers() {
        OpenAPI api = parse().getOpenAPI();
        for (String path : List.of("/api/reps", "/api/people")) {
            Operation list = api.getPaths().get(path).getGet();
            for (String name : List.of("page", "size")) {
                Parameter parameter = parameter(list, name);
                assertThat(parameter.getRequired()).as(path + " " + name).isNotEqualTo(Boolean.TRUE);
                assertThat(parameter.getSchema().getType()).as(path + " " + name).isEqualTo("integer");
                assertThat(parameter.getSchema().getDefault()).as(path + " " + name).isNull();
            }
        }
        for (String path : List.of("/api/reps/{id}", "/api/reps/{id}/settings", "/api/people/{id}")) {
            Parameter id = parameter(api.getPaths().get(path).getGet(), "id");
            assertThat(id.getIn()).isEqualTo("path");
            assertThat(id.getRequired()).isTrue();
            assertThat(id.getSchema().getType()).as(path).isEqualTo("integer");
        }
    }

    @Test
    void everyOperationNamesItsErrorsAndAPageItsItems() {
        OpenAPI api = parse().getOpenAPI();
        api.getPaths().forEach((path, item) -> item.readOperations().forEach(operation -> {
            assertThat(operation.getResponses()).as(path + " " + operation.getOperationId()).containsKeys("401", "503");
            if (operation.getRequestBody() != null) {
                assertThat(operation.getResponses()).as(path + " " + operation.getOperationId()).containsKeys("400", "413", "415");
            }
        }));
        Schema<?> page = api.getComponents().getSchemas().get("RepPage");
        assertThat(page).isNotNull();
        Schema<?> items = (Schema<?>) page.getProperties().get("items");
        assertThat(items.getItems().get$ref()).endsWith("/Rep");
        assertThat(api.getPaths().get("/api/reps").getGet().getResponses().get("200").getContent().get("application/json")
                .getSchema().get$ref()).endsWith("/RepPage");
    }

    private static Parameter parameter(Operation operation, String name) {
        return operation.getParameters().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name + " in " + operation.getOperationId()));
    }
}
