#!/bin/sh
# Records what QEMU does with the newlib guests and intbench-thumb (guests/README.md, "newlib
# programs"): for every CASE.args here, on 1 and 2 CPUs, CASE.smpN.stdout, CASE.smpN.status and,
# when QEMU printed anything there, CASE.smpN.stderr (QEMU runs with its audio off and any sound-card
# complaint is dropped, as in guests/record-expected.sh). The program is guests/bin/CASE.elf; CASE.args is the -append text.
# QEMU runs from the repository root, exactly like it-tests/.../guests/NewlibProgramsTest.
# Usage: guests/expected/newlib/record.sh [case...]   (no names: every CASE.args)
set -eu

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
QEMU=${QEMU:-qemu-system-arm}
# audio backend off: QEMU would otherwise probe the host's sound systems and complain on stderr
AUDIO_OFF="-audiodev none,id=snd0 -global pl041.audiodev=snd0"
DIR=guests/expected/newlib

if [ $# -eq 0 ]; then
    set -- $(cd "$DIR" && ls *.args | sed 's/\.args$//' | LC_ALL=C sort)
fi

for name in "$@"; do
    args=$(cat "$DIR/$name.args")
    for n in 1 2; do
        out=$DIR/$name.smp$n
        status=0
        timeout 30 "$QEMU" $AUDIO_OFF -M vexpress-a15 -smp "$n" -m 256M -nographic \
            -semihosting-config enable=on,target=native -kernel "guests/bin/$name.elf" \
            -append "$args" </dev/null >"$out.stdout" 2>"$out.stderr.raw" || status=$?
        grep -v -e '^qemu: module audio-' -e '^ALSA lib ' -e '^alsa: ' -e '^audio: ' "$out.stderr.raw" >"$out.stderr" || true
        rm -f "$out.stderr.raw"
        if [ ! -s "$out.stderr" ]; then
            rm -f "$out.stderr"
        fi
        if [ "$status" -eq 124 ]; then
            echo "record.sh: $name -smp $n timed out on QEMU" >&2
            exit 1
        fi
        echo "$status" >"$out.status"
        echo "$name -smp $n: exit $status, $(wc -c <"$out.stdout") bytes of stdout"
    done
done
