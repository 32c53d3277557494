#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# build-proposal.sh - build the "proposal" kernel variant: hyp_patches/series
# plus hyp_patches/optional/proposal-reg-order.patch, which lists SVCR among
# the system registers in KVM_GET_REG_LIST as the upstream proposal does.
#
# Usage: build-proposal.sh     (or "make kernel-proposal"; O=dir for the output)
#
# The tree is a git worktree of the kernel source repository at the commit
# of the patched tree (the series applied), with the optional patch applied
# on top by "git am"; it is recreated only when the series or the patch
# change. The kernel is built by build-kernel.sh as a custom tree with its
# own object directory ($CACHE/obj/<version>-proposal), so it never touches
# the "ours" build, and shares ccache objects with it. Output in
# $OUT/kernel/proposal/ (Image, config, applied-patches, source-version).
#
# Run the suite against it with, for example:
#   make run KERNEL=build/kernel/proposal/Image RUNNER_ARGS="--no-expected sme_migrate"
set -eu

. "$(dirname "$0")/common.sh"

run_in_root "$0" "$@"

patch=$TOP/hyp_patches/optional/proposal-reg-order.patch
[ -f "$patch" ] || die "$patch missing"

patched=$(sh "$TOP/scripts/kernel-src.sh" patched)
ver=$(basename "$(dirname "$patched")")
tree=$CACHE/src/$ver/proposal
head=$(git -C "$patched" rev-parse HEAD)
want=$( (echo "$head"; cat "$patch") | sha256sum | cut -c1-16)

git_id() {
	git -c user.name="KVM SME suite" -c user.email="kvm-sme-suite@invalid" \
		-c advice.detachedHead=false "$@"
}

if [ "$(cat "$tree/.proposal-hash" 2>/dev/null)" != "$want" ]; then
	if [ ! -d "$tree" ]; then
		git -C "$patched" worktree add -q --detach "$tree" "$head" ||
			die "cannot create the proposal worktree"
	fi
	cd "$tree"
	git am --abort >/dev/null 2>&1 || true
	git_id checkout -q --detach "$head"
	git reset -q --hard
	rm -f .proposal-hash
	git_id am -q --keep-cr "$patch" >/dev/null 2>&1 || {
		git am --abort >/dev/null 2>&1 || true
		die "$(basename "$patch") does not apply on top of hyp_patches/series"
	}
	{ cat "$patched/applied-patches"; echo "optional/$(basename "$patch")"; } \
		> applied-patches
	echo "$want" > .proposal-hash
	log "proposal tree: hyp_patches/series + $(basename "$patch")"
fi

# build-kernel.sh writes a custom tree's result to $O/kernel/custom: give
# it a directory of its own and move the result to kernel/proposal.
stage=$OUT/kernel-proposal-stage
KSRC=$tree SMEKVM_OBJ=$CACHE/obj/$ver-proposal O=$stage \
	sh "$TOP/scripts/build-kernel.sh" custom
dest=$OUT/kernel/proposal
mkdir -p "$dest"
cp "$stage/kernel/custom/Image" "$stage/kernel/custom/config" "$dest/"
cp "$tree/applied-patches" "$dest/applied-patches"
echo "linux-source-7.2 $ver + hyp_patches + optional/$(basename "$patch")" \
	> "$dest/source-version"
rm -rf "$stage"
log "proposal kernel: $dest/Image"
