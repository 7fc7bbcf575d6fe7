#!/bin/sh
# Runs every guest on QEMU and records what it did: guests/expected/<name>.stdout, .status and,
# when the program writes to stderr, .stderr. The inputs are hand-written: <name>.args holds the
# -append text (one line, may be empty), <name>.stdin (optional) the bytes fed to standard input.
# Run from anywhere; QEMU runs with the repository root as its working directory and the kernel
# given as guests/bin/<name>.elf, exactly like GuestProgramsTest.
# QEMU runs with its audio backend off (as ProcessRunner runs it): otherwise it probes the host's sound
# systems at every start and reports each one missing on stderr ("qemu: module audio-audio-pa not found",
# ALSA errors), which is not the guest's output. Should a QEMU print such lines anyway, they are dropped.
# Usage: guests/record-expected.sh [name...]   (no names: every <name>.args)
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
QEMU=${QEMU:-qemu-system-arm}
AUDIO_OFF="-audiodev none,id=snd0 -global pl041.audiodev=snd0"

if [ $# -eq 0 ]; then
    set -- $(cd guests/expected && ls *.args | sed 's/\.args$//' | LC_ALL=C sort)
fi

for name in "$@"; do
    exp=guests/expected/$name
    args=$(cat "$exp.args")
    stdin=/dev/null
    if [ -f "$exp.stdin" ]; then
        stdin=$exp.stdin
    fi
    status=0
    timeout 30 "$QEMU" $AUDIO_OFF -M vexpress-a15 -m 256M -nographic -semihosting-config enable=on,target=native \
        -kernel "guests/bin/$name.elf" -append "$args" <"$stdin" >"$exp.stdout" 2>"$exp.stderr.raw" \
        || status=$?
    grep -v -e '^qemu: module audio-' -e '^ALSA lib ' -e '^alsa: ' -e '^audio: ' "$exp.stderr.raw" >"$exp.stderr" || true
    rm -f "$exp.stderr.raw"
    if [ ! -s "$exp.stderr" ]; then
        rm -f "$exp.stderr"
    fi
    if [ "$status" -eq 124 ]; then
        echo "record-expected.sh: $name timed out on QEMU" >&2
        exit 1
    fi
    echo "$status" >"$exp.status"
    echo "$name: exit $status, $(wc -c <"$exp.stdout") bytes of stdout"
done
