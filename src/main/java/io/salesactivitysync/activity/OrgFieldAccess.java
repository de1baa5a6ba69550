package io.salesactivitysync.activity;

import io.salesactivitysync.salesforce.CompositeAnswers;
import io.salesactivitysync.salesforce.SalesforceProperties;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectComposite;
import org.apache.camel.component.salesforce.api.dto.composite.SObjectCompositeResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The preflight: what the integration user may write, read from Salesforce's describe of Task,
 * Contact, Lead, Account and Opportunity (one composite call). It says plainly what is wrong:
 * <ul>
 *   <li>the Task external id field ({@code sas.salesforce.task-external-id-field}) is missing or
 *       not an External ID: nothing is logged until it is there, since without it a retry could
 *       log an activity twice (deploy {@code salesforce/} with the Salesforce CLI);</li>
 *   <li>mapped activity attribute fields that do not exist or that field-level security keeps the
 *       integration user from editing: activities are logged without them, and each activity
 *       names the fields it left out.</li>
 * </ul>
 * Run at start and on a schedule, so that a change an admin makes is seen.
 */
@Component
public class OrgFieldAccess {

    private static final Logger LOG = LoggerFactory.getLogger(OrgFieldAccess.class);
    static final List<String> OBJECTS = List.of("Task", "Contact", "Lead", "Account", "Opportunity");

    private final SalesforceProperties salesforce;
    private final ActivityLoggingProperties activity;
    private final Clock clock;
    private volatile Snapshot snapshot;

    public OrgFieldAccess(SalesforceProperties salesforce, ActivityLoggingProperties activity, Clock clock) {
        this.salesforce = salesforce;
        this.activity = activity;
        this.clock = clock;
    }

    /** What describe says of one field. */
    public record Field(String type, boolean createable, boolean updateable, boolean externalId, boolean unique) {
    }

    /**
     * The last preflight's findings.
     *
     * @param keyFieldProblem what is wrong with the Task external id field, null when it is fine
     * @param fieldProblems   {@code Object.Field} to what is wrong with each mapped field
     */
    public record Snapshot(Instant checkedAt, Map<String, Map<String, Field>> fields, String keyFieldProblem,
                           Map<String, String> fieldProblems) {
    }

    public SObjectComposite request() {
        SObjectComposite composite = new SObjectComposite(salesforce.apiVersion(), false);
        addDescribes(composite);
        return composite;
    }

    /** Adds the describes to another composite request (diagnostics), referenced by object name. */
    public void addDescribes(SObjectComposite composite) {
        for (String object : OBJECTS) {
            // the URL from the version on: camel puts /services/data/vNN.N in front
            composite.addGeneric(SObjectComposite.Method.GET, "/sobjects/" + object + "/describe", object);
        }
    }

    @SuppressWarnings("unchecked")
    public void read(SObjectCompositeResponse response) {
        CompositeAnswers answers = new CompositeAnswers(response);
        Map<String, Map<String, Field>> fields = new LinkedHashMap<>();
        for (String object : OBJECTS) {
            Map<String, Field> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            Object list = answers.body(object).get("fields");
            if (list instanceof List<?> described) {
                for (Object item : described) {
                    if (item instanceof Map<?, ?> map) {
                        Map<String, Object> field = (Map<String, Object>) map;
                        byName.put(String.valueOf(field.get("name")), new Field(String.valueOf(field.get("type")), flag(field, "createable"),
                                flag(field, "updateable"), flag(field, "externalId"), flag(field, "unique")));
                    }
                }
            }
            fields.put(object, byName);
        }
        String keyField = salesforce.taskExternalIdField();
        Field key = fields.get("Task").get(keyField);
        String keyProblem = key == null
                ? "The org has no Task." + keyField + " field: deploy the product's metadata (salesforce/, see README)"
                + " or set sas.salesforce.task-external-id-field; no activity is logged until it is there"
                : !key.externalId() ? "Task." + keyField + " is not marked External ID: upserts cannot use it; no"
                + " activity is logged until it is"
                : !key.createable() || !key.updateable() ? "The integration user cannot edit Task." + keyField
                + " (field-level security); no activity is logged until it can" : null;
        Map<String, String> problems = new LinkedHashMap<>();
        for (ActivityLoggingProperties.AttributeField mapped : activity.attributeFields()) {
            Field field = fields.get(mapped.object()).get(mapped.field());
            boolean task = mapped.object().equals("Task");
            if (field == null) {
                problems.put(mapped.qualifiedName(), "does not exist in the org");
            } else if (!field.updateable() || (task && !field.createable())) {
                problems.put(mapped.qualifiedName(), "the integration user cannot edit it (field-level security)");
            }
        }
        Snapshot previous = snapshot;
        snapshot = new Snapshot(clock.instant(), fields, keyProblem, problems);
        if (previous == null || !problems.equals(previous.fieldProblems())
                || !java.util.Objects.equals(keyProblem, previous.keyFieldProblem())) {
            if (keyProblem != null) {
                LOG.error("Activity logging preflight: {}", keyProblem);
            }
            if (!problems.isEmpty()) {
                List<String> lines = new ArrayList<>();
                problems.forEach((name, problem) -> lines.add(name + " (" + problem + ")"));
                LOG.warn("Activity logging preflight: these mapped activity fields will be left out of every write"
                        + " until fixed: {}", String.join(", ", lines));
            } else if (keyProblem == null) {
                LOG.info("Activity logging preflight: the Task external id field and every mapped activity field are"
                        + " writable");
            }
        }
    }

    /** Whether the preflight should run: never succeeded, or older than preflight-interval. */
    public boolean due() {
        Snapshot current = snapshot;
        return current == null || !current.checkedAt().plus(activity.preflightInterval()).isAfter(clock.instant());
    }

    /** Whether activities may be written: the preflight ran and found the Task external id field. */
    public boolean ready() {
        Snapshot current = snapshot;
        return current != null && current.keyFieldProblem() == null;
    }

    public Snapshot snapshot() {
        return snapshot;
    }

    /**
     * Whether a mapped field may be written, as far as the preflight knows: true before the first
     * preflight (Salesforce's answer to the write then decides).
     */
    public boolean writable(String object, String field, boolean upsert) {
        Snapshot current = snapshot;
        if (current == null) {
            return true;
        }
        Field described = current.fields().getOrDefault(object, Map.of()).get(field);
        return described != null && described.updateable() && (!upsert || described.createable());
    }

    /** The field's type as describe names it (date, datetime, string, boolean, ...), or null when unknown. */
    public String type(String object, String field) {
        Snapshot current = snapshot;
        Field described = current == null ? null : current.fields().getOrDefault(object, Map.of()).get(field);
        return described == null ? null : described.type();
    }

    /** A field the integration user may set when creating but not change later (e.g. TaskSubtype). */
    public boolean createOnly(String object, String field) {
        Snapshot current = snapshot;
        Field described = current == null ? null : current.fields().getOrDefault(object, Map.of()).get(field);
        return described != null ? described.createable() && !described.updateable() : "TaskSubtype".equals(field);
    }

    private static boolean flag(Map<String, Object> field, String name) {
        return Boolean.TRUE.equals(field.get(name));
    }
}
