#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# mkinitramfs.sh - pack busybox and an installed suite into an initramfs.
#
# Usage: mkinitramfs.sh SUITE_DIR OUTPUT.cpio.gz [EXTRA_DIR]
#
# SUITE_DIR is a "make install DESTDIR=..." tree; it lands in /suite.
# EXTRA_DIR, if given, is copied over it (the harness self-test uses this
# to add fake tests). The init script (scripts/init.sh) runs run_tests.sh
# and powers the machine off.
set -eu

. "$(dirname "$0")/common.sh"

suite=${1:?usage: mkinitramfs.sh SUITE_DIR OUTPUT.cpio.gz [EXTRA_DIR]}
out=${2:?usage: mkinitramfs.sh SUITE_DIR OUTPUT.cpio.gz [EXTRA_DIR]}
extra=${3:-}
busybox=${BUSYBOX:-$CACHE/busybox/busybox}
[ -x "$busybox" ] || die "no static arm64 busybox at $busybox (run scripts/deps.sh or set BUSYBOX)"
[ -x "$suite/run_tests.sh" ] || die "$suite is not an installed suite (no run_tests.sh)"

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
mkdir -p "$stage/bin" "$stage/proc" "$stage/sys" "$stage/dev" "$stage/tmp" \
	"$stage/suite"
cp "$busybox" "$stage/bin/busybox"
for a in sh mount; do ln -s busybox "$stage/bin/$a"; done
cp "$TOP/scripts/init.sh" "$stage/init"
chmod 755 "$stage/init"
cp -R "$suite/." "$stage/suite/"
[ -z "$extra" ] || cp -R "$extra/." "$stage/suite/"
(cd "$stage" && find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet) |
	gzip -1 > "$out.tmp"
mv "$out.tmp" "$out"
