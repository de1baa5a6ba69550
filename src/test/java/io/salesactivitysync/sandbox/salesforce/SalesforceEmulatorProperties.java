package io.salesactivitysync.sandbox.salesforce;

import io.salesactivitysync.sandbox.salesforce.auth.OrgUser;
import io.salesactivitysync.sandbox.salesforce.org.CustomField;
import io.salesactivitysync.sandbox.salesforce.streaming.StreamingSettings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code sandbox.salesforce.*}: the sandbox profile's Salesforce emulator (see config/application-sandbox.yml). */
@ConfigurationProperties("sandbox.salesforce")
public class SalesforceEmulatorProperties {

    private boolean enabled = true;
    private int port = 8090;
    private String host = "localhost";
    private String bindAddress;
    private Duration sessionTimeout = Duration.ofHours(2);
    private int dailyApiLimit = 15_000;
    private int queryBatchSize = 2000;
    private String clientId = "sandbox-client";
    private String clientSecret = "sandbox-secret";
    private String integrationUsername = "integration@sandbox.example";
    private List<User> users = new ArrayList<>();
    private List<CustomFieldProperties> customFields = new ArrayList<>();
    private List<String> readOnlyFields = new ArrayList<>();
    private String jwtCertificate;
    private Path stateFile;
    private boolean demoData = true;
    private Duration changeEventRetention = Duration.ofHours(72);
    private Duration pushTopicRetention = Duration.ofHours(24);
    private Duration longPollTimeout = Duration.ofSeconds(110);
    private Duration clientTimeout = Duration.ofSeconds(40);

    /** The emulator settings these properties describe. */
    public EmulatorSettings toSettings() {
        return EmulatorSettings.builder()
                .port(port).host(host).bindAddress(bindAddress).sessionTimeout(sessionTimeout)
                .dailyApiLimit(dailyApiLimit).queryBatchSize(queryBatchSize)
                .clientId(clientId).clientSecret(clientSecret).integrationUsername(integrationUsername)
                .users(users.isEmpty() ? EmulatorSettings.DEFAULT_USERS : users.stream().map(User::toOrgUser).toList())
                .customFields(customFields.stream().map(CustomFieldProperties::toCustomField).toList())
                .readOnlyFields(readOnlyFields)
                .jwtCertificatePem(certificatePem())
                .stateFile(stateFile)
                .demoData(demoData)
                .streaming(new StreamingSettings(changeEventRetention, pushTopicRetention, longPollTimeout, clientTimeout))
                .build();
    }

    /** The certificate as PEM text: given inline, or read from the file the property names. */
    private String certificatePem() {
        if (jwtCertificate == null || jwtCertificate.isBlank() || jwtCertificate.contains("-----BEGIN")) {
            return jwtCertificate;
        }
        try {
            return Files.readString(Path.of(jwtCertificate));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read sandbox.salesforce.jwt-certificate " + jwtCertificate, e);
        }
    }

    /** A user who can log in. */
    public static class User {
        private String id;
        private String username;
        private String password;
        private String firstName;
        private String lastName;
        private String email;

        OrgUser toOrgUser() {
            if (id == null || username == null || password == null || lastName == null) {
                throw new IllegalArgumentException("sandbox.salesforce.users entries need id, username, password and last-name");
            }
            return new OrgUser(id, username, password, firstName, lastName, email == null ? username : email);
        }

        public String getId() {
            return id;
        }

        public void setId(String id) {
            this.id = id;
        }

        public String getUsername() {
            return username;
        }

        public void setUsername(String username) {
            this.username = username;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public String getFirstName() {
            return firstName;
        }

        public void setFirstName(String firstName) {
            this.firstName = firstName;
        }

        public String getLastName() {
            return lastName;
        }

        public void setLastName(String lastName) {
            this.lastName = lastName;
        }

        public String getEmail() {
            return email;
        }

        public void setEmail(String email) {
            this.email = email;
        }
    }

    /** A custom field of a standard object. */
    public static class CustomFieldProperties {
        private String sObject;
        private String name;
        private String type = "string";
        private String label;
        private int length;
        private boolean externalId;
        private boolean unique;
        private List<String> picklistValues = new ArrayList<>();
        private boolean restricted;

        CustomField toCustomField() {
            return new CustomField(sObject, name, type, label, length, externalId, unique, picklistValues, restricted);
        }

        public String getSObject() {
            return sObject;
        }

        public void setSObject(String sObject) {
            this.sObject = sObject;
        }

        public String getName() {
            return name;
        }

        public void setName(String name) {
            this.name = name;
        }

        public String getType() {
            return type;
        }

        public void setType(String type) {
            this.type = type;
        }

        public String getLabel() {
            return label;
        }

        public void setLabel(String label) {
            this.label = label;
        }

        public int getLength() {
            return length;
        }

        public void setLength(int length) {
            this.length = length;
        }

        public boolean isExternalId() {
            return externalId;
        }

        public void setExternalId(boolean externalId) {
            this.externalId = externalId;
        }

        public boolean isUnique() {
            return unique;
        }

        public void setUnique(boolean unique) {
            this.unique = unique;
        }

        public List<String> getPicklistValues() {
            return picklistValues;
        }

        public void setPicklistValues(List<String> picklistValues) {
            this.picklistValues = picklistValues;
        }

        public boolean isRestricted() {
            return restricted;
        }

        public void setRestricted(boolean restricted) {
            this.restricted = restricted;
        }
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public int getPort() {
        return port;
    }

    public void setPort(int port) {
        this.port = port;
    }

    public String getHost() {
        return host;
    }

    public void setHost(String host) {
        this.host = host;
    }

    public String getBindAddress() {
        return bindAddress;
    }

    public void setBindAddress(String bindAddress) {
        this.bindAddress = bindAddress;
    }

    public Duration getSessionTimeout() {
        return sessionTimeout;
    }

    public void setSessionTimeout(Duration sessionTimeout) {
        this.sessionTimeout = sessionTimeout;
    }

    public int getDailyApiLimit() {
        return dailyApiLimit;
    }

    public void setDailyApiLimit(int dailyApiLimit) {
        this.dailyApiLimit = dailyApiLimit;
    }

    public int getQueryBatchSize() {
        return queryBatchSize;
    }

    public void setQueryBatchSize(int queryBatchSize) {
        this.queryBatchSize = queryBatchSize;
    }

    public String getClientId() {
        return clientId;
    }

    public void setClientId(String clientId) {
        this.clientId = clientId;
    }

    public String getClientSecret() {
        return clientSecret;
    }

    public void setClientSecret(String clientSecret) {
        this.clientSecret = clientSecret;
    }

    public String getIntegrationUsername() {
        return integrationUsername;
    }

    public void setIntegrationUsername(String integrationUsername) {
        this.integrationUsername = integrationUsername;
    }

    public List<User> getUsers() {
        return users;
    }

    public void setUsers(List<User> users) {
        this.users = users;
    }

    public List<CustomFieldProperties> getCustomFields() {
        return customFields;
    }

    public void setCustomFields(List<CustomFieldProperties> customFields) {
        this.customFields = customFields;
    }

    public List<String> getReadOnlyFields() {
        return readOnlyFields;
    }

    public void setReadOnlyFields(List<String> readOnlyFields) {
        this.readOnlyFields = readOnlyFields;
    }

    public String getJwtCertificate() {
        return jwtCertificate;
    }

    public void setJwtCertificate(String jwtCertificate) {
        this.jwtCertificate = jwtCertificate;
    }

    public Path getStateFile() {
        return stateFile;
    }

    public void setStateFile(Path stateFile) {
        this.stateFile = stateFile;
    }

    public boolean isDemoData() {
        return demoData;
    }

    public void setDemoData(boolean demoData) {
        this.demoData = demoData;
    }

    public Duration getChangeEventRetention() {
        return changeEventRetention;
    }

    public void setChangeEventRetention(Duration changeEventRetention) {
        this.changeEventRetention = changeEventRetention;
    }

    public Duration getPushTopicRetention() {
        return pushTopicRetention;
    }

    public void setPushTopicRetention(Duration pushTopicRetention) {
        this.pushTopicRetention = pushTopicRetention;
    }

    public Duration getLongPollTimeout() {
        return longPollTimeout;
    }

    public void setLongPollTimeout(Duration longPollTimeout) {
        this.longPollTimeout = longPollTimeout;
    }

    public Duration getClientTimeout() {
        return clientTimeout;
    }

    public void setClientTimeout(Duration clientTimeout) {
        this.clientTimeout = clientTimeout;
    }
}
