#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# bench.sh - time every phase of the suite on this machine.
#
# Prints, one figure a line: dependency setup, kernel builds (cold: empty
# object directory and no ccache; warm: nothing changed), suite build, per
# configuration boot-to-first-test and total, per-test times, and the
# whole CI tier. Figures only: nothing here fails on a slow machine. Runs
# where the tools are (inside the tool root; see suite.sh). Takes as long
# as a cold kernel build plus the CI tier.
set -eu

. "$(dirname "$0")/common.sh"

now() { date +%s; }
figure() { printf '%-44s %8s s\n' "$1" "$2"; }

t=$(now)
sh "$TOP/scripts/deps.sh" 2>/dev/null || true
figure "dependency setup (warm)" "$(($(now) - t))"

cold=$CACHE/obj/bench-cold
rm -rf "$cold"
t=$(now)
CCACHE_DISABLE=1 SMEKVM_OBJ="$cold" sh "$TOP/scripts/build-kernel.sh" ours >/dev/null
figure "kernel build, cold (no ccache, -j$(($(nproc) + 1)))" "$(($(now) - t))"
rm -rf "$cold"
t=$(now)
sh "$TOP/scripts/build-kernel.sh" ours >/dev/null
figure "kernel build, warm (no change)" "$(($(now) - t))"

t=$(now)
rm -rf "$OUT/suite"
sh "$TOP/scripts/harness.sh" build >/dev/null 2>&1
figure "suite build from clean (with kernels warm)" "$(($(now) - t))"

t=$(now)
sh "$TOP/scripts/harness.sh" check > "$OUT/bench-check.log" 2>&1 || true
figure "CI tier, warm caches (selftests + matrix)" "$(($(now) - t))"
tail -n 1 "$OUT/bench-check.log"

rdir=$OUT/runs/latest
for d in "$rdir"/*/; do
	c=$(basename "$d")
	b=$(sed -n 's/.*starting run_tests.sh at uptime \([0-9.]*\) s.*/\1/p' \
		"$d/console.log" | head -n 1)
	figure "$c: boot to first test" "${b:-?}"
	figure "$c: total" "$(cat "$d/seconds" 2>/dev/null || echo '?')"
	sed -n 's/^# \([^ ]*\): time \([0-9]*\) s$/\1 \2/p' "$d/results.ktap" |
		while read -r name secs; do
			figure "  $c/$name" "$secs"
		done
done

# KVM's FP/SVE/SME load and save counters and the exit round-trip rate per
# kind of live guest state (sme_fp_exit_stats at its full-tier length), in
# each host mode. The counts are the measure; rates under TCG only hint.
modes="max-vhe max-nvhe max-protected"
t=$(now)
# shellcheck disable=SC2086
RUNNER_ARGS="--tier full --no-expected sme_fp_exit_stats" \
	sh "$TOP/scripts/harness.sh" run $modes > "$OUT/bench-stats.log" 2>&1 ||
	true
figure "sme_fp_exit_stats, full tier, $(echo $modes | wc -w) host modes" \
	"$(($(now) - t))"
for c in $modes; do
	sed -n -e "s/^ *# \([a-z0-9_]*: [0-9]* exit round trips.*\)/$c \1/p" \
		-e "s/^ *# \([a-z0-9_]*: [a-z0-9_]* *[0-9]* loads .*\)/$c \1/p" \
		-e "s/^ *\(\(not \)\{0,1\}ok [0-9]* [a-z0-9_]*\/counters.*\)/$c \1/p" \
		"$OUT/runs/latest/$c/results.ktap"
done
