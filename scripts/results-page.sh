#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# results-page.sh - RUNDIR/index.html, one page of a matrix run for people
# to look at: the per-test KTAP and logs are thousands of lines per
# configuration, and a reader wants to see at a glance which test failed
# where and which rule of doc/abi.md that breaks.
#
# Usage: results-page.sh RUNDIR
#
# The page has, from the files of the run directory (harness.sh,
# run_matrix):
#   - a matrix of test programs (rows) by configurations (columns), from
#     each CONFIG/results: every cell pass, fail or skip, coloured, with
#     its count of cases; a failure that expected/CONFIG lists too (a
#     known failure, doc/known-issues.md) is told apart from a new one;
#   - the configurations (summary): verdict, counts, time, kernel, the
#     comparison with expected/, and relative links to results.ktap,
#     console.log, qemu.log and junit.xml (scripts/junit.sh);
#   - the failed cases of each test, in every configuration, folded;
#   - the per-rule verdict of each rules file (RUNDIR/rules, of the whole
#     matrix, and CONFIG/rules where there are): the broken rules with
#     their example case and the command that reruns it, and how many
#     rules held, had only known failures or were not checked.
# It is self-contained: inline CSS, no script, nothing from the network.
# Everything taken from the files is escaped. Made by POSIX sh and awk,
# in well under a second for nine configurations (doc/benchmarks.md);
# scripts/results-check.sh opens it in a headless browser.
set -eu

. "$(dirname "$0")/common.sh"

if [ $# != 1 ] || [ ! -d "$1" ]; then
	die "usage: results-page.sh RUNDIR"
fi
rdir=$(cd "$1" && pwd)

# The configurations with results: in the order of the summary, then any
# other directory with results (a run stopped before its summary).
cols=$({
	[ ! -f "$rdir/summary" ] || cut -d'|' -f1 "$rdir/summary"
	for d in "$rdir"/*/; do basename "$d"; done
} | awk '!seen[$0]++' | while read -r c; do
	[ ! -f "$rdir/$c/results" ] || printf '%s ' "$c"
done)

awk -v rdir="$rdir" -v cols="$cols" -v expdir="$TOP/expected" \
    -v run="$(basename "$rdir")" -v sq="'" '
function esc(s) {
	gsub(/&/, "\\&amp;", s)
	gsub(/</, "\\&lt;", s)
	gsub(/>/, "\\&gt;", s)
	gsub(/"/, "\\&quot;", s)
	gsub(sq, "\\&#39;", s)
	return s
}
function first_line(f,	l) {
	l = ""
	if ((getline l < f) <= 0)
		l = ""
	close(f)
	return l
}
function exists(f,	l, r) {
	r = (getline l < f) >= 0
	close(f)
	return r
}
# link(FILE, TEXT): a relative link to FILE of the run, if it is there.
function link(f, t) {
	if (!exists(rdir "/" f))
		return ""
	return " <a href=\"" esc(f) "\">" esc(t) "</a>"
}
# cell(CLASS, TEXT, DETAIL, TITLE, ATTRS): one cell of a matrix.
function cell(c, t, d, ti, a) {
	return "<td class=\"" c "\"" a (ti != "" ? " title=\"" esc(ti) "\"" : "") \
		">" esc(t) (d != "" ? "<span class=\"n\">" esc(d) "</span>" : "") "</td>"
}
# read_results(J): configuration J: its results, expected file and KTAP.
function read_results(j,	c, f, l, name, st, p, i, a) {
	c = col[j]
	f = expdir "/" c
	while ((getline l < f) > 0)
		if (l !~ /^#/ && split(l, a, " ") == 2)
			exp_[j, a[1]] = a[2]
	close(f)
	f = rdir "/" c "/results"
	while ((getline l < f) > 0) {
		if (l ~ /^#/ || split(l, a, " ") != 2)
			continue
		name = a[1]
		st = a[2]
		i = index(name, "/")
		p = i ? substr(name, 1, i - 1) : name
		if (!(p in isrow)) {
			isrow[p] = 1
			row[++nrows] = p
		}
		if (i) {
			cs[j, name] = st
			nc[j, p, st]++
			if (st == "fail" && !(name in isfc)) {
				isfc[name] = 1
				fc[p, ++nfc[p]] = name
			}
		} else {
			prog[j, p] = st
		}
		if (st == "fail" && exp_[j, name] != "fail")
			newfail[j, p]++
	}
	close(f)
	f = rdir "/" c "/results.ktap"
	while ((getline l < f) > 0) {
		if (l ~ /^# smekvm: config /)
			settings[j] = substr(l, index(l, ",") + 2)
		else if (l ~ /^# kernel: /)
			kernel[j] = substr(l, 11)
		else if (l ~ /^# [0-9]+ regressions, /)
			cmp_[j] = substr(l, 3)
	}
	close(f)
	verdict[j] = first_line(rdir "/" c "/verdict")
}
function verdict_class(v) {
	return v == "pass" ? "pass" : "fail"
}
# matrix(): tests by configurations.
function matrix(	r, j, p, st, np, nf, ns, n, cl, t, d, a) {
	print "<h2 id=\"matrix\">Tests by configuration</h2>"
	print "<p class=\"legend\">Cells: <span class=\"pass\">pass</span>" \
		" <span class=\"fail\">fail</span>" \
		" <span class=\"known\">fail (known: expected/ lists it)</span>" \
		" <span class=\"skip\">skip</span>" \
		" <span class=\"none\">- not run</span>;" \
		" below the verdict, the count of the test" sq "s cases. A test" \
		" with failed cases links to them.</p>"
	print "<table id=\"tests\"><thead><tr><th>test</th>"
	for (j = 1; j <= ncols; j++)
		printf "<th class=\"%s\"><a href=\"#cfg-%s\">%s</a></th>\n", \
			verdict_class(verdict[j]), esc(col[j]), esc(col[j])
	print "</tr></thead><tbody>"
	for (r = 1; r <= nrows; r++) {
		p = row[r]
		if (nfc[p] > 0)
			printf "<tr><th><a href=\"#fail-%s\">%s</a></th>", esc(p), esc(p)
		else
			printf "<tr><th>%s</th>", esc(p)
		for (j = 1; j <= ncols; j++) {
			st = prog[j, p]
			a = " data-c=\"" esc(col[j]) "\" data-t=\"" esc(p) "\""
			if (st == "") {
				printf "%s", cell("none", "-", "", "not run in " col[j], a)
				continue
			}
			np = nc[j, p, "pass"] + 0
			nf = nc[j, p, "fail"] + 0
			ns = nc[j, p, "skip"] + 0
			n = np + nf + ns
			cl = st
			t = st
			if (st == "fail" && newfail[j, p] == 0) {
				cl = "fail known"
				t = "fail (known)"
			}
			d = ""
			if (nf > 0 || (st == "fail" && n > 0))
				d = nf " of " n " failed"
			else if (ns > 0)
				d = ns " of " n " skipped"
			else if (n > 0)
				d = n (n == 1 ? " case" : " cases")
			printf "%s", cell(cl, t, d, (n > 0) ? n " cases: " np \
				" passed, " nf " failed, " ns " skipped" : "", a)
		}
		print "</tr>"
	}
	print "</tbody></table>"
}
# read_summary(): the items of the matrix (summary: "name|verdict|passed|
# failed|skipped|seconds"), and their totals.
function read_summary(	f, l, k) {
	f = rdir "/summary"
	while ((getline l < f) > 0) {
		split(l, sum_, "|")
		items++
		item[items] = sum_[1]
		for (k = 2; k <= 6; k++)
			item[items, k] = sum_[k]
		tp += sum_[3]
		tf += sum_[4]
		ts += sum_[5]
		if (sum_[2] != "pass")
			bad++
	}
	close(f)
}
# configurations(): the items of the summary, with their files.
function configurations(	i, j, c, ci, files, v) {
	print "<h2 id=\"configurations\">Configurations</h2>"
	print "<table id=\"configs\"><thead><tr><th>configuration</th>" \
		"<th>verdict</th><th>tests passed</th><th>failed</th>" \
		"<th>skipped</th><th>seconds</th><th>settings</th>" \
		"<th>kernel</th><th>against expected/</th><th>files</th>" \
		"</tr></thead><tbody>"
	for (i = 1; i <= items; i++) {
		c = item[i]
		ci = 0
		for (j = 1; j <= ncols; j++)
			if (col[j] == c)
				ci = j
		if (c == "harness_selftest")
			files = link("selftest.ktap", "selftest.ktap")
		else if (c == "lava_check")
			files = link("lava-check.ktap", "lava-check.ktap")
		else
			files = link(c "/results.ktap", "results.ktap") \
				link(c "/console.log", "console.log") \
				link(c "/qemu.log", "qemu.log") \
				link(c "/junit.xml", "junit.xml") \
				link(c "/results", "results") \
				link(c "/rules", "rules")
		v = item[i, 2]
		printf "<tr id=\"cfg-%s\"><th>%s</th><td class=\"%s\">%s</td>" \
			"<td>%s</td><td>%s</td><td>%s</td><td>%s</td><td>%s</td>" \
			"<td>%s</td><td>%s</td><td>%s</td></tr>\n", \
			esc(c), esc(c), verdict_class(v), esc(v), esc(item[i, 3]), \
			esc(item[i, 4]), esc(item[i, 5]), esc(item[i, 6]), \
			esc(settings[ci]), esc(kernel[ci]), esc(cmp_[ci]), files
	}
	if (items == 0)
		print "<tr><td colspan=\"10\">no summary: the run did not finish</td></tr>"
	print "</tbody></table>"
}
# failures(): the failed cases of each test, folded.
function failures(	r, p, k, name, j, st, cl, shown) {
	print "<h2 id=\"failures\">Failed cases</h2>"
	shown = 0
	for (r = 1; r <= nrows; r++) {
		p = row[r]
		if (nfc[p] == 0)
			continue
		shown++
		printf "<details id=\"fail-%s\"><summary>%s: %d cases failed</summary>\n", \
			esc(p), esc(p), nfc[p]
		print "<table class=\"cases\"><thead><tr><th>case</th>"
		for (j = 1; j <= ncols; j++)
			printf "<th>%s</th>", esc(col[j])
		print "</tr></thead><tbody>"
		for (k = 1; k <= nfc[p] && k <= 300; k++) {
			name = fc[p, k]
			printf "<tr><th>%s</th>", esc(name)
			for (j = 1; j <= ncols; j++) {
				st = cs[j, name]
				cl = st == "" ? "none" : st
				if (st == "fail" && exp_[j, name] == "fail")
					cl = "fail known"
				printf "%s", cell(cl, st == "" ? "-" : st, "", "", "")
			}
			print "</tr>"
		}
		if (nfc[p] > 300)
			printf "<tr><td colspan=\"%d\">... %d more: see the results files</td></tr>\n", \
				ncols + 1, nfc[p] - 300
		print "</tbody></table></details>"
	}
	if (shown == 0)
		print "<p>No case failed.</p>"
}
# rules(FILE, WHAT): the per-rule verdict of one rules file (a tab-separated
# table, lib/rule-verdict.awk).
function rules(f, what,	l, a, n, v, cnt, body, total) {
	if (!exists(f))
		return
	n = 0
	body = ""
	while ((getline l < f) > 0) {
		if (l ~ /^#/)
			continue
		split(l, a, "\t")
		cnt[a[3]]++
		n++
		if (a[3] != "broken")
			continue
		total = a[4] + a[5] + a[6] + a[7]
		body = body "<tr><th>" esc(a[1]) "</th><td>" esc(a[2]) \
			"</td><td>" esc(a[10]) "</td><td class=\"fail\">" \
			esc(a[4]) " of " total "</td><td>" esc(a[8]) \
			"</td><td>" esc(a[9]) "</td><td><code>" \
			esc(a[11] == "" ? "-" : a[11]) "</code></td></tr>\n"
	}
	close(f)
	printf "<h3>%s</h3>\n", esc(what)
	printf "<p class=\"rulecount\">%d rules: <span class=\"pass\">%d held</span>," \
		" <span class=\"fail\">%d broken</span>, <span class=\"known\">%d" \
		" with known failures only</span>, <span class=\"skip\">%d not" \
		" checked</span>%s.</p>\n", n, cnt["held"], cnt["broken"], \
		cnt["known"], cnt["unchecked"] + cnt["ours-differs"], \
		cnt["ours-differs"] ? " (" cnt["ours-differs"] " of them [ours]" \
		" rules this profile does not judge, with failures)" : ""
	if (body == "")
		return
	print "<table class=\"rules\"><thead><tr><th>broken rule</th><th>class</th>" \
		"<th>short name</th><th>cases failed</th><th>example</th>" \
		"<th>configuration</th><th>rerun</th></tr></thead><tbody>"
	printf "%s", body
	print "</tbody></table>"
}
BEGIN {
	ncols = split(cols, col, " ")
	for (j = 1; j <= ncols; j++)
		read_results(j)
	print "<!DOCTYPE html>"
	print "<html lang=\"en\"><head><meta charset=\"utf-8\">"
	printf "<title>KVM SME suite: run %s</title>\n", esc(run)
	print "<style>"
	print "body { font-family: sans-serif; margin: 1em 2em; color: #222; }"
	print "table { border-collapse: collapse; margin: 0.5em 0; }"
	print "th, td { border: 1px solid #bbb; padding: 2px 6px; text-align: left; vertical-align: top; }"
	print "thead th { background: #eee; position: sticky; top: 0; }"
	print ".pass { background: #bfe8bf; }"
	print ".fail { background: #f2a8a8; }"
	print ".known { background: #f5d98f; }"
	print ".skip { background: #e2e2e2; color: #444; }"
	print ".none { color: #888; }"
	print "span.pass, span.fail, span.known, span.skip, span.none { padding: 0 4px; }"
	print ".n { display: block; font-size: 80%; color: #333; }"
	print "summary { cursor: pointer; margin: 0.3em 0; }"
	print "code { font-size: 90%; }"
	print "</style></head><body>"
	printf "<h1>KVM SME suite: run %s</h1>\n", esc(run)
	read_summary()
	all = (items == 0) ? "unfinished" : bad ? "fail" : "pass"
	printf "<p id=\"verdict\" class=\"%s\">%s: %d item%s of the matrix, " \
		"%d not passed; test programs: %d passed, %d failed, " \
		"%d skipped. Rows: test programs; columns: configurations." \
		"</p>\n", verdict_class(all), all, items, \
		items == 1 ? "" : "s", bad, tp, tf, ts
	print "<p><a href=\"#matrix\">tests</a> | <a href=\"#configurations\">" \
		"configurations</a> | <a href=\"#failures\">failed cases</a> | " \
		"<a href=\"#rules\">per-rule verdict</a></p>"
	matrix()
	configurations()
	failures()
	print "<h2 id=\"rules\">Per-rule verdict</h2>"
	nrf = 0
	if (exists(rdir "/rules")) {
		rules(rdir "/rules", "All configurations (rules)")
		nrf++
	}
	for (j = 1; j <= ncols; j++)
		if (exists(rdir "/" col[j] "/rules")) {
			rules(rdir "/" col[j] "/rules", col[j] " (" col[j] "/rules)")
			nrf++
		}
	if (nrf == 0)
		print "<p>No rules file in this run.</p>"
	print "</body></html>"
}
' > "$rdir/index.html.tmp"
mv "$rdir/index.html.tmp" "$rdir/index.html"
