package io.salesactivitysync.sandbox.salesforce.auth;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The users who can log in, by username (case-insensitive, as Salesforce usernames are). */
public final class UserDirectory {

    private final Map<String, OrgUser> byUsername = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public UserDirectory(List<OrgUser> users) {
        users.forEach(u -> byUsername.put(u.username(), u));
    }

    public Optional<OrgUser> byUsername(String username) {
        return Optional.ofNullable(username).map(byUsername::get);
    }

    public Optional<OrgUser> byId(String id) {
        return byUsername.values().stream().filter(u -> u.id().equals(id)).findFirst();
    }

    /** The user when the password matches; empty otherwise. */
    public Optional<OrgUser> authenticate(String username, String password) {
        return byUsername(username).filter(u -> u.password().equals(password));
    }

    public Collection<OrgUser> all() {
        return byUsername.values();
    }
}
