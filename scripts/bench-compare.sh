#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# bench-compare.sh - the exit cost of two kernels, side by side (make
# bench-compare; never part of make check).
#
# Usage: bench-compare.sh [A [B [CONFIG...]]]
#
#   A, B    the two kernels (default: A ours, B unpatched), each one of
#           ours, unpatched, debug   build/kernel/<variant>/Image, built
#                                    as make kernels builds it
#           KERNEL=IMAGE             a kernel Image
#           KSRC=DIR                 a Linux source tree, built as it is
#           SERIES=DIR-OR-MBOX       a series applied to linux-source-7.2
#                                    and built (as make run SERIES=...)
#           or a bare path: an arm64 Image, a source tree (Makefile and
#           arch/arm64) or else a series
#   CONFIG  configurations of configs/matrix.conf whose CPU and kernel
#           arguments both kernels boot with (default max-vhe)
#   ROUNDS=N  rounds wanted per configuration (default 3, at least 3)
#   ITERS=N   exits per state and boot (SMEKVM_ITERS; default 5000, five
#             times the full tier's): longer windows average out more
#             of a busy machine, at little cost beside the boot
#
# Why: sme_fp_exit_stats times exit round trips per kind of live guest
# state on any kernel ("# rate: <state> <per second>"), which says what
# a series costs a guest, most of all the VM without SME (fpsimd_no_sme),
# which every guest today is. One boot gives one figure per state, and
# TCG on a shared machine is noisy, so this boots A and B in turn, A B A
# B, the same initramfs for both (the suite built against our patched
# headers, sme_fp_exit_stats alone with ITERS exits per state), and
# reports per configuration and state: the median rate of each side,
# A/B as the median of the per-round ratios with their spread (min..max)
# and the number of rounds, "within noise" when the spread is not
# smaller than the difference from 1, and the states one side cannot
# run (with its skip reason).
#
# Results are kept in $OUT/bench-compare/runs/<key>/, where the key names
# both Images and the test program: a later run with the same ones and a
# larger ROUNDS adds the missing rounds, and an interrupted run resumes
# where it stopped (a round is kept only when both its boots ended).
# Runs inside the tool root like suite.sh.
set -eu

. "$(dirname "$0")/common.sh"

A=${1:-ours}
B=${2:-unpatched}
case $# in
0) ;;
1) shift ;;
*) shift 2 ;;
esac
[ $# -gt 0 ] || set -- max-vhe
rounds=${ROUNDS:-3}
iters=${ITERS:-5000}

case $rounds in
'' | *[!0-9]*) die "ROUNDS=$rounds is not a number" ;;
esac
case $iters in
'' | *[!0-9]*) die "ITERS=$iters is not a number" ;;
esac
[ "$iters" -ge 2 ] || die "ITERS=$iters: at least 2 exits"
[ "$rounds" -ge 3 ] || die "ROUNDS=$rounds: at least 3 rounds, or no spread"
for c in "$@"; do
	config_line "$c" >/dev/null ||
		die "unknown configuration '$c' (known: $(config_names | tr '\n' ' '))"
done

# is_image FILE: FILE is an arm64 kernel Image (magic "ARM\x64" at 56).
is_image() {
	[ "$(od -A n -t x1 -j 56 -N 4 "$1" 2>/dev/null | tr -d ' \n')" = 41524d64 ]
}

# side VAR: the kernel of VAR (A or B) as a variant name or KIND=PATH,
# KIND one of KERNEL, KSRC, SERIES (kernel_input), PATH absolute.
side() {
	eval "v=\${$1}"
	case $v in
	ours | unpatched | debug) return 0 ;;
	KERNEL=* | KSRC=* | SERIES=*) kind=${v%%=*} v=${v#*=} ;;
	*)
		if [ -f "$v/Makefile" ] && [ -d "$v/arch/arm64" ]; then
			kind=KSRC
		elif [ -d "$v" ] || { [ -f "$v" ] && ! is_image "$v"; }; then
			kind=SERIES
		elif [ -f "$v" ]; then
			kind=KERNEL
		else
			die "$1=$v: not ours, unpatched, debug, an Image, a source tree or a series"
		fi ;;
	esac
	eval "$1=\$v"
	kernel_input "$kind" "$1"
	eval "$1=\$kind=\${$1}"
}
side A
side B
ROUNDS=$rounds ITERS=$iters
export ROUNDS ITERS
run_in_root "$0" "$A" "$B" "$@"

work=$OUT/bench-compare
mkdir -p "$work"

# image_of SPEC DIR: build what the kernel SPEC needs and print the path of
# its Image; a custom kernel (KSRC, SERIES) is built in DIR.
image_of() {
	case $1 in
	KERNEL=*) echo "${1#*=}" ;;
	KSRC=*)
		KSRC=${1#*=} SMEKVM_OBJ='' O=$2 \
			sh "$TOP/scripts/build-kernel.sh" custom >&2
		echo "$2/kernel/custom/Image" ;;
	SERIES=*)
		(use_series "${1#*=}" &&
		 O=$2 sh "$TOP/scripts/build-kernel.sh" custom) >&2
		echo "$2/kernel/custom/Image" ;;
	*)
		sh "$TOP/scripts/build-kernel.sh" "$1" >&2
		echo "$OUT/kernel/$1/Image" ;;
	esac
}

hash16() { sha256sum < "$1" | cut -c1-16; }

build_suite "$(sh "$TOP/scripts/kernel-src.sh" patched)" "$work"
prog=$work/install/bin/sme_fp_exit_stats
# The bench's initramfs: the suite, sme_fp_exit_stats with SMEKVM_ITERS.
rm -rf "$work/extra"
mkdir -p "$work/extra"
awk -v n="$iters" '$1 == "sme_fp_exit_stats" { $3 = "SMEKVM_ITERS=" n " " $3 } { print }' \
	"$work/install/tests.list" > "$work/extra/tests.list"
sh "$TOP/scripts/mkinitramfs.sh" "$work/install" "$work/bench.cpio.gz" \
	"$work/extra"
ia=$(image_of "$A" "$work/kernel-A")
ib=$(image_of "$B" "$work/kernel-B")
ha=$(hash16 "$ia") hb=$(hash16 "$ib") hp=$(hash16 "$prog")
pair=$work/runs/$(echo "$ha $hb $hp $iters" | sha256sum | cut -c1-12)
mkdir -p "$pair"
{
	echo "A $A $ia sha256:$ha"
	echo "B $B $ib sha256:$hb"
	echo "program sme_fp_exit_stats sha256:$hp, $iters exits per state"
} > "$pair/sides"

# boot SIDE IMAGE CONFIG ROUNDDIR: one boot running sme_fp_exit_stats
# alone; true when the program ended (its result is in the results).
boot() {
	sh "$TOP/scripts/qemu-run.sh" --quiet --kernel "$2" \
		--initrd "$work/bench.cpio.gz" --out "$4/$1" \
		--args "--no-expected sme_fp_exit_stats" "$3" \
		> "$4/$1.log" 2>&1 || true
	grep -q '^sme_fp_exit_stats ' "$4/$1/results" 2>/dev/null
}

# Rounds outside, configurations inside: drift of the machine's load
# falls on every configuration alike, and A and B of a round are
# neighbours in time.
r=1
while [ "$r" -le "$rounds" ]; do
	for c in "$@"; do
		d=$pair/$c/round-$r
		[ ! -f "$d/done" ] || continue
		rm -rf "$d"
		mkdir -p "$d"
		log "round $r of $rounds, $c: A"
		if boot A "$ia" "$c" "$d" && log "round $r of $rounds, $c: B" &&
		   boot B "$ib" "$c" "$d"; then
			: > "$d/done"
		else
			mv "$d" "$pair/$c/failed-$r-$(date +%Y%m%d-%H%M%S)"
			log "round $r, $c: a boot did not end (kept in $pair/$c/failed-$r-*); not counted"
		fi
	done
	r=$((r + 1))
done

# facts CONFIG: for the summary, "rate ROUND SIDE STATE PER-SECOND" per
# measured state of every kept round, "skip SIDE STATE REASON" per
# state a side skipped, "fail ROUND SIDE" per failed program.
facts() {
	for d in "$pair/$1"/round-*/; do
		[ -f "$d/done" ] || continue
		n=${d%/}
		n=${n##*-}
		for s in A B; do
			sed -n "s/^[[:space:]]*# rate: \([a-z0-9_]*\) \([0-9.]*\)\$/rate $n $s \1 \2/p" \
				"$d/$s/results.ktap"
			sed -n "s/^[[:space:]]*ok [0-9]* \([a-z0-9_]*\)\/counters # SKIP \(.*\)\$/skip $s \1 \2/p" \
				"$d/$s/results.ktap"
			! grep -q '^sme_fp_exit_stats fail$' "$d/$s/results" ||
				echo "fail $n $s"
		done
	done
}

# summary CONFIG: the table of CONFIG from its facts.
summary() {
	facts "$1" | awk -v cfg="$1" -v dir="$pair/$1" '
	function median(v, n,   i, j, t) {
		for (i = 2; i <= n; i++) {
			t = v[i]
			for (j = i - 1; j >= 1 && v[j] > t; j--)
				v[j + 1] = v[j]
			v[j + 1] = t
		}
		return n % 2 ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
	}
	function state(s) {
		if (!(s in seen)) {
			seen[s] = 1
			order[++ns] = s
		}
	}
	$1 == "rate" { state($4); val[$2, $3, $4] = $5; rnd[$2] = 1 }
	$1 == "skip" {
		state($3)
		why = $0
		sub(/^skip [AB] [^ ]* /, "", why)
		reason[$2, $3] = why
	}
	$1 == "fail" { failed = failed " " $3 " in round " $2 ";" }
	END {
		nrnd = 0
		for (r in rnd)
			nrnd++
		printf "# %s: %d rounds, each A then B; exit round trips per second, median over the rounds;\n", cfg, nrnd
		printf "# %s: A/B the median of the per-round ratios, min..max their spread\n", cfg
		if (failed != "")
			printf "# %s: sme_fp_exit_stats failed (rates kept):%s see %s\n", cfg, failed, dir
		printf "%-14s %9s %9s %7s %-13s %6s\n", "state", "A median", "B median", "A/B", "min..max", "rounds"
		for (k = 1; k <= ns; k++) {
			s = order[k]
			na = nb = nq = 0
			split("", a)
			split("", b)
			split("", q)
			for (r in rnd) {
				ha = ((r, "A", s) in val)
				hb = ((r, "B", s) in val)
				if (ha)
					a[++na] = val[r, "A", s]
				if (hb)
					b[++nb] = val[r, "B", s]
				if (ha && hb && val[r, "B", s] > 0)
					q[++nq] = val[r, "A", s] / val[r, "B", s]
			}
			if (nq) {
				m = median(q, nq)
				lo = q[1]
				hi = q[nq]
				diff = m - 1
				if (hi - lo >= (diff < 0 ? -diff : diff))
					note = sprintf("within noise (spread %.3f >= difference %.3f)", hi - lo, diff < 0 ? -diff : diff)
				else
					note = sprintf("A %s by %.1f%%", diff > 0 ? "faster" : "slower", 100 * (diff < 0 ? -diff : diff))
				printf "%-14s %9.0f %9.0f %7.3f %5.3f..%-6.3f %6d  %s\n", s, median(a, na), median(b, nb), m, lo, hi, nq, note
			} else if (na) {
				printf "%-14s %9.0f %9s %7s %-13s %6d  A only; B: %s\n", s, median(a, na), "-", "-", "-", na, reason["B", s]
			} else if (nb) {
				printf "%-14s %9s %9.0f %7s %-13s %6d  B only; A: %s\n", s, "-", median(b, nb), "-", "-", nb, reason["A", s]
			} else {
				printf "%-14s %9s %9s %7s %-13s %6d  neither; A: %s; B: %s\n", s, "-", "-", "-", "-", 0, reason["A", s], reason["B", s]
			}
		}
	}'
}

echo "# A: $A, $ia (sha256 $ha)"
echo "# B: $B, $ib (sha256 $hb)"
for c in "$@"; do
	summary "$c" | tee "$pair/$c/summary"
done
echo "# results: $pair (ROUNDS=n adds rounds to these; delete it to start over)"
