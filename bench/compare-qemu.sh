#!/usr/bin/env bash
# Runs the same guest ELF on qemu-system-arm and on mttcg-j, alternating, REPEATS times each, and prints
# the median wall times, our guest MIPS (from --stats-json) and the speed ratio. Both run in this one
# script on this machine, so the ratio is meaningful even on a noisy shared host.
#   bench/compare-qemu.sh [ELF] [APPEND] [REPEATS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
elf="${1:-$root/guests/bin/intbench.elf}"
append="${2:-n=20000}"
repeats="${3:-3}"
# QEMU with its audio backend off: otherwise it probes the host's sound systems at every start.
qemu_audio_off=(-audiodev none,id=snd0 -global pl041.audiodev=snd0)
args=(-M vexpress-a15 -m 256M -nographic -semihosting-config enable=on,target=native -kernel "$elf" -append "$append")
"$root/bin/mttcg" --version >/dev/null   # build first, outside the timings
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
now() { date +%s%N; }
q=(); o=(); mips=()
for i in $(seq 1 "$repeats"); do
  t0=$(now); qemu-system-arm "${qemu_audio_off[@]}" "${args[@]}" >"$tmp/q.out" 2>/dev/null </dev/null; t1=$(now)
  q+=($(( (t1 - t0) / 1000000 )))
  t0=$(now); "$root/bin/mttcg" "${args[@]}" --stats-json "$tmp/s.json" >"$tmp/o.out" 2>/dev/null </dev/null; t1=$(now)
  o+=($(( (t1 - t0) / 1000000 )))
  mips+=($(python3 -c "import json;d=json.load(open('$tmp/s.json'));print(round(sum(c['insns'] for c in d['cpus'])/d['wallSeconds']/1e6,1))"))
  cmp -s "$tmp/q.out" "$tmp/o.out" || { echo "outputs differ on run $i:"; diff "$tmp/q.out" "$tmp/o.out" | head; exit 1; }
  echo "run $i: qemu ${q[-1]} ms, mttcg ${o[-1]} ms (guest ${mips[-1]} MIPS inside the run)"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
mq=$(median "${q[@]}"); mo=$(median "${o[@]}"); mm=$(median "${mips[@]}")
echo "median: qemu ${mq} ms, mttcg ${mo} ms (process wall time incl. JVM start), mttcg guest ${mm} MIPS"
python3 -c "print('speed ratio mttcg/qemu (wall): %.2f' % ($mq/$mo))"
