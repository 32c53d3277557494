#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# junit.sh - the JUnit XML of configurations of a run, for CI dashboards
# (GitLab, Jenkins and the like read JUnit, not KTAP).
#
# Usage: junit.sh DIR...
#
# DIR/junit.xml is made from DIR/results.ktap, a configuration's KTAP, by
# the kernel's own KTAP parser (kunit.py parse --junit, of the kernel
# source in the dependency cache, kunit_py in common.sh): no parser of
# ours. The root test suite, which kunit.py calls "main", is given the
# name of the configuration (DIR's name), so that a dashboard showing the
# files of several configurations tells them apart.
#
# One file per configuration, not one per matrix: a configuration is one
# boot, and its results.ktap one KTAP document, which is what kunit.py
# reads; the configurations of a matrix repeat the same test and case
# names, which one document would have to rename; a configuration's file
# is written as soon as it ends (harness.sh, run_matrix), so a matrix cut
# short keeps those of the configurations that ran; and dashboards take
# many files by a glob (build/runs/latest/*/junit.xml).
#
# Prints a KTAP diagnostic line per DIR: kunit.py's count of the tests,
# or why there is no file; that count and the parser's errors, if any,
# are kept in DIR/junit.log. Exit 1 when kunit.py cannot be run (no
# python3, no kernel source). Runs in the tool root.
set -eu

. "$(dirname "$0")/common.sh"
run_in_root "$0" "$@"

[ $# -gt 0 ] || die "usage: junit.sh DIR..."
why=
command -v python3 > /dev/null || why="no python3 for kunit.py"
[ -n "$why" ] || { kunit=$(kunit_py) && [ -f "$kunit" ]; } ||
	why="no kernel source with tools/testing/kunit/kunit.py"
if [ -n "$why" ]; then
	echo "# no junit.xml: $why"
	exit 1
fi

for d in "$@"; do
	[ -d "$d" ] || { echo "# $d: no such directory"; continue; }
	d=$(cd "$d" && pwd)
	c=$(basename "$d")
	if [ ! -s "$d/results.ktap" ]; then
		echo "# $c: no junit.xml: no results.ktap"
		continue
	fi
	rm -f "$d/junit.xml" "$d/junit.xml.tmp"
	# kunit.py changes to the kernel tree: absolute paths. It exits 1
	# when a test failed; whether it wrote the file is what counts. No
	# bytecode is written into the kernel source.
	PYTHONDONTWRITEBYTECODE=1 python3 "$kunit" parse \
		--junit="$d/junit.xml.tmp" "$d/results.ktap" > "$d/junit.log" 2>&1 ||
		true
	if [ ! -s "$d/junit.xml.tmp" ]; then
		echo "# $c: no junit.xml: kunit.py parse failed ($(tail -n 1 "$d/junit.log"))"
		continue
	fi
	case $c in
	*[!A-Za-z0-9_.-]*) mv "$d/junit.xml.tmp" "$d/junit.xml" ;;
	*)
		sed "2s/^<testsuite name=\"[^\"]*\"/<testsuite name=\"$c\"/" \
			"$d/junit.xml.tmp" > "$d/junit.xml"
		rm -f "$d/junit.xml.tmp"
		;;
	esac
	# Its one-line count, and the parser's errors, if any, are kept;
	# the rest of what it prints (every test again) is not.
	grep -a -e 'Testing complete\.' -e '\[ERROR\]' "$d/junit.log" |
		sed 's/^\[[0-9:]*\] //' > "$d/junit.log.tmp" || true
	mv "$d/junit.log.tmp" "$d/junit.log"
	n=$(grep -c "\\[ERROR\\]" "$d/junit.log") || true
	msg=$(sed -n "s/^Testing complete\\. //p" "$d/junit.log")
	[ "$n" = 0 ] || msg="$msg; $n errors of the parser (junit.log)"
	echo "# $c: junit.xml: $msg"
done
