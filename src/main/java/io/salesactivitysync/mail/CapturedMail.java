package io.salesactivitysync.mail;

import java.util.List;

/**
 * What the capture made of one email: the activities that stand for it (one per person it is
 * logged against; one for the whole email when it names nobody or cannot be read).
 *
 * @param key         the activity key of the email
 * @param activityIds its activities
 * @param newIds      those stored now (the others were taken in before: the same email again)
 */
public record CapturedMail(String key, List<Long> activityIds, List<Long> newIds) {
}
