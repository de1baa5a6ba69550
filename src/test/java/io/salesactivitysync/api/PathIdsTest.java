package io.salesactivitysync.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.salesactivitysync.store.RecordNotFoundException;
import org.junit.jupiter.api.Test;

class PathIdsTest {

    private final PathIds ids = new PathIds();

    @Test
    void readsPositiveIds() {
        assertThat(ids.repId("42")).isEqualTo(42L);
        assertThat(ids.personId("9007199254740993")).isEqualTo(9007199254740993L);
        assertThat(ids.taskId("7")).isEqualTo(7L);
    }

    @Test
    void anIdThatCannotExistIsNotFound() {
        assertThatThrownBy(() -> ids.repId("abc")).isInstanceOf(RecordNotFoundException.class).hasMessage("No rep with id 'abc'");
        assertThatThrownBy(() -> ids.personId("0")).hasMessage("No person with id '0'");
        assertThatThrownBy(() -> ids.repId("-1")).hasMessage("No rep with id '-1'");
        assertThatThrownBy(() -> ids.repId("1e3")).hasMessage("No rep with id '1e3'");
        assertThatThrownBy(() -> ids.repId(null)).hasMessage("No rep with id (none)");
        assertThatThrownBy(() -> ids.taskId("x")).hasMessage("No task with id 'x'");
    }
}
