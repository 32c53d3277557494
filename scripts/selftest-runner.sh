#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# selftest-runner.sh - host-side self-test of run_tests.sh, the on-target
# runner.
#
# Builds throwaway install directories in a temporary directory, with the fake
# test programs of tests/runner/ (a pass with KTAP cases, a failing case, a
# skip, a SIGSEGV, a hang, a kernel WARNING in a fake kernel log), runs
# run_tests.sh on them with short timeouts and checks what it prints and how it
# exits: the verdicts and their reasons, the report detection, the results
# file, the comparisons with expected files, --list, subsets and errors;
# that the kernel's own KTAP parser (tools/testing/kunit/kunit.py parse)
# reads its output without an error, a crash or a hang counted as a failure,
# also when a program dies in the middle of a plan, prints KTAP as some
# upstream kselftests do or skips after its plan (tests/runner/
# nested_segv.sh, upstream.sh, skip_late.sh). Those checks are skipped when
# there is no python3 or no kernel source.
# The kselftest collections of such a directory (bin/kselftest-entry),
# run by the kernel's own run_kselftest.sh, give each test the verdict
# run_tests.sh gives it.
# Prints KTAP and ends with "N passed, N failed, N skipped"; exits 0 when
# every check passed or skipped, else 1. Takes a few seconds.
#
# Usage: scripts/selftest-runner.sh [--kunit FILE]
#   --kunit FILE              only parse FILE with kunit.py and show what
#                             it says; exit 0 when it parses without an
#                             error or a crashed test, 4 when kunit.py
#                             cannot be run, else 1 (scripts/selftest.sh)
#   SMEKVM_ASH="busybox ash"  run the runner under busybox ash (a path to
#                             busybox works too), with the busybox applets
#                             first in PATH, as on the target
#   SMEKVM_KUNIT=FILE         the kunit.py to use (default: that of the
#                             last kernel source, by name, in the
#                             dependency cache)
#   SMEKVM_KSFT_DIR=DIR       the kernel's kselftest directory (with
#                             run_kselftest.sh and kselftest/); default: the
#                             one of the cached kernel source, if any
#   SMEKVM_INSTALL_DIR=DIR    also check the kselftest collections of this
#                             install directory (make install), by running
#                             them all: on the build host, where they fail
#                             at once

set -u
top=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/selftest-runner.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM

checks=0
passed=0
failed=0
skipped=0

# check DESC CMD...: one KTAP result, ok when CMD succeeds; on failure the
# output of the last runner invocation follows as diagnostics.
check() {
	desc=$1
	shift
	checks=$((checks + 1))
	if "$@"; then
		echo "ok $checks $desc"
		passed=$((passed + 1))
	else
		echo "not ok $checks $desc"
		echo "# failed: $*"
		sed 's/^/#   /' "$out" | tail -n 40
		failed=$((failed + 1))
	fi >> "$tmp/report"
}

# skip_check DESC WHY: one KTAP result, skipped for the reason WHY.
skip_check() {
	checks=$((checks + 1))
	echo "ok $checks $1 # SKIP $2" >> "$tmp/report"
	skipped=$((skipped + 1))
}

# has PATTERN: the last runner output has a line matching the extended regexp.
has() {
	grep -q -E -e "$1" "$out"
}

# has_line LINE: the last runner output has exactly this line.
has_line() {
	grep -q -x -F -e "$1" "$out"
}

# lacks PATTERN: no line of the last runner output matches.
lacks() {
	! grep -q -E -e "$1" "$out"
}

# last_line_is LINE: the last runner output ends with this line.
last_line_is() {
	[ "$(tail -n 1 "$out")" = "$1" ]
}

# status_is N: the last runner exited with N.
status_is() {
	[ "$rc" -eq "$1" ]
}

# same_file A B: A and B have the same content.
same_file() {
	cmp -s "$1" "$2"
}

# has_tsv_rule FILE RULE VERDICT: the rules file FILE gives RULE that verdict.
has_tsv_rule() {
	awk -F "\t" -v r="$2" -v v="$3" '$1 == r && $3 == v { f = 1 } END { exit !f }' "$1"
}

# runner INSTDIR ARGS...: run the runner of INSTDIR; stdout and stderr go to a
# new $out, its status to $rc.
runner() {
	inst=$1
	shift
	runs=$((${runs:-0} + 1))
	out=$tmp/out.$runs
	$shell "$inst/run_tests.sh" "$@" > "$out" 2> "$out.err"
	rc=$?
	cat "$out.err" >> "$out"
}

# setup_kunit: the kernel's KTAP parser, $kunit (SMEKVM_KUNIT, else
# tools/testing/kunit/kunit.py of the cache's last kernel source by name);
# kunit_why says why it cannot be run, if so.
setup_kunit() {
	kunit=${SMEKVM_KUNIT:-}
	if [ -z "$kunit" ]; then
		for k in "${SMEKVM_CACHE:-/var/cache/sme-kvm-suite}"/src/*/base/tools/testing/kunit/kunit.py; do
			[ ! -f "$k" ] || kunit=$k
		done
	fi
	kunit_why=
	if ! command -v python3 > /dev/null 2>&1; then
		kunit_why="no python3"
	elif [ ! -f "$kunit" ]; then
		kunit_why="no kernel source with tools/testing/kunit/kunit.py"
	fi
}

# kunit_parse FILE: what kunit.py parse says of FILE, in a new $out.
kunit_parse() {
	runs=$((${runs:-0} + 1))
	out=$tmp/out.$runs
	f=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
	python3 "$kunit" parse "$f" > "$out" 2>&1
}

# check_kunit WHAT FILE COUNTS: FILE, the KTAP of WHAT, parses with kunit.py
# without an error, and its tests (failed ones too, none crashed) are
# counted as COUNTS ("Ran N tests: passed: N, failed: N, ..."). Skipped
# when kunit.py cannot be run.
check_kunit() {
	d1="kunit.py: $1 parses without an error"
	d2="kunit.py: $1 counted, crashes and timeouts as failures"
	if [ -n "$kunit_why" ]; then
		skip_check "$d1" "kunit.py: $kunit_why"
		skip_check "$d2" "kunit.py: $kunit_why"
		return
	fi
	kunit_parse "$2"
	check "$d1" lacks '\[ERROR\]'
	check "$d2" has " Testing complete\. $3\$"
}

# make_install DIR NAME:TIMEOUT...: an install directory with the runner and
# the fake tests named (tests/runner/NAME.sh installed as bin/NAME).
make_install() {
	d=$1
	shift
	mkdir -p "$d/bin" "$d/expected"
	cp "$top/run_tests.sh" "$d/"
	echo "# fake tests: name timeout command" > "$d/tests.list"
	for t; do
		name=${t%%:*}
		cp "$top/tests/runner/$name.sh" "$d/bin/$name"
		chmod +x "$d/bin/$name"
		printf '\n%s %s bin/%s\n' "$name" "${t#*:}" "$name" >> "$d/tests.list"
	done
}

# setup_shell: how to run the runner. SMEKVM_ASH is "busybox ash", a path
# to busybox with or without " ash", or another shell command; when its first
# word is busybox, its applets come first in PATH, as on the target.
setup_shell() {
	shell="sh"
	[ -n "${SMEKVM_ASH:-}" ] || return 0
	shell=$SMEKVM_ASH
	bb=$(command -v "${SMEKVM_ASH%% *}") || return 0
	# The applet links need a path: in busybox ash, "command -v busybox"
	# names the applet, "busybox", without one.
	case $bb in
	/*) ;;
	*/*) bb=$(cd "${bb%/*}" && pwd)/${bb##*/} ;;
	*)
		for d in $(echo "$PATH" | tr : " "); do
			[ ! -f "$d/$bb" ] || { bb=$d/$bb; break; }
		done ;;
	esac
	"$bb" --list > "$tmp/applet-list" 2>/dev/null || return 0
	[ "$shell" != "${SMEKVM_ASH%% *}" ] || shell="$bb ash"
	mkdir "$tmp/applets"
	while read -r a; do
		ln -s "$bb" "$tmp/applets/$a"
	done < "$tmp/applet-list"
	PATH=$tmp/applets:$PATH
}

# test_full_run: every kind of test in one run, without an expected file.
test_full_run() {
	full=$tmp/full
	make_install "$full" pass:10 fail:10 skip:10 segv:10 hang:2 report:10
	cp "$top/tests/runner/sme_caps.sh" "$full/bin/sme_caps"
	cat > "$full/kernel-reports.txt" <<-'EOF'
	# patterns
	WARNING: 
	Call trace:
	EOF
	printf 'Linux 7.2.13\nhyp_patches: 12 patches\n' > "$full/kernel-info"
	cp "$top/lib/rule-verdict.awk" "$full/"
	cat > "$full/abi.md" <<-'EOF'
	- **abi-za-zeroed** [arch] ZA zeroed
	- **abi-za-kept** [ours] ZA kept (upstream: silent)
	- **abi-sm-traps** [upstream] SMSTART traps
	EOF
	cat > "$full/rules.list" <<-'EOF'
	# fake rules
	abi-za-zeroed | ZA zeroed at every VL | fail/vl_*_zeroes_za pass/vl_*_zeroes_za*
	abi-za-kept | ZA kept | fail/za_preserved
	abi-sm-traps | SMSTART traps | fail/smstart_traps pass/fa64
	upstream-report | report | report report/*
	EOF
	printf '%s\n' '[    0.000000] Booting Linux' '[    1.000000] WARNING: an old one' \
		> "$tmp/dmesg"
	echo "console=ttyAMA0 smekvm.config=fake-cfg rdinit=/init" > "$tmp/cmdline"

	export SMEKVM_DMESG="cat $tmp/dmesg" SMEKVM_FAKE_DMESG="$tmp/dmesg"
	export SMEKVM_CMDLINE="$tmp/cmdline"
	runner "$full" --seed 42 --results "$tmp/results"
	check "full run: exit status 1" status_is 1
	check "full run: summary is the last line" last_line_is "1 passed, 4 failed, 1 skipped"
	check "full run: config from the kernel command line, seed" \
		has '^# smekvm: config fake-cfg, seed 42, tier ci, profile ours, NV=0$'
	check "full run: kernel-info in the header" has_line "# hyp_patches: 12 patches"
	check "full run: sme_caps summary in the header" has_line "# FA64: yes"
	check "full run: plan" has_line "1..6"
	check "full run: seed line per test" has_line "# report: seed 42"
	check "full run: environment of the tests" \
		has_line "    # env: seed=42 tier=ci nv=0 case=unset profile=ours"
	check "full run: stderr nested as a diagnostic" has_line "    # library note on stderr"
	check "full run: nested subtest kept" has_line "        not ok 2 inner two"
	check "pass: ok" has_line "ok 1 pass"
	check "failing case fails an exit-0 test" has_line "not ok 2 fail # 2 failed case(s)"
	check "bare failing case flagged" has_line \
		"    # bare failure: fail/vl_256_zeroes_za printed no diagnostic"
	check "failing case with a diagnostic not flagged" lacks "bare failure: fail/p0_zeroed"
	check "failing case: rerun line" has_line \
		"    # rerun: $full/run_tests.sh --config fake-cfg --seed 42 fail/vl_256_zeroes_za"
	check "failed test: rerun line" has_line \
		"# rerun: $full/run_tests.sh --config fake-cfg --seed 42 fail"
	check "skip: reason from the plan" has_line "ok 3 skip # SKIP Requirement not met: SME"
	check "segv: killed by signal" has_line "not ok 4 segv # killed by signal SIGSEGV"
	check "hang: timeout" has_line "not ok 5 hang # timeout after 2s"
	check "report: kernel WARNING fails the test" has \
		'^not ok 6 report # kernel report: \[   12.345678\] WARNING: CPU: 1 PID: 99 at '
	check "report: report lines as diagnostics" has_line "# dmesg: [   12.345679] Call trace:"
	check "report: old log lines ignored" lacks "an old one"
	check "segv: missing result added" has_line \
		"    not ok 2 missing_2 # the program ended early: killed by signal SIGSEGV"
	check "hang: missing result added" has_line \
		"    not ok 1 missing_1 # the program ended early: timeout after 2s"
	check "totals before the summary" has_line \
		"# Totals: pass:1 fail:4 xfail:0 xpass:0 skip:1 error:0"
	check "rule verdict: counts" has_line \
		"# per-rule verdict of fake-cfg, profile ours: 2 rules held, 2 broken, 0 not checked (every case skipped or not run)"
	check "rule verdict: broken rule, class, example" has_line \
		"# broken: abi-za-zeroed [arch] ZA zeroed at every VL: 1 of 3 cases failed, e.g. fail/vl_256_zeroes_za"
	check "rule verdict: rerun of the example" has_line \
		"#   rerun: $full/run_tests.sh --config fake-cfg --seed 42 fail/vl_256_zeroes_za"
	check "rule verdict: upstream test broken" has \
		'^# broken: upstream-report \[upstream-test\] report: 1 of 2 cases failed, e.g. report$'
	check "rule verdict: failures no rule claims" has_line \
		"# failed outside any rule: segv (fake-cfg): the program itself (crash, timeout, kernel report)"
	check "rule verdict: a test with no cases" has_line \
		"# failed outside any rule: hang (fake-cfg): the program itself (crash, timeout, kernel report)"
	check "rule verdict: a case no rule claims" has_line \
		"# failed outside any rule: fail/p0_zeroed (fake-cfg): a case no rule of rules.list names"
	check "rule verdict: file beside the results" has_tsv_rule \
		"$tmp/rules" abi-za-kept held

	cat > "$tmp/results.want" <<-'EOF'
	# smekvm results: config fake-cfg, seed 42, tier ci, profile ours
	fail fail
	fail/p0_zeroed fail
	fail/smstart_traps pass
	fail/vl_256_zeroes_za fail
	fail/za_preserved pass
	hang fail
	pass pass
	pass/Streaming_SVE_set_SVE_for_VL_48 skip
	pass/el1/sme_only/zt0 skip
	pass/fa64 skip
	pass/known_bug pass
	pass/nested_group pass
	pass/vl_128_zeroes_za pass
	pass/vl_128_zeroes_za~2 pass
	report fail
	report/still_passes pass
	segv fail
	segv/before_crash pass
	skip skip
	EOF
	check "results file: cases, duplicates, skips, XFAIL" \
		same_file "$tmp/results" "$tmp/results.want"
	check_kunit "full run" "$tmp/out.1" \
		"Ran 18 tests: passed: 8, failed: 6, skipped: 4"

	runner "$full" --by-rules --seed 42 fail
	check "--by-rules: a broken rule fails the run" status_is 1
	check "--by-rules: said in the header" has "^# judged by the per-rule verdict; known failures: none\$"
	check "--by-rules: in the rerun line" has " --seed 42 --by-rules fail/vl_256_zeroes_za\$"
	printf '%s\n' '# Expected results of configuration fake-cfg.' 'fail fail' \
		'fail/p0_zeroed fail' 'fail/vl_256_zeroes_za fail' > "$tmp/known"
	runner "$full" --by-rules --expected "$tmp/known" fail
	check "--by-rules: known failures break nothing" status_is 0
	check "--by-rules: known failure named" has "^# known failure: abi-za-zeroed \\[arch\\] "
	check "--by-rules: no comparison with expected" lacks "^# comparison"

	runner "$full" --profile proposal --seed 42 fail
	check "--profile: [ours] rules not judged" has_line \
		"# per-rule verdict of fake-cfg, profile proposal: 1 rules held, 1 broken, 2 not checked ([ours] rules, and rules whose cases all skipped or did not run)"

	runner "$full" --timeout 1 --tier full hang
	check "--timeout overrides tests.list" has_line "not ok 1 hang # timeout after 1s"
	check "--timeout and --tier in the rerun line" has " --tier full --timeout 1 hang$"
	runner "$full" --timeout 1 --time-scale 3 hang
	check "--time-scale multiplies the limit" has_line "not ok 1 hang # timeout after 3s"
	check "--time-scale in the rerun line" has " --timeout 1 --time-scale 3 hang$"
	runner "$full" --time-scale 0 hang
	check "--time-scale 0 is a usage error" status_is 2

	runner "$full" --timeout 1 SMEKVM_X=a:b.1 hang
	check "VAR=value argument in the rerun line" has " --timeout 1 SMEKVM_X=a:b.1 hang$"
	runner "$full" X-Y=2 hang
	check "VAR=value argument: a bad name is a usage error" status_is 2
	check "VAR=value argument: a bad name, said" has "X-Y=2': not a variable name"
	unset SMEKVM_DMESG SMEKVM_FAKE_DMESG SMEKVM_CMDLINE
}

# test_ktap_run: output that must be mended to parse as KTAP: a program
# that dies inside a nested group, one that prints KTAP as some upstream
# kselftests do, one that skips after its plan. The cases are still those
# the programs printed.
test_ktap_run() {
	ktap=$tmp/ktap
	make_install "$ktap" nested_segv:10 upstream:10 skip_late:10
	export SMEKVM_DMESG=false SMEKVM_CMDLINE="$tmp/nonexistent"
	runner "$ktap" --seed 5 --results "$tmp/ktap.results"
	check "nested crash: subtest header" has_line "    # Subtest: nested_segv"
	check "nested crash: nested plan closed" has_line \
		"        not ok 2 missing_2 # the program ended early: killed by signal SIGSEGV"
	check "nested crash: result named by the kselftest harness RUN line" has_line \
		"    not ok 2 global.crashes # the program ended early: killed by signal SIGSEGV"
	check "nested crash: plan closed" has_line \
		"    not ok 3 missing_3 # the program ended early: killed by signal SIGSEGV"
	check "upstream: plan raised to the results, and said" has_line "    1..5"
	check "upstream: the program's plan as a diagnostic" has_line "    # 1..3"
	check "upstream: a child's version line as a diagnostic" has_line "    # TAP version 13"
	check "upstream: a child's skip plan as a diagnostic" has_line \
		"    # 1..0 # SKIP - child: EL2 not available"
	check "upstream: renumbered" has_line "    ok 2 second"
	check "upstream: numbered" has_line "    ok 3 - third"
	check "upstream: no # in a name" has_line "    ok 4 fourth_1"
	check "upstream: stray subtest header as a diagnostic" has_line \
		"    # # Subtest: not a subtest"
	check "skip after the plan: missing results skipped" has_line \
		"    ok 3 missing_3 # SKIP the program ended early: skipped, exit status 4"
	check "ktap run: totals, then the summary" has_line \
		"# Totals: pass:1 fail:1 xfail:0 xpass:0 skip:1 error:0"
	check "ktap run: summary is the last line" last_line_is "1 passed, 1 failed, 1 skipped"
	cat > "$tmp/ktap.want" <<-'EOF'
	# smekvm results: config native, seed 5, tier ci, profile ours
	nested_segv fail
	nested_segv/before_crash pass
	skip_late skip
	skip_late/needs_sme pass
	skip_late/sme_absent skip
	upstream pass
	upstream/fifth skip
	upstream/first pass
	upstream/fourth_1 pass
	upstream/second pass
	upstream/third pass
	EOF
	check "ktap run: results file, cases as printed" \
		same_file "$tmp/ktap.results" "$tmp/ktap.want"
	check_kunit "ktap run" "$tmp/out.$runs" \
		"Ran 13 tests: passed: 7, failed: 2, skipped: 4"
	unset SMEKVM_DMESG SMEKVM_CMDLINE
}

# test_kmemleak: the debug kernel's kmemleak, through SMEKVM_KMEMLEAK: a
# file that reads back empty after the scans (/dev/null) is no leak; one
# that reads back anything (a regular file, which keeps what the runner
# wrote last) is a leak, quoted, and fails the run.
test_kmemleak() {
	km=$tmp/km
	make_install "$km" pass:10
	export SMEKVM_DMESG=false SMEKVM_CMDLINE="$tmp/nonexistent"
	SMEKVM_KMEMLEAK=/dev/null runner "$km" --seed 3
	check "kmemleak: no leak, said" has_line "# kmemleak: no leak found"
	check "kmemleak: no leak, exit 0" status_is 0
	: > "$tmp/kmemleak"
	SMEKVM_KMEMLEAK=$tmp/kmemleak runner "$km" --seed 3
	check "kmemleak: a leak, quoted" has_line "# kmemleak: scan"
	check "kmemleak: a leak fails the run" status_is 1
	check "kmemleak: a leak, summary still last" last_line_is "1 passed, 0 failed, 0 skipped"
	unset SMEKVM_DMESG SMEKVM_CMDLINE
}

# test_small_runs: options, selection and expected files, on pass, fail and
# skip, without sme_caps, kernel-reports.txt, readable log or command line.
test_small_runs() {
	small=$tmp/small
	make_install "$small" pass:10 fail:10 skip:10
	export SMEKVM_DMESG=false SMEKVM_CMDLINE="$tmp/nonexistent"

	runner "$small" --list
	printf 'pass\nfail\nskip\n' > "$tmp/list.want"
	check "--list prints the names" same_file "$out" "$tmp/list.want"

	runner "$small" --seed 7 --results "$tmp/small.results"
	check "no expected file: a failure fails the run" status_is 1
	check "default config is native" has '^# smekvm: config native, seed 7,'
	check "missing sme_caps noted" has_line "# no bin/sme_caps: capability summary not shown"
	check "no expected file noted" has_line "# expected results: none"
	check "summary without expected file" last_line_is "1 passed, 1 failed, 1 skipped"

	runner "$small" nosuch
	echo "run_tests.sh: unknown test 'nosuch' (see --list)" > "$tmp/unknown.want"
	check "unknown name: exit 2" status_is 2
	check "unknown name: one-line error" same_file "$out" "$tmp/unknown.want"

	runner "$small" --bogus
	check "unknown option: exit 2" status_is 2

	runner "$small" --seed 7 pass/vl_128_zeroes_za
	check "case subset: exit 0" status_is 0
	check "case subset: SMEKVM_CASE" has_line "    ok 1 vl_128_zeroes_za"
	check "case subset: one test" has_line "ok 1 pass/vl_128_zeroes_za"

	t0=$(date +%s)
	$shell "$small/run_tests.sh" pass 2>&1 | cat > "$tmp/piped"
	out=$tmp/piped
	check "output through a pipe ends with the run, not the watchdog" \
		test $(($(date +%s) - t0)) -lt 10

	runner "$small" skip
	check "every test skipped: exit 4" status_is 4
	check "every test skipped: summary" last_line_is "0 passed, 0 failed, 1 skipped"

	runner "$small" --nv pass
	check "--nv leaves NV unset" has "# env: seed=[0-9]+ tier=ci nv=unset"
	cp -R "$small" "$tmp/envs"
	printf '\nel1_pass 10 NV=0 bin/pass\n' >> "$tmp/envs/tests.list"
	runner "$tmp/envs" --nv el1_pass
	check "VAR=value in tests.list wins over --nv" has "# env: seed=[0-9]+ tier=ci nv=0"
	runner "$tmp/envs" NV=7 el1_pass
	check "VAR=value argument wins over tests.list" has "# env: seed=[0-9]+ tier=ci nv=7"
	printf 'not_here 10 SMEKVM_SKIP_CONFIGS=cfg-a,cfg-b bin/pass\n' >> "$tmp/envs/tests.list"
	runner "$tmp/envs" --config cfg-b not_here
	check "SMEKVM_SKIP_CONFIGS: skipped in a listed configuration, with the reason" \
		has_line "ok 1 not_here # SKIP not run in configuration cfg-b (tests.list: SMEKVM_SKIP_CONFIGS=cfg-a,cfg-b)"
	runner "$tmp/envs" --config cfg-c not_here
	check "SMEKVM_SKIP_CONFIGS: run in another configuration" has_line "ok 1 not_here"
	runner "$tmp/envs" --config cfg not_here
	check "SMEKVM_SKIP_CONFIGS: a name's prefix is another name" has_line "ok 1 not_here"
	runner "$tmp/envs" not_here
	check "SMEKVM_SKIP_CONFIGS: run natively (the default configuration)" \
		has_line "ok 1 not_here"
	check "SMEKVM_SKIP_CONFIGS of tests.list: configurations of the matrix" \
		skip_configs_known

	cat > "$tmp/expected.mixed" <<-'EOF'
	# one difference of each kind; pass/fa64 is left out (new)
	fail fail
	fail/smstart_traps pass
	fail/vl_256_zeroes_za pass
	fail/za_preserved pass
	gone pass
	pass pass
	pass/Streaming_SVE_set_SVE_for_VL_48 skip
	pass/el1/sme_only/zt0 skip
	pass/known_bug pass
	pass/nested_group pass
	pass/vl_128_zeroes_za fail
	pass/vl_128_zeroes_za~2 pass
	skip pass
	EOF
	runner "$small" --expected "$tmp/expected.mixed"
	check "expected: a regression fails the run" status_is 1
	check "expected: regression" \
		has_line "# regression: fail/vl_256_zeroes_za (expected pass, got fail)"
	check "expected: unexpected pass" \
		has_line "# unexpected pass: pass/vl_128_zeroes_za (expected fail, got pass)"
	check "expected: newly skipped" has_line "# newly skipped: skip (expected pass, got skip)"
	check "expected: missing" has_line "# missing: gone (expected pass)"
	check "expected: new" has_line "# new: pass/fa64 (skip)"
	check "expected: summary is still the last line" \
		last_line_is "1 passed, 1 failed, 1 skipped"

	runner "$small" --expected "$tmp/expected.mixed" pass fail
	check "expected, subset: nothing missing" lacks "^# missing:"

	runner "$small" --expected "$tmp/small.results"
	check "results file as expected: known failure passes the run" status_is 0
	check "results file as expected: no difference" has \
		"^# 0 regressions, 0 newly failed, 0 missing, 0 new \(0 failing\),"

	sed 's/^pass\/nested_group pass$/pass\/nested_group fail/' "$tmp/small.results" \
		> "$small/expected/cfgx"
	echo "smekvm.config=cfgx" > "$tmp/cmdline.cfgx"
	SMEKVM_CMDLINE=$tmp/cmdline.cfgx
	runner "$small"
	check "expected/<config> is the default" has_line "# expected results: $small/expected/cfgx"
	check "unexpected pass alone: exit 0" status_is 0
	check "unexpected pass alone: reported" has "^# unexpected pass: pass/nested_group "

	runner "$small" --no-expected
	check "--no-expected: no comparison" lacks "^# comparison"
	check "no rules.list: said so" has_line "# no rules.list: per-rule verdict not given"

	runner "$small" --profile proposal pass
	check "--profile: exported" has "# env: seed=[0-9]+ tier=ci nv=0 case=unset profile=proposal"
	check "--profile other than ours: no expected/ comparison" lacks "^# comparison"
	check "--profile in the header" has "^# smekvm: config cfgx, seed [0-9]+, tier ci, profile proposal,"
	runner "$small" --profile 'a b' pass
	check "bad profile name: exit 2" status_is 2

	SMEKVM_CMDLINE="$tmp/nonexistent"
	echo "fail/vl_256_zeroes_za skip" > "$tmp/expected.newfail"
	runner "$small" --expected "$tmp/expected.newfail" fail
	check "expected skip, got fail: newly failed" status_is 1
	check "newly failed reported" has_line "# newly failed: fail/vl_256_zeroes_za (expected skip, got fail)"
	check "new failing entry reported" has_line "# new: fail (fail)"
	unset SMEKVM_DMESG SMEKVM_CMDLINE
}

# skip_configs_known: every configuration that SMEKVM_SKIP_CONFIGS names in
# the suite's tests.list is one of configs/matrix.conf (a misspelt name
# would run the test there). The unknown names go to $out.
skip_configs_known() {
	out=$tmp/unknown-configs
	# shellcheck source-path=SCRIPTDIR source=common.sh
	(. "$top/scripts/common.sh" && config_names) > "$tmp/matrix-names"
	sed 's/#.*//' "$top/tests.list" | tr -s '[:blank:]' '\n' |
		sed -n 's/^SMEKVM_SKIP_CONFIGS=//p' | tr ',' '\n' |
		grep -v -x -F -f "$tmp/matrix-names" > "$out"
	[ -s "$tmp/matrix-names" ] && [ ! -s "$out" ]
}

# ksft_dir: the kernel's kselftest directory, SMEKVM_KSFT_DIR or the first
# of the cached kernel sources; nothing when there is none.
ksft_dir() {
	for d in ${SMEKVM_KSFT_DIR:-${SMEKVM_CACHE:-/var/cache/sme-kvm-suite}/src/*/base/tools/testing/selftests}; do
		[ -r "$d/run_kselftest.sh" ] && [ -r "$d/kselftest/runner.sh" ] &&
			{ echo "$d"; return; }
	done
}

# ksft_runner INSTDIR ARGS...: run the kernel's run_kselftest.sh installed
# in INSTDIR, as runner does run_tests.sh.
ksft_runner() {
	inst=$1
	shift
	runs=$((${runs:-0} + 1))
	out=$tmp/out.$runs
	# Appended to: the runner writes some lines with ">> /dev/stdout".
	: > "$out"
	$shell "$inst/run_kselftest.sh" "$@" >> "$out" 2>&1
	rc=$?
}

# ksft_verdicts: "name pass|fail|skip" of every test of the last kselftest
# run, sorted.
ksft_verdicts() {
	awk '/^(not )?ok [0-9]+ selftests: smekvm\// {
		v = "pass"
		if ($1 == "not")
			v = "fail"
		else if ($0 ~ / # SKIP$/)
			v = "skip"
		n = $0
		sub(/^(not )?ok [0-9]+ selftests: smekvm\/[^:]*: /, "", n)
		sub(/ .*/, "", n)
		print n, v
	}' "$out" | LC_ALL=C sort
}

# test_kselftest: the kselftest collections of an install directory, run
# by the kernel's run_kselftest.sh, against run_tests.sh on the same tests.
test_kselftest() {
	ksft=$(ksft_dir)
	if [ -z "$ksft" ]; then
		skip_check "kselftest: collections run by run_kselftest.sh" \
			"no kernel kselftest directory (SMEKVM_KSFT_DIR)"
		return
	fi
	ks=$tmp/ks
	make_install "$ks" pass:10 fail:10 skip:10 skip_cases:10 segv:10 hang:2
	printf '\nnot_here 10 SMEKVM_SKIP_CONFIGS=cfg-a bin/pass\n' >> "$ks/tests.list"
	# What make install adds for kselftest.
	cp "$top/scripts/kselftest-entry" "$ks/bin/"
	cp "$ksft/run_kselftest.sh" "$ks/"
	mkdir "$ks/kselftest"
	for f in runner.sh ktap_helpers.sh prefix.pl; do
		[ ! -r "$ksft/kselftest/$f" ] || cp "$ksft/kselftest/$f" "$ks/kselftest/"
	done
	chmod +x "$ks/kselftest/"*
	$shell "$ks/bin/kselftest-entry" --install "$ks"
	export SMEKVM_DMESG=false SMEKVM_CMDLINE="$tmp/cmdline.ks"
	echo "smekvm.config=cfg-a" > "$SMEKVM_CMDLINE"

	ksft_runner "$ks" --list
	printf 'smekvm/%s\n' pass:pass fail:fail skip:skip skip_cases:skip_cases \
		segv:segv hang:hang not_here:not_here > "$tmp/ks.list"
	check "kselftest: a collection per test of tests.list" same_file "$out" "$tmp/ks.list"

	runner "$ks" --no-expected --results "$tmp/ks.results"
	grep -v -e '^#' -e / "$tmp/ks.results" > "$tmp/ks.want"
	ksft_runner "$ks"
	ksft_verdicts > "$tmp/ks.got"
	check "kselftest: every test run" has_line "1..7"
	check "kselftest: the verdict of run_tests.sh for every test" \
		same_file "$tmp/ks.got" "$tmp/ks.want"
	check "kselftest: exit status 1 on a failure" status_is 1
	check "kselftest: timeout of tests.list plus 30 s" has_line "# timeout set to 40"
	check "kselftest: short timeout plus 30 s" has_line "# timeout set to 32"
	check "kselftest: run_tests.sh times the test out" \
		has_line "# not ok 1 hang # timeout after 2s"
	check "kselftest: not the kselftest runner" lacks "TIMEOUT"
	check "kselftest: exit 0 with every case skipped is a skip" \
		has '^ok [0-9]+ selftests: smekvm/skip_cases: skip_cases # SKIP$'
	check "kselftest: configuration of the kernel command line" has_line \
		"# ok 1 not_here # SKIP not run in configuration cfg-a (tests.list: SMEKVM_SKIP_CONFIGS=cfg-a)"
	check "kselftest: rerun lines name run_tests.sh by its path" has \
		"^# # rerun: $ks/run_tests.sh --config cfg-a --seed [0-9]+ --timeout 10 fail\$"

	ksft_runner "$ks" -o 33 -t smekvm/hang:hang
	check "kselftest: -o sets the test's timeout" \
		has_line "# not ok 1 hang # timeout after 3s"
	KSELFTEST_PASS_ARGS="--seed 5 --tier full"
	export KSELFTEST_PASS_ARGS
	ksft_runner "$ks" -c smekvm/pass
	check "kselftest: KSELFTEST_<NAME>_ARGS are run_tests.sh options" \
		has "# env: seed=5 tier=full nv=0 case=unset "
	check "kselftest: a passing test passes" has_line "ok 1 selftests: smekvm/pass: pass"
	check "kselftest: exit status 0" status_is 0
	unset KSELFTEST_PASS_ARGS SMEKVM_DMESG SMEKVM_CMDLINE
}

# test_kselftest_install: the kselftest side of a real install directory
# (make install), SMEKVM_INSTALL_DIR: run_kselftest.sh finds every test of
# its tests.list, with the test's timeout plus 30 s, and gives it the
# verdict run_tests.sh gives it. Meant for the build host, which cannot run
# the arm64 programs: there every test fails at once (on an arm64 host the
# tests would run for real, so it is skipped there).
test_kselftest_install() {
	[ -n "${SMEKVM_INSTALL_DIR:-}" ] || return 0
	inst=$SMEKVM_INSTALL_DIR
	if [ "$(uname -m)" = aarch64 ]; then
		skip_check "install: kselftest collections of $inst" \
			"an arm64 host would run the tests for real"
		return
	fi
	export SMEKVM_DMESG=false SMEKVM_CMDLINE="$tmp/nonexistent"
	runner "$inst" --list
	sed 's/.*/smekvm\/&:&/' "$out" > "$tmp/inst.list"
	ksft_runner "$inst" --list
	check "install: a collection per test of tests.list" \
		same_file "$out" "$tmp/inst.list"

	runner "$inst" --no-expected --results "$tmp/inst.results"
	grep -v -e '^#' -e / "$tmp/inst.results" > "$tmp/inst.want"
	ksft_runner "$inst"
	ksft_verdicts > "$tmp/inst.got"
	check "install: the verdict of run_tests.sh for every test" \
		same_file "$tmp/inst.got" "$tmp/inst.want"
	awk '!/^[ \t]*(#|$)/ { print $1, $2 + 30 }' "$inst/tests.list" |
		LC_ALL=C sort > "$tmp/inst.timeouts.want"
	awk '/^# timeout set to / { t = $5 }
		/^# selftests: smekvm\// { print $NF, t }' "$out" |
		LC_ALL=C sort > "$tmp/inst.timeouts"
	check "install: each test's timeout, tests.list's plus 30 s" \
		same_file "$tmp/inst.timeouts" "$tmp/inst.timeouts.want"
	unset SMEKVM_DMESG SMEKVM_CMDLINE
}

setup_kunit
if [ "${1:-}" = --kunit ]; then
	[ -n "${2:-}" ] || { echo "usage: $0 [--kunit FILE]" >&2; exit 2; }
	if [ -n "$kunit_why" ]; then
		echo "# SKIP kunit.py: $kunit_why"
		exit 4
	fi
	kunit_parse "$2"
	cat "$out"
	lacks '\[ERROR\]|\[CRASHED\]' && has ' Testing complete\. '
	exit
fi
setup_shell
start=$(date +%s)
test_full_run
test_ktap_run
test_small_runs
test_kmemleak
test_kselftest
test_kselftest_install
echo "KTAP version 1"
echo "# run_tests.sh self-test, runner shell: $shell, $(($(date +%s) - start)) s"
echo "# kunit.py: ${kunit_why:-$kunit}"
echo "1..$checks"
cat "$tmp/report"
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
