#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# /init of the suite's initramfs: mount the usual filesystems, run the suite,
# power off. Runs under busybox ash.
#
# Kernel arguments read here:
#   smekvm.config=NAME   configuration name (expected/NAME)
#   smekvm.args=A,B,...  extra run_tests.sh arguments, comma-separated
#   smekvm.lava=1        LAVA mode (doc/lava.md): the KTAP and one marked
#                        line per result on the console, for a LAVA
#                        "monitors" test action
#   smekvm.runner=kselftest  run the kselftest install with the kernel's
#                        run_kselftest.sh (smekvm.args are its arguments)
#                        instead of run_tests.sh (kselftest-check.sh)
#   smekvm.hold_vm=0     do not hold a VM for the whole run (bin/kvm_hold_vm;
#                        only to reproduce the QEMU problem it avoids)
# The runner's output goes to /dev/hvc0 when it exists (the harness's
# channel), else to the console. The last line is "SMEKVM-EXIT: <status>".
/bin/busybox --install -s /bin
export PATH=/bin
mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev 2>/dev/null
# devtmpfs has no /dev/fd, /dev/stdin, /dev/stdout or /dev/stderr (udev or
# mdev makes them), and kselftest's runner appends to /dev/stdout: without
# the link that would be a file, and the tests' output lost.
[ -e /dev/fd ] || ln -s /proc/self/fd /dev/fd
for f in 0:stdin 1:stdout 2:stderr; do
	[ -e "/dev/${f#*:}" ] || ln -s "/proc/self/fd/${f%%:*}" "/dev/${f#*:}"
done
mount -t tmpfs tmpfs /tmp
mount -t debugfs debugfs /sys/kernel/debug 2>/dev/null

cfg=native
args=
lava=
runner=run_tests
hold_vm=1
for w in $(cat /proc/cmdline); do
	case $w in
	smekvm.config=*) cfg=${w#smekvm.config=} ;;
	smekvm.args=*) args=$(echo "${w#smekvm.args=}" | tr ',' ' ') ;;
	smekvm.lava=1) lava=1 ;;
	smekvm.runner=kselftest) runner=kselftest ;;
	smekvm.hold_vm=0) hold_vm=0 ;;
	esac
done

cd /suite || exit 1
# Boot-to-first-test time, for the benchmark (scripts/bench.sh).
echo "smekvm: starting run_tests.sh at uptime $(cut -d" " -f1 /proc/uptime) s"
# Under the harness, hvc0 carries the KTAP, hvc1 the results file, hvc2
# the progress journal (what the harness keeps when the run cannot finish)
# and hvc3 a heartbeat, so that kernel messages on the console cannot
# interleave with them.
out=/dev/console
res=/dev/null
if [ -n "$lava" ]; then
	# LAVA sees the console only, and keeps kernel messages off it with
	# loglevel=1 (lava-jobs.sh). Each entry of the progress journal that
	# is a result ("name pass|fail|skip") becomes a line
	# "SMEKVM-LAVA-RESULT <result> <name>" as the test ends; a reader that
	# reopens the FIFO sees every append of the runner, and stops at the
	# line "." that follows the run.
	lfifo=/tmp/lava-progress
	mkfifo "$lfifo"
	awk -v f=$lfifo 'BEGIN {
		for (;;) {
			while ((getline l < f) > 0) {
				if (l == ".")
					exit
				if (split(l, w, " ") == 2 && w[2] != "running") {
					print "SMEKVM-LAVA-RESULT " w[2] " " w[1]
					fflush()
				}
			}
			close(f)
		}
	}' > /dev/console &
	lreader=$!
	args="$args --progress $lfifo"
	echo "SMEKVM-LAVA-START $cfg"
elif [ -c /dev/hvc0 ]; then
	out=/dev/hvc0
	[ -c /dev/hvc1 ] && res=/dev/hvc1
	[ -c /dev/hvc2 ] && [ "$runner" = run_tests ] &&
		args="$args --progress /dev/hvc2"
	# Plain bytes: no CR before each LF, no echo.
	for t in /dev/hvc0 /dev/hvc1 /dev/hvc2 /dev/hvc3; do
		[ -c $t ] && stty -F $t raw -echo 2>/dev/null
	done
	# A line every 5 s from a task at the highest priority: the harness
	# sees when no CPU runs userspace any more (every CPU stuck with
	# interrupts masked, when no kernel report can say so).
	# (busybox has renice, not nice.)
	if [ -c /dev/hvc3 ]; then
		sh -c 'while :; do echo .; sleep 5; done' > /dev/hvc3 &
		renice -20 -p $! > /dev/null
	fi
fi
# One empty VM for the whole run, so that KVM never flips the preempt
# notifiers' static key under QEMU's TCG, which can keep executing the
# unpatched branch on the other vCPU (bin/kvm_hold_vm, doc/known-issues.md).
# It says on the console whether it holds one, and returns once it does.
if [ "$hold_vm" = 1 ] && [ -x bin/kvm_hold_vm ]; then
	bin/kvm_hold_vm > /dev/console 2>&1
fi
# shellcheck disable=SC2086
if [ "$runner" = kselftest ]; then
	# kselftest's runner.sh finds no /usr/bin/timeout here (busybox's
	# applets are in /bin) and runs each test without a limit of its
	# own: the test's entry (bin/kselftest-entry) runs it through
	# run_tests.sh, whose limit applies.
	./run_kselftest.sh $args > "$out" 2>&1
else
	./run_tests.sh --config "$cfg" --results /tmp/results $args > "$out" 2>&1
fi
status=$?
cat /tmp/results > "$res" 2>/dev/null
if [ -n "$lava" ]; then
	echo . > "$lfifo"
	wait "$lreader"
	# The run's verdict (run_tests.sh: 0 matched expected/, 4 all
	# skipped), for the second monitor of the job.
	verdict=fail
	[ "$status" = 0 ] || [ "$status" = 4 ] && verdict=pass
	echo "SMEKVM-LAVA-END"
	echo "SMEKVM-LAVA-VERDICT-START"
	echo "SMEKVM-LAVA-VERDICT $verdict $cfg"
fi
echo "SMEKVM-EXIT: $status" > "$out"
echo "SMEKVM-EXIT: $status"
sync
poweroff -f
