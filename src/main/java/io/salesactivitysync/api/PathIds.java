package io.salesactivitysync.api;

import io.salesactivitysync.store.RecordNotFoundException;
import org.apache.camel.Header;
import org.springframework.stereotype.Component;

/**
 * Reads the {@code {id}} of a resource path. An id that is not a positive number cannot name a
 * record, so it is answered like any unknown id: 404.
 */
@Component
public class PathIds {

    public long repId(@Header("id") String id) {
        return parse("rep", id);
    }

    public long activityId(@Header("id") String id) {
        return parse("activity", id);
    }

    public long personId(@Header("id") String id) {
        return parse("person", id);
    }

    public long taskId(@Header("id") String id) {
        return parse("task", id);
    }

    static long parse(String kind, String id) {
        try {
            long value = Long.parseLong(id);
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new RecordNotFoundException(kind, id == null ? "(none)" : "'" + id.replaceAll("\\p{Cntrl}", "?") + "'");
    }
}
