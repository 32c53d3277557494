#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# kselftest-check.sh - run one configuration with the kernel's own
# kselftest runner and check that it gives every test the verdict the
# harness's run gave it.
#
# Usage: kselftest-check.sh --kernel IMAGE --initrd FILE --results RUNDIR
#                           [--out DIR] CONFIG
#
# RUNDIR is the harness's run of CONFIG (scripts/qemu-run.sh) with the same
# kernel and initramfs. The guest then boots again and its init runs the
# install's run_kselftest.sh (qemu-run.sh --kselftest), the way a
# kselftest user runs the suite (README: kselftest): each test of
# tests.list is a collection smekvm/<test>, whose entry runs it alone
# through run_tests.sh --no-expected (bin/kselftest-entry), so its
# kselftest result is ok, not ok or SKIP as its pass, fail or skip in
# RUNDIR/results. DIR (default RUNDIR/../kselftest-CONFIG) is
# qemu-run.sh's run directory: results.ktap holds run_kselftest.sh's
# output. Prints KTAP, two cases:
#   kselftest_ran       run_kselftest.sh reported every test of
#                       RUNDIR/results
#   kselftest_verdicts  each of those tests has the harness's verdict
set -eu

. "$(dirname "$0")/common.sh"

kernel='' initrd='' rdir='' dir=''
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=${2:?}; shift ;;
	--initrd) initrd=${2:?}; shift ;;
	--results) rdir=${2:?}; shift ;;
	--out) dir=${2:?}; shift ;;
	-*) die "unknown option $1" ;;
	*) break ;;
	esac
	shift
done
cfg=${1:?usage: kselftest-check.sh --kernel IMAGE --initrd FILE --results RUNDIR [--out DIR] CONFIG}
[ -f "$rdir/results" ] || die "no harness results in $rdir"
dir=${dir:-$(dirname "$rdir")/kselftest-$cfg}

echo "KTAP version 1"
echo "1..2"
echo "# $cfg: run_kselftest.sh of the install, in $dir"
sh "$TOP/scripts/qemu-run.sh" --kernel "$kernel" --initrd "$initrd" \
	--out "$dir" --quiet --kselftest "$cfg" > "$dir.log" 2>&1 || true
# The boot's verdict in qemu-run.sh's words, where "run_tests.sh" stands
# for the guest's runner, here run_kselftest.sh: exit 1 when a test failed.
echo "# $cfg: the boot under run_kselftest.sh: $(cat "$dir/verdict" 2>/dev/null || echo "no verdict")"

# "test result" per test: the harness's, and kselftest's (its top-level
# result lines, "[not ]ok N selftests: smekvm/<test>: <test>[ # SKIP]").
awk '!/^#/ && NF == 2 && $1 !~ /\// { print $1, $2 }' "$rdir/results" |
	LC_ALL=C sort > "$dir/harness"
awk '/^(not )?ok [0-9]+ selftests: smekvm\/[^:]*: / {
	t = $0
	sub(/^(not )?ok [0-9]+ selftests: smekvm\//, "", t)
	sub(/:.*/, "", t)
	r = /^not ok/ ? "fail" : / # SKIP/ ? "skip" : "pass"
	print t, r
}' "$dir/results.ktap" | LC_ALL=C sort > "$dir/kselftest"

missing=$(cut -d' ' -f1 "$dir/harness" | LC_ALL=C join -v 1 - "$dir/kselftest")
if [ -z "$missing" ]; then
	echo "ok 1 kselftest_ran"
else
	echo "$missing" | sed 's/^/# not reported by run_kselftest.sh: /'
	echo "not ok 1 kselftest_ran"
fi
differ=$(LC_ALL=C join "$dir/harness" "$dir/kselftest" | awk '$2 != $3')
n=$(LC_ALL=C join "$dir/harness" "$dir/kselftest" | wc -l)
echo "# $n tests in both"
if [ -z "$differ" ] && [ "$n" -gt 0 ]; then
	echo "ok 2 kselftest_verdicts"
else
	echo "$differ" | sed '/^$/d; s/^\([^ ]*\) \([^ ]*\) \([^ ]*\)$/# \1: harness \2, kselftest \3/'
	echo "not ok 2 kselftest_verdicts"
fi
f=0
[ -z "$missing" ] || f=$((f + 1))
[ -z "$differ" ] && [ "$n" -gt 0 ] || f=$((f + 1))
echo "# Totals: pass:$((2 - f)) fail:$f xfail:0 xpass:0 skip:0 error:0"
echo "$((2 - f)) passed, $f failed, 0 skipped"
[ "$f" = 0 ]
