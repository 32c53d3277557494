#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# results-check.sh - the results page of a run (scripts/results-page.sh)
# and its JUnit XML (scripts/junit.sh), opened in a real browser: Debian's
# headless Chromium (chromium-headless-shell, "scripts/deps.sh browser").
#
# Usage: results-check.sh [RUNDIR]     (default: the last run)
#
# Checks, as KTAP:
#   page_renders           the page loads and its DOM (--dump-dom) is whole
#   every_cell_rendered    every test and configuration of the run's results
#                          files (CONFIG/results) has its cell in the DOM,
#                          with the verdict of the results file
#   names_are_text         every test name is text in the DOM, not markup:
#                          the page escaped it
#   links_resolve          every relative link of the page names a file of
#                          the run
#   junit_well_formed      every CONFIG/junit.xml parses as XML (the
#                          browser's XML parser) and is named after CONFIG
#   screenshot_taken       RUNDIR/index.png, the top of the page
#   check_finds_a_missing_cell, check_finds_a_wrong_verdict
#                          the check can fail: a copy of the page without
#                          one cell, and one with a cell's verdict changed,
#                          are both caught
# A run without a page or JUnit XML (made before they were) gets them
# first. Exit 0 when every check holds. Runs in the tool root, where
# suite.sh results-check (make results-check) installs the browser.
set -eu

. "$(dirname "$0")/common.sh"
run_in_root "$0" "$@"

rdir=${1:-$OUT/runs/latest}
[ -d "$rdir" ] || die "no run directory $rdir"
rdir=$(cd "$rdir" && pwd -P)
browser=chromium-headless-shell
command -v "$browser" > /dev/null ||
	die "no $browser: scripts/deps.sh browser installs it"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/results-check.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

n=0 fails=0 skips=0
# check NAME CMD...: one KTAP result, ok when CMD succeeds; a skip, with
# its reason, when "skip_why" is set.
check() {
	n=$((n + 1))
	name=$1
	shift
	if [ -n "${skip_why:-}" ]; then
		echo "ok $n $name # SKIP $skip_why"
		skips=$((skips + 1))
	elif "$@"; then
		echo "ok $n $name"
	else
		echo "not ok $n $name"
		fails=$((fails + 1))
	fi
}

# browse ARGS... URL: the headless browser, as root without its sandbox,
# with a profile of its own; what it says on stderr goes to a log, whose
# end page_renders shows when the page did not render.
browse() {
	timeout 120 "$browser" --no-sandbox --hide-scrollbars \
		--user-data-dir="$tmp/profile" "$@" 2>> "$tmp/browser.log"
}

# cells DOM: "config test class" for every cell of the matrix in DOM.
cells() {
	awk '
	function attr(s, a) {
		if (!match(s, " " a "=\"[^\"]*\""))
			return ""
		s = substr(s, RSTART + length(a) + 3, RLENGTH - length(a) - 4)
		gsub(/&quot;/, "\"", s)
		gsub(/&lt;/, "<", s)
		gsub(/&gt;/, ">", s)
		gsub(/&amp;/, "\\&", s)
		return s
	}
	{
		s = $0
		while ((i = index(s, "<td ")) > 0) {
			s = substr(s, i + 3)
			t = substr(s, 1, index(s, ">"))
			c = attr(t, "data-c")
			if (c != "")
				print c, attr(t, "data-t"), attr(t, "class")
		}
	}' "$1"
}

# wanted: "config test verdict" for every test of every results file.
wanted() {
	for f in "$rdir"/*/results; do
		[ -f "$f" ] || continue
		c=$(basename "$(dirname "$f")")
		awk -v c="$c" '!/^#/ && NF == 2 && $1 !~ /\// { print c, $1, $2 }' "$f"
	done
}

# has_sections DOM: the page is whole: its matrix and its last section.
has_sections() {
	if grep -q "<table id=\"tests\">" "$1" &&
	   grep -q "<h2 id=\"rules\">" "$1"; then
		return 0
	fi
	tail -n 5 "$tmp/browser.log" | sed "s/^/# browser: /"
	return 1
}

# cells_hold DOM: every wanted cell is in DOM with its verdict (the first
# word of its class); the ones that are not are listed.
cells_hold() {
	cells "$1" > "$tmp/cells"
	# The cells are read in BEGIN: with none, NR == FNR would take the
	# wanted ones for them.
	awk -v cells="$tmp/cells" '
	     BEGIN {
		while ((getline l < cells) > 0) {
			split(l, w, " ")
			have[w[1] " " w[2]] = w[3]
		}
	     }
	     !(($1 " " $2) in have) { print "# missing cell: " $1 " " $2; bad++; next }
	     have[$1 " " $2] != $3 {
		print "# wrong cell: " $1 " " $2 ": " have[$1 " " $2] ", results say " $3
		bad++
	     }
	     END { exit (bad > 0) }' "$tmp/wanted" > "$tmp/cells.why" && s=0 || s=$?
	head -n 10 "$tmp/cells.why"
	return "$s"
}

# names_hold DOM: every test name of the results files is text in DOM (a
# name with "<" or "&" that the page did not escape would be markup).
names_hold() {
	# The names are read in BEGIN: with none, NR == FNR would take
	# the page for them.
	cut -d' ' -f2 "$tmp/wanted" | sort -u > "$tmp/names"
	awk -v names="$tmp/names" '
	BEGIN {
		while ((getline l < names) > 0) {
			e = l
			gsub(/&/, "\\&amp;", e)
			gsub(/</, "\\&lt;", e)
			gsub(/>/, "\\&gt;", e)
			want[">" e "</"] = l
		}
	}
	{
		for (k in want)
			if (index($0, k)) {
				delete want[k]
			}
	}
	END {
		for (k in want) {
			print "# not text in the page: " want[k]
			bad = 1
		}
		exit bad
	}' "$1"
}

# links_hold DOM: every relative href names a file in the run.
links_hold() {
	awk '{
		s = $0
		while (match(s, /href="[^"]*"/)) {
			l = substr(s, RSTART + 6, RLENGTH - 7)
			s = substr(s, RSTART + RLENGTH)
			gsub(/&amp;/, "\\&", l)
			if (l !~ /^#/)
				print l
		}
	}' "$1" | sort -u > "$tmp/links"
	s=0
	while read -r l; do
		case $l in
		*://* | /*) echo "# not a relative link: $l"; s=1 ;;
		*) [ -f "$rdir/$l" ] || { echo "# link to nothing: $l"; s=1; } ;;
		esac
	done < "$tmp/links"
	[ -s "$tmp/links" ] || { echo "# no link at all"; s=1; }
	return "$s"
}

# junit_hold: each configuration's junit.xml is XML to the browser and
# its root suite is named after the configuration.
junit_hold() {
	s=0
	for f in "$rdir"/*/results.ktap; do
		[ -f "$f" ] || continue
		d=$(dirname "$f")
		c=$(basename "$d")
		if [ ! -s "$d/junit.xml" ]; then
			echo "# $c: no junit.xml"
			s=1
			continue
		fi
		browse --dump-dom "file://$d/junit.xml" > "$tmp/junit.dom" || true
		if grep -q '<parsererror' "$tmp/junit.dom" ||
		   ! grep -q '&lt;testsuite' "$tmp/junit.dom"; then
			echo "# $c: junit.xml does not parse as XML"
			s=1
		fi
		sed -n 2p "$d/junit.xml" | grep -q "^<testsuite name=\"$c\"" || {
			echo "# $c: the root suite of junit.xml is not named $c"
			s=1
		}
	done
	return "$s"
}

echo "KTAP version 1"
echo "1..8"
echo "# run: $rdir"
# A run from before the page and the JUnit XML: made now.
for f in "$rdir"/*/results.ktap; do
	if [ -f "$f" ] && [ ! -f "$(dirname "$f")/junit.xml" ]; then
		sh "$TOP/scripts/junit.sh" "$(dirname "$f")" || true
	fi
done
if [ ! -f "$rdir/index.html" ]; then
	echo "# no index.html: made now"
	sh "$TOP/scripts/results-page.sh" "$rdir"
fi
wanted > "$tmp/wanted"
echo "# $(wc -l < "$tmp/wanted") cells in the results files"

browse --dump-dom "file://$rdir/index.html" > "$tmp/index.dom" || true
check page_renders has_sections "$tmp/index.dom"
check every_cell_rendered cells_hold "$tmp/index.dom"
check names_are_text names_hold "$tmp/index.dom"
check links_resolve links_hold "$tmp/index.dom"
check junit_well_formed junit_hold

# The screenshot: as high as the matrix, within reason.
rows=$(cut -d' ' -f2 "$tmp/wanted" | sort -u | wc -l)
h=$((600 + 44 * rows))
[ "$h" -le 6000 ] || h=6000
rm -f "$rdir/index.png"
browse --window-size="1400,$h" --screenshot="$rdir/index.png" \
	"file://$rdir/index.html" > /dev/null || true
check screenshot_taken test -s "$rdir/index.png"

# The check must be able to fail: two changed pages must be caught.
#
# mutate WHAT: the page with that change, on stdout: "missing", the first
# cell of the matrix with a verdict taken out; "wrong", the first passing
# cell made to say "fail".
mutate() {
	awk -v what="$1" '
	!done && what == "missing" {
		# off: where s, the rest of the line, starts in it.
		s = $0
		off = 0
		while ((i = index(s, "<td class=\"")) > 0) {
			rest = substr(s, i)
			d = index(rest, " data-c=")
			if (rest !~ /^<td class="none"/ && d > 0 && d < index(rest, ">")) {
				$0 = substr($0, 1, off + i - 1) \
					substr(rest, index(rest, "</td>") + 5)
				done = 1
				break
			}
			off += i
			s = substr(s, i + 1)
		}
	}
	!done && what == "wrong" && (i = index($0, "<td class=\"pass\" data-c=")) > 0 {
		$0 = substr($0, 1, i - 1) "<td class=\"fail\"" substr($0, i + 16)
		done = 1
	}
	{ print }' "$rdir/index.html"
}
# caught WHAT LINE: the check fails on the page changed by WHAT, saying
# LINE (an extended regular expression).
caught() {
	mutate "$1" > "$tmp/$1.html"
	browse --dump-dom "file://$tmp/$1.html" > "$tmp/$1.dom" || true
	! cells_hold "$tmp/$1.dom" > "$tmp/$1.why" &&
		grep -q -E "$2" "$tmp/$1.why" && sed -n 1p "$tmp/$1.why"
}
# A run whose configurations ended before any test (a boot that failed,
# an unknown test name) has no cell to take out or change.
grep -q . "$tmp/wanted" || skip_why="no cell in the run to take out"
check check_finds_a_missing_cell caught missing '^# missing cell: '
grep -q ' pass$' "$tmp/wanted" || skip_why="no passing cell in the run to change"
check check_finds_a_wrong_verdict caught wrong '^# wrong cell: .*: fail, results say pass$'
skip_why=

echo "# page: $rdir/index.html, screenshot: $rdir/index.png"
echo "$((n - fails - skips)) passed, $fails failed, $skips skipped"
[ "$fails" = 0 ]
