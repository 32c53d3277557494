#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# mutate.sh - proof of detection: the suite catches each kept kernel
# mutation.
#
# Usage: mutate.sh [NAME...]    (default: every mutations/*.patch)
#
# Each mutations/NN-name.patch is a small change to the kernel that breaks
# one rule of the ABI. Its header says which, and which test cases must
# fail because of it, in lines this script reads:
#   Catch: <test>/<case>       (one or more lines; every one must fail)
#   Config: <configuration>    (optional; default max-vhe)
# The script applies hyp_patches/series to linux-source-7.2 in a worktree
# of its own (kept between runs, redone when the series changes), builds
# the suite and an initramfs once, then:
#   baseline  builds the series alone and runs every Catch case: they
#             must all pass, or a "caught" below would prove nothing;
#   each NAME resets the worktree to the series, applies the mutation with
#             git apply, rebuilds the kernel incrementally (one object
#             directory for every mutant, ccache shared with the other
#             builds), boots the configuration and runs only its Catch
#             cases: "caught" when every one of them fails and the
#             per-rule verdict of those results (scripts/rules.sh) breaks
#             every rule on its "Rule:" lines, and none of them fails
#             bare (without a line saying what differed), else "missed".
# Output: KTAP, one case per mutation ("ok N NAME # caught" or "not ok N
# NAME # missed: ..."), then "N caught, N missed". Exit status 0 only if
# the baseline passed and every mutation was caught. Results and logs in
# $O/mutate/ (default build/mutate). Runs inside the tool root like
# suite.sh; builds one kernel at a time.
#
# MUTATE_CATCH="CASE..." (make mutations MUTATE_CATCH=...) runs those
# cases against every mutation instead of its Catch: lines, and a
# mutation is caught when any of them fails (with the rules and the
# said-what-differed checks above): how much a general case, such as
# sme_fuzz's, catches on its own.
set -eu

. "$(dirname "$0")/common.sh"

run_in_root "$0" "$@"

mdir=$TOP/mutations
work=$OUT/mutate
mkdir -p "$work"

if [ $# = 0 ]; then
	for p in "$mdir"/*.patch; do
		[ -f "$p" ] || die "no mutations in $mdir"
		set -- "$@" "$(basename "$p" .patch)"
	done
fi
for m in "$@"; do
	[ -f "$mdir/$m.patch" ] || die "no such mutation: $mdir/$m.patch"
	grep -q '^Catch: ' "$mdir/$m.patch" || die "$m.patch has no Catch: line"
done

git_id() {
	git -c user.name="KVM SME suite" -c user.email="kvm-sme-suite@invalid" \
		-c advice.detachedHead=false "$@"
}

# The worktree with the series applied, at the commit in .series-commit.
base=$(sh "$TOP/scripts/kernel-src.sh" base)
tree=$(dirname "$base")/mutant
series=$TOP/hyp_patches/series
want=$(series_hash)
if [ ! -d "$tree" ]; then
	git -C "$base" worktree add -q --detach "$tree" HEAD ||
		die "cannot create the mutant worktree $tree"
fi
if [ "$(cat "$tree/.series-hash" 2>/dev/null)" != "$want" ]; then
	log "applying hyp_patches/series in $tree"
	(
		cd "$tree"
		git am --abort >/dev/null 2>&1 || true
		git_id checkout -q -f --detach "$(git -C "$base" rev-parse HEAD)"
		git reset -q --hard
		for p in $(grep -v -e '^#' -e '^$' "$series"); do
			git_id am -q --keep-cr "$TOP/hyp_patches/$p" >/dev/null 2>&1 || {
				git am --abort >/dev/null 2>&1 || true
				die "hyp_patches/$p does not apply"
			}
		done
		git rev-parse HEAD > .series-commit
		echo "$want" > .series-hash
	)
fi
series_commit=$(cat "$tree/.series-commit")

# The suite and its initramfs, built once against the series' headers.
git -C "$tree" reset -q --hard "$series_commit"
build_suite "$tree" "$work"

catches() {
	if [ -n "${MUTATE_CATCH:-}" ]; then
		echo "$MUTATE_CATCH" | tr ' ' '\n' | grep .
	else
		sed -n 's/^Catch: *\([^ ]*\).*/\1/p' "$mdir/$1.patch"
	fi
}
config_of() {
	c=$(sed -n 's/^Config: *\([^ ]*\).*/\1/p' "$mdir/$1.patch" | head -n 1)
	echo "${c:-max-vhe}"
}

# build_run NAME CONFIG CASES...: build the worktree as it is, boot CONFIG
# and run CASES; results in $work/runs/NAME. Fails when the kernel does
# not build.
build_run() {
	name=$1 cfg=$2
	shift 2
	log "$name: building the kernel"
	KSRC=$tree SMEKVM_OBJ=$CACHE/obj/mutant O=$work \
		sh "$TOP/scripts/build-kernel.sh" custom \
		> "$work/$name.build.log" 2>&1 || return 1
	log "$name: running $* on $cfg"
	rm -rf "$work/runs/$name"
	sh "$TOP/scripts/qemu-run.sh" --kernel "$work/kernel/custom/Image" \
		--initrd "$work/initramfs.cpio.gz" --out "$work/runs/$name" \
		--args "--no-expected $*" --quiet "$cfg" \
		> "$work/$name.run.log" 2>&1 || true
}

# result NAME CASE: pass, fail, skip or "none" from the run of NAME.
result() {
	r=$(awk -v c="$2" '$1 == c { print $2 }' "$work/runs/$1/results" 2>/dev/null)
	echo "${r:-none}"
}

echo "KTAP version 1"
echo "1..$(($# + 1))"
status=0 n=1 caught=0 missed=0

# Baseline: every Catch case passes on the series alone, per configuration.
bad=
cfgs=$(for m in "$@"; do config_of "$m"; done | sort -u)
for cfg in $cfgs; do
	cases=$(for m in "$@"; do
		[ "$(config_of "$m")" = "$cfg" ] && catches "$m"
	done | sort -u | tr '\n' ' ')
	git -C "$tree" reset -q --hard "$series_commit"
	if ! build_run "baseline-$cfg" "$cfg" $cases; then
		bad="$bad kernel build failed ($work/baseline-$cfg.build.log)"
		continue
	fi
	for c in $cases; do
		r=$(result "baseline-$cfg" "$c")
		[ "$r" = pass ] || bad="$bad $c:$r"
	done
done
if [ -z "$bad" ]; then
	echo "ok 1 baseline"
else
	echo "# baseline: not passing on the series alone:$bad"
	echo "not ok 1 baseline"
	status=1
fi

for m in "$@"; do
	n=$((n + 1))
	cfg=$(config_of "$m")
	git -C "$tree" reset -q --hard "$series_commit"
	if ! git -C "$tree" apply "$mdir/$m.patch" 2> "$work/$m.apply.log"; then
		echo "# $m: does not apply to the series: $(head -n 1 "$work/$m.apply.log")"
		echo "not ok $n $m # missed: does not apply"
		missed=$((missed + 1)) status=1
		continue
	fi
	if ! build_run "$m" "$cfg" $(catches "$m"); then
		echo "# $m: kernel build failed ($work/$m.build.log)"
		echo "not ok $n $m # missed: does not build"
		missed=$((missed + 1)) status=1
		continue
	fi
	why= failed=0
	for c in $(catches "$m"); do
		r=$(result "$m" "$c")
		echo "# $m: $c $r"
		[ "$r" = fail ] && failed=$((failed + 1))
		[ "$r" = fail ] || why="$why $c:$r"
	done
	# With MUTATE_CATCH one failing case is enough.
	[ -z "${MUTATE_CATCH:-}" ] || [ "$failed" = 0 ] || why=
	# Caught by the rule it names: the per-rule verdict of its results
	# breaks every rule on its Rule: lines.
	if [ -z "$why" ] && ! sh "$TOP/scripts/rules.sh" mutation \
		"$mdir/$m.patch" "$work/runs/$m/results" > "$work/$m.rules"; then
		why=" $(cat "$work/$m.rules")"
	fi
	# And every failing case said what differed.
	bare=$(grep -a -c '# bare failure: ' "$work/runs/$m/results.ktap" 2>/dev/null) || true
	[ "${bare:-0}" = 0 ] || why="$why $bare bare failure(s)"
	if [ -z "$why" ]; then
		echo "ok $n $m # caught"
		caught=$((caught + 1))
	else
		echo "not ok $n $m # missed:$why"
		missed=$((missed + 1)) status=1
	fi
done
git -C "$tree" reset -q --hard "$series_commit"

echo "# results: $work/runs"
echo "$caught caught, $missed missed"
exit $status
