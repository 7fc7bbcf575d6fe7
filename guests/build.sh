#!/bin/sh
# Rebuilds every guest program: guests/src/<name>/*.c|*.S + guests/lib -> guests/bin/<name>.elf.
# Pure A32 (-marm), no C library. -mcpu=cortex-a15 gives the compiler UDIV/SDIV so no libgcc is
# needed. The flags are fixed and source paths are rewritten relative to guests/, so the same
# sources give byte-identical ELFs on any machine with Debian's arm-none-eabi-gcc 12.2.
# Usage: guests/build.sh [name...]   (no names: all programs)
set -eu

GUESTS=$(cd "$(dirname "$0")" && pwd)
cd "$GUESTS"
CC=${CC:-arm-none-eabi-gcc}

CFLAGS="-marm -mcpu=cortex-a15 -mfloat-abi=soft -O2 -ffreestanding -nostdlib -fno-builtin \
 -fno-tree-loop-distribute-patterns -fno-common -fno-asynchronous-unwind-tables -fno-unwind-tables \
 -Wall -Wextra -Werror -g -ffile-prefix-map=$GUESTS=. -Wa,--debug-prefix-map,$GUESTS=. -Ilib"
LDFLAGS="-nostdlib -T lib/link.ld -Wl,--build-id=none -Wl,--no-warn-rwx-segments"

if [ $# -eq 0 ]; then
    set -- $(cd src && ls -d */ | tr -d / | LC_ALL=C sort)
fi

mkdir -p bin
# Objects go to a scratch directory under a fixed name so that no temporary file name ends up in
# the ELF's debug information.
OBJ=$(mktemp -d)
trap 'rm -rf "$OBJ"' EXIT
for name in "$@"; do
    if [ ! -d "src/$name" ]; then
        echo "build.sh: no program src/$name" >&2
        exit 2
    fi
    rm -f "$OBJ"/*.o
    objs=""
    for src in $(ls lib/*.S lib/*.c src/"$name"/*.S src/"$name"/*.c 2>/dev/null | LC_ALL=C sort); do
        obj="$OBJ/$(echo "$src" | tr / _).o"
        # shellcheck disable=SC2086
        $CC $CFLAGS -c -o "$obj" "$src"
        objs="$objs $obj"
    done
    # shellcheck disable=SC2086
    $CC $CFLAGS $LDFLAGS -o "bin/$name.elf" $objs
    echo "built bin/$name.elf"
done
