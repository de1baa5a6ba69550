#!/usr/bin/env bash
# Stops the test Dovecot that src/test/dovecot/start-dovecot.sh started from STATE_DIR
# (default target/dovecot). Does nothing, successfully, when none runs.
#
#   src/test/dovecot/stop-dovecot.sh [STATE_DIR]
set -euo pipefail

state=${1:-target/dovecot}
[ -d "$state" ] || exit 0
state=$(cd "$state" && pwd)
config=$state/dovecot.conf
[ -f "$config" ] || exit 0

base_dir=$(sed -n 's/^base_dir = //p' "$config" | head -1)
pid_file=${base_dir:-$state/run}/master.pid
[ -f "$pid_file" ] || exit 0
pid=$(cat "$pid_file" 2>/dev/null || true)

# only a live Dovecot master counts: the pid may have been reused since
is_running() { [ -n "$pid" ] && [ "$(cat "/proc/$pid/comm" 2>/dev/null || true)" = dovecot ]; }
if ! is_running; then
    rm -f "$pid_file"
    exit 0
fi

doveadm -c "$config" stop 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
for _ in $(seq 1 100); do
    is_running || break
    sleep 0.1
done
if is_running; then
    echo "stop-dovecot.sh: Dovecot (pid $pid) did not stop within 10 s, killing it" >&2
    kill -KILL "$pid" 2>/dev/null || true
    sleep 0.5
fi
rm -f "$pid_file"
echo "Dovecot of $state stopped"
