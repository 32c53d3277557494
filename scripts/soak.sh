#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# soak.sh - the run-time tests from cold boots, over and over, to catch
# rare lockups (make soak; never part of make check).
#
# Usage: soak.sh [ROUNDS]      (default 1)
#        soak.sh totals
#
# One round boots each host mode of SOAK_CONFIGS (default max-vhe,
# max-nvhe, max-protected) twice from cold: once with the run-time group
# alone, once with the host FP kselftest fp-stress loading every FP, SVE
# and SME register file of the L1 host beside each test
# (tests/soak/bin/with_fp_load). The run-time group: sme_guest_state,
# sme_fp_exit_stats, sme_host_task, sme_switch_stress, sme_isolation,
# sme_guest_coherence, sme_guest_arch, vcpu_load_pairing. On the host, a
# CPU hog at the lowest priority runs beside QEMU (SOAK_HOG=0: none), as
# when the lockup of issue 11 was seen: QEMU's two vCPU threads then
# really run in parallel on a busy machine.
# SOAK_LOADS="none" (or "fp-stress") boots each host mode once a round,
# with that load only.
#
# Resumable and cumulative: every boot appends one line to doc/soak.log
# (kept in the repository, because a session's build directory and cache
# do not outlive it): date, hyp_patches hash, configuration, load, verdict,
# seconds. The totals over every line of the current series are printed
# at the end; "soak.sh totals" prints them alone, for both ledger keys
# below. A boot that ends in a lockup keeps its run directory
# (console.log, lockup.txt) under $O/soak/ and stops the soak. Never run
# it beside CI or another QEMU: it loads both cores.
set -eu

. "$(dirname "$0")/common.sh"
run_in_root "$0" "$@"

ledger=$TOP/doc/soak.log

# totals SERIES: per configuration and load, the boots of SERIES in the
# ledger, how many passed, failed, and ended stuck (lockup, hang, timeout).
totals() {
	echo "# soak totals for hyp_patches $1 (ledger: doc/soak.log)"
	printf "# %-14s %-9s %6s %6s %6s %6s %8s\n" configuration load boots passed failed stuck hours
	awk -v s="$1" '$2 == s {
		k = $3 " " $4; n[k]++; t[k] += $5
		if ($6 == "pass") p[k]++; else f[k]++
		if ($7 ~ /^(lockup|hang|timeout|no power-off)/) x[k]++
	} END {
		for (k in n) {
			split(k, a, " ")
			printf "# %-14s %-9s %6d %6d %6d %6d %8.1f\n", a[1], a[2], n[k], p[k], f[k], x[k], t[k] / 3600
		}
	}' "$ledger" | sort
}

if [ "${1:-}" = totals ]; then
	totals "$(series_hash)"
	totals "$(series_hash)-hold"
	exit 0
fi
rounds=${1:-1}
case $rounds in '' | *[!0-9]*) die "ROUNDS must be a number, not '$rounds'" ;; esac
configs=${SOAK_CONFIGS:-max-vhe max-nvhe max-protected}
loads=${SOAK_LOADS:-none fp-stress}
group="sme_guest_state sme_fp_exit_stats sme_host_task sme_switch_stress
sme_isolation sme_guest_coherence sme_guest_arch vcpu_load_pairing"
work=$OUT/soak
mkdir -p "$work"

sh "$TOP/scripts/harness.sh" build
# The ledger tells apart the boots that held a VM for the whole run
# (scripts/init.sh, bin/kvm_hold_vm: the workaround for QEMU's stale code,
# doc/known-issues.md) from those that did not (older lines, or
# SMEKVM_KARGS=smekvm.hold_vm=0): "<series hash>-hold" for the former.
series=$(series_hash)
case " ${SMEKVM_KARGS:-} " in
*" smekvm.hold_vm=0 "*) ;;
*) series=$series-hold ;;
esac

# The soak's install: the suite plus, for each test of the group, a copy
# "<test>+fp" that runs it beside fp-stress.
extra=$work/extra
rm -rf "$extra"
mkdir -p "$extra/bin"
cp "$TOP/tests/soak/bin/with_fp_load" "$extra/bin/"
{
	cat "$OUT/install/tests.list"
	for t in $group; do
		awk -v t="$t" '$1 == t {
			$1 = t "+fp"
			for (i = 3; i <= NF && $i ~ /=/; i++)
				;
			$i = "bin/with_fp_load " $i
			print
		}' "$OUT/install/tests.list"
	done
} > "$extra/tests.list"
sh "$TOP/scripts/mkinitramfs.sh" "$OUT/install" "$work/initramfs.cpio.gz" "$extra"

hog=
if [ "${SOAK_HOG:-1}" != 0 ]; then
	nice -n 19 sh -c 'while :; do :; done' &
	hog=$!
fi
trap '[ -z "$hog" ] || kill "$hog" 2>/dev/null' EXIT

r=1 status=0
while [ "$r" -le "$rounds" ] && [ "$status" = 0 ]; do
	for c in $configs; do
		for load in $loads; do
			tests=$group
			[ "$load" = none ] || tests=$(for t in $group; do echo "$t+fp"; done)
			d=$work/$c-$load
			start=$(date +%s)
			# shellcheck disable=SC2086 # lists of words
			sh "$TOP/scripts/qemu-run.sh" --quiet --kernel "$OUT/kernel/ours/Image" \
				--initrd "$work/initramfs.cpio.gz" --out "$d" \
				--args "--no-expected $(echo $tests)" "$c" > "$d.log" 2>&1 || true
			v=$(cat "$d/verdict" 2>/dev/null || echo "fail: no verdict")
			secs=$(($(date +%s) - start))
			why=
			case $v in fail:*) why=" ${v#fail: }" ;; esac
			echo "$(date -u +%Y-%m-%dT%H:%M:%SZ) $series $c $load $secs ${v%%:*}$why" >> "$ledger"
			log "round $r: $c, load $load: $v ($secs s)"
			if [ -s "$d/hang" ]; then
				keep=$work/lockup-$(date +%Y%m%d-%H%M%S)-$c-$load
				mv "$d" "$keep"
				log "lockup: evidence kept in $keep"
				status=1
				break 2
			fi
		done
	done
	r=$((r + 1))
done
totals "$series"
exit $status
