#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# qemu-run.sh - boot one named configuration under QEMU and run the suite.
#
# Usage: qemu-run.sh [--kernel IMAGE] [--initrd FILE] [--out DIR]
#                    [--timeout SECS] [--args "RUNNER ARGS"] [--quiet]
#                    [--kselftest] CONFIG
#
# CONFIG is a name from configs/matrix.conf. The run directory (default
# $OUT/runs/latest/CONFIG) receives:
#   console.log   the kernel console (kernel messages only)
#   results.ktap  the runner's KTAP output, written as it is produced
#   results       per-case results (expected/ format), when the run ends;
#                 recovered from "progress" when it cannot end
#   progress      the runner's journal: each test as it starts and ends
#   heartbeat     a line every 5 s from the guest's init (scripts/init.sh)
#   hang, lockup.txt  why a stuck run was ended, and what every vCPU was
#                 doing then (scripts/watch-run.sh, lockup-snapshot.sh)
#   kernel/       .config, applied patches and source version of the kernel
#   verdict       "pass" or "fail: <reason>"
# --kselftest runs the suite with the kernel's run_kselftest.sh instead of
# run_tests.sh (scripts/init.sh, smekvm.runner=kselftest): results.ktap is
# then its KTAP, and there is no results file (kselftest-check.sh).
# A kernel slower than ours (time_scale in common.sh: a debug build, or
# SMEKVM_TIME_SCALE) has every limit multiplied: the boot's, the
# watchdog's and the runner's (run_tests.sh --time-scale).
# SMEKVM_KARGS adds kernel arguments (smekvm.hold_vm=0, scripts/init.sh).
# SMEKVM_QEMU_ARGS adds QEMU options, e.g. "-d int,exec,nochain -D FILE"
# to log every exception (doc/known-issues.md shows how that is read).
# The configuration fails when the runner fails, when the run does not
# finish (panic, lockup, hang, timeout: scripts/watch-run.sh ends a stuck
# run early, with vCPU snapshots), or when the console shows a kernel
# report (lib/kernel-reports.txt), which is quoted.
set -eu

. "$(dirname "$0")/common.sh"

kernel='' initrd=$OUT/initramfs.cpio.gz dir='' tmo=
rargs='' quiet='' kselftest=''
while [ $# -gt 0 ]; do
	case $1 in
	--kernel) kernel=${2:?}; shift ;;
	--initrd) initrd=${2:?}; shift ;;
	--out) dir=${2:?}; shift ;;
	--timeout) tmo=${2:?}; shift ;;
	--args) rargs=${2?}; shift ;;
	--quiet) quiet=1 ;;
	--kselftest) kselftest=1 ;;
	-*) die "unknown option $1" ;;
	*) break ;;
	esac
	shift
done
cfg=${1:?usage: qemu-run.sh [options] CONFIG}
line=$(config_line "$cfg") ||
	die "unknown configuration '$cfg' (known: $(config_names | tr '\n' ' '))"
variant=$(config_field "$line" 2)
cpu=$(config_field "$line" 3)

kdir=$(dirname "${kernel:-$OUT/kernel/$variant/Image}")
kernel=${kernel:-$kdir/Image}
[ -f "$kernel" ] || die "kernel image not found: $kernel"
# A slower kernel (a debug build) gets longer limits, run_tests.sh's too
# (the kernel's run_kselftest.sh has no such option).
scale=$(time_scale "$kdir")
tmo=${tmo:-$((RUN_TIMEOUT * scale))}
[ -n "$kselftest" ] || rargs=$(scaled_args "$scale" "$rargs")
[ -f "$initrd" ] || die "initramfs not found: $initrd"
dir=${dir:-$OUT/runs/latest/$cfg}
rm -rf "$dir"
mkdir -p "$dir/kernel"
for f in config applied-patches source-version; do
	[ -f "$kdir/$f" ] && cp "$kdir/$f" "$dir/kernel/"
done
echo "$kernel" > "$dir/kernel/image-path"

append=$(kernel_cmdline "$line" "$rargs")
[ -z "$kselftest" ] || append="$append smekvm.runner=kselftest"
qemu=${QEMU:-qemu-system-aarch64}
command -v "$qemu" >/dev/null 2>&1 || die "QEMU not found ($qemu)"

# recover_results WHY: the run ended before the runner's exit line. The
# results of the tests that ended come from the progress journal, a test
# still running failed, and results.ktap gets a result for that test, one
# for each test of the runner's plan not run ("not ok K missing_K"), the
# totals and a closing line, so that the run's counts include them and the
# KTAP parses.
recover_results() {
	{
		echo "# smekvm results, recovered from the progress journal: $1"
		awk '{ st[$1] = $2 }
		     END { for (k in st) print k, (st[k] == "running" ? "fail" : st[k]) }' \
			"$dir/progress" | LC_ALL=C sort
	} > "$dir/results"
	cur=$(awk '$2 == "running" { c = $1; next } $1 == c { c = "" }
		   END { print c }' "$dir/progress")
	k=$dir/results.ktap
	plan=$(sed -n 's/^1\.\.\([0-9][0-9]*\).*/\1/p' "$k" | head -n 1)
	p=$(grep -a -c -E '^ok [0-9]+ [^#]*$' "$k" || true)
	s=$(grep -a -c -E '^ok [0-9]+ .*# SKIP' "$k" || true)
	f=$(grep -a -c -E '^not ok [0-9]+ ' "$k" || true)
	t=$((p + s + f))
	{
		# A line cut short ends first.
		[ -z "$(tail -c 1 "$k")" ] || echo
		echo "# harness: $1; the results so far are kept"
		if [ -n "$cur" ]; then
			t=$((t + 1)) f=$((f + 1))
			echo "not ok $t $cur # $1"
		fi
		while [ "$t" -lt "${plan:-0}" ]; do
			t=$((t + 1)) f=$((f + 1))
			echo "not ok $t missing_$t # not run: $1"
		done
		echo "# Totals: pass:$p fail:$f xfail:0 xpass:0 skip:$s error:0"
		echo "$p passed, $f failed, $s skipped"
	} > "$dir/closing"
	cat "$dir/closing" >> "$k"
	[ -n "$quiet" ] || cat "$dir/closing"
	rm -f "$dir/closing"
}

: > "$dir/results.ktap"
: > "$dir/console.log"
: > "$dir/progress"
: > "$dir/heartbeat"
echo "$qemu -cpu $cpu -append \"$append\"" > "$dir/qemu-command"
# The gdbstub's socket: a short path (sun_path holds 108 bytes).
gdbdir=$(mktemp -d "${TMPDIR:-/tmp}/smekvm-gdb.XXXXXX")
trap 'rm -rf "$gdbdir"' EXIT
start=$(date +%s)
set +e
# timeout is only a backstop: watch_run ends the run first, with evidence.
# shellcheck disable=SC2086 # SMEKVM_QEMU_ARGS is a list of options
timeout -k 10 $((tmo + 300)) "$qemu" -M "$QEMU_MACHINE" \
	-cpu "$cpu" -smp "$QEMU_SMP" -m "$QEMU_MEM" \
	-display none -monitor none -no-reboot -nic none \
	-pidfile "$gdbdir/pid" -gdb "unix:$gdbdir/sock,server=on,wait=off" \
	-serial "file:$dir/console.log" \
	-device virtio-serial-device \
	-chardev "file,id=ktap,path=$dir/results.ktap" \
	-device virtconsole,chardev=ktap \
	-chardev "file,id=res,path=$dir/results" \
	-device virtconsole,chardev=res \
	-chardev "file,id=progress,path=$dir/progress" \
	-device virtconsole,chardev=progress \
	-chardev "file,id=beat,path=$dir/heartbeat" \
	-device virtconsole,chardev=beat \
	-kernel "$kernel" -initrd "$initrd" -append "$append" \
	${SMEKVM_QEMU_ARGS:-} > "$dir/qemu.log" 2>&1 &
qpid=$!
sh "$TOP/scripts/watch-run.sh" "$dir" "$gdbdir" "$kdir/System.map" "$qpid" \
	"$tmo" "$scale" > "$dir/watch.log" 2>&1 &
wpid=$!
if [ -z "$quiet" ]; then
	tail -n +1 -f --pid=$qpid "$dir/results.ktap" 2>/dev/null |
		grep -v '^SMEKVM-EXIT:'
fi
wait $qpid
qstatus=$?
wait $wpid
set -e
echo "$(( $(date +%s) - start ))" > "$dir/seconds"

# A tty may have turned each LF into CR LF on the way.
for f in results.ktap results progress; do
	[ -f "$dir/$f" ] || continue
	tr -d '\r' < "$dir/$f" > "$dir/$f.tmp" && mv "$dir/$f.tmp" "$dir/$f"
done

reason=
exitline=$(grep -a '^SMEKVM-EXIT:' "$dir/results.ktap" | tail -n 1)
rstatus=${exitline#SMEKVM-EXIT: }
if [ -s "$dir/hang" ]; then
	reason="$(cat "$dir/hang") (vCPU snapshots in lockup.txt)"
elif [ "$qstatus" = 124 ] || [ "$qstatus" = 137 ]; then
	reason="timeout after $((tmo + 300))s"
elif [ -z "$exitline" ]; then
	reason="the run did not finish (QEMU exit $qstatus; see console.log)"
elif [ "$rstatus" != 0 ] && [ "$rstatus" != 4 ]; then
	reason="run_tests.sh failed (exit $rstatus)"
	u=$(sed -n 's/^not ok [0-9]* \([^ ]*\) # unkillable.*/\1/p' "$dir/results.ktap" | head -n 1)
	[ -z "$u" ] || reason="$reason: $u could not be killed (vCPU snapshots in lockup.txt)"
fi
[ -n "$exitline" ] || recover_results "${reason:-the run did not finish}"
report=$(grep -a -n -E -f "$(patterns_file)" "$dir/console.log" | head -n 1)
if [ -n "$report" ]; then
	reason="${reason:+$reason; }kernel report in console.log line ${report%%:*}: ${report#*:}"
	{
		echo "# kernel report in console.log:"
		grep -a -n -E -A 20 -f "$(patterns_file)" "$dir/console.log" |
			head -n 40 | sed 's/^/#   /'
	} >> "$dir/report"
fi
if [ -s "$dir/lockup.txt" ]; then
	{
		echo "# what the vCPUs were doing (first snapshot of lockup.txt):"
		sed -n '/^=== vCPU snapshot 1 /,/^---/p' "$dir/lockup.txt" |
			grep -E '^(cpu |  |the gdbstub|QEMU)' | sed 's/^/#   /'
	} >> "$dir/report"
fi
if [ -n "$reason" ]; then
	echo "fail: $reason" > "$dir/verdict"
	[ -n "$quiet" ] || { echo "# $cfg: FAIL: $reason"; cat "$dir/report" 2>/dev/null || true; }
	exit 1
fi
echo pass > "$dir/verdict"
exit 0
