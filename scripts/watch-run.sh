#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# watch-run.sh - end a QEMU run that can no longer finish, with evidence.
#
# Usage: watch-run.sh RUNDIR GDBDIR SYSTEM_MAP QEMU_PID TIMEOUT [SCALE]
#
# Started by qemu-run.sh beside QEMU; polls every 2 s until QEMU exits.
# The run is stuck, and ended, when:
#   - the console shows a lockup-class kernel report (RCU stall, soft or
#     hard lockup, hung task: lib/kernel-reports.txt);
#   - the guest's heartbeat (RUNDIR/heartbeat, a line every 5 s from a
#     task at the highest priority, scripts/init.sh) has stopped for
#     90 s: no CPU runs userspace any more, as when every CPU is stuck
#     with interrupts masked and no kernel report can be printed;
#   - the runner's KTAP (results.ktap) has not grown for longer than the
#     longest test of tests.list may take (its timeout, the kill and the
#     runner's kill grace, and a margin);
#   - the runner has printed its exit line but QEMU has not powered off
#     after 60 s;
#   - TIMEOUT seconds have passed since the start.
# SCALE (default 1) multiplies the KTAP silence and the power-off wait for
# a slower kernel (time_scale in common.sh); the heartbeat's 90 s does not
# change: a live guest beats at any speed.
# It then writes the reason to RUNDIR/hang, takes vCPU snapshots through
# the gdbstub in GDBDIR/sock (scripts/lockup-snapshot.sh) into
# RUNDIR/lockup.txt and kills QEMU (TERM, then KILL). When the runner
# reports a test it could not kill, it takes the snapshots too but lets the
# runner end the run itself. Every result collected so far stays in
# RUNDIR; qemu-run.sh closes the KTAP. None of these limits is a
# measurement: each is far above what a working run needs, on any machine.
set -u

. "$(dirname "$0")/common.sh"

dir=${1:?usage: watch-run.sh RUNDIR GDBDIR SYSTEM_MAP QEMU_PID TIMEOUT}
gdbdir=${2:?}
map=${3:?}
tpid=${4:?}
tmo=${5:?}
scale=${6:-1}
lockpat=$(patterns_file lockup)
trap 'rm -f "$lockpat"' EXIT

# The longest a test may run without output: its timeout, 5 s to the KILL,
# the runner's kill grace (10 s) and the judging after it.
longest=$(awk '!/^[ \t]*(#|$)/ && $2 ~ /^[0-9]+$/ && $2 > m { m = $2 }
	END { print m + 0 }' "$TOP/tests.list" "$TOP"/tests/*/tests.list)
silence=$(((longest + 120) * scale))
poweroff=$((60 * scale))
# The limits of this run, in RUNDIR/watch.log beside any reason it gives.
echo "watch-run: limits: KTAP silence ${silence} s, power-off ${poweroff} s, heartbeat 90 s, run ${tmo} s (scale $scale)"

# snapshot: the vCPUs through the gdbstub, once QEMU has written its pid.
snapshot() {
	qpid=$(cat "$gdbdir/pid" 2>/dev/null) || qpid=$tpid
	echo "$1" >> "$dir/lockup.txt"
	sh "$TOP/scripts/lockup-snapshot.sh" "$gdbdir/sock" "$qpid" "$map" \
		"$dir/lockup.txt" 3 2
}

start=$(date +%s)
last=$start size=0 exited='' snapped='' why='' beat=0 beat_at=''
while kill -0 "$tpid" 2>/dev/null; do
	sleep 2
	now=$(date +%s)
	line=$(grep -a -m 1 -E -f "$lockpat" "$dir/console.log")
	if [ -n "$line" ]; then
		why="lockup: $(echo "$line" | tr -d '\r' | sed 's/^\[[ 0-9.]*\] //')"
		break
	fi
	s=$(wc -c < "$dir/results.ktap")
	if [ "$s" != "$size" ]; then
		size=$s last=$now
	fi
	b=$(wc -c < "$dir/heartbeat")
	if [ "$b" != "$beat" ]; then
		beat=$b beat_at=$now
	elif [ -n "$beat_at" ] && [ $((now - beat_at)) -ge 90 ] && [ -z "$exited" ]; then
		why="hang: no heartbeat from the guest for 90 s (no CPU runs userspace)"
		break
	fi
	if [ -z "$snapped" ] && grep -a -q '^# unkillable: ' "$dir/results.ktap"; then
		snapped=1
		snapshot "the runner found a test it could not kill"
		beat_at=$(date +%s)
	fi
	if grep -a -q '^SMEKVM-EXIT:' "$dir/results.ktap"; then
		exited=${exited:-$now}
		if [ $((now - exited)) -ge "$poweroff" ]; then
			why="no power-off ${poweroff} s after the runner's exit line"
			break
		fi
	elif [ $((now - last)) -ge "$silence" ]; then
		why="hang: no KTAP output for ${silence}s (longest test: ${longest}s)"
		break
	fi
	if [ $((now - start)) -ge "$tmo" ]; then
		why="timeout after ${tmo}s"
		break
	fi
done
[ -n "$why" ] || exit 0
echo "$why" > "$dir/hang"
echo "watch-run: $why"
snapshot "the run is stuck: $why"
kill -TERM "$tpid" 2>/dev/null
i=0
while kill -0 "$tpid" 2>/dev/null && [ "$i" -lt 10 ]; do
	sleep 1
	i=$((i + 1))
done
kill -KILL "$tpid" 2>/dev/null
qpid=$(cat "$gdbdir/pid" 2>/dev/null) && kill -KILL "$qpid" 2>/dev/null
exit 0
