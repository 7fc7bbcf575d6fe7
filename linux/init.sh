#!/bin/busybox sh
# /init of the Linux test kit's initramfs (kit.sh puts it there, with @ITERATIONS@ replaced).
#
# Kernel command line switches (read from /proc/cmdline):
#   mode=shell     an interactive busybox shell on the console instead of the benchmark; leaving it powers off
#   iterations=N   mixbench iterations per instance (default @ITERATIONS@)
#
# Lines starting with "MTTCGJ-" are markers that the tests and bench/linux.sh look for.
/bin/busybox --install -s
export PATH=/bin:/sbin:/usr/bin:/usr/sbin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
# From here only emergency kernel messages reach the console, so that a late one (e.g. "deferred probe
# pending" at 30 s of uptime on a slow machine) cannot land in the middle of a marker line.
echo 1 > /proc/sys/kernel/printk

uptime() { cut -d ' ' -f 1 /proc/uptime; }
echo "MTTCGJ-INIT reached /init at uptime $(uptime) s"
echo "MTTCGJ-CPUS online=$(cat /sys/devices/system/cpu/online) count=$(grep -c '^processor' /proc/cpuinfo)"

mode=run
iterations=@ITERATIONS@
for arg in $(cat /proc/cmdline); do
  case "$arg" in
    mode=*) mode="${arg#mode=}" ;;
    iterations=*) iterations="${arg#iterations=}" ;;
  esac
done

if [ "$mode" = shell ]; then
  echo "MTTCGJ-SHELL ready"
  # setsid + cttyhack: the console becomes the shell's controlling terminal (so ^C works)
  setsid cttyhack sh
  echo "MTTCGJ-SHELL-EXIT"
  poweroff -f
fi

echo "MTTCGJ-RUN two mixbench instances, iterations=$iterations, at uptime $(uptime) s"
# busybox time prints "real 0m 1.23s" etc. on stderr
time sh -c "mixbench $iterations > /tmp/a.out & mixbench $iterations > /tmp/b.out & wait"
echo "MTTCGJ-DONE at uptime $(uptime) s"
echo "MTTCGJ-RESULT a $(cat /tmp/a.out)"
echo "MTTCGJ-RESULT b $(cat /tmp/b.out)"
expected="$(cat /etc/mixbench.expected)"
if [ "$iterations" != @ITERATIONS@ ]; then
  echo "MTTCGJ-CHECK unknown (iterations=$iterations; /etc/mixbench.expected is for @ITERATIONS@)"
elif [ "$(cat /tmp/a.out)" = "$expected" ] && [ "$(cat /tmp/b.out)" = "$expected" ]; then
  echo "MTTCGJ-CHECK ok"
else
  echo "MTTCGJ-CHECK BAD expected $expected"
fi
poweroff -f
