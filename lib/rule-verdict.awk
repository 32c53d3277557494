# SPDX-License-Identifier: GPL-2.0-only
#
# rule-verdict.awk - the per-rule verdict of one run or of a whole matrix.
#
# A failing case says what differed; a reviewer of a series wants to know
# which rules of the ABI the series breaks. rules.list maps every rule ID
# of abi.md (and every upstream test, as "upstream-<test>") to the cases
# that check it; this program reads results files ("name pass|fail|skip" a
# line, as run_tests.sh --results writes them) and prints, as KTAP
# diagnostic lines, one line per broken rule (ID, class, short name, how
# many cases failed, one of them and the command that reruns it) and how
# many rules held. A rule is broken when one of its cases failed, held when
# none failed and one passed, and not checked when all of its cases skipped
# or did not run (other profile, a host without the feature, a selection).
# A case that also fails in its configuration's expected file (a known
# failure, doc/known-issues.md) does not break its rule: it is counted
# apart, and a rule with only such failures is "known". A failure that no
# rule claims is listed too: a program that crashed or timed out beside
# cases that passed, or a case missing from rules.list.
#
# Portable awk (busybox, mawk, gawk): the runner uses it on the target,
# the harness on the build host for the whole matrix.
#
# Usage: awk -f rule-verdict.awk -v abi=ABI.md [-v rerun=CMD]
#            [-v out=FILE] [-v what=TEXT] rules.list [INDEX] [EXPECTED...] RESULTS...
#   abi    the ABI text, for each rule's class ([arch], [upstream], [ours])
#   rerun  the command that reruns one case, the case name appended;
#          "@CONFIG@" in it stands for the configuration of the case
#   out    also write the verdict of every rule to FILE, tab-separated: id
#          class verdict failed known passed skipped example config short
#          name rerun; verdict is held, broken, known, unchecked or
#          ours-differs; rerun is the command that reruns the example
#          (shown by the results page, scripts/results-page.sh), or "-"
#   what   what the verdict is of, for its first line (e.g. "max-vhe")
#   profile the ABI profile of the run: under any but "ours", rules of
#          class [ours] are not judged (their failures are listed apart,
#          as where the kernel decides differently from this project)
#   lint   instead of the verdict, the faults of rules.list: a rule of
#          abi.md it lacks or gives no case ("- reason" in place of the
#          patterns says why none can check it: listed, not a fault), an
#          ID abi.md does not have, a pattern that
#          matches no result (give it every known name, e.g. from
#          expected/), and a result no rule claims (as "fail" results),
#          and a name on which a pattern's literal matching and its
#          regular expression disagree
#   table  instead of the verdict, the rules as Markdown table rows: ID,
#          class, short name, patterns and, from the file table names
#          ("rule mutation" lines), the mutations that break the rule
#   mkindex instead of the verdict, the rules index of every case the
#          other files name: "# rules index" first, then "case rule..." a
#          line (make install writes it as rules.index). Given among the
#          files, an index gives the rules of the cases it names, which are
#          then not matched against the patterns again.
# EXPECTED (expected/<config>) and RESULTS files are told apart by their
# first line, which names the configuration.
# Exit status: 1 when a rule is broken or a failure is outside any rule.

function glob_re(p,	i, c, r) {
	r = ""
	for (i = 1; i <= length(p); i++) {
		c = substr(p, i, 1)
		if (c == "*")
			r = r ".*"
		else if (c == "?")
			r = r "."
		else if (index("\\.+^$(){}|[]", c))
			r = r "\\" c
		else
			r = r c
	}
	return "^" r "$"
}

# The program a pattern or name belongs to: up to the first "/", or "*"
# when a wildcard comes first.
function prog_of(s,	i) {
	i = match(s, /[\/*?]/)
	if (i == 0)
		return s
	if (substr(s, i, 1) != "/")
		return "*"
	return substr(s, 1, i - 1)
}

# A pattern is matched without a regular expression where it can be: busybox
# awk compiles a dynamic one at each match, which under TCG made the verdict
# of one configuration cost a minute. A pattern without "?" is the literal
# parts between its "*"s (pn, ppart), which must begin and end the name and
# appear in order between; one with "?" is first tried on its literal head
# and tail (phead, ptail), then on its regular expression (pre).
function add_pattern(r, p,	b, s, i, j, parts) {
	npat++
	pglob[npat] = p
	if (index(p, "?")) {
		pre[npat] = glob_re(p)
		i = match(p, /[*?]/)
		phead[npat] = substr(p, 1, i - 1)
		j = length(p)
		while (substr(p, j, 1) != "*" && substr(p, j, 1) != "?")
			j--
		ptail[npat] = substr(p, j + 1)
	} else {
		pn[npat] = split(p, parts, "*")
		for (i = 1; i <= pn[npat]; i++)
			ppart[npat, i] = parts[i]
	}
	s = (r in pats) ? pats[r] " `" p "`" : "`" p "`"
	pats[r] = s
	prule[npat] = r
	b = prog_of(p)
	bucket[b] = bucket[b] " " npat
}

# Whether name matches pattern i (a "*" matches any string, "/" included).
function glob_match(i, name,	n, h, t, ln, at, k, x) {
	ln = length(name)
	if (i in pre) {
		h = phead[i]
		t = ptail[i]
		if (ln < length(h) + length(t) ||
		    substr(name, 1, length(h)) != h ||
		    substr(name, ln - length(t) + 1) != t)
			return 0
		return name ~ pre[i]
	}
	n = pn[i]
	if (n == 1)
		return name == ppart[i, 1]
	h = ppart[i, 1]
	t = ppart[i, n]
	if (ln < length(h) + length(t) || substr(name, 1, length(h)) != h ||
	    substr(name, ln - length(t) + 1) != t)
		return 0
	# The middle parts, leftmost first, between head and tail.
	at = length(h) + 1
	ln -= length(t)
	for (k = 2; k < n; k++) {
		if (ppart[i, k] == "")
			continue
		x = index(substr(name, at, ln - at + 1), ppart[i, k])
		if (x == 0)
			return 0
		at += x - 1 + length(ppart[i, k])
	}
	return 1
}

function trim(s) {
	sub(/^[ \t]+/, "", s)
	sub(/[ \t]+$/, "", s)
	return s
}

function class_of(r) {
	if (r in cls)
		return cls[r]
	if (r ~ /^upstream-/)
		return "upstream-test"
	return (r ~ /^platform-/) ? "platform-test" : "?"
}

# rerun_of(r): the command that reruns the example case of rule r.
function rerun_of(r,	cmd) {
	cmd = rerun
	gsub(/@CONFIG@/, excfg[r], cmd)
	return cmd (cmd ~ /=$/ ? "" : " ") example[r]
}

function note_case(r, name, st) {
	if (st == "fail" && ((config SUBSEP name) in known)) {
		nknown[r]++
	} else if (st == "fail") {
		nfail[r]++
		if (!(r in example)) {
			example[r] = name
			excfg[r] = config
		}
	} else if (st == "pass") {
		npass[r]++
	} else {
		nskip[r]++
	}
}

BEGIN {
	if (abi != "") {
		while ((getline line < abi) > 0) {
			if (line !~ /^- \*\*abi-[a-z0-9-]+\*\* \[[a-z]+\]/)
				continue
			id = line
			sub(/^- \*\*/, "", id)
			c = id
			sub(/\*\*.*/, "", id)
			sub(/^[^[]*\[/, "", c)
			sub(/\].*/, "", c)
			cls[id] = c
			aorder[++nabi] = id
		}
		close(abi)
	}
	nrules = 0
	npat = 0
}

# rules.list: "<id> | <short name> | <pattern>..."
FNR == 1 { fileno++ }
fileno == 1 {
	if ($0 ~ /^[ \t]*(#|$)/)
		next
	n = split($0, f, "|")
	r = trim(f[1])
	if (!(r in short)) {
		order[++nrules] = r
		short[r] = trim(f[2])
	}
	# "- reason": no case can check the rule here, and why.
	if (trim(f[3]) ~ /^- /) {
		untested[r] = trim(substr(trim(f[3]), 3))
		next
	}
	n = split(f[3], p, /[ \t]+/)
	for (i = 1; i <= n; i++)
		if (p[i] != "")
			add_pattern(r, p[i])
	next
}

# An expected or results file: its first line names the configuration.
FNR == 1 {
	config = FILENAME
	sub(/.*\//, "", config)
	isidx = 0
	isexp = ($0 ~ /^# Expected results of configuration /)
	if (isexp) {
		config = $6
		sub(/[.,]$/, "", config)
	}
}
mkindex {
	if ($0 !~ /^#/ && NF >= 2 && !($1 in named))
		named[$1] = rules_of($1)
	next
}
isexp {
	if ($0 !~ /^#/ && $2 == "fail")
		known[config SUBSEP $1] = 1
	next
}
/^# rules index/ { isidx = 1; next }
isidx {
	idx[$1] = $0
	next
}
/^# smekvm results: config / {
	config = $5
	sub(/,$/, "", config)
	configs = configs (configs == "" ? "" : ", ") config
	next
}
/^#/ || NF < 2 { next }
{
	name = $1
	st = $2
	if (st == "fail" && index(name, "/")) {
		failed_prefix[config SUBSEP prog_of(name)] = 1
	}
	n = split((name in idx) ? idx[name] : name " " rules_of(name), rl, " ")
	for (k = 2; k <= n; k++)
		note_case(rl[k], name, st)
	if (st == "fail" && n < 2 && !((config SUBSEP name) in known)) {
		if (index(name, "/")) {
			unclaimed[++nun] = name " (" config "): a case no rule of rules.list names"
			uname[nun] = name
		} else {
			progfail[++nprog] = config SUBSEP name
		}
	}
}

# The rules whose patterns name the case, each once, separated by blanks.
function rules_of(name,	ks, k, i, r, seen, s, g) {
	s = ""
	split(bucket[prog_of(name)] " " bucket["*"], ks, " ")
	for (k in ks) {
		i = ks[k]
		if (i == "")
			continue
		g = glob_match(i, name) ? 1 : 0
		# lint: the literal matching must agree with the pattern's regex.
		if (lint && g != (name ~ glob_re(pglob[i]) ? 1 : 0))
			printf "# lint: %s: matching %s gives %d, its regular expression %d\n", \
				pglob[i], name, g, 1 - g
		if (!g)
			continue
		phits[i]++
		r = prule[i]
		if (r in seen)
			continue
		seen[r] = 1
		s = s " " r
	}
	return substr(s, 2)
}

END {
	if (mkindex) {
		print "# rules index: a case, then the rules whose patterns name it"
		for (n in named)
			print n (named[n] == "" ? "" : " " named[n])
		exit 0
	}
	if (table != "") {
		print_table()
		exit 0
	}
	if (lint) {
		print_lint()
		exit 0
	}
	held = broken = nkr = unchecked = 0
	for (j = 1; j <= nrules; j++) {
		r = order[j]
		v = nfail[r] > 0 ? "broken" : npass[r] > 0 ? "held" : \
			nknown[r] > 0 ? "known" : "unchecked"
		# Another profile does not judge the rules that are ours.
		if (profile != "" && profile != "ours" && class_of(r) == "ours")
			v = (v == "broken") ? "ours-differs" : "unchecked"
		verdict[r] = v
		if (v == "broken")
			broken++
		else if (v == "unchecked" || v == "ours-differs")
			unchecked++
		else
			held++
	}
	printf "# per-rule verdict%s: %d rules held, %d broken, %d not checked (%s)\n", \
		(what != "" ? " of " what : ""), held, broken, unchecked, \
		(profile != "" && profile != "ours") ? \
		"[ours] rules, and rules whose cases all skipped or did not run" : \
		"every case skipped or not run"
	for (j = 1; j <= nrules; j++) {
		r = order[j]
		if (nknown[r] > 0)
			printf "# known failure: %s [%s] %s: %d cases fail as expected/ says (doc/known-issues.md)\n", \
				r, class_of(r), short[r], nknown[r]
		if (verdict[r] == "ours-differs")
			printf "# [ours], not judged by profile %s: %s %s: %d cases failed, e.g. %s\n", \
				profile, r, short[r], nfail[r], example[r]
		if (verdict[r] != "broken")
			continue
		printf "# broken: %s [%s] %s: %d of %d cases failed, e.g. %s%s\n", \
			r, class_of(r), short[r], nfail[r], \
			nfail[r] + nknown[r] + npass[r] + nskip[r], example[r], \
			(configs ~ /, / ? " in " excfg[r] : "")
		if (rerun != "")
			printf "#   rerun: %s\n", rerun_of(r)
	}
	outside = nun
	for (j = 1; j <= nprog; j++) {
		split(progfail[j], pc, SUBSEP)
		if ((pc[1] SUBSEP pc[2]) in failed_prefix ||
		    (pc[1] SUBSEP pc[2]) in known)
			continue
		outside++
		printf "# failed outside any rule: %s (%s): the program itself (crash, timeout, kernel report)\n", \
			pc[2], pc[1]
	}
	for (j = 1; j <= nun; j++)
		printf "# failed outside any rule: %s\n", unclaimed[j]
	status = (broken > 0 || outside > 0)
	if (out == "")
		exit status
	printf "# rule\tclass\tverdict\tfailed\tknown\tpassed\tskipped\texample\tconfig\tshort name\trerun\n" > out
	for (j = 1; j <= nrules; j++) {
		r = order[j]
		printf "%s\t%s\t%s\t%d\t%d\t%d\t%d\t%s\t%s\t%s\t%s\n", r, \
			class_of(r), verdict[r], nfail[r], nknown[r], npass[r], \
			nskip[r], (r in example) ? example[r] : "-", \
			(r in example) ? excfg[r] : "-", short[r], \
			((r in example) && rerun != "") ? rerun_of(r) : "-" > out
	}
	close(out)
	exit status
}

function print_lint(	r, j, i) {
	for (j = 1; j <= nabi; j++)
		if (!(aorder[j] in short))
			printf "# lint: rule %s of abi.md has no line in rules.list\n", aorder[j]
	for (j = 1; j <= nrules; j++) {
		r = order[j]
		if (!(r in cls) && r !~ /^(upstream|platform)-/)
			printf "# lint: %s is neither a rule of abi.md nor upstream-<test> nor platform-<test>\n", r
		if (short[r] == "")
			printf "# lint: %s has no short name\n", r
		if (r in untested)
			printf "# untested: %s: %s\n", r, untested[r]
		else if (!(r in pats))
			printf "# lint: %s has no case\n", r
	}
	for (i = 1; i <= npat; i++)
		if (!(phits[i] > 0))
			printf "# lint: a pattern of %s matches no case: %s\n", prule[i], pglob[i]
	for (j = 1; j <= nun; j++)
		printf "# lint: no rule claims %s\n", uname[j]
	for (j = 1; j <= nprog; j++) {
		split(progfail[j], pc, SUBSEP)
		if (!((pc[1] SUBSEP pc[2]) in failed_prefix))
			printf "# lint: no rule claims %s\n", pc[2]
	}
}

function print_table(	r, j, i, line, n, m, s) {
	while ((getline line < table) > 0) {
		n = split(line, m, " ")
		if (n == 2)
			s = (m[1] in muts) ? muts[m[1]] ", `" m[2] "`" : "`" m[2] "`"
			muts[m[1]] = s
	}
	close(table)
	print "| rule | class | in short | cases | mutations |"
	print "|---|---|---|---|---|"
	for (j = 1; j <= nrules; j++) {
		r = order[j]
		printf "| `%s` | %s | %s | %s | %s |\n", r, class_of(r), short[r], \
			(r in untested) ? "none: " untested[r] : pats[r], muts[r]
	}
}
