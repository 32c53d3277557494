#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# kernel-src.sh - unpack Debian's linux-source-7.2 and apply hyp_patches/.
#
# Usage: kernel-src.sh base|patched
#
# Prints the path of the requested source tree. "base" is the pristine
# Debian source as a git repository with one commit; "patched" is a git
# worktree of it with hyp_patches/series applied by "git am". The patched
# tree is rebuilt only when the series changes, so that a warm kernel build
# recompiles only what the series touches. Run inside the tool root.
set -eu

. "$(dirname "$0")/common.sh"

what=${1:?usage: kernel-src.sh base|patched}
tarball=/usr/src/linux-source-7.2.tar.xz
[ -f "$tarball" ] || die "$tarball missing: is linux-source-7.2 installed?"
ver=$(dpkg-query -W -f '${Version}' linux-source-7.2)
src=$CACHE/src/$ver
base=$src/base

git_id() {
	git -c user.name="KVM SME suite" -c user.email="kvm-sme-suite@invalid" \
		-c advice.detachedHead=false "$@"
}

if [ ! -f "$src/.base-ready" ]; then
	log "unpacking linux-source-7.2 $ver"
	rm -rf "$src"
	mkdir -p "$base"
	tar -xJf "$tarball" -C "$base" --strip-components=1
	(cd "$base" && git init -q && git add -A -f &&
	 git_id commit -q -m "Debian linux-source-7.2 $ver") ||
		die "cannot make a git repository of the source"
	touch "$src/.base-ready"
fi
[ "$what" = base ] && { echo "$base"; exit 0; }
[ "$what" = patched ] || die "unknown tree '$what' (base or patched)"

series=$TOP/hyp_patches/series
want=$(cd "$TOP/hyp_patches" && cat series $(grep -v -e '^#' -e '^$' series) 2>/dev/null |
	sha256sum | cut -c1-16)
tree=$src/patched
if [ "$(cat "$tree/.series-hash" 2>/dev/null)" != "$want" ]; then
	if [ ! -d "$tree" ]; then
		(cd "$base" && git worktree add -q --detach "$tree" HEAD) ||
			die "cannot create the patched worktree"
	fi
	cd "$tree"
	git am --abort >/dev/null 2>&1 || true
	git_id checkout -q --detach "$(git -C "$base" rev-parse HEAD)"
	git reset -q --hard
	rm -f .series-hash applied-patches
	n=0
	if [ -f "$series" ]; then
		for p in $(grep -v -e '^#' -e '^$' "$series"); do
			git_id am -q --keep-cr "$TOP/hyp_patches/$p" >/dev/null 2>&1 || {
				git am --abort >/dev/null 2>&1 || true
				die "hyp_patches/$p does not apply to linux-source-7.2 $ver (git am failed)"
			}
			echo "$p" >> applied-patches
			n=$((n + 1))
		done
	fi
	touch applied-patches
	echo "$want" > .series-hash
	log "patched tree: $n patches applied to $ver"
fi
echo "$tree"
