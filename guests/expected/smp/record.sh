#!/bin/sh
# Records what QEMU does with the SMP guests: for every CASE.args here and every CPU count the case
# runs with, CASE.smpN.stdout (lines starting with "info:" removed: they report timing-dependent
# counts that the tests ignore) and CASE.smpN.status. The program is the case name without a
# "-long" suffix (smp-atomic-long runs smp-atomic with a bigger n, on 2 CPUs only).
# QEMU runs from the repository root with its default thread mode (multi-threaded for -smp > 1),
# exactly like it-tests/.../smp/SmpGuestsTest.
# Usage: guests/expected/smp/record.sh [case...]   (no names: every CASE.args)
set -eu

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
QEMU=${QEMU:-qemu-system-arm}
# audio backend off: QEMU would otherwise probe the host's sound systems and complain on stderr
AUDIO_OFF="-audiodev none,id=snd0 -global pl041.audiodev=snd0"
DIR=guests/expected/smp

if [ $# -eq 0 ]; then
    set -- $(cd "$DIR" && ls *.args | sed 's/\.args$//' | LC_ALL=C sort)
fi

for name in "$@"; do
    program=${name%-long}
    cpus="1 2 4"
    if [ "$program" != "$name" ]; then
        cpus=2
    fi
    args=$(cat "$DIR/$name.args")
    for n in $cpus; do
        out=$DIR/$name.smp$n
        status=0
        timeout 60 "$QEMU" $AUDIO_OFF -M vexpress-a15 -smp "$n" -m 256M -nographic \
            -semihosting-config enable=on,target=native -kernel "guests/bin/$program.elf" \
            -append "$args" </dev/null >"$out.stdout.raw" 2>/dev/null || status=$?
        grep -v '^info:' "$out.stdout.raw" >"$out.stdout" || true
        rm -f "$out.stdout.raw"
        if [ "$status" -eq 124 ]; then
            echo "record.sh: $name -smp $n timed out on QEMU" >&2
            exit 1
        fi
        echo "$status" >"$out.status"
        echo "$name -smp $n: exit $status, $(tail -n 1 "$out.stdout")"
    done
done
