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
        for (String path : List.of("/api/reps", "/api/people", "/api/tasks")) {
            Operation list = api.getPaths().get(path).getGet();
            for (String name : List.of("page", "size")) {
                Parameter parameter = parameter(list, name);
                assertThat(parameter.getRequired()).as(path + " " + name).isNotEqualTo(Boolean.TRUE);
                assertThat(parameter.getSchema().getType()).as(path + " " + name).isEqualTo("integer");
                assertThat(parameter.getSchema().getDefault()).as(path + " " + name).isNull();
            }
        }
        for (String path : List.of("/api/reps/{id}", "/api/reps/{id}/settings", "/api/people/{id}", "/api/tasks/{id}",
                "/api/tasks/{id}/history")) {
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

    @Test
    void theTaskOperationsAreDocumented() {
        OpenAPI api = parse().getOpenAPI();
        assertThat(api.getPaths().get("/api/tasks").getGet().getOperationId()).isEqualTo("list-tasks");
        assertThat(api.getPaths().get("/api/tasks").getPost().getOperationId()).isEqualTo("create-task");
        assertThat(api.getPaths().get("/api/tasks/{id}").getGet().getOperationId()).isEqualTo("get-task");
        assertThat(api.getPaths().get("/api/tasks/{id}").getPut().getOperationId()).isEqualTo("update-task");
        assertThat(api.getPaths().get("/api/tasks/{id}").getDelete().getOperationId()).isEqualTo("delete-task");
        assertThat(api.getPaths().get("/api/tasks/{id}/complete").getPost().getOperationId()).isEqualTo("complete-task");
        assertThat(api.getPaths().get("/api/tasks/{id}/reopen").getPost().getOperationId()).isEqualTo("reopen-task");
        assertThat(api.getPaths().get("/api/tasks/{id}/history").getGet().getOperationId()).isEqualTo("get-task-history");

        Operation list = api.getPaths().get("/api/tasks").getGet();
        assertThat(parameter(list, "rep").getSchema().getType()).isEqualTo("integer");
        for (String name : List.of("rep", "dueFrom", "dueTo")) {
            assertThat(parameter(list, name).getRequired()).as(name).isNotEqualTo(Boolean.TRUE);
        }
        Schema<?> page = api.getComponents().getSchemas().get("TaskPage");
        assertThat(((Schema<?>) page.getProperties().get("items")).getItems().get$ref()).endsWith("/Task");
        assertThat(api.getComponents().getSchemas().get("Task").getProperties()).containsKeys("dueDate", "synced", "syncState", "syncError");
        assertThat(api.getComponents().getSchemas().get("TaskFields").getProperties()).containsKeys("name", "repId", "personId", "dueDate");
        assertThat(api.getPaths().get("/api/tasks/{id}").getPut().getRequestBody().getContent().get("application/json")
                .getSchema().get$ref()).endsWith("/TaskEdit");
        assertThat(api.getPaths().get("/api/tasks").getPost().getResponses()).containsKeys("201", "400");
        assertThat(api.getPaths().get("/api/tasks/{id}").getDelete().getResponses()).containsKeys("204", "404");

        Schema<?> history = api.getPaths().get("/api/tasks/{id}/history").getGet().getResponses().get("200").getContent()
                .get("application/json").getSchema();
        assertThat(history.getType()).isEqualTo("array");
        assertThat(history.getItems().get$ref()).endsWith("/TaskHistoryEntry");

        Operation center = api.getPaths().get("/api/command-center").getGet();
        assertThat(center.getOperationId()).isEqualTo("get-command-center");
        Parameter rep = parameter(center, "rep");
        assertThat(rep.getIn()).isEqualTo("query");
        assertThat(rep.getRequired()).isTrue();
        assertThat(rep.getSchema().getType()).isEqualTo("integer");
        assertThat(center.getResponses()).containsKeys("200", "400", "404");
        assertThat(center.getResponses().get("200").getContent().get("application/json").getSchema().get$ref())
                .endsWith("/CommandCenter");
    }

    @Test
    void theActivitySummaryIsDocumented() {
        OpenAPI api = parse().getOpenAPI();
        Operation summary = api.getPaths().get("/api/activities/summary").getGet();
        assertThat(summary.getOperationId()).isEqualTo("summarize-activities");
        assertThat(parameter(summary, "rep").getSchema().getType()).isEqualTo("integer");
        for (String name : List.of("rep", "source", "since", "until")) {
            assertThat(parameter(summary, name).getRequired()).as(name).isNotEqualTo(Boolean.TRUE);
        }
        assertThat(summary.getResponses()).containsKeys("200", "400");
        assertThat(summary.getResponses().get("200").getContent().get("application/json").getSchema().get$ref())
                .endsWith("/ActivitySummary");
        assertThat(api.getComponents().getSchemas().get("ActivitySummary").getProperties())
                .containsKeys("total", "byState", "bySource", "reasons");
        assertThat(parameter(api.getPaths().get("/api/activities").getGet(), "reason").getIn()).isEqualTo("query");
    }

    private static Parameter parameter(Operation operation, String name) {
        return operation.getParameters().stream().filter(p -> p.getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no parameter " + name + " in " + operation.getOperationId()));
    }
}
