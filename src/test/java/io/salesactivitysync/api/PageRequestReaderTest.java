package io.salesactivitysync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salesactivitysync.store.PageRequest;
import org.junit.jupiter.api.Test;

class PageRequestReaderTest {

    private final PageRequestReader reader = new PageRequestReader(new ApiProperties("t", 20, 100));

    @Test
    void defaultsToTheFirstPageOfTheDefaultSize() {
        assertThat(reader.read(null, null)).isEqualTo(new PageRequest(0, 20));
        assertThat(reader.read("", "")).isEqualTo(new PageRequest(0, 20));
        assertThat(reader.read("3", "100")).isEqualTo(new PageRequest(3, 100));
        assertThat(new PageRequest(3, 100).offset()).isEqualTo(300);
    }

    @Test
    void refusesWhatIsNotAPageInRange() {
        assertProblem(() -> reader.read("-1", null), "page", "must be between 0 and 2147483647, got -1");
        assertProblem(() -> reader.read(null, "0"), "size", "must be between 1 and 100, got 0");
        assertProblem(() -> reader.read(null, "101"), "size", "must be between 1 and 100, got 101");
        assertProblem(() -> reader.read("1.5", null), "page", "must be a whole number, got '1.5'");
        assertProblem(() -> reader.read("99999999999", null), "page", "must be a whole number, got '99999999999'");
        assertProblem(() -> reader.read(null, "ten\r\n"), "size", "must be a whole number, got 'ten??'");
    }

    private static void assertProblem(Runnable read, String field, String problem) {
        assertThatThrownBy(read::run).isInstanceOfSatisfying(BadRequestException.class,
                e -> assertThat(e.problems()).containsExactly(new FieldProblem(field, problem)));
    }
}
