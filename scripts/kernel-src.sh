#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# kernel-src.sh - unpack Debian's linux-source-7.2 and apply hyp_patches/.
#
# Usage: kernel-src.sh base|patched|series DIR-OR-MBOX
#
# Prints the path of the requested source tree. "base" is the pristine
# Debian source as a git repository with one commit; "patched" is a git
# worktree of it with hyp_patches/series applied by "git am"; "series"
# one with another series (make run SERIES=...): a directory of patches
# (in the order of its "series" file, else of their names; cover letters
# and other files without a diff are left out) or an mbox. A patch that
# "git am" refuses is applied with "patch -p1" and a small fuzz (the
# one-commit base has no blobs for "git am --3way"), and the patches that
# needed it are named; one that does not apply either stops with a
# one-line error naming it. A tree is rebuilt only when its series
# changes, so that a warm kernel build recompiles only what the series
# touches. Run inside the tool root.
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
[ "$what" = patched ] || [ "$what" = series ] ||
	die "unknown tree '$what' (base, patched or series)"

# reset_tree TREE: TREE, a worktree of the base, back at the base commit.
reset_tree() {
	if [ ! -d "$1" ]; then
		(cd "$base" && git worktree add -q --detach "$1" HEAD) ||
			die "cannot create the worktree $1"
	fi
	cd "$1"
	git_id am --abort >/dev/null 2>&1 || true
	git_id checkout -q --detach "$(git -C "$base" rev-parse HEAD)"
	git reset -q --hard
	git clean -q -f -d
	rm -f .series-hash applied-patches fuzzed-patches
}

# apply_fuzzy FILE: git am FILE (one patch or an mbox of several) in the
# current tree; what git am refuses, patch -p1 with fuzz. Writes the
# subject of every patch applied to applied-patches.
apply_fuzzy() {
	before=$(git rev-parse HEAD)
	if ! git_id am -q --keep-cr --empty=drop "$1" >/dev/null 2>&1; then
		while [ -d "$(git rev-parse --git-path rebase-apply)" ]; do
			git_id am --show-current-patch=raw > "$tmpd/cur" 2>/dev/null ||
				break
			subj=$(awk '/^Subject:/ { s = $0; while ((getline l) > 0 && l ~ /^[ \t]/) s = s l; print s; exit }' "$tmpd/cur" |
				sed 's/^Subject: *\(\[[^]]*\] *\)\{0,1\}//; s/[[:space:]]\{1,\}/ /g')
			if ! patch -p1 -s --batch --forward --fuzz=2 --no-backup-if-mismatch \
				< "$tmpd/cur" > "$tmpd/patch.log" 2>&1; then
				git_id am --abort >/dev/null 2>&1 || true
				die "$(basename "$1"): patch \"$subj\" does not apply to linux-source-7.2 $ver (git am and patch -p1 --fuzz=2 both refuse it)"
			fi
			log "needed fuzz (patch -p1): $subj"
			echo "$subj" >> "$tmpd/fuzzed"
			git add -A
			git_id am -q --continue >/dev/null 2>&1 ||
				[ ! -d "$(git rev-parse --git-path rebase-apply)" ] ||
				continue
		done
	fi
	git log --reverse --format=%s "$before..HEAD" >> applied-patches
}

if [ "$what" = series ]; then
	in=${2:?usage: kernel-src.sh series DIR-OR-MBOX}
	[ -e "$in" ] || die "SERIES=$in: no such directory or mbox"
	in=$(cd "$(dirname "$in")" && pwd)/$(basename "$in")
	tmpd=$(mktemp -d "${TMPDIR:-/tmp}/series.XXXXXX")
	# The patches, in order.
	if [ -d "$in" ]; then
		if [ -f "$in/series" ]; then
			grep -v -e '^#' -e '^$' "$in/series" | sed "s|^|$in/|"
		else
			find "$in" -maxdepth 1 -type f ! -name series | LC_ALL=C sort
		fi
	else
		echo "$in"
	fi > "$tmpd/files"
	while read -r f; do
		[ -f "$f" ] || die "SERIES: $f is listed but missing"
		! grep -q '^diff --git ' "$f" || echo "$f"
	done < "$tmpd/files" > "$tmpd/list"
	[ -s "$tmpd/list" ] || die "SERIES=$in holds no patch (no file with a diff)"
	want=$(xargs cat < "$tmpd/list" | sha256sum | cut -c1-16)
	tree=$src/series
	if [ "$(cat "$tree/.series-hash" 2>/dev/null)" != "$want" ]; then
		reset_tree "$tree"
		while read -r f; do
			apply_fuzzy "$f"
		done < "$tmpd/list"
		[ ! -f "$tmpd/fuzzed" ] || cp "$tmpd/fuzzed" fuzzed-patches
		echo "$want" > .series-hash
		log "series tree: $(grep -c . applied-patches) patches of $in applied to $ver"
	fi
	[ ! -s "$tree/fuzzed-patches" ] ||
		log "applied with fuzz: $(tr '\n' ';' < "$tree/fuzzed-patches")"
	rm -rf "$tmpd"
	echo "$tree"
	exit 0
fi

series=$TOP/hyp_patches/series
want=$(cd "$TOP/hyp_patches" && cat series $(grep -v -e '^#' -e '^$' series) 2>/dev/null |
	sha256sum | cut -c1-16)
tree=$src/patched
if [ "$(cat "$tree/.series-hash" 2>/dev/null)" != "$want" ]; then
	reset_tree "$tree"
	n=0
	if [ -f "$series" ]; then
		for p in $(grep -v -e '^#' -e '^$' "$series"); do
			git_id am -q --keep-cr "$TOP/hyp_patches/$p" >/dev/null 2>&1 || {
				git_id am --abort >/dev/null 2>&1 || true
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
