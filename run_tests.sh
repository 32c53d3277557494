#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# run_tests.sh - on-target runner of the SME KVM selftest suite.
#
# Runs the test programs listed in tests.list (beside this script), each under
# a timeout, and prints one KTAP document: every program's output nested as a
# subtest, then "ok N name" / "not ok N name # reason" / "ok N name # SKIP
# reason". Around each test it reads the kernel log and fails the test on a
# kernel report (patterns in kernel-reports.txt). It records a result for every
# program and for every case the program reports, writes them with --results,
# and compares them with the expected results of the configuration. The last
# line is "N passed, N failed, N skipped". POSIX sh; runs under busybox ash with
# busybox applets only. See usage() for options and file formats.
#
# For testing the runner only (scripts/selftest-runner.sh):
#   SMEKVM_DMESG    command that prints the kernel log (default: dmesg)
#   SMEKVM_CMDLINE  file read instead of /proc/cmdline
#   SMEKVM_KMEMLEAK file used instead of /sys/kernel/debug/kmemleak, with no
#                   wait between its two scans

usage() {
	cat <<EOF
Usage: $0 [options] [name | name/case]...

Runs the tests of tests.list (all of them, or the ones named) and prints KTAP.

Options:
  --help            this text
  --list            print the test names, one a line, and exit
  --config NAME     configuration name, exported as SMEKVM_CONFIG (default:
                    smekvm.config=NAME from /proc/cmdline, else "native");
                    selects expected/NAME
  --expected FILE   compare with FILE (default: expected/<config> if present)
  --no-expected     do not compare with any expected file
  --results FILE    write the per-case results to FILE
  --timeout SECS    use SECS instead of every per-test timeout
  --time-scale N    multiply every test's time limit (tests.list's or
                    --timeout's) by N: for a kernel N times slower, such
                    as a debug kernel (KASAN, lockdep) under TCG; default
                    1. A killed test's grace to exit does not change: an
                    unkillable test must still be found before the
                    kernel's hung-task report
  --seed N          seed exported as SMEKVM_SEED (default: a random one)
  --tier ci|full    exported as SMEKVM_TIER (default: ci)
  --profile NAME    ABI profile, exported as SMEKVM_PROFILE (default: ours;
                    proposal: the upstream series' documented ABI); any
                    other than ours implies --by-rules
  --by-rules        judge the run by the per-rule verdict alone (for another
                    kernel or profile): it fails when a rule is broken or a
                    test fails outside any rule; expected/<config> only
                    tells which failures are known. Without it, the run is
                    compared with expected/<config>; either way it ends with
                    the per-rule verdict (rules.list, abi.md)
  --nv              let tests run vcpus at EL2 (default: NV=0 is exported)
  --progress FILE   append each test's results to FILE as it ends, and
                    "name running" as it starts: what a harness keeps when
                    the run cannot finish

"name/case" runs test "name" with SMEKVM_CASE=case in its environment.
"VAR=value" (no blanks) sets VAR in the environment of every test run,
over what tests.list sets; the rerun lines repeat it. Under QEMU it goes
in RUNNER_ARGS like any other argument (make run RUNNER_ARGS="VAR=1 name").

Files beside this script:
  tests.list          "name timeout_seconds [VAR=value...] command [args...]"
                      a line; VAR=value words set the test's environment,
                      but SMEKVM_SKIP_CONFIGS=a,b,... names the QEMU
                      configurations that leave the test out: it skips in
                      those, runs in every other (native included)
  bin/sme_caps        optional, run once first: capability summary
  kernel-reports.txt  optional, extended regexps that identify a kernel report
  kernel-info         optional, text about the kernel, shown in the header
  expected/<config>   optional, expected results
  rules.list, abi.md, rule-verdict.awk   optional: the per-rule verdict,
                      also written to "rules" beside the --results file
  rules.index         optional, the rules of each known case (make install
                      makes it): a faster verdict

Results and expected files: "name[/case] pass|fail|skip" a line, sorted,
'#' comment lines allowed.

Exit status: 0 all passed (or, with an expected file, no regression, no
newly failed or new failing entry, nothing missing), 4 every test skipped,
1 otherwise, 2 usage error.
With kmemleak (a debug kernel), it is cleared before the first test and
scanned after the last; any suspected leak is quoted and makes the status 1.
EOF
}

die() {
	echo "run_tests.sh: $*" >&2
	exit 2
}

# as_diag: copy stdin to stdout as KTAP diagnostic ("# ") lines.
as_diag() {
	awk '{ if ($0 ~ /^#/) print; else print "# " $0 }'
}

# is_count VALUE: true when VALUE is a decimal number.
is_count() {
	case $1 in
	'' | *[!0-9]*) return 1 ;;
	esac
}

# read_tests_list: tests.list without comments and blank lines, into
# $tmp/tests; dies on malformed lines.
read_tests_list() {
	[ -r "$dir/tests.list" ] || die "cannot read $dir/tests.list"
	awk -v err="$tmp/tests.err" '
		/^[ \t]*(#|$)/ { next }
		NF < 3 || $1 ~ /\// || $2 !~ /^[1-9][0-9]*$/ || seen[$1]++ {
			printf "tests.list:%d: bad line: %s\n", NR, $0 > err
			next
		}
		{ print }' "$dir/tests.list" > "$tmp/tests"
	if [ -s "$tmp/tests.err" ]; then
		cat "$tmp/tests.err" >&2
		exit 2
	fi
	[ -s "$tmp/tests" ] || die "no tests in $dir/tests.list"
}

# cmdline_config: the value of smekvm.config= on the kernel command line.
cmdline_config() {
	tr " " "\n" 2>/dev/null < "${SMEKVM_CMDLINE:-/proc/cmdline}" |
		sed -n 's/^smekvm\.config=//p' | tail -n 1
}

# random_seed: a fresh seed for this run.
random_seed() {
	s=$(od -An -N2 -tu2 /dev/urandom 2>/dev/null | tr -d ' ')
	is_count "$s" || s=$(awk -v p=$$ 'BEGIN { srand(); print (int(rand() * 65536) + p) % 65536 }')
	echo "$s"
}

# select_tests ARG...: the runs asked for, "name case" a line, into
# $tmp/selected; all tests when there is no ARG. Dies on an unknown name.
select_tests() {
	if [ $# -eq 0 ]; then
		awk '{ print $1 }' "$tmp/tests" > "$tmp/selected"
		return
	fi
	: > "$tmp/selected"
	for arg; do
		name=${arg%%/*}
		tcase=
		[ "$name" = "$arg" ] || tcase=${arg#*/}
		awk -v n="$name" '$1 == n { found = 1 } END { exit !found }' "$tmp/tests" ||
			die "unknown test '$name' (see --list)"
		echo "$name $tcase" >> "$tmp/selected"
	done
}

# print_header: KTAP version, run parameters, kernel information and the
# capability summary of bin/sme_caps.
print_header() {
	echo "KTAP version 1"
	echo "# smekvm: config $config, seed $seed, tier $tier, profile $profile, NV=${NV-unset}"
	echo "# install dir: $dir"
	if [ -r "$dir/kernel-info" ]; then
		as_diag < "$dir/kernel-info"
	fi
	if [ -x "$dir/bin/sme_caps" ]; then
		(cd "$dir" && timeout -k 5 $((60 * time_scale)) "$dir/bin/sme_caps") < /dev/null 2>&1 | as_diag
	else
		echo "# no bin/sme_caps: capability summary not shown"
	fi
	if [ "$reports_ok" = 0 ]; then
		echo "# $reports_why: kernel reports not checked"
	fi
	if [ "$by_rules" = 1 ]; then
		echo "# judged by the per-rule verdict; known failures: ${known:-none}"
	else
		echo "# expected results: ${expected:-none}"
	fi
	echo "1..$(wc -l < "$tmp/selected" | tr -d ' ')"
}

# setup_kernel_reports: sets reports_ok=1 when both the patterns and the
# kernel log can be read, else reports_ok=0 and reports_why.
setup_kernel_reports() {
	reports_ok=0
	dmesg_cmd=${SMEKVM_DMESG:-dmesg}
	if [ -r "$dir/kernel-reports.txt" ]; then
		sed -e '/^[[:blank:]]*#/d' -e '/^[[:blank:]]*$/d' \
			"$dir/kernel-reports.txt" > "$tmp/patterns"
	fi
	if [ ! -s "$tmp/patterns" ]; then
		reports_why="no kernel-reports.txt"
	elif ! kernel_log "$tmp/log.before"; then
		reports_why="kernel log ($dmesg_cmd) not readable"
	else
		reports_ok=1
	fi
}

# kernel_log FILE: the kernel log into FILE; fails when it cannot be read.
kernel_log() {
	eval "$dmesg_cmd" > "$1" 2>/dev/null < /dev/null
}

# kernel_reports: the kernel log lines that appeared between $tmp/log.before
# and $tmp/log.after, from the first report line (also set in $first) on, into
# $tmp/reports; fails when there is no report. Lines already in the old log,
# counted, are not new.
kernel_reports() {
	awk 'FILENAME == ARGV[1] { seen[$0]++; next }
		seen[$0] > 0 { seen[$0]--; next }
		{ print }' "$tmp/log.before" "$tmp/log.after" > "$tmp/log.new"
	first=$(grep -E -f "$tmp/patterns" "$tmp/log.new" | head -n 1)
	[ -n "$first" ] || return 1
	awk -v first="$first" '$0 == first { on = 1 } on' "$tmp/log.new" |
		head -n 100 > "$tmp/reports"
}

# nest_output NAME WHY FILL: print the program output in $tmp/out as a
# subtest, 4 spaces in, and write its cases ("name/case status" a line) to
# $tmp/cases.
# Cases are the results at the output's outermost indentation; every failed
# case is followed by its rerun line, and by a "bare failure" line when no
# line came between it and the result before it: a failing case must say
# what differed (the mutation runs check that none is bare).
# The subtest is valid KTAP (the kernel's tools/testing/kunit/kunit.py parse
# reads it) whatever the program printed. A group of results (the program's
# outermost ones, or a group nested in them by indentation) gets one version
# line and plan before its results, and its results numbered from 1; the
# program's gets "# Subtest: $label" too. A plan smaller than the results
# is raised, and said. Results missing from a plan, as when the program
# crashed, timed out or was killed, are added as "not ok K NAME # WHY"
# (FILL "skip": "ok K NAME # SKIP WHY"), NAME being the test that a
# kselftest harness "RUN" line started, else missing_K. Version lines,
# plans and subtest headers out of their place, and those of a group
# without any result or plan, are shown as diagnostics. The cases come
# from the lines as the program printed them.
nest_output() {
	awk -v name="$1" -v label="$label" -v why="$2" -v fill="$3" \
	    -v rerun="$rerun" -v cases="$tmp/cases" '
		function indent(s) { match(s, /^[ \t]*/); return RLENGTH }
		function is_result(s) { return s ~ /^[ \t]*(not )?ok([ \t]|$)/ }
		function record(line,   st, desc, num, u, why) {
			st = (line ~ /^[ \t]*not/) ? "fail" : "pass"
			desc = line
			sub(/^[ \t]*(not )?ok[ \t]*/, "", desc)
			num = ""
			if (match(desc, /^[0-9]+/)) {
				num = substr(desc, 1, RLENGTH)
				desc = substr(desc, RLENGTH + 1)
			}
			sub(/^[ \t]*(- )?/, "", desc)
			u = toupper(desc)
			why = ""
			if (match(u, /#[ \t]*(SKIP|TODO|XFAIL)([^A-Z0-9_]|$)/)) {
				if (substr(u, RSTART) ~ /^#[ \t]*SKIP/) {
					st = "skip"
					why = substr(desc, RSTART)
					sub(/^#[ \t]*[A-Za-z]+[ \t]*(- )?/, "", why)
				}
				desc = substr(desc, 1, RSTART - 1)
			}
			sub(/[ \t]+$/, "", desc)
			# kselftest writes "ok N # SKIP <message>": the message
			# names the case, as "<name>: <reason>" in our programs.
			if (desc == "" && why != "") {
				desc = why
				if (match(desc, /^[^ \t:]+:[ \t]/))
					desc = substr(desc, 1, RLENGTH - 2)
				sub(/[ \t]+$/, "", desc)
				desc = substr(desc, 1, 120)
			}
			gsub(/[ \t#]/, "_", desc)
			if (desc == "")
				desc = "unnamed_" num
			if (++seen[desc] > 1)
				desc = desc "~" seen[desc]
			print name "/" desc, st > cases
			if (st == "fail" && !said)
				print "    " substr(line, 1, indent(line)) "# bare failure: " name "/" desc " printed no diagnostic"
			if (st == "fail")
				print "    " substr(line, 1, indent(line)) "# rerun: " rerun " " name "/" desc
			said = 0
		}
		# kind(s): what a KTAP parser takes line s for: "res" a result,
		# "ver" a version line, "plan", "sub" a subtest header, "" a
		# diagnostic.
		function kind(s) {
			if (is_result(s))
				return "res"
			if (s ~ /^[ \t]*K?TAP version [0-9]+[ \t]*$/)
				return "ver"
			if (s ~ /^[ \t]*1\.\.[0-9]+/)
				return "plan"
			if (s ~ /^[ \t]*# Subtest: /)
				return "sub"
			return ""
		}
		# plan_of(i): the count of plan line i.
		function plan_of(i) {
			match(L[i], /1\.\.[0-9]+/)
			return substr(L[i], RSTART + 3, RLENGTH - 3) + 0
		}
		# level(a, b, floor, root): the indentation of the group of
		# lines a..b nested at indentation floor: for the whole output
		# (root), that of the cases; else the least of its KTAP lines.
		# -1: it has none.
		function level(a, b, floor, root,   i, d) {
			if (root && top >= 0)
				return top
			d = -1
			for (i = a; i <= b; i++)
				if (K[i] != "" && IN[i] > floor && (d < 0 || IN[i] < d))
					d = IN[i]
			return d
		}
		# group_end(i, b, floor, d): the last line of the group nested
		# from line i on: the line before the next result at
		# indentation d, or b.
		function group_end(i, b, floor, d) {
			for (i++; i <= b; i++)
				if (K[i] == "res" && IN[i] > floor && IN[i] <= d)
					return i - 1
			return b
		}
		# first_plan(a, b, floor, d): the count of the first plan of
		# the group, -1 when it has none.
		function first_plan(a, b, floor, d,   i) {
			for (i = a; i <= b; i++)
				if (K[i] == "plan" && IN[i] > floor && IN[i] <= d)
					return plan_of(i)
			return -1
		}
		# want(a, b, floor, root): how many results the group stands
		# for: its plan, or its results when more, counting one for a
		# nested group after the last of them (a nested group comes
		# before the result it belongs to). 0: it is shown as
		# diagnostics.
		function want(a, b, floor, root,   d, i, e, r, p, tail) {
			d = level(a, b, floor, root)
			if (d < 0)
				return 0
			r = 0
			tail = 0
			for (i = a; i <= b; i++) {
				if (K[i] == "" || IN[i] <= floor)
					continue
				if (IN[i] <= d) {
					if (K[i] == "res") {
						r++
						tail = 0
					}
					continue
				}
				e = group_end(i, b, floor, d)
				tail = (want(i, e, d, 0) > 0)
				i = e
			}
			r += tail
			p = first_plan(a, b, floor, d)
			return p > r ? p : r
		}
		# numbered(s, k): result line s as result k of its group, in
		# the form a KTAP parser reads: "ok K name # directive", no
		# "#" in the name. A number the program gave otherwise is said.
		function numbered(s, k,   ws, st, t, num, p, head) {
			match(s, /^[ \t]*/)
			ws = substr(s, 1, RLENGTH)
			t = substr(s, RLENGTH + 1)
			st = (t ~ /^not/) ? "not ok" : "ok"
			sub(/^(not )?ok[ \t]*/, "", t)
			num = ""
			if (match(t, /^[0-9]+/)) {
				num = substr(t, 1, RLENGTH)
				t = substr(t, RLENGTH + 1)
			}
			if (num != "" && num + 0 == k &&
			    s ~ /^[ \t]*(not )?ok [0-9]+ ?(:?- )?[^#]*( # .*)?$/)
				return s
			sub(/^[ \t]+/, "", t)
			if (t !~ /^(:?- )?[^#]*( # .*)?$/) {
				p = index(t, " # ")
				head = p ? substr(t, 1, p - 1) : t
				gsub(/#/, "_", head)
				t = head (p ? substr(t, p) : "")
			}
			if (num != "" && num + 0 != k)
				print "    " ws "# the program numbered the next result " num
			return ws st " " k (t == "" ? "" : " " t)
		}
		# show(i, how): print line i as it is ("keep"), as a
		# diagnostic ("" for one, "stray" for a KTAP line out of its
		# place) or as result number how; then take its case.
		function show(i, how,   s) {
			s = L[i]
			if (s ~ /^[ \t]*$/)
				s = "#"
			else if (how == "stray" || (how == "" &&
			    s !~ /^[ \t]*(KTAP version|TAP version|[0-9]+\.\.[0-9]+|#)/))
				s = "# " s
			else if (how + 0 > 0)
				s = numbered(s, how + 0)
			print "    " s
			if (is_result(L[i]) && IN[i] == top)
				record(L[i])
			else if (L[i] !~ /^[ \t]*(KTAP version|TAP version|[0-9]+\.\.[0-9]+|#[ \t]*$|$)/)
				said = 1
		}
		# run_name(i, run): the test a kselftest harness line i
		# ("#  RUN fixture.name ...") starts, else run.
		function run_name(i, run) {
			if (K[i] == "" && split(L[i], W, " ") >= 3 &&
			    W[1] == "#" && W[2] == "RUN")
				run = W[3]
			return run
		}
		# res_name(s): the name a KTAP parser reads in result line s.
		function res_name(s) {
			sub(/^[ \t]*(not )?ok[ \t]*[0-9]*[ \t]?(:?- )?/, "", s)
			sub(/#.*/, "", s)
			sub(/ $/, "", s)
			return s
		}
		# opening(pfx, root, pl, m, p): what follows the version line
		# of a group: the subtest header of the program, unless a
		# result or a kselftest harness test has its name (a parser
		# would take it for the end of the subtest), and a plan of m
		# results unless the group has one (line pl).
		function opening(pfx, root, pl, m, p,   i, named) {
			for (i = 1; root && i <= n; i++)
				if ((K[i] == "res" && res_name(L[i]) == label) ||
				    run_name(i, "") == label)
					named = 1
			if (root && !named)
				print "    " pfx "# Subtest: " label
			if (pl)
				return
			print "    " pfx "1.." m
			if (p >= 0 && p != m)
				print "    " pfx "# 1.." m ": more results than the program planned (" p ")"
		}
		# group(a, b, floor, root, why): print lines a..b, a group of
		# results nested at indentation floor (root: the program
		# output), closed with its missing results.
		function group(a, b, floor, root, why,   d, m, p, pfx, i, e, k, hdr, pl, run) {
			d = level(a, b, floor, root)
			m = want(a, b, floor, root)
			if (m == 0) {
				for (i = a; i <= b; i++)
					show(i, K[i] == "" ? "" : "stray")
				return
			}
			p = first_plan(a, b, floor, d)
			pfx = sprintf("%" d "s", "")
			# Its own version line, subtest header and plan, first.
			hdr = pl = 0
			for (i = a; i <= b && (K[i] == "" || IN[i] <= floor); i++)
				;
			if (i <= b && K[i] == "ver" && IN[i] <= d &&
			    L[i] ~ /^[ \t]*(KTAP version 1|TAP version 1[34])[ \t]*$/) {
				hdr = i
				for (i++; i <= b && (K[i] == "" || IN[i] <= floor); i++)
					;
			}
			if (i <= b && K[i] == "plan" && IN[i] <= d && plan_of(i) == m)
				pl = i
			if (!hdr) {
				print "    " pfx "KTAP version 1"
				opening(pfx, root, pl, m, p)
			}
			k = 0
			run = ""
			for (i = a; i <= b; i++) {
				if (i == hdr || i == pl) {
					show(i, "keep")
					if (i == hdr)
						opening(pfx, root, pl, m, p)
				} else if (K[i] == "" || IN[i] <= floor) {
					show(i, K[i] == "" ? "" : "stray")
					run = run_name(i, run)
				} else if (IN[i] <= d && K[i] == "res") {
					show(i, ++k)
					run = ""
				} else if (IN[i] <= d) {
					show(i, "stray")
				} else {
					e = group_end(i, b, floor, d)
					group(i, e, d, 0, e == n ? why : "the nested group ended early")
					i = e
				}
			}
			for (k++; k <= m; k++) {
				if (run == "")
					run = "missing_" k
				gsub(/#/, "_", run)
				if (fill == "skip")
					print "    " pfx "ok " k " " run " # SKIP " why
				else
					print "    " pfx "not ok " k " " run " # " why
				run = ""
			}
		}
		BEGIN { top = -1; printf "" > cases }
		{
			if (is_result($0) && (top < 0 || indent($0) < top))
				top = indent($0)
			sub(/\r$/, "")
			L[++n] = $0
			IN[n] = indent($0)
			K[n] = kind($0)
		}
		END { group(1, n, -1, 1, why) }' "$tmp/out"
}

# skip_reason: why the program in $tmp/out skipped, from its last "# SKIP".
skip_reason() {
	r=$(sed -n 's/.*#[[:blank:]]*SKIP[[:blank:]]*//p' "$tmp/out" | tail -n 1)
	r=${r#- }
	echo "${r:-exit status 4}"
}

# timed_out RC ELAPSED LIMIT: true when the timeout stopped the test: GNU
# timeout exits 124; busybox timeout execs the test, which then dies of the
# signal (TERM, or KILL after -k) once LIMIT seconds have passed.
timed_out() {
	case $1 in
	124) return 0 ;;
	137 | 143) [ "$2" -ge "$3" ] ;;
	*) return 1 ;;
	esac
}

# judge_exit RC ELAPSED LIMIT: status and reason from the exit status.
judge_exit() {
	status=pass
	reason=
	if timed_out "$@"; then
		status=fail
		reason="timeout after $3s"
	elif [ "$1" -gt 128 ] && [ "$1" -le 192 ] &&
	     sig=$(kill -l $(($1 - 128)) 2>/dev/null) && ! is_count "$sig"; then
		status=fail
		reason="killed by signal SIG${sig#SIG}"
	elif [ "$1" -eq 4 ]; then
		status=skip
		reason=$(skip_reason)
	elif [ "$1" -ne 0 ]; then
		status=fail
		reason="exit status $1"
	fi
}

# judge_cases: a failed case fails the test; a test that passed with every
# case skipped is a skip.
judge_cases() {
	ncases=$(wc -l < "$tmp/cases" | tr -d ' ')
	nfailed=$(grep -c ' fail$' "$tmp/cases")
	nskipped=$(grep -c ' skip$' "$tmp/cases")
	if [ "$nfailed" -gt 0 ] && [ "$status" != fail ]; then
		status=fail
		reason="$nfailed failed case(s)"
	elif [ "$status" = pass ] && [ "$ncases" -gt 0 ] && [ "$nskipped" -eq "$ncases" ]; then
		status=skip
		reason="all $ncases cases skipped"
	fi
}

# judge_kernel_log: a kernel report during the test fails it; the report is
# printed as diagnostics.
judge_kernel_log() {
	[ "$reports_ok" = 1 ] || return 0
	if ! kernel_log "$tmp/log.after"; then
		echo "# kernel log not readable after the test"
		return 0
	fi
	kernel_reports || return 0
	sed 's/^/# dmesg: /' "$tmp/reports"
	[ "$status" = fail ] || reason=
	status=fail
	reason="${reason:+$reason; }kernel report: $first"
}

# descendants PID: the processes below PID, one a line.
descendants() {
	# ls, not a glob: the runner runs with set -f.
	# shellcheck disable=SC2045
	for p in $(ls /proc); do
		case $p in *[!0-9]*) continue ;; esac
		cat "/proc/$p/stat"
	done 2>/dev/null | awk -v root="$1" '
		{
			rest = $0
			sub(/.*\) /, "", rest)
			split(rest, f, " ")
			parent[$1] = f[2]
		}
		END {
			want[root] = 1
			do {
				more = 0
				for (p in parent)
					if (!(p in want) && (parent[p] in want)) {
						want[p] = 1
						more = 1
					}
			} while (more)
			for (p in want)
				if (p != root)
					print p
		}'
}

# test_threads [-s] PID...: the threads of these processes that are not
# zombies, one "pid tid" a line; with -s only those that have not started
# to exit (PF_EXITING, 0x4, not in their flags): after a SIGKILL, such a
# thread has not even begun to die.
test_threads() {
	only_stuck=0
	[ "$1" != -s ] || { only_stuck=1; shift; }
	for p; do
		# shellcheck disable=SC2045 # see descendants
		for t in $(ls "/proc/$p/task" 2>/dev/null); do
			st=$(cat "/proc/$p/task/$t/stat" 2>/dev/null) || continue
			# shellcheck disable=SC2086 # the fields after "(comm) "
			set -- ${st##*) }
			[ "$1" != Z ] || continue
			[ "$only_stuck" = 0 ] || [ $(($7 & 4)) = 0 ] || continue
			echo "$p $t"
		done
	done
}

# report_unkillable LABEL PID...: what the threads of a test that survived
# SIGKILL are doing, as diagnostics: state, CPU, wchan and kernel stack. A
# thread spinning in KVM_RUN is in state R, its stack stale and its wchan
# 0; one asleep shows where. The kernel log gets the blocked tasks (sysrq
# w) and every CPU's backtrace (sysrq l) where a CPU can still take the
# request; the QEMU harness adds what the vCPUs are doing.
report_unkillable() {
	ul=$1
	shift
	echo "smekvm: $ul unkillable: survived SIGKILL" > /dev/kmsg 2>/dev/null
	echo w > /proc/sysrq-trigger 2>/dev/null
	echo l > /proc/sysrq-trigger 2>/dev/null
	# A for loop, not "| while read": busybox ash 1.38's read never saw
	# the line here, after the watchdog's signal (seen under QEMU).
	for pt in $(test_threads "$@" | tr ' ' /); do
		p=${pt%/*}
		t=${pt#*/}
		st=$(cat "/proc/$p/task/$t/stat" 2>/dev/null) || continue
		comm=${st#*(}
		comm=${comm%)*}
		# shellcheck disable=SC2086 # the fields after "(comm) "
		set -- ${st##*) }
		state=$1
		ex=
		[ $(($7 & 4)) = 0 ] || ex=", exiting"
		shift 36
		echo "# unkillable: pid $p tid $t ($comm) state $state$ex on CPU $1," \
			"wchan $(cat "/proc/$p/task/$t/wchan" 2>/dev/null || echo '?')"
		sed 's/^/#   stack: /' "/proc/$p/task/$t/stack" 2>/dev/null
	done
}

# run_watched LIMIT CMD...: run the test under timeout (TERM at LIMIT, KILL
# 5 s later), its output in $tmp/out and its exit status in rc. A watchdog
# (SIGUSR1 to this shell) looks $kill_grace seconds after the KILL, and
# again every $kill_grace seconds while the test is still exiting (tearing
# down VMs under TCG takes seconds): when a thread of it has not started
# to exit, or it is still exiting after $exit_looks looks, the test is
# unkillable; rc is then empty and stuck holds its processes. Waiting for
# it would block forever.
# The test runs in a subshell, not exec'd, so that a signal ("Segmentation
# fault") is reported in the output and the status is a number.
# The watchdog writes nowhere: its sleep outlives it when killed, and must
# not hold the output open (a pipe, as under kselftest's runner, would
# wait for that sleep).
run_watched() {
	wlimit=$1
	shift
	# shellcheck disable=SC2086 # envs and run_env are lists of words
	(cd "$dir" && env $envs $run_env timeout -k 5 "$wlimit" "$@"; exit $?) > "$tmp/out" 2>&1 < /dev/null &
	tpid=$!
	alarm=0
	looks=0
	(sleep $((wlimit + 5 + kill_grace)); kill -USR1 $$) > /dev/null 2>&1 &
	wpid=$!
	while :; do
		wait "$tpid"
		rc=$?
		[ "$alarm" = 1 ] || break
		alarm=0
		stuck=$(descendants "$tpid")
		looks=$((looks + 1))
		# shellcheck disable=SC2086 # a list of pids
		if [ -n "$(test_threads -s $stuck)" ] ||
		   [ "$looks" -gt "$exit_looks" ]; then
			rc=
			return
		fi
		(sleep "$kill_grace"; kill -USR1 $$) > /dev/null 2>&1 &
		wpid=$!
	done
	kill "$wpid" 2>/dev/null
}

# run_one INDEX NAME CASE: run one test, print its KTAP block and append its
# results to $tmp/results.raw.
run_one() {
	idx=$1
	name=$2
	tcase=$3
	label=$name${tcase:+/$tcase}
	# shellcheck disable=SC2046 # tests.list commands are split on blanks
	set -- $(awk -v n="$name" '$1 == n { print; exit }' "$tmp/tests")
	limit=$((${opt_timeout:-$2} * time_scale))
	shift 2
	# Leading VAR=value words set the test's environment, as with env(1);
	# SMEKVM_SKIP_CONFIGS=a,b,... names configurations that leave it out.
	envs=
	skip_in=
	while :; do
		case $1 in
		SMEKVM_SKIP_CONFIGS=*) skip_in=${1#SMEKVM_SKIP_CONFIGS=}; shift ;;
		[A-Za-z_]*=*) envs="$envs $1"; shift ;;
		*) break ;;
		esac
	done
	case $1 in
	/*) ;;
	*) prog=$dir/$1; shift; set -- "$prog" "$@" ;;
	esac
	if echo ",$skip_in," | grep -q -F ",$config,"; then
		set -- /bin/sh -c "echo '# SKIP not run in configuration $config (tests.list: SMEKVM_SKIP_CONFIGS=$skip_in)'; exit 4"
	fi
	if [ -n "$tcase" ]; then
		SMEKVM_CASE=$tcase
		export SMEKVM_CASE
	else
		unset SMEKVM_CASE
	fi

	echo "# $label: seed $seed"
	[ -z "$opt_progress" ] || echo "$name running" >> "$opt_progress"
	[ "$reports_ok" = 1 ] && kernel_log "$tmp/log.before"
	start=$(date +%s)
	if [ -x "$1" ]; then
		run_watched "$limit" "$@"
	else
		echo "cannot execute $1" > "$tmp/out"
		rc=126
	fi
	elapsed=$(($(date +%s) - start))

	if [ -z "$rc" ]; then
		status=fail
		reason="unkillable: alive $((looks * kill_grace))s after SIGKILL; the run stops here"
		stop_run=1
		ended="could not be killed"
	else
		judge_exit "$rc" "$elapsed" "$limit"
		ended=${reason:-exit status $rc}
		[ "$status" != skip ] || ended="skipped, exit status $rc"
	fi
	nest_output "$name" "the program ended early: $ended" "$status"
	# shellcheck disable=SC2086 # a list of pids
	[ -n "$rc" ] || report_unkillable "$label" $stuck
	judge_cases
	judge_kernel_log

	echo "# $label: time $elapsed s"
	case $status in
	pass)
		echo "ok $idx $label"
		passed=$((passed + 1)) ;;
	skip)
		echo "ok $idx $label # SKIP $reason"
		skipped=$((skipped + 1)) ;;
	fail)
		echo "not ok $idx $label # $reason"
		echo "# rerun: $rerun $label"
		failed=$((failed + 1)) ;;
	esac
	echo "$name $status" >> "$tmp/results.raw"
	cat "$tmp/cases" >> "$tmp/results.raw"
	if [ -n "$opt_progress" ]; then
		{ echo "$name $status"; cat "$tmp/cases"; } >> "$opt_progress"
	fi
}

# not_run DONE: a failed result for every selected test after the first
# DONE, which the run stopped before running, so that the plan holds.
not_run() {
	awk -v done="$1" 'NR > done {
		printf "not ok %d %s%s # not run: the run stopped after a test that could not be killed\n",
			NR, $1, ($2 == "" ? "" : "/" $2)
	}' "$tmp/selected"
	failed=$((failed + $(wc -l < "$tmp/selected") - $1))
}

# merge_results: $tmp/results.raw sorted, one line per entry; an entry run
# more than once keeps its worst status (fail, then skip, then pass).
merge_results() {
	awk '{
		r = 1
		if ($2 == "skip") r = 2
		if ($2 == "fail") r = 3
		if (r > rank[$1]) { rank[$1] = r; st[$1] = $2 }
	}
	END { for (n in st) print n, st[n] }' "$tmp/results.raw" | LC_ALL=C sort
}

# compare_expected FULL: compare $tmp/results with $expected; print the
# differences as diagnostics and set bad to the number of differences that
# fail the run. Entries missing from the results count only for a FULL run.
compare_expected() {
	awk -v full="$1" '
		FILENAME == ARGV[1] {
			if ($0 !~ /^[ \t]*#/ && NF == 2 && $2 ~ /^(pass|fail|skip)$/)
				want[$1] = $2
			next
		}
		{ got[$1] = $2 }
		END {
			for (n in got) {
				g = got[n]; e = want[n]
				if (e == "")
					print "new", n, "(" g ")"
				else if (e == "pass" && g == "fail")
					print "regression", n, "(expected pass, got fail)"
				else if (e == "skip" && g == "fail")
					print "newly-failed", n, "(expected skip, got fail)"
				else if (e != "skip" && g == "skip")
					print "newly-skipped", n, "(expected " e ", got skip)"
				else if (e != "pass" && g == "pass")
					print "unexpected-pass", n, "(expected " e ", got pass)"
				else if (e == "fail")
					print "known-failure", n, ""
			}
			if (full)
				for (n in want)
					if (!(n in got))
						print "missing", n, "(expected " want[n] ")"
		}' "$expected" "$tmp/results" | LC_ALL=C sort > "$tmp/diff"

	echo "# comparison with $expected:"
	grep -v '^known-failure ' "$tmp/diff" |
		awk '{ c = $1; sub(/-/, " ", c); $1 = ""; print "# " c ":" $0 }'
	new_failing=$(grep -c '^new .* (fail)$' "$tmp/diff")
	echo "# $(diff_count regression) regressions, $(diff_count newly-failed) newly failed," \
		"$(diff_count missing) missing, $(diff_count new) new ($new_failing failing)," \
		"$(diff_count newly-skipped) newly skipped," \
		"$(diff_count unexpected-pass) unexpected passes," \
		"$(diff_count known-failure) known failures"
	bad=$(($(diff_count regression) + $(diff_count newly-failed) + $(diff_count missing) + new_failing))
}

# diff_count KIND: how many differences of KIND $tmp/diff holds.
diff_count() {
	grep -c "^$1 " "$tmp/diff"
}

# rule_verdict: the per-rule verdict of this run (lib/rule-verdict.awk),
# printed as diagnostics and, with --results, written to "rules" beside
# that file. Fails of the configuration's expected file are known
# failures, whatever the profile; rules_bad=1 when a rule is broken or a
# failure is outside any rule.
# rules.index (made by make install from rules.list and expected/) names the
# rules of every known case, so that only new cases are matched against
# the patterns: busybox awk under TCG takes a minute for that.
rule_verdict() {
	if [ ! -r "$dir/rules.list" ] || [ ! -r "$dir/rule-verdict.awk" ]; then
		echo "# no rules.list: per-rule verdict not given"
		[ "$failed" = 0 ] || rules_bad=1
		return 0
	fi
	results_file > "$tmp/results.cfg"
	index=
	[ ! -r "$dir/rules.index" ] || index=$dir/rules.index
	awk -f "$dir/rule-verdict.awk" -v abi="$dir/abi.md" \
		-v rerun="$rerun" -v what="$config, profile $profile" -v profile="$profile" \
		-v out="${opt_results:+$(dirname "$opt_results")/rules}" \
		"$dir/rules.list" ${index:+"$index"} \
		${known:+"$known"} "$tmp/results.cfg" ||
		rules_bad=1
}

# kmemleak_start: with kmemleak (the debug kernel), forget what boot left
# behind, so that the end of the run reports only what its tests leaked.
kmemleak_start() {
	[ -w "$kmemleak" ] || return 0
	echo clear > "$kmemleak" 2>/dev/null || true
}

# kmemleak_end: with kmemleak, two scans some seconds apart (an object is
# only reported once it is older than kmemleak's minimum age and still
# unreferenced), then its report as diagnostics; leaked=1 when it has one.
# The kernel also logs "N new suspected memory leaks", which fails the
# configuration in the QEMU harness (kernel-reports.txt).
kmemleak_end() {
	leaked=0
	[ -w "$kmemleak" ] || return 0
	echo scan > "$kmemleak" 2>/dev/null || return 0
	[ -n "${SMEKVM_KMEMLEAK:-}" ] || sleep 6
	echo scan > "$kmemleak" 2>/dev/null || return 0
	cat "$kmemleak" > "$tmp/kmemleak" 2>/dev/null
	if [ -s "$tmp/kmemleak" ]; then
		echo "# kmemleak: suspected memory leaks after the run ($kmemleak):"
		head -n 200 "$tmp/kmemleak" | sed 's/^/# kmemleak: /'
		leaked=1
	else
		echo "# kmemleak: no leak found"
	fi
}

# results_file: the results with a header naming the run.
results_file() {
	echo "# smekvm results: config $config, seed $seed, tier $tier, profile $profile"
	cat "$tmp/results"
}

# write_results FILE: the results file.
write_results() {
	results_file > "$1" || die "cannot write $1"
}

# exit_status: 1 on failure (by rules: a broken rule or a failure outside
# any rule; with an expected file: a difference that matters), 4 when every
# test skipped, else 0.
exit_status() {
	[ "$leaked" = 0 ] || return 1
	if [ "$by_rules" = 1 ]; then
		[ "$rules_bad" = 0 ] || return 1
	elif [ -n "$expected" ]; then
		[ "$bad" -eq 0 ] || return 1
	elif [ "$failed" -gt 0 ]; then
		return 1
	fi
	if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
		return 4
	fi
	return 0
}

set -f
opt_list=0
opt_config=
run_env=
opt_expected=
opt_no_expected=0
opt_results=
opt_timeout=
time_scale=1
opt_seed=
tier=ci
profile=ours
by_rules=0
rules_bad=0
opt_nv=0
selection=
opt_progress=
# Seconds a killed test may take to start exiting (see run_watched).
kill_grace=10
# How often a test that is still exiting is looked at again: 2 minutes in
# all, as long as the kernel lets a task sleep before its hung-task report.
exit_looks=12
stop_run=0
while [ $# -gt 0 ]; do
	case $1 in
	--help | -h) usage; exit 0 ;;
	--list) opt_list=1 ;;
	--no-expected) opt_no_expected=1 ;;
	--nv) opt_nv=1 ;;
	--by-rules) by_rules=1 ;;
	--config | --expected | --results | --timeout | --time-scale | \
	--seed | --tier | --profile | --progress)
		[ $# -ge 2 ] || die "option $1 needs a value"
		case $1 in
		--config) opt_config=$2 ;;
		--expected) opt_expected=$2 ;;
		--results) opt_results=$2 ;;
		--timeout) opt_timeout=$2 ;;
		--time-scale) time_scale=$2 ;;
		--seed) opt_seed=$2 ;;
		--tier) tier=$2 ;;
		--profile) profile=$2 ;;
		--progress) opt_progress=$2 ;;
		esac
		shift ;;
	-*) die "unknown option '$1' (see --help)" ;;
	[A-Za-z_]*=*)
		case ${1%%=*} in
		*[!A-Za-z0-9_]*) die "'$1': not a variable name before '='" ;;
		esac
		run_env="$run_env $1" ;;
	*) selection="$selection $1" ;;
	esac
	shift
done

case $tier in
ci | full) ;;
*) die "--tier must be ci or full, not '$tier'" ;;
esac
[ -z "$opt_timeout" ] || { is_count "$opt_timeout" && [ "$opt_timeout" -gt 0 ]; } ||
	die "--timeout needs a positive number of seconds, not '$opt_timeout'"
{ is_count "$time_scale" && [ "$time_scale" -gt 0 ]; } ||
	die "--time-scale needs a positive whole number, not '$time_scale'"
case $profile in
*[!a-z0-9_]* | '') die "bad profile name '$profile'" ;;
esac
[ -z "$opt_seed" ] || is_count "$opt_seed" || die "--seed needs a number, not '$opt_seed'"

self=$0
case $self in
*/*) ;;
*) self=./$self ;;
esac
dir=$(cd "$(dirname "$0")" && pwd) || die "cannot find the install directory"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/smekvm.XXXXXX") || die "cannot create a temporary directory"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT TERM
trap 'alarm=1' USR1

read_tests_list
if [ "$opt_list" = 1 ]; then
	awk '{ print $1 }' "$tmp/tests"
	exit 0
fi
# shellcheck disable=SC2086 # names contain no blanks
select_tests $selection

config=${opt_config:-$(cmdline_config)}
config=${config:-native}
case $config in
*/*) die "bad configuration name '$config'" ;;
esac
expected=
if [ "$opt_no_expected" = 0 ]; then
	if [ -n "$opt_expected" ]; then
		[ -r "$opt_expected" ] || die "cannot read expected file '$opt_expected'"
		expected=$opt_expected
	elif [ -r "$dir/expected/$config" ]; then
		expected=$dir/expected/$config
	fi
fi
seed=${opt_seed:-$(random_seed)}
[ "$profile" = ours ] || by_rules=1
# By rules, expected/ only names the known failures.
known=$expected
[ "$by_rules" = 0 ] || expected=

SMEKVM_SEED=$seed
SMEKVM_TIER=$tier
SMEKVM_PROFILE=$profile
# The configuration, for a test that says how to run it again.
SMEKVM_CONFIG=$config
export SMEKVM_SEED SMEKVM_TIER SMEKVM_PROFILE SMEKVM_CONFIG
if [ "$opt_nv" = 1 ]; then
	unset NV
else
	NV=0
	export NV
fi
rerun="$self --config $config --seed $seed"
[ "$tier" = ci ] || rerun="$rerun --tier $tier"
[ "$profile" = ours ] || rerun="$rerun --profile $profile"
[ "$by_rules" = 0 ] || [ "$profile" != ours ] || rerun="$rerun --by-rules"
[ "$opt_nv" = 0 ] || rerun="$rerun --nv"
[ -z "$opt_timeout" ] || rerun="$rerun --timeout $opt_timeout"
[ "$time_scale" = 1 ] || rerun="$rerun --time-scale $time_scale"
rerun="$rerun$run_env"

setup_kernel_reports
print_header
kmemleak=${SMEKVM_KMEMLEAK:-/sys/kernel/debug/kmemleak}
leaked=0
kmemleak_start

passed=0
failed=0
skipped=0
: > "$tmp/results.raw"
idx=0
while read -r sel_name sel_case; do
	idx=$((idx + 1))
	run_one "$idx" "$sel_name" "$sel_case"
	if [ "$stop_run" = 1 ]; then
		echo "# run stopped: $(($(wc -l < "$tmp/selected") - idx)) test(s) not run after a test that could not be killed"
		not_run "$idx"
		break
	fi
done < "$tmp/selected"

kmemleak_end
merge_results > "$tmp/results"
[ -z "$opt_results" ] || write_results "$opt_results"
bad=0
if [ -n "$expected" ]; then
	full=0
	[ -n "$selection" ] || full=1
	compare_expected "$full"
fi
rule_verdict
echo "# Totals: pass:$passed fail:$failed xfail:0 xpass:0 skip:$skipped error:0"
echo "$passed passed, $failed failed, $skipped skipped"
exit_status
