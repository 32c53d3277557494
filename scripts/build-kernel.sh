#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# build-kernel.sh - build the host kernel Image that QEMU boots.
#
# Usage: build-kernel.sh ours|unpatched|debug|custom
#
#   ours       linux-source-7.2 with hyp_patches/ applied
#   unpatched  the same source without the series
#   debug      "ours" plus kernel/debug.fragment (lockdep, KASAN, ...)
#   custom     the source tree in $KSRC, as it is
#
# Output in $OUT/kernel/<variant>/: Image, System.map, config (the .config used),
# applied-patches and source-version, which every run copies next to its
# results. Configured from allnoconfig plus kernel/config.fragment, so the
# configuration does not depend on the source's defconfig. Run inside the
# tool root (cross compiler, ccache).
set -eu

. "$(dirname "$0")/common.sh"

variant=${1:?usage: build-kernel.sh ours|unpatched|debug|custom}
frags=$TOP/kernel/config.fragment
case $variant in
ours) tree=patched ;;
unpatched) tree=base ;;
debug) tree=patched; frags="$frags $TOP/kernel/debug.fragment" ;;
custom) tree=custom ;;
*) die "unknown kernel variant '$variant' (ours, unpatched, debug or custom)" ;;
esac

if [ "$tree" = custom ]; then
	src=${KSRC:?custom kernel needs KSRC}
else
	src=$(sh "$TOP/scripts/kernel-src.sh" "$tree")
fi
dest=$OUT/kernel/$variant
obj=$CACHE/obj/$(basename "$(dirname "$src")")-$variant
[ "$tree" != custom ] || obj=$OUT/kernel-obj
[ -z "${SMEKVM_OBJ:-}" ] || obj=$SMEKVM_OBJ
mkdir -p "$dest" "$obj"

# Build from fixed paths (bind mounts in a private mount namespace), so that
# the base and the patched tree give identical compiler command lines and
# ccache shares every object the series does not touch. Only inside the
# tool root, whose own mount namespace is private.
fixed=/srv/smekvm
if [ -z "${SMEKVM_FIXED_PATHS:-}" ] && [ -n "${SMEKVM_IN_ROOT:-}" ] &&
   mkdir -p "$fixed/src" "$fixed/obj" 2>/dev/null &&
   unshare -m --propagation unchanged true 2>/dev/null; then
	exec unshare -m --propagation unchanged sh -c '
		mount --bind "$1" "$3/src" && mount --bind "$2" "$3/obj" &&
		SMEKVM_FIXED_PATHS=1 exec sh "$4" "$5"' - "$src" "$obj" "$fixed" "$0" "$variant"
fi
bsrc=$src bobj=$obj
if [ -n "${SMEKVM_FIXED_PATHS:-}" ]; then
	bsrc=$fixed/src bobj=$fixed/obj
fi

cross=${CROSS_COMPILE-aarch64-linux-gnu-}
cc="${cross}gcc"
if command -v ccache >/dev/null 2>&1; then
	export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
	cc="ccache $cc"
fi
kmake() {
	make -s -C "$bsrc" O="$bobj" ARCH=arm64 CROSS_COMPILE="$cross" CC="$cc" \
		-j"$(($(nproc) + 1))" "$@"
}

# Reconfigure only when a fragment or the source changed, so that a warm
# build is incremental.
want=$(cat "$0" $frags "$src/applied-patches" 2>/dev/null | sha256sum |
	cut -c1-16)
if [ "$(cat "$obj/.frag-hash" 2>/dev/null)" != "$want" ]; then
	log "configuring $variant kernel"
	kmake allnoconfig >/dev/null
	"$src/scripts/kconfig/merge_config.sh" -m -O "$obj" "$obj/.config" \
		$frags >/dev/null
	kmake olddefconfig >/dev/null
	# Every option asked for must have survived olddefconfig.
	for f in $frags; do
		grep '^CONFIG_' "$f" | while IFS= read -r opt; do
			grep -qx "$opt" "$obj/.config" ||
				die "$variant kernel: $opt was dropped by Kconfig"
		done
	done
	echo "$want" > "$obj/.frag-hash"
fi

log "building $variant kernel in $obj"
# uname -r names the variant and the number of patches applied. Given
# to make rather than to Kconfig, it changes only the files that print it.
lv=
if [ "$tree" != custom ]; then
	n=$(grep -c . "$src/applied-patches" 2>/dev/null) || n=0
	lv="-$variant-${n}p"
fi
kmake LOCALVERSION="$lv" Image > "$obj/build.log" 2>&1 || {
	tail -n 30 "$obj/build.log" >&2
	die "$variant kernel build failed (full log: $obj/build.log)"
}
cp "$obj/arch/arm64/boot/Image" "$dest/Image"
# Symbols for the vCPU snapshots of a lockup (scripts/lockup-snapshot.sh).
cp "$obj/System.map" "$dest/System.map"
cp "$obj/.config" "$dest/config"
case $tree in
patched) cp "$src/applied-patches" "$dest/applied-patches" ;;
base) : > "$dest/applied-patches" ;;
custom)
	if [ -f "$src/applied-patches" ]; then
		cp "$src/applied-patches" "$dest/applied-patches"
	else
		echo "(custom source tree: $src)" > "$dest/applied-patches"
	fi ;;
esac
if [ "$tree" = custom ]; then
	echo "custom $src $(git -C "$src" describe --always --dirty 2>/dev/null)" \
		> "$dest/source-version"
else
	echo "linux-source-7.2 $(dpkg-query -W -f '${Version}' linux-source-7.2)" \
		> "$dest/source-version"
fi
log "$variant kernel: $dest/Image ($(wc -l < "$dest/applied-patches") patches)"
