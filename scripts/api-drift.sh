#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# api-drift.sh - keep doc/abi.md and the KVM API documentation of our
# kernel series saying the same thing.
#
# doc/abi.md is the normative ABI of the suite; hyp_patches adds the same
# ABI to Documentation/virt/kvm/api.rst for kernel readers. Either text
# can be edited alone, so doc/api-rst.map ties them: one line
# "<rule-id> | <phrase>" per rule, <phrase> being a verbatim piece of the
# api.rst text the series adds that states the rule, or "-" (after a
# comment saying why) where api.rst does not state it. This script checks
# the map against both texts:
#
#   - every rule ID of the map is a rule of doc/abi.md, mapped only once;
#   - every phrase occurs in the api.rst text of the series;
#   - every rule of doc/abi.md that is not [arch] and names an errno has a
#     line in the map, so a new errno rule cannot go undocumented.
#
# The api.rst text is what the patches of hyp_patches/series, applied in
# order, leave of the lines they add (a line a later patch removes is gone,
# the lines it adds in its place take its position), split into blocks of
# consecutive lines. Inside a block, lines are joined and whitespace runs
# collapse to one space; a phrase must lie within one block.
#
# Usage: api-drift.sh          check; one line per fault, then
#                              "# api-drift: N rules mapped, N fault(s)";
#                              exit 1 on any fault
#        api-drift.sh --text   print the api.rst text blocks checked
set -eu

# shellcheck source-path=SCRIPTDIR source=common.sh
. "$(dirname "$0")/common.sh"

mode=check
case ${1:-} in
'') ;;
--text) mode=text ;;
*) die "usage: api-drift.sh [--text]" ;;
esac

PATCHES=$TOP/hyp_patches
[ -f "$PATCHES/series" ] || die "hyp_patches/series not found"

# The patches of the series, in order.
set --
while read -r p; do
	case $p in "#"* | "") continue ;; esac
	[ -f "$PATCHES/$p" ] || die "hyp_patches/$p, listed in hyp_patches/series, not found"
	set -- "$@" "$PATCHES/$p"
done < "$PATCHES/series"

exec awk -v mode="$mode" -v map="$TOP/doc/api-rst.map" \
	-v abi="$TOP/doc/abi.md" '
function fault(msg) {
	print "api-drift: " msg
	nfault++
}

function squeeze(s) {
	gsub(/[ \t]+/, " ", s)
	sub(/^ /, "", s)
	sub(/ $/, "", s)
	return s
}

# How well hunk h fits T when moved by off lines: -1 if an old line of
# the hunk differs from the added line T holds there, else the number of
# non-blank old lines found in T.
function fits(h, off,   i, p, m) {
	p = os[h] + off
	m = 0
	for (i = 1; i <= hn[h]; i++) {
		if (ht[h, i] == "+")
			continue
		if (p in T) {
			if (T[p] != hx[h, i])
				return -1
			if (hx[h, i] ~ /[^ \t]/)
				m++
		}
		p++
	}
	return m
}

# The i-th offset nearest to carry: carry, carry - 1, carry + 1, ...
function around(i) {
	return carry + (i % 2 ? -(i + 1) / 2 : i / 2)
}

function dist(off) {
	return off < carry ? carry - off : off - carry
}

# Where hunk h applies. Like git apply, allow its line numbers to be off
# (an earlier patch of the series changed since it was made): of the
# offsets that line up one of its old lines with the same added line in
# T, the one at which most match and none differs, nearest to carry (the
# offset of the last hunk placed so); if there is none, the offset
# nearest to carry that contradicts no line of T.
function place(h,   i, k, q, off, m, best, bestm, cand) {
	k = 0
	for (i = 1; i <= hn[h]; i++) {
		if (ht[h, i] == "+")
			continue
		if (hx[h, i] ~ /[^ \t]/)
			for (q in T)
				if (T[q] == hx[h, i])
					cand[q - os[h] - k] = 1
		k++
	}
	bestm = 0
	for (off in cand) {
		off += 0
		m = fits(h, off)
		if (m > bestm || (m == bestm && m > 0 && dist(off) < dist(best))) {
			best = off
			bestm = m
		}
	}
	if (bestm > 0) {
		carry = best
	} else {
		i = 0
		while (fits(h, around(i)) < 0)
			i++
		best = around(i)
	}
	os[h] += best
}

# Apply the api.rst hunks of the patch just read to T[line] = text, the
# lines added so far by the series at their current line numbers.
function apply_patch(   h, i, k, l, o, n, d, inside, N) {
	carry = 0
	d = 0
	for (h = 1; h <= nh; h++) {
		place(h)
		ns[h] = os[h] + d
		d += nl[h] - ol[h]
	}
	for (l in T) {
		k = l + 0
		inside = 0
		d = 0
		for (h = 1; h <= nh; h++) {
			if (k >= os[h] && k < os[h] + ol[h])
				inside = 1
			else if (k >= os[h] + ol[h])
				d += nl[h] - ol[h]
		}
		if (!inside)
			N[k + d] = T[l]
	}
	for (h = 1; h <= nh; h++) {
		o = os[h]
		n = ns[h]
		for (i = 1; i <= hn[h]; i++) {
			if (ht[h, i] == " ") {
				if (o in T)
					N[n] = T[o]
				o++
				n++
			} else if (ht[h, i] == "-") {
				o++
			} else {
				N[n] = hx[h, i]
				n++
			}
		}
	}
	for (l in T)
		delete T[l]
	for (l in N)
		T[l] = N[l]
	nh = 0
}

# "@@ -a,b +c,d @@": start lines and lengths; an empty range starts after
# the line it names.
function hunk_header(s,   f, o, n) {
	split(s, f, " ")
	split(substr(f[2], 2), o, ",")
	split(substr(f[3], 2), n, ",")
	nh++
	ol[nh] = (2 in o) ? o[2] + 0 : 1
	nl[nh] = (2 in n) ? n[2] + 0 : 1
	os[nh] = o[1] + (ol[nh] == 0)
	hn[nh] = 0
	oleft = ol[nh]
	nleft = nl[nh]
}

FNR == 1 {
	if (NR > 1)
		apply_patch()
	inrst = 0
	oleft = nleft = 0
	patch = FILENAME
	sub(/.*\//, "", patch)
}

/^diff --git / {
	inrst = ($3 == "a/Documentation/virt/kvm/api.rst")
	next
}

inrst && oleft + nleft == 0 && /^@@ -[0-9]/ {
	hunk_header($0)
	next
}

inrst && oleft + nleft > 0 {
	t = substr($0, 1, 1)
	if (t == "\\")
		next
	if (t == "")
		t = " "
	hn[nh]++
	ht[nh, hn[nh]] = t
	hx[nh, hn[nh]] = substr($0, 2)
	if (t != "+")
		oleft--
	if (t != "-")
		nleft--
}

END {
	if (NR > 0)
		apply_patch()

	# The blocks of consecutive added lines, normalised.
	nb = 0
	max = 0
	for (l in T)
		if (l + 0 > max)
			max = l + 0
	for (l = 1; l <= max + 1; l++) {
		if (l in T) {
			cur = cur " " T[l]
		} else if (cur != "") {
			B[++nb] = squeeze(cur)
			cur = ""
		}
	}
	if (mode == "text") {
		for (b = 1; b <= nb; b++)
			print B[b]
		exit 0
	}
	if (nb == 0)
		fault("no api.rst text added by the patches of hyp_patches/series")

	# The rules of doc/abi.md, and those that are not [arch] and name
	# an errno.
	errno_re = "(^|[^A-Za-z0-9_])E(PERM|NOENT|SRCH|INTR|IO|NXIO|2BIG|NOEXEC|BADF|CHILD|AGAIN|NOMEM|ACCES|FAULT|NOTBLK|BUSY|EXIST|XDEV|NODEV|NOTDIR|ISDIR|INVAL|NFILE|MFILE|NOTTY|TXTBSY|FBIG|NOSPC|SPIPE|ROFS|MLINK|PIPE|DOM|RANGE|NOSYS|OPNOTSUPP|NOTSUPP|NODATA|OVERFLOW)([^A-Za-z0-9_]|$)"
	while ((getline line < abi) > 0) {
		if (line !~ /^- \*\*abi-[a-z0-9-]+\*\* \[[a-z]+\]/)
			continue
		id = substr(line, 5)
		id = substr(id, 1, index(id, "**") - 1)
		cls = line
		sub(/^[^[]*\[/, "", cls)
		sub(/\].*/, "", cls)
		rule[id] = cls
		nrule++
		text = line
		sub(/^[^]]*\] /, "", text)
		if (cls != "arch" && text ~ errno_re)
			errule[++ne] = id
	}
	close(abi)
	if (!nrule)
		fault("no rules found in doc/abi.md")

	# The map.
	mapped = 0
	ln = 0
	while ((getline line < map) > 0) {
		ln++
		if (line ~ /^[ \t]*(#|$)/)
			continue
		where = "doc/api-rst.map:" ln
		p = index(line, "|")
		id = squeeze(substr(line, 1, p - 1))
		phrase = squeeze(substr(line, p + 1))
		if (!p || id !~ /^abi-[a-z0-9-]+$/ || phrase == "") {
			fault(where ": not \"<rule-id> | <phrase>\": " line)
			continue
		}
		if (!(id in rule))
			fault(where ": " id " is not a rule of doc/abi.md")
		if (id in seen)
			fault(where ": " id " is mapped twice (first on line " seen[id] ")")
		seen[id] = ln
		if (phrase == "-")
			continue
		mapped++
		found = 0
		for (b = 1; b <= nb && !found; b++)
			found = index(B[b], phrase) > 0
		if (!found)
			fault(where ": " id ": phrase not in the api.rst text of the series: \"" phrase "\"")
	}
	close(map)
	if (!ln)
		fault("doc/api-rst.map is missing or empty")

	for (i = 1; i <= ne; i++)
		if (!(errule[i] in seen))
			fault(errule[i] " [" rule[errule[i]] "] names an errno but has no line in doc/api-rst.map")

	printf "# api-drift: %d rules mapped, %d fault(s)\n", mapped, nfault
	exit nfault > 0
}
' "$@"
