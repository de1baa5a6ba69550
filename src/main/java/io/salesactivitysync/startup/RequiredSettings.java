package io.salesactivitysync.startup;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.Resource;

/**
 * The settings the application cannot run without, and which of them have no usable value:
 * <ul>
 *   <li>{@code sas.api.token}, always;</li>
 *   <li>{@code sas.mail.bcc.username} and {@code .password} when {@code sas.mail.bcc.host} is set;</li>
 *   <li>{@code camel.component.salesforce.client-id} when its {@code login-url} or {@code instance-url}
 *       is set, and what the authentication type needs: {@code client-secret} (client credentials,
 *       the default), {@code user-name}, {@code password} and {@code client-secret} (username-password),
 *       {@code refresh-token}, or {@code user-name} and {@code keystore} (JWT). Without an explicit
 *       {@code authentication-type} the type is inferred as camel-salesforce's
 *       {@code SalesforceLoginConfig} does: a password means username-password, a refresh token
 *       refresh-token, a keystore JWT, none of them client credentials;</li>
 *   <li>{@code spring.datasource.url}, {@code .username} and {@code .password} may be empty, but
 *       never an unresolved placeholder.</li>
 * </ul>
 * A value is missing when it is absent, blank, or a {@code ${VARIABLE}} that nothing resolves:
 * Spring's binder leaves such a placeholder in place as literal text, which would otherwise reach
 * the mail server or Salesforce as the password.
 */
public final class RequiredSettings {

    private static final String API_TOKEN = "sas.api.token";
    private static final String BCC = "sas.mail.bcc.";
    private static final String SALESFORCE = "camel.component.salesforce.";
    /** The name of a {@code ${name}} or {@code ${name:default}} placeholder. */
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}$]+)");

    private enum State { ABSENT, BLANK, UNRESOLVED, SET }

    /** What the configuration holds for a key; never the value itself. */
    private record Value(State state, String placeholder, Origin origin) {
        /** The configuration means to give the key a value, resolved or not. */
        boolean given() {
            return state == State.SET || state == State.UNRESOLVED;
        }
    }

    private final ConfigurableEnvironment environment;
    private final List<MissingSetting> missing = new ArrayList<>();

    private RequiredSettings(ConfigurableEnvironment environment) {
        this.environment = environment;
    }

    /** Every required setting that has no usable value, in the order of the list above. */
    public static List<MissingSetting> missingIn(ConfigurableEnvironment environment) {
        RequiredSettings settings = new RequiredSettings(environment);
        settings.require(API_TOKEN, null, "<a long random string, e.g. from `openssl rand -hex 32`>");
        settings.bccMailbox();
        settings.salesforce();
        settings.database();
        return List.copyOf(settings.missing);
    }

    /** The database's settings may be empty (the embedded H2 has no password), never an unresolved placeholder. */
    private void database() {
        resolvable("spring.datasource.url", "<the JDBC URL>");
        resolvable("spring.datasource.username", "<the database user>");
        resolvable("spring.datasource.password", "<the database password>");
    }

    private void resolvable(String key, String valueHint) {
        if (value(key).state() == State.UNRESOLVED) {
            require(key, null, valueHint);
        }
    }

    private void bccMailbox() {
        String host = BCC + "host";
        if (value(host).given()) {
            require(host, null, "<the IMAP server's host name>");
            String because = host + " is set";
            require(BCC + "username", because, "<the mailbox's account>");
            require(BCC + "password", because, "<the mailbox's password>");
        }
    }

    private void salesforce() {
        String url = value(SALESFORCE + "login-url").given() ? SALESFORCE + "login-url"
                : value(SALESFORCE + "instance-url").given() ? SALESFORCE + "instance-url" : null;
        if (url == null) {
            return;
        }
        require(url, null, "<your org's My Domain URL>");
        require(SALESFORCE + "client-id", url + " is set", "<the connected app's consumer key>");
        String type = authenticationType();
        if (type == null) {
            return; // an unknown type: binding camel.component.salesforce.* reports it
        }
        String because = url + " is set and the authentication type is " + type
                + (value(SALESFORCE + "authentication-type").given() ? "" : " (inferred)");
        switch (type) {
            case "CLIENT_CREDENTIALS" -> require(SALESFORCE + "client-secret", because, "<the connected app's consumer secret>");
            case "USERNAME_PASSWORD" -> {
                require(SALESFORCE + "client-secret", because, "<the connected app's consumer secret>");
                require(SALESFORCE + "user-name", because, "<the integration user's username>");
                require(SALESFORCE + "password", because, "<the integration user's password and security token>");
            }
            case "REFRESH_TOKEN" -> require(SALESFORCE + "refresh-token", because, "<the integration user's refresh token>");
            case "JWT" -> {
                require(SALESFORCE + "user-name", because, "<the integration user's username>");
                if (!keystoreGiven()) {
                    missing.add(new MissingSetting(SALESFORCE + "keystore", "not set", because,
                            "set " + SALESFORCE + "keystore.resource (the keystore file) and " + SALESFORCE + "keystore.password"));
                }
            }
            default -> {
                // not one of camel-salesforce's types: binding the component's settings reports it
            }
        }
    }

    /** The explicit authentication type, or the one camel-salesforce infers from what is given. */
    private String authenticationType() {
        String key = SALESFORCE + "authentication-type";
        if (value(key).state() == State.SET) {
            return environment.getProperty(key, "").strip().toUpperCase(Locale.ROOT).replace('-', '_');
        }
        boolean password = value(SALESFORCE + "password").given();
        boolean refreshToken = value(SALESFORCE + "refresh-token").given();
        boolean keystore = keystoreGiven();
        if (password && !refreshToken && !keystore) {
            return "USERNAME_PASSWORD";
        }
        if (!password && refreshToken && !keystore) {
            return "REFRESH_TOKEN";
        }
        if (!password && !refreshToken && keystore) {
            return "JWT";
        }
        // none given: the client credentials flow; several given: camel-salesforce refuses to guess
        return !password && !refreshToken ? "CLIENT_CREDENTIALS" : null;
    }

    /** The keystore is a bean reference or nested settings ({@code keystore.resource}, ...). */
    private boolean keystoreGiven() {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(SALESFORCE + "keystore");
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            if (source.getConfigurationProperty(name) != null
                    || source.containsDescendantOf(name) == ConfigurationPropertyState.PRESENT) {
                return true;
            }
        }
        return false;
    }

    private void require(String key, String neededBecause, String valueHint) {
        Value value = value(key);
        if (value.state() == State.SET) {
            return;
        }
        String variable = value.placeholder() != null ? value.placeholder() : environmentVariableFor(key);
        String instruction = isEnvironmentVariable(variable)
                ? "export " + variable + "=" + valueHint
                : "set " + variable + " " + valueHint;
        String where = where(value.origin());
        String problem = switch (value.state()) {
            case ABSENT -> "not set";
            case BLANK -> value.placeholder() == null ? "empty" : "empty: " + unset(value.placeholder());
            case UNRESOLVED -> "${" + value.placeholder() + "} is not resolved: " + unset(value.placeholder());
            case SET -> throw new IllegalStateException();
        } + (where.isEmpty() ? "" : " (" + where + ")");
        missing.add(new MissingSetting(key, problem, neededBecause, instruction));
    }

    /** The key's value as configured, its placeholders resolved where they can be. */
    private Value value(String key) {
        ConfigurationPropertyName name = ConfigurationPropertyName.of(key);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
            ConfigurationProperty property = source.getConfigurationProperty(name);
            if (property != null) {
                return evaluate(String.valueOf(property.getValue()), property.getOrigin());
            }
        }
        return new Value(State.ABSENT, null, null);
    }

    private Value evaluate(String raw, Origin origin) {
        try {
            String resolved = environment.resolveRequiredPlaceholders(raw);
            return resolved.isBlank() ? new Value(State.BLANK, firstPlaceholder(raw), origin) : new Value(State.SET, null, origin);
        } catch (IllegalArgumentException unresolvable) {
            return new Value(State.UNRESOLVED, unresolvedPlaceholder(raw), origin);
        }
    }

    private static String firstPlaceholder(String raw) {
        Matcher matcher = PLACEHOLDER.matcher(raw);
        return matcher.find() ? matcher.group(1).strip() : null;
    }

    private String unresolvedPlaceholder(String raw) {
        Matcher matcher = PLACEHOLDER.matcher(raw);
        String first = null;
        while (matcher.find()) {
            String name = matcher.group(1).strip();
            first = first == null ? name : first;
            if (!environment.containsProperty(name)) {
                return name;
            }
        }
        return first != null ? first : "?";
    }

    /** The variable Spring Boot's relaxed binding maps to the key, e.g. SAS_MAIL_BCC_PASSWORD. */
    private static String environmentVariableFor(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "");
    }

    private static boolean isEnvironmentVariable(String name) {
        return name.matches("[A-Z][A-Z0-9_]*");
    }

    /** What a placeholder's name stands for, and that it has no value. */
    private String unset(String placeholder) {
        String what = isEnvironmentVariable(placeholder) ? "environment variable " + placeholder : placeholder;
        return what + (environment.containsProperty(placeholder) ? " is empty" : " is not set");
    }

    /** Where an empty or unresolved value is configured, when that helps: a file and line, or the command line. */
    private static String where(Origin origin) {
        if (origin instanceof PropertySourceOrigin source) {
            if ("commandLineArgs".equals(source.getPropertySource().getName())) {
                return "command line";
            }
            return where(source.getOrigin());
        }
        if (origin instanceof TextResourceOrigin text && text.getResource() != null) {
            Resource resource = text.getResource();
            String file = resource.isFile() ? describeFile(resource) : resource.getDescription();
            return file + (text.getLocation() == null ? "" : " line " + (text.getLocation().getLine() + 1));
        }
        return origin == null ? "" : where(origin.getParent());
    }

    private static String describeFile(Resource resource) {
        try {
            return resource.getFile().getPath();
        } catch (java.io.IOException e) {
            return resource.getDescription();
        }
    }
}
