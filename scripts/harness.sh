#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# harness.sh - the commands of suite.sh, run where the tools are (inside
# the tool root, or on the host with SMEKVM_NO_ROOT=1). See suite.sh.
# The suite build itself (build_suite) is in common.sh, shared with
# mutate.sh.
set -eu

. "$(dirname "$0")/common.sh"

cmd=$1
shift

# SERIES: its tree is the custom kernel source (use_series).
if [ -n "${SERIES:-}" ] && [ "$cmd" != expected ]; then
	use_series "$SERIES"
fi
# Another kernel or profile is judged by the per-rule verdict alone.
by_rules=
if [ -n "${KERNEL:-}${KSRC:-}" ] || [ "${PROFILE:-ours}" != ours ]; then
	by_rules=--by-rules
fi

# The full tier boots the debug build of our kernel where CI boots "ours".
full_variant() {
	if [ "${SMEKVM_TIER:-ci}" = full ] && [ "$1" = ours ]; then
		echo debug
	else
		echo "$1"
	fi
}

# kernel_for VARIANT: path of the Image that configurations of VARIANT boot.
kernel_for() {
	if [ -n "${KERNEL:-}" ]; then
		echo "$KERNEL"
	elif [ -n "${KSRC:-}" ]; then
		echo "$OUT/kernel/custom/Image"
	else
		echo "$OUT/kernel/$(full_variant "$1")/Image"
	fi
}

# build_kernels VARIANT...: build what KERNEL or KSRC do not provide.
build_kernels() {
	[ -z "${KERNEL:-}" ] || return 0
	if [ -n "${KSRC:-}" ]; then
		sh "$TOP/scripts/build-kernel.sh" custom
		return
	fi
	for v in "$@"; do
		sh "$TOP/scripts/build-kernel.sh" "$(full_variant "$v")"
	done
}

# variants_of CONFIG...: the kernel variants these configurations boot.
variants_of() {
	for c in "$@"; do
		config_field "$(config_line "$c")" 2
	done | sort -u
}

# new_run_dir: a fresh directory for this run's results; "latest" points
# at it.
new_run_dir() {
	d=$OUT/runs/$(date +%Y%m%d-%H%M%S)
	mkdir -p "$d"
	ln -sfn "$(basename "$d")" "$OUT/runs/latest"
	echo "$d"
}

# runner_args TIER-ARGS: what every configuration's runner gets.
runner_args() {
	echo "$1${PROFILE:+ --profile $PROFILE} $by_rules ${RUNNER_ARGS:-}"
}

# resume_run_dir CONFIG...: the run directory of a full tier, which takes
# hours on the debug kernel, longer than a session, and must never run
# beside CI: it is named by what decides its results (the installed suite,
# the Images the configurations boot, the matrix, the runner's
# arguments), so that "make full" again, after an interruption, keeps every
# configuration that ended and boots only the others. FRESH=1 starts over.
resume_run_dir() {
	key=$( (runner_args "--tier full"; cat "$TOP/configs/matrix.conf"
		find "$OUT/install" -type f | LC_ALL=C sort | xargs sha256sum
		for c in "$@"; do
			sha256sum < "$(kernel_for "$(variants_of "$c")")"
		done) | sha256sum | cut -c1-16)
	d=$OUT/runs/full-$key
	[ "${FRESH:-0}" = 0 ] || rm -rf "$d"
	mkdir -p "$d"
	rm -f "$d/summary"
	ln -sfn "$(basename "$d")" "$OUT/runs/latest"
	echo "$d"
}

# counts FILE: "passed failed skipped" from a runner's closing line.
counts() {
	sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' \
		"$1" 2>/dev/null | tail -n 1
}

# add_counts FILE: add the closing line of FILE to the totals.
add_counts() {
	pfs=$(counts "$1")
	p=$(echo "$pfs" | awk '{ print $1 + 0 }')
	f=$(echo "$pfs" | awk '{ print $2 + 0 }')
	s=$(echo "$pfs" | awk '{ print $3 + 0 }')
}

# tool_item NAME KTAP STATUS: item n of the matrix, a tool's own run
# (harness_selftest, lava_check): its KTAP nested, its result, its line
# of the summary, its counts added to the totals.
tool_item() {
	sed 's/^/    /' "$2"
	add_counts "$2"
	if [ "$3" = 0 ]; then
		echo "ok $n $1"
	else
		echo "not ok $n $1"
		[ "$f" != 0 ] || f=1
		status=1
	fi
	echo "$1|$([ "$3" = 0 ] && echo pass || echo fail)|$p|$f|$s|" >> "$rdir/summary"
	tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + s))
}

# kept ITEM FILE: whether a resumed full tier (resume=yes) already has
# ITEM, ended, from an earlier run: FILE, written when ITEM ended, exists.
kept() {
	[ "${resume:-}" = yes ] && [ -f "$2" ] || return 1
	echo "# $1: kept from an earlier run of the same suite and kernels (FRESH=1 runs it again)"
}

# run_matrix RUNDIR RUNNER-ARGS SELFTEST CONFIG...: the self-tests (when
# SELFTEST is "yes"), then each configuration in turn, then, when
# lava_cfg names one of them, that configuration again as a LAVA job
# (scripts/lava-check.sh, doc/lava.md), and when ksft_cfg does, that one
# again under the kernel's run_kselftest.sh, which takes no runner
# arguments (scripts/kselftest-check.sh, make kselftest-check only);
# KTAP with one case each, a
# summary table and the closing line, which counts test programs.
# Each configuration's KTAP also becomes its junit.xml (scripts/junit.sh),
# and the run one page, RUNDIR/index.html (scripts/results-page.sh),
# which a browser checks when page_check is "yes" (the full tier:
# scripts/results-check.sh, one more item, which the page, made
# before it, does not list).
run_matrix() {
	rdir=$1 selftest=$3
	rargs=$(runner_args "$2")
	shift 3
	n=0 tp=0 tf=0 ts=0 status=0
	echo "KTAP version 1"
	items=$#
	[ "$selftest" != yes ] || items=$((items + 1))
	[ -z "${lava_cfg:-}" ] || items=$((items + 1))
	[ -z "${ksft_cfg:-}" ] || items=$((items + 1))
	[ "${page_check:-}" != yes ] || items=$((items + 1))
	echo "1..$items"
	if [ "$selftest" = yes ]; then
		n=1
		if ! kept harness_selftest "$rdir/selftest.status"; then
			set +e
			SMEKVM_SELFTEST_KERNEL=$(kernel_for ours) \
				sh "$TOP/scripts/selftest.sh" > "$rdir/selftest.ktap" 2>&1
			echo $? > "$rdir/selftest.status"
			set -e
		fi
		tool_item harness_selftest "$rdir/selftest.ktap" "$(cat "$rdir/selftest.status")"
	fi
	for c in "$@"; do
		n=$((n + 1))
		v=$(config_field "$(config_line "$c")" 2)
		kimg=$(kernel_for "$v")
		echo "# $c: kernel $kimg"
		kinfo=$(dirname "$kimg")
		if [ -f "$kinfo/source-version" ]; then
			echo "# $c: source $(cat "$kinfo/source-version"), $(grep -c . "$kinfo/applied-patches") patches applied"
			sed "s/^/# $c:   /" "$kinfo/applied-patches"
		fi
		if kept "$c" "$rdir/$c.out"; then
			cat "$rdir/$c.out"
		else
			# Its output is kept once the configuration has ended,
			# for a resumed full tier.
			rm -f "$rdir/$c/verdict"
			set +e
			sh "$TOP/scripts/qemu-run.sh" --kernel "$kimg" \
				--out "$rdir/$c" --args "$rargs" "$c" 2>&1 |
				sed 's/^/    /' | tee "$rdir/$c.part"
			set -e
			[ ! -f "$rdir/$c/verdict" ] || mv "$rdir/$c.part" "$rdir/$c.out"
		fi
		# Its JUnit XML, for CI dashboards (junit.sh says why one a
		# configuration).
		sh "$TOP/scripts/junit.sh" "$rdir/$c" || true
		add_counts "$rdir/$c/results.ktap"
		verdict=$(cat "$rdir/$c/verdict" 2>/dev/null || echo "fail: no verdict")
		if [ "$verdict" = pass ]; then
			echo "ok $n $c"
		else
			echo "# $c: $verdict"
			echo "not ok $n $c"
			[ "$f" != 0 ] || f=1
			status=1
		fi
		echo "$c|$verdict|$p|$f|$s|$(cat "$rdir/$c/seconds" 2>/dev/null)" >> "$rdir/summary"
		tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + s))
	done
	if [ -n "${lava_cfg:-}" ]; then
		n=$((n + 1))
		if ! kept lava_check "$rdir/lava-check.status"; then
			set +e
			sh "$TOP/scripts/lava-check.sh" \
				--kernel "$(kernel_for "$(variants_of "$lava_cfg")")" \
				--initrd "$OUT/initramfs.cpio.gz" --args "$rargs" \
				--results "$rdir/$lava_cfg" "$lava_cfg" > "$rdir/lava-check.ktap" 2>&1
			echo $? > "$rdir/lava-check.status"
			set -e
		fi
		tool_item lava_check "$rdir/lava-check.ktap" "$(cat "$rdir/lava-check.status")"
	fi
	if [ -n "${ksft_cfg:-}" ]; then
		n=$((n + 1))
		if ! kept kselftest_check "$rdir/kselftest-check.status"; then
			set +e
			sh "$TOP/scripts/kselftest-check.sh" \
				--kernel "$(kernel_for "$(variants_of "$ksft_cfg")")" \
				--initrd "$OUT/initramfs.cpio.gz" \
				--results "$rdir/$ksft_cfg" "$ksft_cfg" > "$rdir/kselftest-check.ktap" 2>&1
			echo $? > "$rdir/kselftest-check.status"
			set -e
		fi
		tool_item kselftest_check "$rdir/kselftest-check.ktap" "$(cat "$rdir/kselftest-check.status")"
	fi
	# The per-rule verdict of the matrix, into $rdir/rules, which the
	# page shows; printed after the summary table.
	rverdict=$(sh "$TOP/scripts/rules.sh" matrix "$rdir" "$@") || true
	sh "$TOP/scripts/results-page.sh" "$rdir" ||
		echo "# no results page (scripts/results-page.sh failed)"
	if [ "${page_check:-}" = yes ]; then
		n=$((n + 1))
		set +e
		sh "$TOP/scripts/results-check.sh" "$rdir" > "$rdir/results-check.ktap" 2>&1
		st=$?
		set -e
		tool_item results_check "$rdir/results-check.ktap" "$st"
	fi
	if [ "${table:-}" = yes ]; then
		for c in "$@"; do print_table "$rdir" "$c"; done
	fi
	print_summary "$rdir"
	[ -z "$rverdict" ] || echo "$rverdict"
	echo "# results page: $rdir/index.html"
	echo "# $(elapsed) s since the start (dependencies, kernels, suite, runs)"
	echo "# Totals: pass:$tp fail:$tf xfail:0 xpass:0 skip:$ts error:0"
	echo "$tp passed, $tf failed, $ts skipped"
	return $status
}

print_summary() {
	echo "# configuration      verdict  passed failed skipped  seconds"
	while IFS='|' read -r c v p f s t; do
		printf '# %-18s %-8s %6s %6s %7s %8s\n' "$c" "${v%%:*}" "$p" "$f" "$s" "$t"
	done < "$1/summary"
	while IFS='|' read -r c v p f s t; do
		[ "$v" = pass ] || print_failure "$1" "$c" "$v"
	done < "$1/summary"
	echo "# results: $1"
}

# print_failure RUNDIR CONFIG VERDICT: why CONFIG failed, in a few lines
# at the end of the output, where a reader of a long log looks first: the
# verdict, then the differences from expected/ that fail a run, or the
# failed tests when there is no expected file.
print_failure() {
	k=$1/$2/results.ktap
	case $2 in
	harness_selftest) k=$1/selftest.ktap ;;
	lava_check) k=$1/lava-check.ktap ;;
	results_check) k=$1/results-check.ktap ;;
	esac
	echo "# $2: $3"
	[ -f "$k" ] || return 0
	{
		grep -a -E '^# (regression|newly failed): ' "$k" || true
		grep -a -E '^# new: .*\(fail\)$' "$k" || true
		grep -a -E '^# missing: ' "$k" || true
	} > "$1/$2.why"
	[ -s "$1/$2.why" ] || grep -a '^not ok ' "$k" > "$1/$2.why" || true
	head -n 10 "$1/$2.why" | sed "s/^# //; s/^/# $2:   /"
	n=$(wc -l < "$1/$2.why")
	[ "$n" -le 10 ] || echo "# $2:   ... $((n - 10)) more (see $k)"
	rm -f "$1/$2.why"
}

# print_table RUNDIR CONFIG: the per-test table of the main job.
print_table() {
	f=$1/$2/results
	[ -s "$f" ] || { echo "# no per-test results for $2 (see $1/$2)"; return; }
	echo "# $2: per-test results"
	printf '# %-24s %-6s %6s %s\n' test result cases seconds
	grep -v -e '^#' -e '/' "$f" | while read -r name res; do
		nc=$(grep -c "^$name/" "$f") || nc=0
		secs=$(sed -n "s/^# $name: time \([0-9]*\) s$/\1/p" \
			"$1/$2/results.ktap" | tail -n 1)
		printf '# %-24s %-6s %6s %s\n' "$name" "$res" "$nc" "${secs:-?}"
	done
}

# elapsed: seconds since suite.sh started.
elapsed() {
	echo $(($(date +%s) - ${SMEKVM_T0:-$(date +%s)}))
}

case $cmd in
build)
	build_kernels ours unpatched
	build_suite
	;;
run)
	[ $# -gt 0 ] || set -- max-vhe
	# shellcheck disable=SC2046
	build_kernels $(variants_of "$@")
	build_suite
	rdir=$(new_run_dir)
	table=yes
	run_matrix "$rdir" "" no "$@"
	;;
check|full)
	SMEKVM_TIER=ci
	[ "$cmd" = check ] || SMEKVM_TIER=full
	export SMEKVM_TIER
	# The full tier may be given a part of its configurations (a lab
	# that splits it over machines, or one part a sitting).
	if [ "$cmd" = check ] || [ $# = 0 ]; then
		# shellcheck disable=SC2046 # configuration names are words
		set -- $(tier_configs "$SMEKVM_TIER")
	fi
	# shellcheck disable=SC2046
	build_kernels $(variants_of "$@")
	log "kernels ready after $(elapsed) s"
	build_suite
	log "suite ready after $(elapsed) s"
	if [ "$cmd" = check ]; then
		rdir=$(new_run_dir)
	else
		# The full tier resumes where it stopped (resume_run_dir),
		# runs max-vhe as a LAVA job too (doc/lava.md), and opens the
		# results page in a browser.
		rdir=$(resume_run_dir "$@")
		resume=yes page_check=yes
		case " $* " in *" max-vhe "*) lava_cfg=max-vhe ;; esac
	fi
	run_matrix "$rdir" "--tier $SMEKVM_TIER" yes "$@"
	;;
kselftest-check | lava-check)
	# One configuration (default max-vhe) under the harness, then again
	# under the kernel's run_kselftest.sh (the same verdict for every
	# test) or as a LAVA job (LAVA must record the harness's results).
	[ $# -gt 0 ] || set -- max-vhe
	[ $# = 1 ] || die "$cmd takes one configuration"
	# shellcheck disable=SC2046
	build_kernels $(variants_of "$1")
	build_suite
	rdir=$(new_run_dir)
	if [ "$cmd" = lava-check ]; then
		lava_cfg=$1
	else
		ksft_cfg=$1
	fi
	run_matrix "$rdir" "" no "$1"
	;;
expected)
	rdir=$OUT/runs/latest
	[ -d "$rdir" ] || die "no run to take results from ($rdir)"
	if [ $# = 0 ]; then
		for d in "$rdir"/*/; do set -- "$@" "$(basename "$d")"; done
	fi
	for c in "$@"; do
		[ -s "$rdir/$c/results" ] || die "$rdir/$c has no results"
		! grep -q "^# smekvm results: .*, profile [a-z0-9_]*$" "$rdir/$c/results" ||
			grep -q "^# smekvm results: .*, profile ours$" "$rdir/$c/results" ||
			die "$rdir/$c was run with another profile than ours: expected/ holds the verdict of ours"
		mkdir -p "$TOP/expected"
		{
			echo "# Expected results of configuration $c, one case a line."
			echo "# Regenerate: make expected CONFIGS=$c (after a run)."
			grep -v '^#' "$rdir/$c/results"
		} > "$TOP/expected/$c"
		log "expected/$c updated from $rdir/$c"
	done
	;;
bench)
	exec sh "$TOP/scripts/bench.sh" "$@"
	;;
results-check)
	# The results page and JUnit XML of a run, in a browser.
	exec sh "$TOP/scripts/results-check.sh" "$@"
	;;
selftest)
	# The self-tests boot the installed runner: build what changed first.
	build_kernels ours
	build_suite
	exec sh "$TOP/scripts/selftest.sh" "$@"
	;;
esac
