package io.salesactivitysync.sandbox.salesforce.streaming;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Change events nest the parts of compound fields, as Salesforce does ("Get Compound Fields in
 * Change Events"): a Contact's {@code FirstName} and {@code LastName} travel as
 * {@code "Name": {"FirstName": .., "LastName": ..}}, an Account's {@code BillingCity} as
 * {@code "BillingAddress": {"City": ..}}, and {@code changedFields} names them
 * {@code Name.LastName}, {@code BillingAddress.City}. The person's full {@code Name}, derived
 * from its parts, is not a field of the event.
 */
final class CompoundFields {

    private static final List<String> NAME_PARTS = List.of("Salutation", "FirstName", "MiddleName", "LastName", "Suffix");
    private static final List<String> ADDRESS_PARTS = List.of(
            "Street", "City", "State", "PostalCode", "Country", "StateCode", "CountryCode",
            "Latitude", "Longitude", "GeocodeAccuracy");

    private static final Set<String> PERSON_ENTITIES = Set.of("Contact", "Lead", "User");
    private static final Map<String, List<String>> ADDRESS_PREFIXES = Map.of(
            "Account", List.of("Billing", "Shipping"),
            "Contact", List.of("Mailing", "Other"),
            "Lead", List.of(""),
            "User", List.of(""));

    /** Component field → "Compound.Part". */
    private final Map<String, String> componentPaths;
    private final Set<String> compoundNames;
    private final boolean personName;

    private CompoundFields(Map<String, String> componentPaths, Set<String> compoundNames, boolean personName) {
        this.componentPaths = componentPaths;
        this.compoundNames = compoundNames;
        this.personName = personName;
    }

    static CompoundFields of(String entityName) {
        Map<String, String> paths = new LinkedHashMap<>();
        Set<String> compounds = new LinkedHashSet<>();
        boolean person = PERSON_ENTITIES.contains(entityName);
        if (person) {
            compounds.add("Name");
            NAME_PARTS.forEach(part -> paths.put(part, "Name." + part));
        }
        for (String prefix : ADDRESS_PREFIXES.getOrDefault(entityName, List.of())) {
            String compound = prefix + "Address";
            compounds.add(compound);
            ADDRESS_PARTS.forEach(part -> paths.put(prefix + part, compound + "." + part));
        }
        return new CompoundFields(paths, compounds, person);
    }

    /** The body with component fields moved into their compound, in first-seen order. */
    Map<String, Object> fold(Map<String, Object> flatBody) {
        Map<String, Object> folded = new LinkedHashMap<>();
        for (Map.Entry<String, Object> field : flatBody.entrySet()) {
            String path = componentPaths.get(field.getKey());
            if (path != null) {
                int dot = path.indexOf('.');
                @SuppressWarnings("unchecked")
                Map<String, Object> compound = (Map<String, Object>) folded.computeIfAbsent(
                        path.substring(0, dot), name -> new LinkedHashMap<String, Object>());
                compound.put(path.substring(dot + 1), field.getValue());
            } else if (!compoundNames.contains(field.getKey())) {
                folded.put(field.getKey(), field.getValue());
            }
        }
        return folded;
    }

    /** The header's {@code changedFields}: components as {@code Compound.Part}, the derived full name left out. */
    List<String> changedFieldNames(List<String> changedFields) {
        Set<String> names = new LinkedHashSet<>();
        for (String field : changedFields) {
            if (personName && "Name".equals(field)) {
                continue;
            }
            names.add(componentPaths.getOrDefault(field, field));
        }
        return new ArrayList<>(names);
    }
}
