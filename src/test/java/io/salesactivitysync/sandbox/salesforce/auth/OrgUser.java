package io.salesactivitysync.sandbox.salesforce.auth;

/** A user who can log in: the User record's id and name, and the password of the emulated org (email: the username when left out). */
public record OrgUser(String id, String username, String password, String firstName, String lastName, String email) {

    public OrgUser {
        email = email == null ? username : email;
    }

    public String name() {
        return ((firstName == null ? "" : firstName + " ") + lastName).trim();
    }
}
