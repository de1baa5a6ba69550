package io.salesactivitysync.sandbox.salesforce.org;

import static org.assertj.core.api.Assertions.assertThat;

import io.salesactivitysync.sandbox.salesforce.EmulatorClock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The org's index of field values answers what a scan of the org answers, through creates, value
 * changes, deletes, rolled-back transactions and savepoints, and the recycle bin's purge.
 */
class FieldValueIndexTest {

    private static final Instant NOON = Instant.parse("2026-03-02T12:00:00Z");
    private static final String INTEGRATION = "005000000000001AAA";
    private static final List<String> VALUES = List.of("ab-1", "AB-1", "Ab-1", "ab-2", "straße", "STRASSE", "ǅ", "ǆ", "Ǆ");

    private final RecordWriter writer = new RecordWriter(new FieldLevelSecurity(), List.of());
    private EmulatorClock clock;
    private OrgStore store;

    @BeforeEach
    void org() {
        clock = new EmulatorClock(Clock.fixed(NOON, ZoneOffset.UTC));
        OrgSchema schema = StandardObjects.schema(List.of(
                new CustomField("Task", "Ext__c", "string", null, 80, true, false, List.of(), false)));
        store = new OrgStore(schema, clock, new OrgSnapshot(DemoOrg.initialRecords(schema, NOON, "00D000000000001EAA",
                INTEGRATION, List.of(new DemoOrg.UserRecord(INTEGRATION, "integration@sandbox.example", "Integration",
                        "User", "integration@sandbox.example")), false, INTEGRATION), 0, 0));
    }

    @Test
    void findsWhatAScanFindsThroughRandomWrites() {
        Random random = new Random(7);
        List<String> ids = new ArrayList<>();
        for (int step = 0; step < 400; step++) {
            int operation = random.nextInt(4);
            boolean rollBack = random.nextInt(5) == 0;
            try {
                store.inTransaction(origin(), tx -> {
                    for (int write = 0; write < 1 + random.nextInt(3); write++) {
                        OrgTransaction.Savepoint savepoint = tx.savepoint();
                        write(tx, operation, ids, random);
                        assertSameAsScan(tx);
                        if (random.nextInt(6) == 0) {
                            tx.rollbackTo(savepoint);
                            assertSameAsScan(tx);
                        }
                    }
                    if (rollBack) {
                        throw new IllegalStateException("rolled back");
                    }
                    return null;
                });
            } catch (IllegalStateException e) {
                assertThat(e).hasMessage("rolled back");
            }
            store.read(view -> {
                assertSameAsScan((OrgTransaction) view);
                return null;
            });
            if (step == 200) {
                clock.advance(OrgStore.RECYCLE_BIN_RETENTION.plus(Duration.ofDays(1)));
            }
        }
    }

    @Test
    void aTextValueMatchesCaseInsensitivelyAndAnotherTypeNever() {
        assertThat(FieldValueIndex.sameValue("AbC", "aBc")).isTrue();
        assertThat(FieldValueIndex.sameValue("1", 1)).isFalse();
        assertThat(FieldValueIndex.sameValue(1, 1)).isTrue();
        store.inTransaction(origin(), tx -> writer.create(tx, tx.schema().require("Task"), task("Key-1")));
        assertThat(lookUp("KEY-1")).hasSize(1);
        assertThat(lookUp("Key-2")).isEmpty();
        assertThat(lookUp(null)).isEmpty();
    }

    private List<StoredRecord> lookUp(Object value) {
        return store.read(view -> view.withFieldValue("Task", "Ext__c", value));
    }

    private void write(OrgTransaction tx, int operation, List<String> ids, Random random) {
        List<StoredRecord> live = tx.records("Task").filter(r -> !r.deleted() && ids.contains(r.id())).toList();
        if (operation <= 1 || live.isEmpty()) {
            String id = writer.create(tx, tx.schema().require("Task"), task(pick(random))).id();
            if (!ids.contains(id)) {
                ids.add(id);
            }
        } else if (operation == 2) {
            StoredRecord record = live.get(random.nextInt(live.size()));
            Map<String, Object> change = new LinkedHashMap<>();
            change.put("Ext__c", random.nextInt(8) == 0 ? null : pick(random));
            writer.update(tx, tx.schema().require("Task"), record, change);
        } else {
            writer.delete(tx, live.get(random.nextInt(live.size())));
        }
    }

    private static void assertSameAsScan(OrgTransaction tx) {
        for (String value : VALUES) {
            List<StoredRecord> scanned = tx.records("Task")
                    .filter(r -> FieldValueIndex.sameValue(value, r.get("Ext__c"))).toList();
            assertThat(tx.withFieldValue("Task", "Ext__c", value)).as(value).isEqualTo(scanned);
        }
    }

    private static String pick(Random random) {
        return VALUES.get(random.nextInt(VALUES.size()));
    }

    private static Map<String, Object> task(String key) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("Subject", "Call");
        values.put("Ext__c", key);
        return values;
    }

    private static TransactionOrigin origin() {
        return new TransactionOrigin("", INTEGRATION);
    }
}
