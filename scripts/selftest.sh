#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# selftest.sh - self-tests of the runner and of the QEMU harness.
#
# The suite is only useful if its failures are real: this checks that the
# runner (scripts/selftest-runner.sh, on the build host, with the
# kselftest collections of the install) and the harness
# (boots of max-vhe with the fake tests of tests/harness/) report a
# crashing test, a hanging test, a kernel WARN and a task stuck in the
# kernel (unkillable) provoked with LKDTM, and on a kernel with KASAN and
# UBSAN their reports, as failures, keep going afterwards, and quote the
# report; that a CPU locked up (LKDTM HARDLOCKUP, SOFTLOCKUP, SPINLOCKUP,
# SMP_CALL_LOCKUP; HARDLOCKUP on every CPU at once, which only the
# heartbeat shows) ends its configuration early with vCPU snapshots
# naming the stuck function and keeps the results so far (the CI tier,
# SMEKVM_TIER=ci, boots only HARDLOCKUP: a CPU looping with interrupts
# masked, which only the gdbstub can locate); that bad input (an unknown
# configuration, a missing kernel) gives a clear error; that a slower
# kernel (time_scale) multiplies the watchdog's and a LAVA job's limits;
# and that the KTAP of every boot, crashes, hangs and lockups included,
# parses with the kernel's own parser (tools/testing/kunit/kunit.py of
# the suite's kernel source).
# Prints KTAP and a closing line; exit 0 when every check holds.
set -eu

. "$(dirname "$0")/common.sh"

n=0 fails=0 skips=0
check() {
	n=$((n + 1))
	name=$1
	shift
	if "$@" >/dev/null 2>&1; then
		echo "ok $n $name"
	else
		echo "not ok $n $name"
		fails=$((fails + 1))
	fi
}

# skip NAME WHY: a skipped check.
skip() {
	n=$((n + 1)) skips=$((skips + 1))
	echo "ok $n $1 # SKIP $2"
}

# check_ktap NAME FILE: FILE parses with kunit.py without an error or a
# crashed test (selftest-runner.sh --kunit; what it says in FILE.kunit);
# skipped when kunit.py cannot be run.
check_ktap() {
	sh "$TOP/scripts/selftest-runner.sh" --kunit "$2" > "$2.kunit" 2>&1 &&
		s=0 || s=$?
	if [ "$s" = 4 ]; then
		skip "$1" "$(sed -n 's/^# SKIP //p' "$2.kunit")"
	else
		check "$1" test "$s" = 0
	fi
}
# The kernel source of the suite has the parser.
SMEKVM_KUNIT=$(kunit_py) || SMEKVM_KUNIT=
export SMEKVM_KUNIT

# The CI tier boots one lockup configuration, the others all four.
lockups=lockup_hard
[ "${SMEKVM_TIER:-}" = ci ] ||
	lockups="$lockups lockup_soft lockup_spin lockup_smp_call lockup_all"

echo "KTAP version 1"
echo "1..$((24 + 6 * $(echo "$lockups" | wc -w)))"

ash="busybox ash"
command -v busybox >/dev/null 2>&1 || ash="sh"
out=$OUT/selftest
rm -rf "$out"
mkdir -p "$out"
SMEKVM_ASH=$ash SMEKVM_INSTALL_DIR=$OUT/install \
	$ash "$TOP/scripts/selftest-runner.sh" > "$out/runner.log" 2>&1 &&
	rstatus=0 || rstatus=$?
sed 's/^/    /' "$out/runner.log"
check runner_selftest test "$rstatus" = 0

# rules.list: every rule has a case, every case a rule, the mutations are
# caught by the rules they name, doc/conformance.md says the same.
sh "$TOP/scripts/rules.sh" check > "$out/rules.log" 2>&1 && s=0 || s=$?
sed "s/^/    /" "$out/rules.log"
check rules_list_complete test "$s" = 0

# doc/abi.md and the api.rst text of hyp_patches/ say the same
# (doc/api-rst.map: the sentence of api.rst that states each rule).
sh "$TOP/scripts/api-drift.sh" > "$out/api-drift.log" 2>&1 && s=0 || s=$?
sed "s/^/    /" "$out/api-drift.log"
check api_rst_in_step test "$s" = 0

# The results page (results-page.sh) and JUnit XML (junit.sh) of the
# made-up run of tests/results-page/, opened in a headless browser by
# results-check.sh, which also shows that its check fails on a page
# without a cell. Not in the CI tier, whose tool root has no browser
# (deps.sh browser: make selftest, make full, make results-check).
if [ "${SMEKVM_TIER:-}" = ci ]; then
	skip results_page_in_a_browser "not in the CI tier (make selftest, make full)"
else
	cp -R "$TOP/tests/results-page/run" "$out/results-run"
	{
		sh "$TOP/scripts/junit.sh" "$out/results-run/cfg-a" \
			"$out/results-run/cfg-b" &&
		sh "$TOP/scripts/results-page.sh" "$out/results-run"
	} > "$out/results-page.log" 2>&1 &&
		sh "$TOP/scripts/results-check.sh" "$out/results-run" \
			> "$out/results-check.log" 2>&1 && s=0 || s=$?
	cat "$out/results-page.log" "$out/results-check.log" 2>/dev/null |
		sed 's/^/    /'
	check results_page_in_a_browser test "$s" = 0
fi

# Bad input: one clear line, non-zero exit.
sh "$TOP/scripts/qemu-run.sh" no-such-config > "$out/unknown.log" 2>&1 &&
	s=0 || s=$?
check unknown_config_is_an_error sh -c "[ $s != 0 ] && grep -q \"unknown configuration 'no-such-config'\" '$out/unknown.log'"
sh "$TOP/scripts/qemu-run.sh" --kernel /nonexistent/Image max-vhe \
	> "$out/nokernel.log" 2>&1 && s=0 || s=$?
check missing_kernel_is_an_error sh -c "[ $s != 0 ] && grep -q 'kernel image not found: /nonexistent/Image' '$out/nokernel.log'"

# A slower kernel's limits (time_scale, common.sh): a config with KASAN
# gives 10, one without 1, SMEKVM_TIME_SCALE overrides both; the watchdog
# multiplies its KTAP silence and power-off wait by the scale (its limits
# are the first line of its log); a LAVA job multiplies its timeouts and
# gives the runner --time-scale, whose effect run_tests.sh's own
# self-test checks.
mkdir -p "$out/kasan" "$out/plain"
echo CONFIG_KASAN=y > "$out/kasan/config"
echo '# CONFIG_KASAN is not set' > "$out/plain/config"
scales="$(unset SMEKVM_TIME_SCALE; time_scale "$out/kasan")"
scales="$scales $(unset SMEKVM_TIME_SCALE; time_scale "$out/plain")"
scales="$scales $(SMEKVM_TIME_SCALE=3; time_scale "$out/kasan")"
check time_scale_of_a_debug_kernel test "$scales" = "10 1 3"
true & gone=$!
wait "$gone"
for s in 1 10; do
	mkdir -p "$out/watch$s"
	sh "$TOP/scripts/watch-run.sh" "$out/watch$s" "$out/watch$s" /dev/null \
		"$gone" 100 "$s" > "$out/watch$s.log" 2>&1 || true
	sed -n 's/^watch-run: limits: KTAP silence \([0-9]*\) s, power-off \([0-9]*\) s.*/\1 \2/p' \
		"$out/watch$s.log"
done > "$out/watch.limits"
check watchdog_scales_its_limits awk 'NR == 1 { s = $1; p = $2 }
	NR == 2 { t = $1; q = $2 }
	END { exit !(NR == 2 && s > 0 && p > 0 && t == 10 * s && q == 10 * p) }' \
	"$out/watch.limits"
for s in 1 10; do
	sh "$TOP/scripts/lava-jobs.sh" --out "$out/lava$s" --time-scale "$s" \
		--args --no-expected max-vhe > /dev/null 2>&1 || true
done
check lava_job_scales_its_limits sh -c "grep -q 'smekvm.args=--no-expected ' '$out/lava1/max-vhe.yaml' &&
	grep -q 'smekvm.args=--time-scale,10,--no-expected ' '$out/lava10/max-vhe.yaml' &&
	grep -q '^      minutes: $((RUN_TIMEOUT / 60))\$' '$out/lava1/max-vhe.yaml' &&
	grep -q '^      minutes: $((RUN_TIMEOUT / 6))\$' '$out/lava10/max-vhe.yaml'"

# The fake tests in place of the suite's list.
kimg=${SMEKVM_SELFTEST_KERNEL:-${KERNEL:-$OUT/kernel/ours/Image}}
sh "$TOP/scripts/mkinitramfs.sh" "$OUT/install" "$out/initramfs.cpio.gz" \
	"$TOP/tests/harness"
# fake_boot DIR "TESTS": one boot of max-vhe running TESTS, its run in DIR
# and its output in DIR.log, its exit status in s.
fake_boot() {
	sh "$TOP/scripts/qemu-run.sh" --quiet --kernel "$kimg" \
		--initrd "$out/initramfs.cpio.gz" --out "$1" \
		--args "--no-expected $2" max-vhe > "$1.log" 2>&1 && s=0 || s=$?
}

# One boot with the misbehaving tests.
fake_boot "$out/boot" "fake_pass fake_segv fake_hang fake_warn fake_after fake_unkillable"
k=$out/boot/results.ktap
sed 's/^/    /' "$k"
check fake_run_fails_the_configuration test "$s" != 0
check passing_test_passes grep -q '^ok 1 fake_pass' "$k"
check segfault_is_a_failure_with_reason grep -q '^not ok 2 fake_segv.*SIGSEGV' "$k"
check hang_is_a_timeout grep -q '^not ok 3 fake_hang.*timeout' "$k"
check warn_fails_the_test grep -q '^not ok 4 fake_warn.*kernel report' "$k"
check run_goes_on_after_failures grep -q '^ok 5 fake_after' "$k"
check warn_fails_the_configuration grep -q 'kernel report in console.log.*WARNING' "$out/boot/verdict"
check unkillable_is_reported grep -q '^not ok 6 fake_unkillable # unkillable' "$k"
check unkillable_shows_state_and_stack sh -c "grep -q '^# unkillable: pid .* state D on CPU' '$k' && grep -q '^#   stack: .*lkdtm_HUNG_TASK' '$k'"
check unkillable_before_hung_task_report sh -c "! grep -q 'blocked for more than' '$out/boot/console.log'"
check closing_line_counts grep -qx '2 passed, 4 failed, 0 skipped' "$k"
check_ktap fake_run_parses_as_ktap "$k"

# On a kernel with KASAN and UBSAN (the debug kernel of make full), the
# reports the debug tier looks for: an overflow of a slab object and an
# index beyond an array, provoked through LKDTM by tests that otherwise
# pass, each fail their test with the sanitizer's report quoted, and the
# configuration; the run goes on after them. Without both the boot would
# corrupt memory instead, so it is skipped.
kdir=$(dirname "$kimg")
if kernel_config_has "$kdir" KASAN UBSAN_BOUNDS; then
	fake_boot "$out/sanitizers" "fake_kasan fake_ubsan fake_after"
	k=$out/sanitizers/results.ktap
	sed 's/^/    /' "$k"
	check kasan_report_fails_the_test grep -q '^not ok 1 fake_kasan # kernel report: .*BUG: KASAN: slab-out-of-bounds' "$k"
	check ubsan_report_fails_the_test grep -q '^not ok 2 fake_ubsan # kernel report: .*UBSAN: array-index-out-of-bounds' "$k"
	check sanitizer_reports_fail_the_configuration sh -c "[ $s != 0 ] && grep -q '^ok 3 fake_after' '$k' && grep -q 'kernel report in console.log.*KASAN' '$out/sanitizers/verdict'"
else
	for c in kasan_report_fails_the_test ubsan_report_fails_the_test \
		 sanitizer_reports_fail_the_configuration; do
		skip "$c" "no KASAN and UBSAN_BOUNDS in $kdir/config (make full's debug kernel has them)"
	done
fi

# lockup_boot NAME SYMBOL KIND: one boot running fake_pass, then lockup
# test NAME; the harness must end it (KIND: "lockup", a kernel report;
# "hang", no report but no heartbeat either) with vCPU snapshots whose
# PCs, or the kernel's own backtrace, name SYMBOL, keep fake_pass's result
# and close the KTAP with a failure for NAME.
lockup_boot() {
	b=$out/$1
	fake_boot "$b" "fake_pass $1"
	sed 's/^/    /' "$b/results.ktap"
	echo "    # $1: ended after $(cat "$b/seconds") s: $(cat "$b/verdict")"
	grep '^cpu ' "$b/lockup.txt" 2>/dev/null | head -n 2 | sed 's/^/    # /'
	check "$1_fails_the_configuration" sh -c "[ $s != 0 ] && grep -q '^fail: $3: ' '$b/verdict'"
	check "$1_has_three_snapshots" test "$(grep -c '^=== vCPU snapshot' "$b/lockup.txt")" = 3
	check "$1_names_$2" grep -q -e "^cpu .*$2" -e "$2+0x" "$b/lockup.txt" "$b/console.log"
	check "$1_keeps_earlier_results" grep -qx 'fake_pass pass' "$b/results"
	check "$1_closes_the_run" sh -c "grep -q '^not ok 2 $1 # $3: ' '$b/results.ktap' && grep -qx '1 passed, 1 failed, 0 skipped' '$b/results.ktap'"
	check_ktap "$1_parses_as_ktap" "$b/results.ktap"
}

for l in $lockups; do
	case $l in
	lockup_hard) lockup_boot "$l" lkdtm_HARDLOCKUP lockup ;;
	lockup_soft) lockup_boot "$l" lkdtm_SOFTLOCKUP lockup ;;
	lockup_spin) lockup_boot "$l" lkdtm_SPINLOCKUP lockup ;;
	lockup_smp_call) lockup_boot "$l" __lkdtm_SMP_CALL_LOCKUP lockup ;;
	lockup_all) lockup_boot "$l" lkdtm_HARDLOCKUP hang ;;
	esac
done

echo "$((n - fails - skips)) passed, $fails failed, $skips skipped"
[ "$fails" = 0 ]
