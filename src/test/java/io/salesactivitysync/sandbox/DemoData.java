package io.salesactivitysync.sandbox;

import io.salesactivitysync.store.PersonFields;
import io.salesactivitysync.store.RepFields;
import java.util.List;

/** The content of the demo data file: reps and people, in the API's JSON shape. */
public record DemoData(List<RepFields> reps, List<PersonFields> people) {

    public DemoData {
        reps = reps == null ? List.of() : List.copyOf(reps);
        people = people == null ? List.of() : List.copyOf(people);
    }
}
