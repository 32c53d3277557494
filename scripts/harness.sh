#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# harness.sh - the commands of suite.sh, run where the tools are (inside
# the tool root, or on the host with SMEKVM_NO_ROOT=1). See suite.sh.
set -eu

. "$(dirname "$0")/common.sh"

cmd=$1
shift

# kernel_for VARIANT: path of the Image that configurations of VARIANT boot.
kernel_for() {
	if [ -n "${KERNEL:-}" ]; then
		echo "$KERNEL"
	elif [ -n "${KSRC:-}" ]; then
		echo "$OUT/kernel/custom/Image"
	else
		echo "$OUT/kernel/$1/Image"
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
		sh "$TOP/scripts/build-kernel.sh" "$v"
	done
}

# build_suite: the test programs, their install tree and the initramfs.
build_suite() {
	kdir=${KSRC:-$(sh "$TOP/scripts/kernel-src.sh" patched)}
	log "building the suite against $kdir"
	make -s -C "$TOP" KDIR="$kdir" O="$OUT/suite" -j"$(($(nproc) + 1))" \
		> "$OUT/suite-build.log" 2>&1 || {
		tail -n 30 "$OUT/suite-build.log" >&2
		die "suite build failed (full log: $OUT/suite-build.log)"
	}
	rm -rf "$OUT/install"
	make -s -C "$TOP" KDIR="$kdir" O="$OUT/suite" DESTDIR="$OUT/install" \
		install >> "$OUT/suite-build.log" 2>&1 ||
		die "suite install failed (full log: $OUT/suite-build.log)"
	sh "$TOP/scripts/mkinitramfs.sh" "$OUT/install" "$OUT/initramfs.cpio.gz"
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

# counts FILE: "passed failed skipped" from a runner's closing line.
counts() {
	sed -n 's/^\([0-9]*\) passed, \([0-9]*\) failed, \([0-9]*\) skipped$/\1 \2 \3/p' \
		"$1" 2>/dev/null | tail -n 1
}

# run_matrix RUNDIR RUNNER-ARGS CONFIG...: boot each configuration in turn,
# print KTAP with one case per configuration, and the closing line.
run_matrix() {
	rdir=$1 rargs=$2
	shift 2
	echo "KTAP version 1"
	echo "1..$#"
	n=0 tp=0 tf=0 ts=0 status=0
	for c in "$@"; do
		n=$((n + 1))
		v=$(config_field "$(config_line "$c")" 2)
		echo "# $c: kernel $(kernel_for "$v")"
		set +e
		sh "$TOP/scripts/qemu-run.sh" --kernel "$(kernel_for "$v")" \
			--out "$rdir/$c" --args "$rargs" "$c" 2>&1 | sed 's/^/    /'
		set -e
		pfs=$(counts "$rdir/$c/results.ktap")
		p=$(echo "$pfs" | awk '{ print $1 + 0 }')
		f=$(echo "$pfs" | awk '{ print $2 + 0 }')
		s=$(echo "$pfs" | awk '{ print $3 + 0 }')
		verdict=$(cat "$rdir/$c/verdict" 2>/dev/null || echo "fail: no verdict")
		if [ "$verdict" = pass ]; then
			echo "ok $n $c"
		else
			echo "not ok $n $c # ${verdict#fail: }"
			[ "$f" != 0 ] || f=1
			status=1
		fi
		echo "$c|$verdict|$p|$f|$s|$(cat "$rdir/$c/seconds" 2>/dev/null)" >> "$rdir/summary"
		tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + s))
	done
	print_summary "$rdir"
	echo "$tp passed, $tf failed, $ts skipped"
	return $status
}

print_summary() {
	echo "# configuration      verdict  passed failed skipped  seconds"
	while IFS='|' read -r c v p f s t; do
		printf '# %-18s %-8s %6s %6s %7s %8s\n' "$c" "${v%%:*}" "$p" "$f" "$s" "$t"
	done < "$1/summary"
	echo "# results: $1"
}

# print_table RUNDIR CONFIG: the per-test table of the main job.
print_table() {
	f=$1/$2/results
	[ -s "$f" ] || { echo "# no per-test results for $2 (see $1/$2)"; return; }
	echo "# $2: per-test results"
	printf '# %-32s %s\n' test result
	grep -v -e '^#' -e '/' "$f" | while read -r name res; do
		printf '# %-32s %s\n' "$name" "$res"
	done
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
	status=0
	run_matrix "$rdir" "" "$@" || status=$?
	for c in "$@"; do print_table "$rdir" "$c"; done
	exit $status
	;;
check|full)
	tier=ci
	[ "$cmd" = check ] || tier=full
	set -- $(config_names)
	# shellcheck disable=SC2046
	build_kernels $(variants_of "$@")
	build_suite
	sh "$TOP/scripts/selftest.sh"
	rdir=$(new_run_dir)
	run_matrix "$rdir" "--tier $tier" "$@"
	;;
expected)
	rdir=$OUT/runs/latest
	[ -d "$rdir" ] || die "no run to take results from ($rdir)"
	[ $# -gt 0 ] || set -- $(ls "$rdir" | grep -v summary)
	for c in "$@"; do
		[ -s "$rdir/$c/results" ] || die "$rdir/$c has no results"
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
selftest)
	exec sh "$TOP/scripts/selftest.sh" "$@"
	;;
esac
