#!/usr/bin/env bash
# The Linux test kit: Debian's armhf kernel and vexpress-a15 device tree, and an initramfs with busybox,
# our CPU-bound test program (mixbench.c) and an /init (init.sh) that runs two instances at once.
#
#   linux/kit.sh [--force]       builds into linux/build/ (or $LINUX_KIT_DIR), reusing what is there
#
# Needs (Debian 12): apt-get, dpkg-deb, gcc, gcc-arm-linux-gnueabihf, libc6-dev-armhf-cross, cpio, gzip.
# The Debian packages are downloaded with apt for the armhf architecture into the cache directory, with
# apt's lists kept there too: nothing is installed and no system state is changed (root is not needed).
# apt checks each package against the signed archive lists; mixbench's checksum is checked against the
# same source compiled for the host.
#
# Environment: LINUX_KIT_DIR (cache/output directory), KERNEL_PKG (e.g. linux-image-6.1.0-50-armmp;
# default: what linux-image-armmp depends on), MIXBENCH_ITERATIONS (the /init default, 300000).
# The last lines printed are KEY=path lines (also in $LINUX_KIT_DIR/out/kit.env) for scripts to source.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
build="${LINUX_KIT_DIR:-$here/build}"
iterations="${MIXBENCH_ITERATIONS:-300000}"
[ "${1:-}" = "--force" ] && rm -rf "$build/out" "$build/debs"
mkdir -p "$build"
build="$(cd "$build" && pwd)"
out="$build/out"
debs="$build/debs"

die() { echo "kit.sh: $*" >&2; exit 1; }
for tool in apt-get apt-cache dpkg-deb gcc arm-linux-gnueabihf-gcc cpio gzip; do
  command -v "$tool" >/dev/null || die "'$tool' is missing: apt-get install gcc gcc-arm-linux-gnueabihf libc6-dev-armhf-cross cpio (see .ci/run)"
done

# --- 1. the Debian packages (armhf), downloaded once ---------------------------------------------------
apt_opts=(-o APT::Architecture=armhf -o APT::Architectures=armhf
          -o Dir::State::Lists="$build/apt/lists" -o Dir::Cache="$build/apt/cache"
          -o Dir::State::status=/dev/null -o Debug::NoLocking=1 -o APT::Sandbox::User="$(id -un)")
mkdir -p "$build/apt/lists/partial" "$build/apt/cache/archives/partial" "$debs"
have_debs() { compgen -G "$debs/linux-image-*-armmp_*.deb" >/dev/null && compgen -G "$debs/busybox-static_*.deb" >/dev/null; }
if ! have_debs; then
  echo "kit.sh: downloading the armhf package lists into $build/apt" >&2
  # One index of the system's sources may fail (e.g. a mirror in sync) while the main one is fine: go on
  # and let the look-ups below say whether the packages are there.
  apt-get "${apt_opts[@]}" -qq update >&2 || echo "kit.sh: warning: apt-get update reported errors (see above)" >&2
  kpkg="${KERNEL_PKG:-$(apt-cache "${apt_opts[@]}" depends linux-image-armmp 2>/dev/null \
         | sed -n 's/^ *Depends: \(linux-image-6\.1\.0-[0-9]*-armmp\)$/\1/p' | head -n 1)}"
  [ -n "$kpkg" ] || die "cannot find linux-image-6.1.0-*-armmp in the armhf package lists (apt-get update failed?)"
  echo "kit.sh: downloading $kpkg and busybox-static (armhf)" >&2
  (cd "$debs" && apt-get "${apt_opts[@]}" -qq download "$kpkg" busybox-static >&2) \
    || die "apt-get download $kpkg busybox-static failed"
  have_debs || die "the downloads are not in $debs"
fi
kdeb="$(ls "$debs"/linux-image-*-armmp_*.deb | head -n 1)"
bdeb="$(ls "$debs"/busybox-static_*.deb | head -n 1)"

# --- 2. kernel and device tree from the kernel package -------------------------------------------------
mkdir -p "$out"
if [ ! -s "$out/vmlinuz" ] || [ ! -s "$out/vexpress-v2p-ca15-tc1.dtb" ] || [ "$kdeb" -nt "$out/vmlinuz" ]; then
  x="$build/extract"; rm -rf "$x"; mkdir -p "$x"
  dpkg-deb --fsys-tarfile "$kdeb" | tar -x -C "$x" --wildcards './boot/vmlinuz-*' \
    './usr/lib/linux-image-*/vexpress-v2p-ca15-tc1.dtb'
  cp "$x"/boot/vmlinuz-* "$out/vmlinuz"
  cp "$x"/usr/lib/linux-image-*/vexpress-v2p-ca15-tc1.dtb "$out/"
  basename "$x"/boot/vmlinuz-* | sed 's/^vmlinuz-//' > "$out/kernel-release"
  rm -rf "$x"
fi

# --- 3. mixbench for the guest and for the host; the host's checksum is the expected one ---------------
cflags=(-std=c99 -O2 -Wall -Wextra -Werror -ffp-contract=off)
arm-linux-gnueabihf-gcc -static "${cflags[@]}" -o "$out/mixbench" "$here/mixbench.c"
gcc "${cflags[@]}" -o "$out/mixbench-host" "$here/mixbench.c"
expected="$("$out/mixbench-host" "$iterations")"
[ -n "$expected" ] || die "mixbench-host printed nothing"
# The same source at -O0 must agree: a checksum that depends on the compiler's choices proves nothing.
gcc -std=c99 -O0 -ffp-contract=off -o "$build/mixbench-O0" "$here/mixbench.c"
[ "$("$build/mixbench-O0" "$iterations")" = "$expected" ] || die "mixbench's checksum differs between -O0 and -O2"

# --- 4. the initramfs ----------------------------------------------------------------------------------
root="$build/rootfs"; rm -rf "$root"
mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,etc,proc,sys,dev,tmp}
dpkg-deb --fsys-tarfile "$bdeb" | tar -x -O ./bin/busybox > "$root/bin/busybox"
chmod 755 "$root/bin/busybox"
cp "$out/mixbench" "$root/bin/mixbench"
sed "s/@ITERATIONS@/$iterations/" "$here/init.sh" > "$root/init"
chmod 755 "$root/init"
echo "$expected" > "$root/etc/mixbench.expected"
echo "$expected" > "$out/mixbench.expected"

# newc entry for a character device, written by hand so that no root (mknod) is needed: the kernel
# opens /dev/console for init before /init runs.
newc() { # NAME MODE RDEVMAJOR RDEVMINOR
  local name="$1" namesize=$(( ${#1} + 1 ))
  printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
    300 "$2" 0 0 1 0 0 0 0 "$3" "$4" "$namesize" 0
  printf '%s\0' "$name"
  local pad=$(( (4 - (110 + namesize) % 4) % 4 ))
  head -c "$pad" /dev/zero
}
{
  (cd "$root" && find . -mindepth 1 | LC_ALL=C sort | cpio --quiet -o -H newc -R 0:0 --reproducible)
  # a second archive: the kernel unpacks concatenated cpio archives one after the other
  newc dev/console $((0020600)) 5 1
  newc TRAILER!!! 0 0 0
} | gzip -9 -n > "$out/rootfs.cpio.gz"

cat > "$out/kit.env" <<EOF
KERNEL=$out/vmlinuz
INITRD=$out/rootfs.cpio.gz
DTB=$out/vexpress-v2p-ca15-tc1.dtb
MIXBENCH_HOST=$out/mixbench-host
MIXBENCH_ITERATIONS=$iterations
MIXBENCH_EXPECTED="$expected"
KERNEL_RELEASE=$(cat "$out/kernel-release")
EOF
echo "kit.sh: ready (kernel $(cat "$out/kernel-release"), $(basename "$bdeb" .deb)); boot it with:" >&2
echo "  bin/mttcg -M vexpress-a15 -smp 2 -m 512M -nographic -kernel $out/vmlinuz -initrd $out/rootfs.cpio.gz -dtb $out/vexpress-v2p-ca15-tc1.dtb -append \"console=ttyAMA0\"" >&2
cat "$out/kit.env"
