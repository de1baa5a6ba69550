package io.salesactivitysync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salesactivitysync.store.TaskFilter;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class TaskFilterReaderTest {

    private final TaskFilterReader reader = new TaskFilterReader();

    @Test
    void readsTheFilterAndLeavesOutWhatIsNotGiven() {
        assertThat(reader.read(null, null, null)).isEqualTo(new TaskFilter(null, null, null));
        assertThat(reader.read("", "", "")).isEqualTo(new TaskFilter(null, null, null));
        assertThat(reader.read("7", "2026-11-23", "2026-11-23"))
                .isEqualTo(new TaskFilter(7L, LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 23)));
        assertThat(reader.read(null, "0001-01-01", null).dueFrom()).as("a filter may reach far").isEqualTo(LocalDate.of(1, 1, 1));
    }

    @Test
    void namesTheParameterThatIsWrong() {
        assertProblem(() -> reader.read("x", null, null), "rep", "must be a rep's id (a positive whole number)");
        assertProblem(() -> reader.read("0", null, null), "rep", "must be a rep's id (a positive whole number)");
        assertProblem(() -> reader.read(null, "2026-11-23T00:00:00Z", null), "dueFrom", "must be a calendar date yyyy-MM-dd such as 2026-11-23");
        assertProblem(() -> reader.read(null, null, "2026-02-29"), "dueTo", "must be a calendar date yyyy-MM-dd such as 2026-11-23");
        assertProblem(() -> reader.read(null, "2026-11-24", "2026-11-23"), "dueFrom", "must not be after dueTo (2026-11-24 > 2026-11-23)");
    }

    @Test
    void theCommandCenterNeedsARep() {
        assertThat(reader.requiredRep("12")).isEqualTo(12L);
        assertProblem(() -> reader.requiredRep(null), "rep", "is required: the rep's id, as in ?rep=7");
        assertProblem(() -> reader.requiredRep(""), "rep", "is required: the rep's id, as in ?rep=7");
        assertProblem(() -> reader.requiredRep("-1"), "rep", "must be a rep's id (a positive whole number)");
    }

    private static void assertProblem(Runnable read, String field, String problem) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(BadRequestException.class,
                e -> assertThat(e.problems()).containsExactly(new FieldProblem(field, problem)));
    }
}
