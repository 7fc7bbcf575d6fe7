#!/bin/sh
# Rebuilds every guest program: guests/src/<name>/*.c|*.S + guests/lib -> guests/bin/<name>.elf.
# Pure A32 (-marm), no C library. -mcpu=cortex-a15 gives the compiler UDIV/SDIV so no libgcc is
# needed. The flags are fixed and source paths are rewritten relative to guests/, so the same
# sources give byte-identical ELFs on any machine with Debian's arm-none-eabi-gcc 12.2.
#
# Two kinds of program are built differently (see README.md, "newlib programs"):
# - newlib-*: linked against Debian's newlib + rdimon semihosting (Thumb-2 libraries), entered
#   through newlib/start.S; sources named *_thumb.c are compiled -mthumb, the others -marm.
# - intbench-thumb: src/intbench compiled -mthumb (no src/ directory of its own), lib/ stays A32.
# - mmu-*: lib/ plus the shared MMU runtime in mmu/ (see README.md, "MMU programs").
# Usage: guests/build.sh [name...]   (no names: all programs)
set -eu

GUESTS=$(cd "$(dirname "$0")" && pwd)
cd "$GUESTS"
CC=${CC:-arm-none-eabi-gcc}

CFLAGS="-marm -mcpu=cortex-a15 -mfloat-abi=soft -O2 -ffreestanding -nostdlib -fno-builtin \
 -fno-tree-loop-distribute-patterns -fno-common -fno-asynchronous-unwind-tables -fno-unwind-tables \
 -Wall -Wextra -Werror -g -ffile-prefix-map=$GUESTS=. -Wa,--debug-prefix-map,$GUESTS=. -Ilib"
LDFLAGS="-nostdlib -T lib/link.ld -Wl,--build-id=none -Wl,--no-warn-rwx-segments"

# newlib programs: same code-generation options, but the C library and its startup instead of
# -nostdlib/-ffreestanding. The multilib for -mcpu=cortex-a15 -mfloat-abi=soft is thumb/v7-a/nofp in
# both states. -fno-builtin: the library, not the compiler, must do the formatting and the maths.
# Linked into RAM (-Ttext-segment) with rdimon's crt0; the entry is the CPU-parking shim.
NL_CFLAGS="-mcpu=cortex-a15 -mfloat-abi=soft -O2 -fno-builtin -fno-common -fno-asynchronous-unwind-tables \
 -fno-unwind-tables -Wall -Wextra -Werror -g -ffile-prefix-map=$GUESTS=. -Wa,--debug-prefix-map,$GUESTS=. \
 -Inewlib"
NL_LDFLAGS="--specs=rdimon.specs -Wl,-Ttext-segment=0x80000000 -Wl,-e,_newlib_entry -Wl,--build-id=none \
 -Wl,--no-warn-rwx-segments -lm"

if [ $# -eq 0 ]; then
    set -- $(cd src && ls -d */ | tr -d / | LC_ALL=C sort) intbench-thumb
fi

mkdir -p bin
# Objects go to a scratch directory under a fixed name so that no temporary file name ends up in
# the ELF's debug information.
OBJ=$(mktemp -d)
trap 'rm -rf "$OBJ"' EXIT
# compile SRC [extra flags...] -> prints the object's name; objects are named after their source
compile() {
    src=$1
    shift
    obj="$OBJ/$(echo "$src" | tr / _).o"
    # shellcheck disable=SC2086
    "$CC" "$@" -c -o "$obj" "$src"
    echo "$obj"
}

build_newlib() {
    name=$1
    if [ ! -d "src/$name" ]; then
        echo "build.sh: no program src/$name" >&2
        exit 2
    fi
    rm -f "$OBJ"/*.o
    objs=""
    for src in $(ls newlib/*.S newlib/*.c src/"$name"/*.S src/"$name"/*.c 2>/dev/null | LC_ALL=C sort); do
        case "$src" in
        *_thumb.c | *_thumb.S) mode=-mthumb ;;
        *) mode=-marm ;;
        esac
        # shellcheck disable=SC2086
        objs="$objs $(compile "$src" $mode $NL_CFLAGS)"
    done
    # shellcheck disable=SC2086
    $CC $NL_CFLAGS $objs $NL_LDFLAGS -o "bin/$name.elf"
    echo "built bin/$name.elf"
}

# PROGRAM-thumb: the program's own sources compiled -mthumb, the A32 runtime (lib/) unchanged
# (crt0.S and the semihosting SVC are A32 code); calls between them are interworking BLX.
build_thumb_variant() {
    base=$1
    rm -f "$OBJ"/*.o
    objs=""
    for src in $(ls lib/*.S lib/*.c src/"$base"/*.S src/"$base"/*.c 2>/dev/null | LC_ALL=C sort); do
        case "$src" in
        lib/*) mode=-marm ;;
        *) mode=-mthumb ;;
        esac
        # shellcheck disable=SC2086
        objs="$objs $(compile "$src" ${CFLAGS#-marm } $mode)"
    done
    # shellcheck disable=SC2086
    $CC $CFLAGS $LDFLAGS -o "bin/$base-thumb.elf" $objs
    echo "built bin/$base-thumb.elf"
}

for name in "$@"; do
    case "$name" in
    newlib-*)
        build_newlib "$name"
        continue
        ;;
    intbench-thumb)
        build_thumb_variant intbench
        continue
        ;;
    esac
    if [ ! -d "src/$name" ]; then
        echo "build.sh: no program src/$name" >&2
        exit 2
    fi
    rm -f "$OBJ"/*.o
    objs=""
    # mmu-* programs share the MMU runtime in mmu/ (page tables, abort handlers, User mode)
    shared=""
    extra=""
    case "$name" in
    mmu-*)
        shared="mmu/*.S mmu/*.c"
        extra="-Immu"
        ;;
    esac
    # shellcheck disable=SC2086
    for src in $(ls lib/*.S lib/*.c $shared src/"$name"/*.S src/"$name"/*.c 2>/dev/null | LC_ALL=C sort); do
        obj="$OBJ/$(echo "$src" | tr / _).o"
        # shellcheck disable=SC2086
        $CC $CFLAGS $extra -c -o "$obj" "$src"
        objs="$objs $obj"
    done
    # shellcheck disable=SC2086
    $CC $CFLAGS $LDFLAGS -o "bin/$name.elf" $objs
    echo "built bin/$name.elf"
done
