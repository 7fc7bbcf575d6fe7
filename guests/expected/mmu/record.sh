#!/bin/sh
# Records what QEMU does with the MMU guests (guests/src/mmu-*): for every CASE.args here,
# CASE.smpN.stdout and CASE.smpN.status, N = 2 for mmu-smp (it needs two CPUs) and 1 for the
# others. QEMU runs from the repository root with its default thread mode, exactly like
# it-tests/.../guests/MmuProgramsTest.
# Usage: guests/expected/mmu/record.sh [case...]   (no names: every CASE.args)
set -eu

ROOT=$(cd "$(dirname "$0")/../../.." && pwd)
cd "$ROOT"
QEMU=${QEMU:-qemu-system-arm}
# audio backend off: QEMU would otherwise probe the host's sound systems and complain on stderr
AUDIO_OFF="-audiodev none,id=snd0 -global pl041.audiodev=snd0"
DIR=guests/expected/mmu

if [ $# -eq 0 ]; then
    set -- $(cd "$DIR" && ls *.args | sed 's/\.args$//' | LC_ALL=C sort)
fi

for name in "$@"; do
    cpus=1
    case "$name" in
    mmu-smp*) cpus=2 ;;
    esac
    out=$DIR/$name.smp$cpus
    status=0
    timeout 30 "$QEMU" $AUDIO_OFF -M vexpress-a15 -smp "$cpus" -m 256M -nographic \
        -semihosting-config enable=on,target=native -kernel "guests/bin/$name.elf" \
        -append "$(cat "$DIR/$name.args")" </dev/null >"$out.stdout" 2>/dev/null || status=$?
    if [ "$status" -eq 124 ]; then
        echo "record.sh: $name -smp $cpus timed out on QEMU" >&2
        exit 1
    fi
    echo "$status" >"$out.status"
    echo "$name -smp $cpus: exit $status, $(tail -n 1 "$out.stdout")"
done
