package io.salesactivitysync.mail;

import io.salesactivitysync.salesforce.SalesforceId;
import io.salesactivitysync.store.Activity;
import io.salesactivitysync.store.ActivityKeys;
import io.salesactivitysync.store.ActivityOutcome;
import io.salesactivitysync.store.ActivitySource;
import io.salesactivitysync.store.ActivityState;
import io.salesactivitysync.store.ActivityStore;
import io.salesactivitysync.store.ActivityType;
import io.salesactivitysync.store.NewActivity;
import io.salesactivitysync.store.Rep;
import io.salesactivitysync.store.RepStore;
import io.salesactivitysync.store.SettingsStore;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.camel.Body;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes one email of the BCC mailbox in: reads it, checks its sender, works out whom it is about,
 * and plans one activity per person (source {@code bcc}, keyed by its Message-ID like the same
 * email logged through the API), which the activity-logging flow then logs like any other. The
 * poll's emails are stored together at the end of its batch ({@link #store}): one transaction, and
 * the reps and settings read once, for the whole batch.
 *
 * <ul>
 *   <li><b>Sender</b>: the From address must be a rep's address or alias (Salesforce's "My
 *       Acceptable Email Addresses"), the rep's {@code logEmailsViaBcc} setting on, and, where
 *       {@code require-authentication} asks for it, DKIM or SPF must have passed. Otherwise every
 *       activity of the email is stored {@code rejected} with the reason (retry it once fixed).</li>
 *   <li><b>Persons</b>: a record named directly ({@code (ref:<id>)} in the first 5,000 characters
 *       of the body, or the plus address {@code bcc+<id>@}), then each To, Cc (and Bcc) address
 *       that is neither a rep nor the BCC mailbox, the first 50 of them, as Salesforce does.
 *       Each becomes its own activity and its own Task.</li>
 *   <li><b>No one</b>: an email that names no person, or cannot be read at all (malformed MIME,
 *       larger than {@code max-message-size}), is stored as one activity for the whole email,
 *       {@code unresolved} or {@code rejected}, with the reason.</li>
 * </ul>
 * New pending activities are held for {@code sas.activity.claim-lease}: the capture logs its batch
 * itself at the end of the mailbox poll; after a crash they are simply due later.
 */
@Component
public class BccCapture {

    private static final Logger LOG = LoggerFactory.getLogger(BccCapture.class);
    /** Salesforce matches at most 50 addresses of an email. */
    static final int MAX_ADDRESSES = 50;
    /** A (ref:) tag counts in the first 5,000 characters of the body, as in Email to Salesforce. */
    static final int REF_TAG_REACH = 5000;
    private static final Pattern REF_TAG = Pattern.compile("\\(ref:([A-Za-z0-9]{18}|[A-Za-z0-9]{15})\\)");
    private static final Pattern REPLY_PREFIX = Pattern.compile("^(?i:(re|aw|sv|antw|vs|r|回复|答复|답장|회신)\\s*(\\[\\d+\\])?\\s*[:：]\\s*)+");
    private static final List<String> PERSON_PREFIXES = List.of("003", "00Q");
    private static final String EMAIL_LEVEL = "(email)";

    private final MailParser parser;
    private final BccSettings settings;
    private final RepStore reps;
    private final SettingsStore repSettings;
    private final ActivityStore activities;
    private final TransactionTemplate transaction;
    private final Clock clock;
    private final Duration hold;

    public BccCapture(MailParser parser, BccSettings settings, RepStore reps, SettingsStore repSettings,
                      ActivityStore activities, TransactionTemplate transaction, Clock clock,
                      @Value("${sas.activity.claim-lease:2m}") Duration hold) {
        this.parser = parser;
        this.settings = settings;
        this.reps = reps;
        this.repSettings = repSettings;
        this.activities = activities;
        this.transaction = transaction;
        this.clock = clock;
        this.hold = hold;
    }

    /** The reps and settings this poll has looked up: read once per batch, not once per email. */
    private volatile BatchLookups lookups = new BatchLookups();

    /**
     * Starts a poll's batch: reps and their settings are read again (a change made between two
     * polls counts from the next one).
     */
    public void newBatch() {
        lookups = new BatchLookups();
    }

    /**
     * Reads the email and works out its activities, without storing them: {@link #store} stores
     * the poll's emails together at the end of the batch.
     */
    public PlannedMail take(@Body MailboxMessage message) {
        if (message.known()) {
            return PlannedMail.known(new CapturedMail(message.knownKey(), message.knownIds(), List.of()));
        }
        BccMailboxProperties mailbox = settings.current();
        OffsetDateTime received = message.receivedAt() != null ? message.receivedAt() : now();
        if (message.unreadable() != null) {
            LOG.warn("The mail server cannot hand over BCC email {}: {}", describe(message), message.unreadable());
            String key = ActivityKeys.mailKey(message.messageId(),
                    List.of(String.valueOf(message.from()), String.valueOf(message.subject()), String.valueOf(message.size())));
            return wholeEmail(key, ActivityKeys.normalizeMessageId(message.messageId()), guessAddress(message.from()),
                    message.subject(), received, ActivityState.REJECTED, "the mail server cannot hand the email over ("
                            + message.unreadable() + "); it was left in the mailbox's "
                            + mailbox.folders().rejected() + " folder");
        }
        if (message.tooLarge()) {
            String key = ActivityKeys.mailKey(message.messageId(),
                    List.of(String.valueOf(message.from()), String.valueOf(message.subject()), String.valueOf(message.size())));
            return wholeEmail(key, ActivityKeys.normalizeMessageId(message.messageId()), guessAddress(message.from()),
                    message.subject(), received, ActivityState.REJECTED, "the email is " + megabytes(message.size())
                            + ", larger than the " + megabytes(mailbox.maxMessageSize().toBytes())
                            + " the capture reads (sas.mail.bcc.max-message-size); it was left unread in the mailbox's "
                            + mailbox.folders().rejected() + " folder");
        }
        ParsedMail mail;
        try {
            mail = parser.parse(message.raw());
        } catch (MalformedMailException e) {
            LOG.info("BCC email {} cannot be read: {}", describe(message), e.getMessage());
            return wholeEmail("sha256:" + ActivityKeys.sha256(new String(message.raw(), java.nio.charset.StandardCharsets.ISO_8859_1)),
                    ActivityKeys.normalizeMessageId(message.messageId()), guessAddress(message.from()), message.subject(),
                    received, ActivityState.REJECTED, "the email cannot be read: " + e.getMessage());
        }
        if (!mail.notes().isEmpty()) {
            LOG.info("BCC email <{}> from {} was read with fallbacks: {}", mail.messageId(), mail.from(),
                    String.join("; ", mail.notes()));
        }
        String from = mail.from().toLowerCase(Locale.ROOT);
        BatchLookups lookups = this.lookups;
        Optional<Rep> rep = lookups.rep(from);
        String senderProblem = senderProblem(from, rep, mailbox, mail, lookups);
        String repEmail = rep.map(Rep::email).orElse(from);
        OffsetDateTime occurredAt = mail.date() != null ? mail.date() : received;
        ActivityType type = mail.reply() ? ActivityType.REPLY : ActivityType.EMAIL;
        String subject = mail.reply() ? "Reply: " + REPLY_PREFIX.matcher(mail.subject()).replaceFirst("") : mail.subject();
        String body = withAttachments(mail);
        List<String> unusable = new ArrayList<>();
        Map<String, Activity.PersonRef> people = people(mail, mailbox, unusable, lookups);
        if (people.isEmpty()) {
            String reason = senderProblem != null ? senderProblem
                    : "no person to log the email against: its To and Cc hold only reps and the BCC mailbox"
                    + (unusable.isEmpty() ? "" : " (" + String.join("; ", unusable) + ")");
            return wholeEmail(mail.key(), mail.messageId(), repEmail, subject, occurredAt,
                    senderProblem != null ? ActivityState.REJECTED : ActivityState.UNRESOLVED, reason, type, body);
        }
        List<NewActivity> planned = new ArrayList<>();
        for (Map.Entry<String, Activity.PersonRef> person : people.entrySet()) {
            planned.add(new NewActivity(ActivitySource.BCC, type, mail.key(),
                    ActivityKeys.sha256(mail.key() + "\n" + person.getKey()), mail.messageId(), repEmail,
                    person.getValue(), cut(subject, 998), body, occurredAt, null, null, null));
        }
        return new PlannedMail(mail.key(), List.copyOf(planned), hold,
                senderProblem == null ? null : settled(ActivityState.REJECTED, senderProblem), null);
    }

    /**
     * Stores the activities of a poll's emails, all in one transaction (a commit per email cost
     * more than the rest of its intake). When that fails, each email is stored in a transaction of
     * its own, so that one the store refuses does not hold the others back: it is left out (null
     * in the answer), stays unseen and is read again.
     *
     * @return what each email became, in the order given; null for one that could not be stored
     */
    public List<CapturedMail> store(List<PlannedMail> mails) {
        if (mails.stream().allMatch(mail -> mail.known() != null)) {
            return mails.stream().map(PlannedMail::known).toList();
        }
        try {
            return transaction.execute(status -> storedTogether(mails));
        } catch (RuntimeException batchFailure) {
            if (mails.size() == 1) {
                LOG.warn("BCC email {} could not be stored; it stays unseen and is read again: {}",
                        mails.get(0).key(), MailParser.reason(batchFailure));
                return java.util.Collections.singletonList(null);
            }
            LOG.warn("Storing {} BCC emails together failed ({}); each is stored on its own",
                    mails.size(), MailParser.reason(batchFailure));
            List<CapturedMail> captured = new ArrayList<>();
            for (PlannedMail mail : mails) {
                try {
                    captured.add(transaction.execute(status -> stored(mail)));
                } catch (RuntimeException e) {
                    LOG.warn("BCC email {} could not be stored; it stays unseen and is read again: {}",
                            mail.key(), MailParser.reason(e));
                    captured.add(null);
                }
            }
            return captured;
        }
    }

    /** The emails' activities stored together ({@link ActivityStore#createAll}), then told apart again. */
    private List<CapturedMail> storedTogether(List<PlannedMail> mails) {
        List<ActivityStore.NewIntake> intakes = new ArrayList<>();
        for (PlannedMail mail : mails) {
            if (mail.known() == null) {
                mail.activities().forEach(activity -> intakes.add(new ActivityStore.NewIntake(activity, mail.hold(), mail.settled())));
            }
        }
        java.util.Iterator<ActivityStore.StoredIntake> stored = activities.createAll(intakes).iterator();
        List<CapturedMail> captured = new ArrayList<>();
        for (PlannedMail mail : mails) {
            if (mail.known() != null) {
                captured.add(mail.known());
                continue;
            }
            List<Long> ids = new ArrayList<>();
            List<Long> created = new ArrayList<>();
            for (int i = 0; i < mail.activities().size(); i++) {
                ActivityStore.StoredIntake intake = stored.next();
                ids.add(intake.id());
                if (intake.created()) {
                    created.add(intake.id());
                }
            }
            captured.add(new CapturedMail(mail.key(), List.copyOf(ids), List.copyOf(created)));
        }
        return captured;
    }

    /** One email's activities stored one at a time, each tolerant of a parallel intake of the same. */
    private CapturedMail stored(PlannedMail mail) {
        if (mail.known() != null) {
            return mail.known();
        }
        List<Long> ids = new ArrayList<>();
        List<Long> created = new ArrayList<>();
        for (NewActivity activity : mail.activities()) {
            ActivityStore.Intake intake = activities.create(activity, mail.hold(), mail.settled());
            ids.add(intake.activity().id());
            if (intake.created()) {
                created.add(intake.activity().id());
            }
        }
        return new CapturedMail(mail.key(), List.copyOf(ids), List.copyOf(created));
    }

    private String senderProblem(String from, Optional<Rep> rep, BccMailboxProperties mailbox, ParsedMail mail,
                                 BatchLookups lookups) {
        if (rep.isEmpty()) {
            return "sender " + from + " is not a known rep: add the address to a rep (or as an alias of one, like"
                    + " Salesforce's My Acceptable Email Addresses), then retry";
        }
        if (!lookups.logsBcc(rep.get())) {
            return "Logging emails from the BCC mailbox is off for rep " + rep.get().email() + " (setting logEmailsViaBcc)";
        }
        return MailAuthentication.problem(mail.authenticationResults(), mailbox.requireAuthentication(),
                mailbox.trustedAuthservIds());
    }

    /**
     * The persons the email is logged against, by the key that makes each one's activity unique:
     * records named directly first, then the addresses.
     */
    private Map<String, Activity.PersonRef> people(ParsedMail mail, BccMailboxProperties mailbox, List<String> unusable,
                                                   BatchLookups lookups) {
        Map<String, Activity.PersonRef> people = new LinkedHashMap<>();
        String bcc = mailbox.bccAddress();
        int at = bcc.indexOf('@');
        String plusPrefix = at > 0 ? bcc.substring(0, at) + "+" : null;
        String bccDomain = at > 0 ? bcc.substring(at) : null;
        List<String> addresses = Stream.of(mail.to(), mail.cc(), mail.bcc()).flatMap(List::stream).toList();
        List<String> plain = new ArrayList<>();
        for (String written : addresses) {
            String address = written.toLowerCase(Locale.ROOT);
            if (address.equals(bcc)) {
                continue;
            }
            if (plusPrefix != null && address.startsWith(plusPrefix) && address.endsWith(bccDomain)) {
                // the id as written: Salesforce ids are case-sensitive
                named(written.substring(plusPrefix.length(), written.length() - bccDomain.length()),
                        "the plus address " + written, people, unusable);
                continue;
            }
            plain.add(address);
        }
        Matcher tag = REF_TAG.matcher(mail.body().substring(0, Math.min(REF_TAG_REACH, mail.body().length())));
        while (tag.find()) {
            named(tag.group(1), "the tag " + tag.group(), people, unusable);
        }
        // colleagues are no prospects: one query for all the addresses
        java.util.Set<String> colleagues = lookups.repAddresses(plain);
        int counted = 0;
        for (String address : plain) {
            if (people.containsKey("email:" + address) || colleagues.contains(address)) {
                continue;   // a colleague, not a prospect
            }
            if (++counted > MAX_ADDRESSES) {
                LOG.info("BCC email <{}> names more than {} addresses: {} and the rest are not matched, as in Salesforce",
                        mail.messageId(), MAX_ADDRESSES, address);
                break;
            }
            people.putIfAbsent("email:" + address, new Activity.PersonRef(null, null, address));
        }
        return people;
    }

    private static void named(String id, String where, Map<String, Activity.PersonRef> people, List<String> unusable) {
        if (!SalesforceId.isValid(id)) {
            unusable.add(where + " holds no valid Salesforce id");
            return;
        }
        String longId = SalesforceId.toLongForm(id);
        if (!PERSON_PREFIXES.contains(SalesforceId.keyPrefix(longId))) {
            unusable.add(where + " names " + longId + ", which is not a Contact (003) or Lead (00Q)");
            return;
        }
        people.putIfAbsent("sf:" + longId, new Activity.PersonRef(null, longId, null));
    }

    /** One activity standing for the whole email, settled at once: it names no person, or cannot be read. */
    private PlannedMail wholeEmail(String key, String messageId, String repEmail, String subject, OffsetDateTime occurredAt,
                                   ActivityState state, String reason) {
        return wholeEmail(key, messageId, repEmail, subject, occurredAt, state, reason, ActivityType.EMAIL, "");
    }

    private PlannedMail wholeEmail(String key, String messageId, String repEmail, String subject, OffsetDateTime occurredAt,
                                   ActivityState state, String reason, ActivityType type, String body) {
        NewActivity activity = new NewActivity(ActivitySource.BCC, type, key, ActivityKeys.sha256(key + "\n" + EMAIL_LEVEL),
                messageId == null ? null : cut(messageId, 998), repEmail == null ? "" : cut(repEmail, 254),
                new Activity.PersonRef(null, null, null), cut(subject == null ? "" : subject, 998), body, occurredAt,
                null, null, null);
        return new PlannedMail(key, List.of(activity), Duration.ZERO, settled(state, reason), null);
    }

    private static ActivityOutcome settled(ActivityState state, String reason) {
        return new ActivityOutcome(state, reason, null, null, null, null, null, null, null, 0);
    }

    /** The text body and, below it, the attachments by name and size. */
    private static String withAttachments(ParsedMail mail) {
        if (mail.attachments().isEmpty()) {
            return mail.body();
        }
        StringBuilder body = new StringBuilder(mail.body()).append("\n\nAttachments:");
        mail.attachments().stream().limit(50).forEach(attachment -> body.append("\n- ").append(cut(attachment.name(), 200))
                .append(attachment.size() < 0 ? " (cannot be decoded)" : " (" + size(attachment.size()) + ")"));
        if (mail.attachments().size() > 50) {
            body.append("\n- and ").append(mail.attachments().size() - 50).append(" more");
        }
        return body.toString();
    }

    static String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " bytes";
        }
        if (bytes < 1024 * 1024) {
            return String.format(Locale.ROOT, "%.1f KB", bytes / 1024.0);
        }
        return megabytes(bytes);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }

    /** The address in a raw From header of an email that cannot be parsed, if one is plain to see. */
    private static String guessAddress(String rawFrom) {
        if (rawFrom == null) {
            return "";
        }
        Matcher address = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}").matcher(rawFrom);
        return address.find() ? address.group().toLowerCase(Locale.ROOT) : "";
    }

    private static String describe(MailboxMessage message) {
        return (message.messageId() == null ? "without Message-ID" : message.messageId())
                + " from " + (message.from() == null ? "(no From)" : cut(message.from(), 200));
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    }

    /**
     * A poll's lookups of reps by address and of their BCC setting, each asked of the store once per
     * batch: a backlog's emails mostly come from the same few reps and name the same colleagues.
     */
    private final class BatchLookups {

        private final Map<String, Optional<Rep>> repsByAddress = new java.util.HashMap<>();
        private final Map<Long, Boolean> logsBcc = new java.util.HashMap<>();
        /** Every rep address and alias: an email's To and Cc are checked against them, not queried each. */
        private java.util.Set<String> repAddresses;

        synchronized Optional<Rep> rep(String address) {
            return repsByAddress.computeIfAbsent(address, reps::findByAddress);
        }

        synchronized boolean logsBcc(Rep rep) {
            return logsBcc.computeIfAbsent(rep.id(), id -> repSettings.repSettings(id).effective().logEmailsViaBcc());
        }

        synchronized java.util.Set<String> repAddresses(List<String> addresses) {
            if (repAddresses == null) {
                repAddresses = reps.allRepAddresses();
            }
            java.util.Set<String> colleagues = new java.util.HashSet<>(addresses);
            colleagues.retainAll(repAddresses);
            return colleagues;
        }
    }
}
