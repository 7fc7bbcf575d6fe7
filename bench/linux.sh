#!/usr/bin/env bash
# Boots the Linux test kit (linux/kit.sh) on mttcg-j and on qemu-system-arm and reports, for each
# configuration, the time from process start to /init (host clock, when the MTTCGJ-INIT line appears),
# the wall time of the two mixbench instances run at once (as busybox `time` prints it in the guest, and
# host time between the MTTCGJ-RUN and MTTCGJ-DONE lines), the whole process time and whether both
# checksums were right and the process exited 0 after poweroff.
#   bench/linux.sh [ITERATIONS]           mixbench iterations per instance (default 1000000)
# Environment: TIMEOUT per run in seconds (default 900); QEMU_SINGLE=1 adds QEMU with 2 vCPUs and
# thread=single (it needs about 20 minutes to boot); ONLY=ours|qemu runs one emulator's rows; MTTCG the
# launcher to use instead of bin/mttcg. mttcg-j runs get --timeout TIMEOUT (on expiry it dumps its vCPUs
# and exits 124); every run is killed 30 s after TIMEOUT.
# Every run's console, with host timestamps, is kept in linux/build/logs/.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
iterations="${1:-1000000}"
timeout_s="${TIMEOUT:-900}"
only="${ONLY:-}"
# QEMU with its audio backend off: otherwise it probes the host's sound systems at every start and its
# complaints land in the console logs.
qemu=(qemu-system-arm -audiodev none,id=snd0 -global pl041.audiodev=snd0)

logs="$root/linux/build/logs"
mkdir -p "$logs"
"$root/linux/kit.sh" > "$logs/kit.log" 2>&1 || { cat "$logs/kit.log" >&2; exit 1; }
# shellcheck disable=SC1091
. "$root/linux/build/out/kit.env"
expected="$("$MIXBENCH_HOST" "$iterations")"
mttcg="${MTTCG:-$root/bin/mttcg}"   # MTTCG: another launcher of the same command line
[ "$only" = qemu ] || "$mttcg" --version > /dev/null   # build first, outside the timings

boot=(-M vexpress-a15 -m 512M -nographic -kernel "$KERNEL" -initrd "$INITRD" -dtb "$DTB"
      -append "console=ttyAMA0 iterations=$iterations")

# run LABEL COMMAND...: the console with a host timestamp (seconds since the start) on every line,
# then an EXIT line with the status (124: timeout).
run() {
  local label="$1"; shift
  local log="$logs/$label.log" t0="${EPOCHREALTIME/./}" # microseconds
  { local status=0
    timeout --kill-after=10 "$((timeout_s + 30))" "$@" < /dev/null 2>&1 || status=$?
    echo "MTTCGJ-EXIT $status"; } \
    | while IFS= read -r line; do
        local ms=$(( (${EPOCHREALTIME/./} - t0) / 1000 ))
        printf '%d.%03d %s\n' $((ms / 1000)) $((ms % 1000)) "${line%$'\r'}"
      done > "$log"
  report "$label" "$log"
}

# host time of the first line containing $2 in log $1, or "-"
at() { awk -v m="$2" 'index($0, m) { print $1; found = 1; exit } END { if (!found) print "-" }' "$1"; }

report() {
  local label="$1" log="$2" init run finish guest total status result
  init="$(at "$log" MTTCGJ-INIT)"
  run="$(at "$log" MTTCGJ-RUN)"
  finish="$(at "$log" MTTCGJ-DONE)"
  total="$(at "$log" MTTCGJ-EXIT)"
  status="$(sed -n 's/^[0-9.]* MTTCGJ-EXIT //p' "$log")"
  # busybox time: "real	0m 1.23s"
  guest="$(sed -n 's/^[0-9.]* real[[:space:]]*\([0-9]*\)m \([0-9.]*\)s$/\1 \2/p' "$log" | awk '{ printf "%.2f", $1 * 60 + $2 }')"
  local host="-"
  [ "$run" != - ] && [ "$finish" != - ] && host="$(awk -v a="$run" -v b="$finish" 'BEGIN { printf "%.2f", b - a }')"
  local cpus
  cpus="$(sed -n 's/^[0-9.]* MTTCGJ-CPUS //p' "$log")"
  if [ "$status" = 124 ]; then
    result="TIMEOUT"
  elif [ "$(grep -c " MTTCGJ-RESULT [ab] $expected\$" "$log")" != 2 ]; then
    result="BAD (checksums; exit $status)"
  elif [ "$status" != 0 ]; then
    result="exit $status"
  else
    result="ok"
  fi
  printf '%-32s %10s %12s %12s %9s  %-18s %s\n' "$label" "$init" "${guest:--}" "$host" "$total" "${cpus:--}" "$result"
}

echo "kernel $KERNEL_RELEASE, mixbench iterations=$iterations x 2, timeout ${timeout_s}s per run; logs in $logs"
printf '%-32s %10s %12s %12s %9s  %-18s %s\n' "run" "to /init s" "double(guest)" "double(host)" "total s" "cpus" "result"
if [ "$only" != qemu ]; then
  ours=("$mttcg" "${boot[@]}" --timeout "${timeout_s}s")
  run "mttcg-j 1 vCPU" "${ours[@]}" -smp 1
  run "mttcg-j 2 vCPUs thread=single" "${ours[@]}" -smp 2 -accel tcg,thread=single
  run "mttcg-j 2 vCPUs thread=multi" "${ours[@]}" -smp 2 -accel tcg,thread=multi
fi
if [ "$only" != ours ]; then
  run "qemu 1 vCPU" "${qemu[@]}" "${boot[@]}" -smp 1
  run "qemu 2 vCPUs thread=multi" "${qemu[@]}" "${boot[@]}" -smp 2 -accel tcg,thread=multi
  if [ "${QEMU_SINGLE:-0}" = 1 ]; then
    run "qemu 2 vCPUs thread=single" "${qemu[@]}" "${boot[@]}" -smp 2 -accel tcg,thread=single
  fi
fi
