package io.salesactivitysync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.salesactivitysync.store.PersonType;
import io.salesactivitysync.store.RepFields;
import io.salesactivitysync.store.TaskEdit;
import io.salesactivitysync.store.TaskFields;
import io.salesactivitysync.store.TaskPriority;
import io.salesactivitysync.store.TaskStatus;
import io.salesactivitysync.store.TaskSyncMode;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonBodyReaderTest {

    private final JsonBodyReader reader = new JsonBodyReader(new ObjectMapper());

    @Test
    void readsTheRecordAnOperationExpects() {
        RepFields rep = reader.readRep("{\"email\":\"a@b.example\",\"name\":\"A\",\"timeZone\":\"UTC\",\"aliases\":[\"c@d.example\"]}");
        assertThat(rep).isEqualTo(new RepFields("a@b.example", "A", "UTC", List.of("c@d.example"), null));
        assertThat(reader.readPerson("{\"name\":\"P\",\"email\":\"p@q.example\",\"type\":\"lead\"}").type()).isEqualTo(PersonType.LEAD);
        assertThat(reader.readSettingsOverrides("{\"taskSyncMode\":\"sync\",\"logCalls\":null}").taskSyncMode()).isEqualTo(TaskSyncMode.SYNC);
    }

    @Test
    void saysWhereMalformedJsonBreaks() {
        assertBadRequest(() -> reader.readRep("{\n\"email\": \"a@b.example\",\n\"name\" \"A\"}"),
                "Malformed JSON at line 3, column 8: Unexpected character ('\"' (code 34)): was expecting a colon to separate field name and value");
        assertBadRequest(() -> reader.readRep("{\"email\": \"a@b.example\""), "Malformed JSON at line 1");
        assertBadRequest(() -> reader.readRep("{} {}"), "Malformed JSON at line 1, column 4: more content follows the JSON object");
        assertThatThrownBy(() -> reader.readRep("{\"name\":\"a\", \"name\":\"b\"}"))
                .isInstanceOf(BadRequestException.class)
                .hasMessageStartingWith("Malformed JSON at line 1")
                .hasMessageContaining("Duplicate field 'name'");
    }

    @Test
    void refusesBodiesThatAreNotOneObject() {
        assertBadRequest(() -> reader.readRep(null), "The request body is empty: send a JSON object");
        assertBadRequest(() -> reader.readRep("  \n"), "The request body is empty: send a JSON object");
        assertBadRequest(() -> reader.readRep("null"), "The request body must be a JSON object, not null");
        assertBadRequest(() -> reader.readRep("[]"), "The request body must be a JSON object at line 1, column 1");
        assertBadRequest(() -> reader.readRep("\"text\""), "The request body must be a JSON object");
    }

    @Test
    void namesTheFieldThatIsUnknownOrOfTheWrongType() {
        assertField(() -> reader.readRep("{\"emial\":\"a@b.example\"}"), "emial",
                "is not a known field; known fields: aliases, email, name, salesforceUserId, timeZone");
        assertField(() -> reader.readRep("{\"email\":5}"), "email", "must be a string");
        assertField(() -> reader.readRep("{\"email\":true}"), "email", "must be a string");
        assertField(() -> reader.readRep("{\"email\":{}}"), "email", "must be a string");
        assertField(() -> reader.readRep("{\"aliases\":\"x@y.example\"}"), "aliases", "must be an array");
        assertField(() -> reader.readRep("{\"aliases\":[\"x@y.example\", 7]}"), "aliases[1]", "must be a string");
        assertField(() -> reader.readSettingsOverrides("{\"logCalls\":\"true\"}"), "logCalls", "must be true or false");
        assertField(() -> reader.readSettingsOverrides("{\"logCalls\":1}"), "logCalls", "must be true or false");
        assertField(() -> reader.readSettingsOverrides("{\"taskSyncMode\":\"SYNC\"}"), "taskSyncMode", "must be one of: do_not_sync, sync");
        assertField(() -> reader.readSettingsOverrides("{\"taskSyncMode\":1}"), "taskSyncMode", "must be one of: do_not_sync, sync");
        assertField(() -> reader.readSettingsOverrides("{\"taskSyncMode\":\"\"}"), "taskSyncMode", "must be one of: do_not_sync, sync");
        assertField(() -> reader.readPerson("{\"type\":\"account\"}"), "type", "must be one of: lead, contact");
    }

    @Test
    void readsTasksWithCalendarDatesOnly() {
        assertThat(reader.readTask("{\"name\":\"T\",\"repId\":7,\"dueDate\":\"2026-11-23\",\"status\":\"completed\"}"))
                .isEqualTo(new TaskFields("T", TaskStatus.COMPLETED, null, LocalDate.of(2026, 11, 23), null, 7L, null));
        assertThat(reader.readTaskEdit("{\"name\":\"T\",\"priority\":\"high\",\"dueDate\":null}"))
                .isEqualTo(new TaskEdit("T", null, TaskPriority.HIGH, null, null));
        String expected = "must be a calendar date yyyy-MM-dd such as 2026-11-23";
        for (String date : List.of("\"2026-11-23T10:00:00Z\"", "\"2026-11-23T10:00\"", "\"2026-02-30\"", "\"2026-1-5\"",
                "\"+2026-11-23\"", "\"\"", "\"23.11.2026\"", "20261123", "[2026,11,23]", "{\"year\":2026}", "true")) {
            assertField(() -> reader.readTaskEdit("{\"name\":\"T\",\"dueDate\":" + date + "}"), "dueDate", expected);
        }
        assertField(() -> reader.readTask("{\"dueDate\":\"1699-12-31\"}"), "dueDate", "must be a date from 1700-01-01 to 4000-12-31");
        assertField(() -> reader.readTask("{\"repId\":\"7\"}"), "repId", "must be a number");
        assertField(() -> reader.readTask("{\"repId\":7.5}"), "repId", "must be a number");
        assertField(() -> reader.readTask("{\"personId\":true}"), "personId", "must be a number");
        assertField(() -> reader.readTask("{\"status\":\"done\"}"), "status", "must be one of: open, completed");
        assertField(() -> reader.readTaskEdit("{\"repId\":7}"), "repId",
                "is not a known field; known fields: details, dueDate, name, priority, status");
    }

    private static void assertBadRequest(Runnable read, String messageStart) {
        assertThatThrownBy(read::run).isInstanceOf(BadRequestException.class).hasMessageStartingWith(messageStart);
    }

    private static void assertField(Runnable read, String field, String problem) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(BadRequestException.class, e -> {
            assertThat(e.problems()).containsExactly(new FieldProblem(field, problem));
            assertThat(e.getMessage()).isEqualTo(field + " " + problem);
        });
    }
}
