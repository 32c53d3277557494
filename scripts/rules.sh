#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# rules.sh - rules.list on the build host: its self-test, the table of
# doc/conformance.md made from it, and the per-rule verdict of a matrix or
# of a mutation. Everything that reads rules.list goes through
# lib/rule-verdict.awk, the one parser of it.
#
# Usage: rules.sh COMMAND
#   check                   the faults of rules.list (a rule of doc/abi.md
#                           it lacks, an ID that is not a rule, a pattern
#                           matching no case of expected/, a case of ours
#                           no rule claims, a mutation whose catching cases
#                           no rule of its header claims) and whether the
#                           table in doc/conformance.md is up to date;
#                           exit 1 on any
#   doc                     rewrite that table from rules.list
#   matrix RUNDIR CONFIG... the verdict over the configurations of a run
#                           (RUNDIR/CONFIG/results), into RUNDIR/rules too
#   mutation PATCH RESULTS  whether every rule on PATCH's "Rule:" lines is
#                           broken in RESULTS; exit 1 when one is not
set -eu

. "$(dirname "$0")/common.sh"

AWK="awk -f $TOP/lib/rule-verdict.awk -v abi=$TOP/doc/abi.md"
RULES=$TOP/rules.list
DOC=$TOP/doc/conformance.md
tmp=$(mktemp -d "${TMPDIR:-/tmp}/rules.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# known_names: every result name of expected/, as a results file in which
# each of them failed.
known_names() {
	echo "# smekvm results: config lint, every name of expected/"
	cat "$TOP"/expected/* | grep -v '^#' | awk 'NF == 2 { print $1, "fail" }' |
		LC_ALL=C sort -u
}

# mutation_rules: "rule mutation" a line, from the headers of mutations/.
mutation_rules() {
	for p in "$TOP"/mutations/*.patch; do
		m=$(basename "$p" .patch)
		sed -n 's/^Rule: *\([a-z0-9_-]*\).*/\1/p' "$p" | sed "s/\$/ ${m%%-*}/"
	done
}

# broken_in RESULTS: the rules the results break, one a line.
broken_in() {
	$AWK -v out="$tmp/verdict" "$RULES" "$1" > /dev/null || true
	awk -F '\t' '$3 == "broken" { print $1 }' "$tmp/verdict"
}

# mutation_check PATCH RESULTS: every rule PATCH names is broken.
mutation_check() {
	missed=
	for r in $(sed -n 's/^Rule: *\([a-z0-9_-]*\).*/\1/p' "$1"); do
		broken_in "$2" | grep -q -x -F "$r" || missed="$missed $r"
	done
	[ -z "$missed" ] && return 0
	echo "$(basename "$1"): rule(s) not broken:$missed"
	return 1
}

# doc_table: doc/conformance.md with the table between the markers made
# anew from rules.list.
doc_table() {
	mutation_rules > "$tmp/muts"
	$AWK -v table="$tmp/muts" "$RULES" > "$tmp/table"
	awk -v t="$tmp/table" '
		/^<!-- rules.list begin/ { print; while ((getline l < t) > 0) print l; skip = 1; next }
		/^<!-- rules.list end/ { skip = 0 }
		!skip' "$DOC"
}

cmd=${1:-}
[ $# -gt 0 ] && shift
case $cmd in
check)
	[ -f "$RULES" ] || die "no rules.list"
	known_names > "$tmp/names"
	$AWK -v lint=1 "$RULES" "$tmp/names" > "$tmp/faults"
	for p in "$TOP"/mutations/*.patch; do
		sed -n 's/^Catch: *\([^ ]*\).*/\1 fail/p' "$p" > "$tmp/catch"
		mutation_check "$p" "$tmp/catch" | sed 's/^/# lint: /' >> "$tmp/faults" || true
	done
	# The rules index that make install writes (rules.index) must give
	# every known case the verdict its patterns give.
	$AWK -v mkindex=1 "$RULES" "$tmp/names" > "$tmp/index"
	$AWK -v out="$tmp/by-patterns" "$RULES" "$tmp/names" > /dev/null || true
	$AWK -v out="$tmp/by-index" "$RULES" "$tmp/index" "$tmp/names" > /dev/null || true
	cmp -s "$tmp/by-patterns" "$tmp/by-index" ||
		echo "# lint: the rules index gives another verdict than the patterns of rules.list" >> "$tmp/faults"
	grep -q '^<!-- rules.list begin' "$DOC" ||
		echo "# lint: doc/conformance.md has no '<!-- rules.list begin' line" >> "$tmp/faults"
	doc_table > "$tmp/doc"
	cmp -s "$tmp/doc" "$DOC" ||
		echo "# lint: the table of doc/conformance.md is not what rules.list says (scripts/rules.sh doc)" >> "$tmp/faults"
	cat "$tmp/faults"
	n=$(grep -c '^# lint:' "$tmp/faults" || true)
	u=$(grep -c '^# untested:' "$tmp/faults" || true)
	r=$(grep '^abi-' "$RULES" | cut -d' ' -f1 | sort -u | wc -l)
	echo "# rules.list: $r rules, $u of them with no case (listed above), $n fault(s)"
	[ "$n" = 0 ]
	;;
doc)
	doc_table > "$tmp/doc"
	cat "$tmp/doc" > "$DOC"
	;;
matrix)
	[ $# -ge 2 ] || die "usage: rules.sh matrix RUNDIR CONFIG..."
	rdir=$1
	shift
	# shellcheck disable=SC2046 # configuration names have no blanks
	set -- $(for c in "$@"; do
		[ ! -s "$rdir/$c/results" ] || echo "$c"
	done)
	[ $# -gt 0 ] || { echo "# per-rule verdict: no results"; exit 0; }
	files=
	for c in "$@"; do
		[ ! -f "$TOP/expected/$c" ] || files="$files $TOP/expected/$c"
		files="$files $rdir/$c/results"
	done
	# The command that reruns a case on the same kernel and profile.
	kernel=
	if [ -n "${SERIES:-}" ]; then
		kernel=" SERIES=$SERIES"
	elif [ -n "${KSRC:-}" ]; then
		kernel=" KSRC=$KSRC"
	elif [ -n "${KERNEL:-}" ]; then
		kernel=" KERNEL=$KERNEL"
	fi
	# shellcheck disable=SC2086 # paths without blanks
	$AWK -v out="$rdir/rules" -v profile="${PROFILE:-ours}" \
		-v what="$(echo "$*" | sed 's/ /, /g')" \
		-v rerun="make run$kernel${PROFILE:+ PROFILE=$PROFILE} CONFIGS=@CONFIG@ RUNNER_ARGS=" \
		"$RULES" $files
	;;
mutation)
	[ $# = 2 ] || die "usage: rules.sh mutation PATCH RESULTS"
	mutation_check "$1" "$2"
	;;
*)
	die "unknown command '$cmd' (check, doc, matrix, mutation)"
	;;
esac
