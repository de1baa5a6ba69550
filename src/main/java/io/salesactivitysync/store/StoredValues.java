package io.salesactivitysync.store;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Maps the lower-case values kept in enum columns back to their Java constants. */
final class StoredValues {

    private StoredValues() {
    }

    static <E extends Enum<E>> E find(E[] constants, Function<E, String> valueOf, String value, String what) {
        if (value == null) {
            return null;
        }
        for (E constant : constants) {
            if (valueOf.apply(constant).equals(value)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("Unknown " + what + " '" + value + "'; expected one of "
                + Arrays.stream(constants).map(valueOf).collect(Collectors.joining(", ")));
    }
}
