#!/usr/bin/env bash
# Starts a private Dovecot IMAP server for the tests of the "dovecot" Maven profile
# (io.salesactivitysync.mail.dovecot.*Test), independent of any system-wide Dovecot.
#
#   src/test/dovecot/start-dovecot.sh [STATE_DIR]      (default target/dovecot)
#   src/test/dovecot/stop-dovecot.sh  [STATE_DIR]
#
# IMAPS only, on 127.0.0.1:$DOVECOT_IMAPS_PORT (default 10993); plain IMAP is off. Self-signed
# certificate (CN and subjectAltName 127.0.0.1 / localhost) in STATE_DIR/tls. Accounts, from
# STATE_DIR/users (passwd-file, plain passwords: this is a test server):
#   bcc@dovecot.test   / dovecot-secret
#   other@dovecot.test / other-secret
# Mail is stored as Maildir under STATE_DIR/home/<user>. Everything Dovecot writes (sockets, pid
# file, log STATE_DIR/dovecot.log) stays in STATE_DIR, so a system Dovecot on 143/993 with its
# /run/dovecot is neither needed nor disturbed.
#
# Run twice, it stops the earlier instance of the same STATE_DIR and starts a fresh one (empty
# mailboxes, new certificate). It exits 0 only once a client can log in over TLS.
#
# Installs nothing: Debian/Ubuntu: apt-get install -y dovecot-imapd (needs openssl as well).
# As root the mail processes run as the unprivileged user $DOVECOT_MAIL_USER (default "dovecot",
# which the Debian package creates; Dovecot refuses mail access as root). As any other user
# everything runs as that user.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
state=${1:-target/dovecot}
port=${DOVECOT_IMAPS_PORT:-10993}
start_timeout=${DOVECOT_START_TIMEOUT:-30}

die() { echo "start-dovecot.sh: $*" >&2; exit 1; }

# dovecot is in /usr/sbin, which is not on a normal user's PATH
PATH=$PATH:/usr/sbin
command -v dovecot >/dev/null 2>&1 \
    || die "dovecot is not installed. On Debian/Ubuntu (as root): apt-get update && apt-get install -y dovecot-imapd"
dovecot_bin=$(command -v dovecot)
command -v doveadm >/dev/null 2>&1 || die "doveadm is not installed (it comes with dovecot-core): apt-get install -y dovecot-imapd"
command -v openssl >/dev/null 2>&1 || die "openssl is not installed: apt-get install -y openssl"
case "$port" in
    ''|*[!0-9]*) die "DOVECOT_IMAPS_PORT must be a port number, not '$port'" ;;
esac

mkdir -p "$state"
state=$(cd "$state" && pwd)
config=$state/dovecot.conf

# An earlier instance of this state directory goes first.
"$here/stop-dovecot.sh" "$state"

if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    holder=$(ss -ltnpH "sport = :$port" 2>/dev/null | grep -o 'users:.*' | head -1 || true)
    die "127.0.0.1:$port is already in use${holder:+ ($holder)}: choose another port with DOVECOT_IMAPS_PORT, or stop that process (a test Dovecot whose state directory was deleted, e.g. by mvn clean, has to be killed by its pid)"
fi

# Dovecot's UNIX sockets live in base_dir; their paths must stay under the kernel's 108 bytes.
base_dir=$state/run
if [ ${#base_dir} -gt 70 ]; then
    base_dir=/tmp/sas-dovecot-$(printf '%s' "$state" | cksum | cut -d' ' -f1)
    echo "state directory path too long for UNIX sockets: Dovecot's base_dir is $base_dir"
fi

# Who owns the mail and runs the processes.
if [ "$(id -u)" -eq 0 ]; then
    mail_user=${DOVECOT_MAIL_USER:-dovecot}
    getent passwd "$mail_user" >/dev/null || die "user '$mail_user' does not exist (the dovecot-core package creates 'dovecot'; or set DOVECOT_MAIL_USER)"
    mail_uid=$(id -u "$mail_user")
    mail_gid=$(id -g "$mail_user")
    [ "$mail_uid" -ne 0 ] || die "DOVECOT_MAIL_USER must not be root: Dovecot refuses mail access as root"
    # Leave the package's internal (dovecot) and login (dovenull) users as they are.
    run_as_settings=""
else
    mail_user=$(id -un)
    mail_uid=$(id -u)
    mail_gid=$(id -g)
    # Rootless Dovecot: every service runs as the calling user, nothing is chrooted.
    run_as_settings="default_internal_user = $mail_user
default_internal_group = $(id -gn)
default_login_user = $mail_user
service anvil {
  chroot =
}
service imap-login {
  chroot =
}"
fi

# Fresh state: only the files and directories this script creates are removed.
rm -rf "$state/home" "$state/tls" "$state/lib" "$base_dir" "$state/users" "$config" "$state/dovecot.log"
mkdir -p "$state/home" "$state/tls" "$state/lib" "$base_dir"

# Self-signed certificate, valid for 127.0.0.1 and localhost.
openssl req -x509 -newkey rsa:2048 -sha256 -nodes -days 30 \
    -subj "/CN=127.0.0.1/O=sales-activity-sync test Dovecot" \
    -addext "subjectAltName=IP:127.0.0.1,DNS:localhost" \
    -keyout "$state/tls/key.pem" -out "$state/tls/cert.pem" >/dev/null 2>&1 \
    || die "openssl could not create the test certificate in $state/tls"
chmod 600 "$state/tls/key.pem"

# user:password:uid:gid:gecos:home
cat >"$state/users" <<EOF
bcc@dovecot.test:{PLAIN}dovecot-secret:$mail_uid:$mail_gid::$state/home/bcc@dovecot.test
other@dovecot.test:{PLAIN}other-secret:$mail_uid:$mail_gid::$state/home/other@dovecot.test
EOF
# read by the auth process, which runs as the internal user
chmod 644 "$state/users"

if [ "$(id -u)" -eq 0 ]; then
    chown -R "$mail_uid:$mail_gid" "$state/home"
    # the mail processes must reach their homes through the parent directories
    if command -v setpriv >/dev/null 2>&1 \
        && ! setpriv --reuid="$mail_uid" --regid="$mail_gid" --clear-groups test -w "$state/home" 2>/dev/null; then
        die "user '$mail_user' cannot write $state/home (a parent directory is not searchable by others?): use another state directory or DOVECOT_MAIL_USER"
    fi
fi

cat >"$config" <<EOF
# Written by src/test/dovecot/start-dovecot.sh: a private test server, not a system configuration.
# Nothing from /etc/dovecot is read.
instance_name = sas-test-dovecot-$port
base_dir = $base_dir
state_dir = $state/lib
log_path = $state/dovecot.log
info_log_path = $state/dovecot.log
debug_log_path = $state/dovecot.log

protocols = imap
listen = 127.0.0.1
# the login greeting the scripts and tests wait for
login_greeting = sas test Dovecot ready.

$run_as_settings

first_valid_uid = $mail_uid
last_valid_uid = $mail_uid
first_valid_gid = $mail_gid
last_valid_gid = $mail_gid
mail_uid = $mail_uid
mail_gid = $mail_gid
mail_location = maildir:~/Maildir

ssl = required
ssl_cert = <$state/tls/cert.pem
ssl_key = <$state/tls/key.pem
ssl_min_protocol = TLSv1.2
disable_plaintext_auth = yes
auth_mechanisms = plain login

passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u $state/users
}
userdb {
  driver = passwd-file
  args = username_format=%u $state/users
}

namespace inbox {
  inbox = yes
  separator = /
}

service imap-login {
  inet_listener imap {
    # plain IMAP is off
    port = 0
  }
  inet_listener imaps {
    address = 127.0.0.1
    port = $port
    ssl = yes
  }
}
EOF

"$dovecot_bin" -c "$config" || die "dovecot did not start; see $state/dovecot.log: $(tail -5 "$state/dovecot.log" 2>/dev/null)"

# Ready means: TLS handshake, IMAP greeting, login and INBOX selectable.
deadline=$((SECONDS + start_timeout))
while :; do
    reply=$(printf 'a LOGIN bcc@dovecot.test dovecot-secret\r\nb SELECT INBOX\r\nc LOGOUT\r\n' \
        | timeout 10 openssl s_client -connect "127.0.0.1:$port" -servername localhost -quiet 2>/dev/null || true)
    if printf '%s' "$reply" | grep -q '^b OK'; then
        break
    fi
    if [ $SECONDS -ge $deadline ]; then
        echo "start-dovecot.sh: Dovecot does not answer IMAPS logins on 127.0.0.1:$port after ${start_timeout} s" >&2
        [ -n "$reply" ] && echo "last reply: $reply" >&2
        tail -20 "$state/dovecot.log" >&2 2>/dev/null || true
        exit 1
    fi
    sleep 0.5
done

echo "Dovecot $("$dovecot_bin" --version | cut -d' ' -f1) listens for IMAPS on 127.0.0.1:$port (config $config, log $state/dovecot.log)"
