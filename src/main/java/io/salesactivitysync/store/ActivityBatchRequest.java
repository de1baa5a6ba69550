package io.salesactivitysync.store;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;

/** {@code POST /api/activities/batch}: up to 1,000 activities, taken in together or not at all. */
public record ActivityBatchRequest(
        @NotNull(message = "is required: a list of 1 to 1000 activities")
        @Size(min = 1, max = 1000, message = "must hold 1 to 1000 activities")
        List<@NotNull(message = "must be an activity, not null") @Valid ActivityRequest> activities) {
}
