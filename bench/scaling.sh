#!/usr/bin/env bash
# Scaling benchmark: the same CPU-bound work per vCPU, run side by side in one go:
#   1 vCPU, 2 vCPUs with thread=multi (one host thread each), 2 vCPUs with thread=single (QEMU's round-robin).
# Prints wall times, throughput relative to 1 vCPU (2 x work / time), and the safe-work latency measured
# during a TB-flush storm on 2 running vCPUs.
#   bench/scaling.sh [ELF] [APPEND] [REPEATS]     (defaults: smp-compute.elf, n=1000000 (about 25 s a run), 3)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
elf="${1:-$root/guests/bin/smp-compute.elf}"
append="${2:-n=1000000}"
repeats="${3:-3}"
"$root/bin/mttcg" --version >/dev/null
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
run() { # smp mode [extra args...] -> prints "wall-ms guest-MIPS" (MIPS over all vCPUs, inside the run)
  local smp=$1 mode=$2; shift 2
  local t0 t1
  t0=$(date +%s%N)
  "$root/bin/mttcg" -M vexpress-a15 -smp "$smp" -accel "tcg,thread=$mode" -m 256M -nographic \
    -semihosting-config enable=on,target=native -kernel "$elf" -append "$append" --timeout 600s \
    --stats-json "$tmp/run.json" "$@" \
    >"$tmp/out" 2>"$tmp/err" </dev/null || { echo "run failed (smp=$smp $mode):" >&2; cat "$tmp/out" "$tmp/err" >&2; exit 1; }
  t1=$(date +%s%N)
  grep -q PASS "$tmp/out" || { echo "guest did not PASS (smp=$smp $mode):" >&2; cat "$tmp/out" >&2; exit 1; }
  echo $(( (t1 - t0) / 1000000 )) $(python3 -c "import json;d=json.load(open('$tmp/run.json'));print(round(sum(c['insns'] for c in d['cpus'])/d['wallSeconds']/1e6,1))")
}
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
one=(); multi=(); single=(); mone=(); mmulti=(); msingle=()
for i in $(seq 1 "$repeats"); do
  read -r w m <<<"$(run 1 single)"; one+=("$w"); mone+=("$m")
  read -r w m <<<"$(run 2 multi)"; multi+=("$w"); mmulti+=("$m")
  read -r w m <<<"$(run 2 single)"; single+=("$w"); msingle+=("$m")
  echo "round $i: 1 vCPU ${one[-1]} ms (${mone[-1]} MIPS) | 2 vCPUs multi ${multi[-1]} ms (${mmulti[-1]} MIPS)" \
       "| 2 vCPUs single ${single[-1]} ms (${msingle[-1]} MIPS)"
done
m1=$(median "${one[@]}"); m2=$(median "${multi[@]}"); ms=$(median "${single[@]}")
p1=$(median "${mone[@]}"); p2=$(median "${mmulti[@]}"); ps=$(median "${msingle[@]}")
python3 - "$m1" "$m2" "$ms" "$p1" "$p2" "$ps" <<'PY'
import sys
t1, t2, ts, p1, p2, ps = map(float, sys.argv[1:])
print(f"median wall (process, incl. JVM start): 1 vCPU {t1:.0f} ms, 2 vCPUs thread=multi {t2:.0f} ms, "
      f"2 vCPUs thread=single {ts:.0f} ms")
print(f"throughput vs 1 vCPU from wall time: thread=multi {2*t1/t2:.2f}x, thread=single {2*t1/ts:.2f}x")
print(f"median guest MIPS inside the run: 1 vCPU {p1:.0f}, 2 vCPUs multi {p2:.0f}, 2 vCPUs single {ps:.0f}: "
      f"multi {p2/p1:.2f}x, single {ps/p1:.2f}x, multi vs single {p2/ps:.2f}x")
PY
if command -v qemu-system-arm >/dev/null; then
  # The same guest on QEMU (its default thread=multi), as the reference for the speedup.
  q=(); for i in $(seq 1 "$repeats"); do
    for smp in 1 2; do
      t0=$(date +%s%N)
      qemu-system-arm -audiodev none,id=snd0 -global pl041.audiodev=snd0 -M vexpress-a15 -smp "$smp" -m 256M -nographic \
        -semihosting-config enable=on,target=native -kernel "$elf" -append "$append" >/dev/null 2>&1 </dev/null
      t1=$(date +%s%N); q+=("$smp:$(( (t1 - t0) / 1000000 ))")
    done
  done
  q1=$(median $(printf '%s\n' "${q[@]}" | sed -n 's/^1://p')); q2=$(median $(printf '%s\n' "${q[@]}" | sed -n 's/^2://p'))
  python3 -c "print(f'qemu-system-arm, same guest: 1 vCPU {$q1} ms, 2 vCPUs {$q2} ms: speedup {2*$q1/$q2:.2f}x')"
fi
cat > "$tmp/storm.conf" <<'CONF'
mttcg.translation.cache-limit = 2
CONF
# The storm runs smp-compute n=2000 with room for 2 blocks: both vCPUs retranslate and flush all the time
# (a larger cache holds smp-compute's whole working set, and then nothing flushes at all).
elf="$root/guests/bin/smp-compute.elf" append="n=2000" run 2 multi --config "$tmp/storm.conf" --stats-json "$tmp/storm.json" >/dev/null
python3 - "$tmp/storm.json" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
print(f"safe work under a TB-flush storm, 2 vCPUs thread=multi: {d['safeWorkRounds']} rounds "
      f"({d['safeWorkDirect']} run directly, the other vCPU halted), "
      f"{d['tbFlushes']} flushes; supervisor rounds' quiescence wait p50 {d['quiescenceWaitP50Micros']:.1f} us, "
      f"p99 {d['quiescenceWaitP99Micros']:.1f} us, max {d['quiescenceWaitMaxMicros']:.1f} us")
PY
