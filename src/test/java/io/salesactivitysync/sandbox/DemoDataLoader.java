package io.salesactivitysync.sandbox;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.salesactivitysync.store.PersonStore;
import io.salesactivitysync.store.RepStore;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;

/**
 * Loads the demo reps and people into the store. Idempotent: a rep or person whose address is
 * already in the store is left as it is (including any edits made through the API), so loading
 * at every start never creates duplicates.
 */
public class DemoDataLoader {

    private static final Logger LOG = LoggerFactory.getLogger(DemoDataLoader.class);

    private final ResourceLoader resources;
    private final RepStore reps;
    private final PersonStore people;
    private final Validator validator;
    private final ObjectMapper yaml;

    public DemoDataLoader(ResourceLoader resources, RepStore reps, PersonStore people, Validator validator) {
        this.resources = resources;
        this.reps = reps;
        this.people = people;
        this.validator = validator;
        this.yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .findAndRegisterModules();
    }

    /** What a load did: how many records the file holds and how many were added. */
    public record Result(int reps, int repsAdded, int people, int peopleAdded) {
    }

    /** Loads the file at a Spring resource location such as {@code file:config/sandbox-demo-data.yml}. */
    public Result load(String location) {
        DemoData data = read(location);
        int repsAdded = 0;
        for (var rep : data.reps()) {
            if (reps.findByAddress(rep.email()).isEmpty()) {
                reps.create(rep);
                repsAdded++;
            }
        }
        int peopleAdded = 0;
        for (var person : data.people()) {
            if (people.findByEmail(person.email()).isEmpty()) {
                people.create(person);
                peopleAdded++;
            }
        }
        Result result = new Result(data.reps().size(), repsAdded, data.people().size(), peopleAdded);
        LOG.info("Demo data {}: {} reps ({} added), {} people ({} added)",
                location, result.reps(), result.repsAdded(), result.people(), result.peopleAdded());
        return result;
    }

    DemoData read(String location) {
        Resource file = resources.getResource(location);
        DemoData data;
        try (InputStream in = file.getInputStream()) {
            data = yaml.readValue(in, DemoData.class);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read the sandbox demo data " + location
                    + " (sandbox.demo.data): " + e.getMessage(), e);
        }
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < data.reps().size(); i++) {
            problems.addAll(problems("reps[" + i + "]", validator.validate(data.reps().get(i))));
        }
        for (int i = 0; i < data.people().size(); i++) {
            problems.addAll(problems("people[" + i + "]", validator.validate(data.people().get(i))));
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The sandbox demo data " + location + " is invalid: "
                    + String.join("; ", problems));
        }
        return data;
    }

    private static <T> List<String> problems(String record, Set<ConstraintViolation<T>> violations) {
        return violations.stream()
                .map(v -> record + "." + v.getPropertyPath() + " " + v.getMessage())
                .sorted()
                .toList();
    }
}
