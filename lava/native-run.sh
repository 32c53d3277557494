#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# native-run.sh - the step of the LAVA test definition lava/smekvm-native.yaml:
# run the installed suite natively on an arm64 board and report every
# result to LAVA.
#
# Usage: native-run.sh SUITE [RUNNER ARGS...]
#
# SUITE is the suite's install tree, or the URL of a gzipped tarball of
# one (file://, or any URL wget or curl fetches). The KTAP goes to the job
# log; then each entry of the results file is one lava-test-case, in one
# lava-test-set per program, named by lava/case-name.awk; the case
# "verdict" is the run's verdict: pass when run_tests.sh exits 0 (no
# failure; with an expected file, no difference that fails a run) or 4
# (all skipped).
# A suite that cannot be found or fetched is the failed case "setup".
# Runs under any POSIX sh with awk and tar, as LAVA's test shell does.
set -u

here=$(cd "$(dirname "$0")" && pwd)
suite=${1:?usage: native-run.sh SUITE [RUNNER ARGS...]}
shift
work=$(mktemp -d "${TMPDIR:-/tmp}/smekvm-lava.XXXXXX") || exit 1
trap 'rm -rf "$work"' EXIT

# setup_failed WHY: say why, report the failed setup, stop.
setup_failed() {
	echo "native-run.sh: $*" >&2
	lava-test-case setup --result fail
	exit 1
}

case $suite in
file://*)
	cp "${suite#file://}" "$work/suite.tar.gz" ||
		setup_failed "cannot fetch $suite"
	;;
*://*)
	if command -v wget > /dev/null; then
		wget -q -O "$work/suite.tar.gz" "$suite"
	else
		curl -fsSL -o "$work/suite.tar.gz" "$suite"
	fi || setup_failed "cannot fetch $suite"
	;;
esac
if [ -f "$work/suite.tar.gz" ]; then
	{ mkdir "$work/suite" && tar -C "$work/suite" -xzf "$work/suite.tar.gz"; } ||
		setup_failed "cannot unpack $suite"
	suite=$work/suite
fi
[ -x "$suite/run_tests.sh" ] ||
	setup_failed "$suite is not an installed suite (no run_tests.sh)"
lava-test-case setup --result pass

"$suite/run_tests.sh" --config native --results "$work/results" "$@"
status=$?

awk -f "$here/case-name.awk" "$work/results" 2>/dev/null | sort -k1,1 -k2,2 |
{
	cur=
	while read -r set case result; do
		if [ "$set" != "$cur" ]; then
			[ -z "$cur" ] || lava-test-set stop
			lava-test-set start "$set"
			cur=$set
		fi
		lava-test-case "$case" --result "$result"
	done
	[ -z "$cur" ] || lava-test-set stop
}
verdict=fail
[ "$status" = 0 ] || [ "$status" = 4 ] && verdict=pass
lava-test-case verdict --result "$verdict"
