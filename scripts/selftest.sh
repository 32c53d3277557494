#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# selftest.sh - self-tests of the runner and of the QEMU harness.
#
# The suite is only useful if its failures are real: this checks that the
# runner (scripts/selftest-runner.sh, on the build host) and the harness
# (one boot of max-vhe with the fake tests of tests/harness/) report a
# crashing test, a hanging test and a kernel WARN provoked with LKDTM as
# failures, keep going afterwards, and quote the report; and that bad
# input (an unknown configuration, a missing kernel) gives a clear error.
# Prints KTAP and a closing line; exit 0 when every check holds.
set -eu

. "$(dirname "$0")/common.sh"

n=0 fails=0
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

echo "KTAP version 1"
echo "1..11"

ash="busybox ash"
command -v busybox >/dev/null 2>&1 || ash=sh
out=$OUT/selftest
rm -rf "$out"
mkdir -p "$out"
SMEKVM_ASH=$ash $ash "$TOP/scripts/selftest-runner.sh" > "$out/runner.log" 2>&1 &&
	rstatus=0 || rstatus=$?
sed 's/^/    /' "$out/runner.log"
check runner_selftest test "$rstatus" = 0

# Bad input: one clear line, non-zero exit.
sh "$TOP/scripts/qemu-run.sh" no-such-config > "$out/unknown.log" 2>&1 &&
	s=0 || s=$?
check unknown_config_is_an_error sh -c "[ $s != 0 ] && grep -q \"unknown configuration 'no-such-config'\" '$out/unknown.log'"
sh "$TOP/scripts/qemu-run.sh" --kernel /nonexistent/Image max-vhe \
	> "$out/nokernel.log" 2>&1 && s=0 || s=$?
check missing_kernel_is_an_error sh -c "[ $s != 0 ] && grep -q 'kernel image not found: /nonexistent/Image' '$out/nokernel.log'"

# One boot with the fake tests in place of the suite's list.
kimg=${SMEKVM_SELFTEST_KERNEL:-${KERNEL:-$OUT/kernel/ours/Image}}
sh "$TOP/scripts/mkinitramfs.sh" "$OUT/install" "$out/initramfs.cpio.gz" \
	"$TOP/tests/harness"
sh "$TOP/scripts/qemu-run.sh" --quiet --kernel "$kimg" \
	--initrd "$out/initramfs.cpio.gz" --out "$out/boot" \
	--args "--no-expected" max-vhe > "$out/boot.log" 2>&1 && s=0 || s=$?
k=$out/boot/results.ktap
sed 's/^/    /' "$k"
check fake_run_fails_the_configuration test "$s" != 0
check passing_test_passes grep -q '^ok 1 fake_pass' "$k"
check segfault_is_a_failure_with_reason grep -q '^not ok 2 fake_segv.*SIGSEGV' "$k"
check hang_is_a_timeout grep -q '^not ok 3 fake_hang.*timeout' "$k"
check warn_fails_the_test grep -q '^not ok 4 fake_warn.*kernel report' "$k"
check run_goes_on_after_failures grep -q '^ok 5 fake_after' "$k"
check warn_fails_the_configuration grep -q 'kernel report in console.log.*WARNING' "$out/boot/verdict"
check closing_line_counts grep -qx '2 passed, 3 failed, 0 skipped' "$k"

echo "$((n - fails)) passed, $fails failed, 0 skipped"
[ "$fails" = 0 ]
