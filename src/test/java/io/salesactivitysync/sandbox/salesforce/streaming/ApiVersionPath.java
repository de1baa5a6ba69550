package io.salesactivitysync.sandbox.salesforce.streaming;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.cometd.bayeux.server.BayeuxContext;

/**
 * Checks the API version in a Bayeux URL, {@code /cometd/56.0/handshake}: clients append the
 * message type to the base URL {@code /cometd/<version>}, and the emulator serves the same
 * versions as its REST API.
 */
final class ApiVersionPath {

    static final int OLDEST = 50;
    static final int LATEST = 62;

    private static final Pattern AFTER_COMETD = Pattern.compile("/cometd(?:/([^/]*))?");
    private static final Pattern VERSION = Pattern.compile("(\\d{1,3})\\.0");

    private ApiVersionPath() {
    }

    /** The Salesforce error for this request's URL, or empty when its version is served. */
    static Optional<String> error(BayeuxContext context) {
        if (context == null) {
            return Optional.empty();
        }
        Matcher path = AFTER_COMETD.matcher(URI.create(context.getURL()).getRawPath());
        if (!path.find() || path.group(1) == null || path.group(1).isEmpty() || isMessageType(path.group(1))) {
            return Optional.of(StreamingErrors.versionMissing(LATEST + ".0"));
        }
        Matcher version = VERSION.matcher(path.group(1));
        if (!version.matches()) {
            return Optional.of(StreamingErrors.versionUnsupported(OLDEST + ".0", LATEST + ".0"));
        }
        int major = Integer.parseInt(version.group(1));
        if (major < OLDEST || major > LATEST) {
            return Optional.of(StreamingErrors.versionUnsupported(OLDEST + ".0", LATEST + ".0"));
        }
        return Optional.empty();
    }

    private static boolean isMessageType(String segment) {
        return switch (segment) {
            case "handshake", "connect", "subscribe", "unsubscribe", "disconnect" -> true;
            default -> false;
        };
    }
}
