-- BCC capture (issue: BCC mailbox capture). Portable SQL, as V1 and V2.

-- An email read again from the mailbox (it stays unseen until its outcome is stored) is known by
-- its activity key before its body is downloaded again.
CREATE INDEX activities_key_idx ON activities (source, activity_key);
