package io.salesactivitysync.salesforce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/**
 * The repository's Salesforce metadata (salesforce/, SFDX source format) holds every custom field
 * the product writes, as configured, and the sandbox org has the same fields: what works against
 * the emulator deploys to a real org.
 */
class SalesforceMetadataTest {

    private static final Path OBJECTS = Path.of("salesforce/force-app/main/default/objects");
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    @Test
    void everyFieldTheProductWritesIsInTheMetadata() throws Exception {
        Map<String, Document> metadata = metadataFields();
        JsonNode config = YAML.readTree(Path.of("config/application.yml").toFile());
        String keyField = config.at("/sas/salesforce/task-external-id-field").asText();
        Document key = metadata.get("Task." + keyField);
        assertThat(key).as("Task." + keyField + " in salesforce/").isNotNull();
        assertThat(text(key, "externalId")).isEqualTo("true");
        assertThat(text(key, "unique")).isEqualTo("true");
        for (JsonNode mapped : config.at("/sas/activity/attribute-fields")) {
            String name = mapped.get("object").asText() + "." + mapped.get("field").asText();
            assertThat(metadata).as("the mapped field " + name + " in salesforce/").containsKey(name);
        }
    }

    @Test
    void theSandboxOrgHasExactlyTheMetadataFields() throws Exception {
        JsonNode sandbox = YAML.readTree(Path.of("config/application-sandbox.yml").toFile());
        TreeSet<String> declared = new TreeSet<>();
        for (JsonNode field : sandbox.at("/sandbox/salesforce/custom-fields")) {
            declared.add(field.get("s-object").asText() + "." + field.get("name").asText());
        }
        assertThat(declared).isEqualTo(new TreeSet<>(metadataFields().keySet()));
    }

    @Test
    void theSandboxOrgHasTheTaskTypeValuesTheMetadataAdds() throws Exception {
        JsonNode sandbox = YAML.readTree(Path.of("config/application-sandbox.yml").toFile());
        Document taskType = parse(Path.of("salesforce/force-app/main/default/standardValueSets/TaskType.standardValueSet-meta.xml"));
        TreeSet<String> deployed = new TreeSet<>();
        for (int i = 0; i < taskType.getElementsByTagName("fullName").getLength(); i++) {
            deployed.add(taskType.getElementsByTagName("fullName").item(i).getTextContent());
        }
        assertThat(deployed).contains("Call", "Email", "Reply");
        for (JsonNode added : sandbox.at("/sandbox/salesforce/picklist-values/[Task.Type]")) {
            assertThat(deployed).contains(added.asText());
        }
        assertThat(sandbox.at("/sandbox/salesforce/picklist-values/[Task.Type]").toString()).contains("Reply");
    }

    /** Object.Field to its field-meta.xml; Activity fields stand for Task (and Event). */
    private static Map<String, Document> metadataFields() throws Exception {
        Map<String, Document> fields = new LinkedHashMap<>();
        try (Stream<Path> files = Files.walk(OBJECTS)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".field-meta.xml")).toList()) {
                String object = file.getParent().getParent().getFileName().toString();
                String field = file.getFileName().toString().replace(".field-meta.xml", "");
                fields.put(("Activity".equals(object) ? "Task" : object) + "." + field, parse(file));
            }
        }
        return fields;
    }

    private static Document parse(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }

    private static String text(Document document, String element) throws IOException {
        return document.getElementsByTagName(element).item(0).getTextContent();
    }
}
