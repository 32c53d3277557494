# SPDX-License-Identifier: GPL-2.0-only
# common.sh - shared settings and helpers of the host-side scripts.
# Sourced, never run, so it only defines: what more than one script does
# (enter the tool root, build the suite, read the configuration table)
# lives here once. POSIX sh.

TOP=$(cd "$(dirname "$0")/.." && pwd)
CACHE=${SMEKVM_CACHE:-/var/cache/sme-kvm-suite}
ROOT=$CACHE/root
SUITE=${SMEKVM_SUITE:-forky}
# Where builds and run results go unless told otherwise.
OUT=${O:-$TOP/build${SERIES:+/series}}

log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() { printf '%s: error: %s\n' "${0##*/}" "$*" >&2; exit 1; }

# in_root CMD...: run CMD inside the tool root, with the project, the cache
# and the output directory at the same paths as outside. A private mount
# namespace makes the bind mounts disappear with the command.
in_root() {
	unshare -m --propagation private sh -c '
		root=$1; shift
		for d in /proc /dev /sys; do
			mkdir -p "$root$d" && mount --rbind "$d" "$root$d"
		done
		mount -t tmpfs tmpfs "$root/tmp"
		for d in $SMEKVM_BIND_DIRS; do
			[ -d "$d" ] || continue
			mkdir -p "$root$d" && mount --bind "$d" "$root$d"
		done
		exec chroot "$root" env PATH=/usr/local/bin:/usr/bin:/bin:/usr/sbin:/sbin SMEKVM_IN_ROOT=1 \
			sh -c '\''cd "$0" 2>/dev/null || cd /; exec "$@"'\'' "$PWD" "$@"
	' in_root "$ROOT" "$@"
}
SMEKVM_BIND_DIRS="$TOP $CACHE $OUT"
export SMEKVM_BIND_DIRS

# The configuration table, without comments and blank lines.
config_table() {
	sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$TOP/configs/matrix.conf"
}
config_names() { config_table | cut -d'|' -f1 | tr -d ' '; }
# tier_configs TIER: the configurations that tier (ci or full) boots.
tier_configs() {
	config_table | awk -F'|' -v t="$1" '{
		n = $1; gsub(/ /, "", n); w = $6; gsub(/ /, "", w)
		if (w == "" || ("," w ",") ~ ("," t ",")) print n
	}'
}
# config_line NAME: the table line of NAME; fails when there is none.
config_line() {
	config_table | awk -F'|' -v n="$1" '{ f = $1; gsub(/ /, "", f) } f == n { print; found = 1 } END { exit !found }'
}
# config_field LINE N: field N of a table line, trimmed.
config_field() {
	echo "$1" | cut -d'|' -f"$2" | sed 's/^[[:space:]]*//; s/[[:space:]]*$//'
}
# How every configuration boots, under the harness (qemu-run.sh) and as a
# LAVA job (lava-jobs.sh): the QEMU machine, memory and CPUs, and how long
# a run may take in seconds.
QEMU_MACHINE=virt,virtualization=on,gic-version=3
QEMU_MEM=${SMEKVM_MEM:-2048}
QEMU_SMP=${SMEKVM_SMP:-2}
RUN_TIMEOUT=${SMEKVM_BOOT_TIMEOUT:-2400}
# kernel_config_has KDIR OPTION...: the kernel built in KDIR (its config
# file, as build-kernel.sh leaves it beside the Image) has every OPTION
# built in (CONFIG_<OPTION>=y).
kernel_config_has() {
	kc=$1/config
	shift
	for o; do
		grep -q "^CONFIG_$o=y\$" "$kc" 2>/dev/null || return 1
	done
}
# time_scale KDIR: how many times slower than our ordinary kernel the
# kernel in KDIR runs the suite, by which every time limit of a run is
# multiplied (the runner's per test, the watchdog's silence, the boot's):
# SMEKVM_TIME_SCALE when set, else 10 for a debug kernel (CONFIG_KASAN in
# KDIR/config; the debug build ran the CI tier of max-vhe 8.2 times
# slower, doc/benchmarks.md), else 1. A limit is a backstop, never a
# measurement: a slow kernel must not fail for being slow.
time_scale() {
	if [ -n "${SMEKVM_TIME_SCALE:-}" ]; then
		echo "$SMEKVM_TIME_SCALE"
	elif kernel_config_has "$1" KASAN; then
		echo 10
	else
		echo 1
	fi
}
# scaled_args SCALE "RUNNER ARGS": RUNNER ARGS for a kernel SCALE times
# slower (time_scale): run_tests.sh's --time-scale SCALE in front, unless
# SCALE is 1, so that an ordinary run's arguments stay as they were given.
scaled_args() {
	if [ "$1" = 1 ]; then
		printf '%s\n' "$2"
	else
		printf '%s\n' "--time-scale $1${2:+ $2}"
	fi
}
# kernel_cmdline LINE "RUNNER ARGS": the kernel command line of the table
# line LINE: the console, lockup evidence, the configuration's name for
# /init (scripts/init.sh), its runner options (field 5) and RUNNER ARGS as
# smekvm.args=a,b,..., and its kernel arguments (field 4).
kernel_cmdline() {
	runner=$(echo "$(config_field "$1" 5) $2" | sed 's/^ *//; s/ *$//; s/  */,/g')
	# Lockup evidence (doc/lockups.md): the hard and soft lockup detectors
	# at a threshold suited to TCG, every CPU's backtrace in their
	# reports, and pseudo-NMI when SMEKVM_PSEUDO_NMI=1 (backtraces of CPUs
	# at EL1 with interrupts masked, at the cost of taking QEMU's global
	# lock on every PMR access).
	watch="watchdog_thresh=20 hardlockup_all_cpu_backtrace=1 softlockup_all_cpu_backtrace=1"
	[ "${SMEKVM_PSEUDO_NMI:-0}" = 0 ] || watch="$watch irqchip.gicv3_pseudo_nmi=1"
	# arm64.nolva: 48-bit VA and PA, so KVM offers 48-bit IPAs, not the 52
	# of QEMU's "max" CPU with LPA2. Linux 7.2 tears a stage 2 down one
	# 1-GiB walk at a time across the whole IPA space, and the KVM
	# selftests library creates a VM of the largest IPA size when every
	# program starts: about 3.5 s per program under TCG at 52 bits, 0.2 s
	# at 48 (doc/benchmarks.md).
	cl="console=ttyAMA0 panic=-1 arm64.nolva $watch"
	cl="$cl smekvm.config=$(config_field "$1" 1)"
	[ -z "$runner" ] || cl="$cl smekvm.args=$runner"
	kargs=$(config_field "$1" 4)
	# SMEKVM_KARGS: more kernel arguments, e.g. smekvm.hold_vm=0.
	kargs="$kargs${SMEKVM_KARGS:+ $SMEKVM_KARGS}"
	echo "$cl${kargs:+ $kargs}"
}
# patterns_file [lockup]: a file of the kernel report patterns of
# lib/kernel-reports.txt without comment lines; with "lockup", only the
# lockup class, between its "lockup-class begin" and "end" markers.
patterns_file() {
	p=${TMPDIR:-/tmp}/smekvm-patterns${1:+-$1}.$$
	if [ "${1:-}" = lockup ]; then
		sed -n '/^# lockup-class begin/,/^# lockup-class end/p' \
			"$TOP/lib/kernel-reports.txt"
	else
		cat "$TOP/lib/kernel-reports.txt"
	fi | grep -v -e '^#' -e '^$' > "$p"
	echo "$p"
}
# run_in_root SCRIPT ARG...: unless already inside the tool root (or told
# to use the host's tools with SMEKVM_NO_ROOT), make the tool root, run
# scripts/SCRIPT again inside it and exit with its status; else return.
# Every script that needs the tool root starts with it (run_in_root "$0"
# "$@"), none with a copy of its own.  With SMEKVM_T0 set (suite.sh), it
# says how long the dependencies took; SMEKVM_DEPS names the extras of
# deps.sh to add to the root (lava: LAVA's dispatcher; browser: a
# headless Chromium).
run_in_root() {
	[ -z "${SMEKVM_IN_ROOT:-}" ] && [ -z "${SMEKVM_NO_ROOT:-}" ] || return 0
	sh "$TOP/scripts/deps.sh" ${SMEKVM_DEPS:-}
	[ -z "${SMEKVM_T0:-}" ] ||
		log "dependencies ready after $(($(date +%s) - SMEKVM_T0)) s"
	mkdir -p "$OUT"
	export O="$OUT"
	s=$TOP/scripts/${1##*/}
	shift
	in_root sh "$s" "$@"
	exit $?
}
# build_suite [KDIR [DIR]]: the test programs built against the kernel tree
# KDIR (default: KSRC, else the patched linux-source) in DIR/suite (default
# DIR: $OUT), installed in DIR/install and packed with busybox into
# DIR/initramfs.cpio.gz; the make output goes to DIR/suite-build.log.
# Both arguments are optional (harness.sh gives none).
# shellcheck disable=SC2120
build_suite() {
	kdir=${1:-${KSRC:-$(sh "$TOP/scripts/kernel-src.sh" patched)}}
	bdir=${2:-$OUT}
	blog=$bdir/suite-build.log
	log "building the suite against $kdir"
	mkdir -p "$bdir"
	make -s -C "$TOP" KDIR="$kdir" O="$bdir/suite" -j"$(($(nproc) + 1))" \
		> "$blog" 2>&1 || {
		tail -n 30 "$blog" >&2
		die "suite build failed (full log: $blog)"
	}
	rm -rf "$bdir/install"
	make -s -C "$TOP" KDIR="$kdir" O="$bdir/suite" DESTDIR="$bdir/install" \
		install >> "$blog" 2>&1 ||
		die "suite install failed (full log: $blog)"
	sh "$TOP/scripts/mkinitramfs.sh" "$bdir/install" "$bdir/initramfs.cpio.gz"
}
# series_hash: names the state of hyp_patches/ (the series file and every
# patch it lists), for ledgers and stamps.
series_hash() {
	(cd "$TOP/hyp_patches" &&
	 cat series $(grep -v -e '^#' -e '^$' series) 2>/dev/null) |
		sha256sum | cut -c1-16
}
# kernel_input KIND VAR: check the kernel that the variable VAR gives as
# KIND (KERNEL: an Image; KSRC: a Linux source tree; SERIES: a directory
# of patches or an mbox), make VAR an absolute path and export it, and let
# the tool root see it (SMEKVM_BIND_DIRS). For KERNEL, KSRC and SERIES of
# suite.sh and the two kernels of bench-compare.sh.
kernel_input() {
	eval "ki=\${$2}"
	case $1 in
	KERNEL) [ -f "$ki" ] || die "$2=$ki: no such kernel image" ;;
	KSRC)
		[ -f "$ki/Makefile" ] && [ -d "$ki/arch/arm64" ] ||
			die "$2=$ki is not a Linux source tree" ;;
	SERIES) [ -e "$ki" ] || die "$2=$ki: no such directory or mbox" ;;
	*) die "kernel_input: unknown kind '$1'" ;;
	esac
	if [ "$1" = KSRC ]; then
		ki=$(cd "$ki" && pwd)
		SMEKVM_BIND_DIRS="$SMEKVM_BIND_DIRS $ki"
	else
		ki=$(cd "$(dirname "$ki")" && pwd)/$(basename "$ki")
		SMEKVM_BIND_DIRS="$SMEKVM_BIND_DIRS $(dirname "$ki")"
	fi
	eval "$2=\$ki"
	export "${2?}"
}
# use_series SERIES: KSRC becomes the tree of SERIES applied to
# linux-source-7.2 (kernel-src.sh series), built as the custom kernel in
# an object directory of its own in the cache (SMEKVM_OBJ, unless set);
# both exported. Inside the tool root.
use_series() {
	KSRC=$(sh "$TOP/scripts/kernel-src.sh" series "$1") || exit 1
	SMEKVM_OBJ=${SMEKVM_OBJ:-$CACHE/obj/series}
	export KSRC SMEKVM_OBJ
}
# kunit_py: the path of the kernel's own KTAP parser, SMEKVM_KUNIT or
# tools/testing/kunit/kunit.py of the pristine kernel source
# (kernel-src.sh base); fails when there is no such source. For the
# self-tests (selftest.sh) and the JUnit XML of a run (junit.sh).
kunit_py() {
	if [ -n "${SMEKVM_KUNIT:-}" ]; then
		echo "$SMEKVM_KUNIT"
		return
	fi
	kp=$(sh "$TOP/scripts/kernel-src.sh" base 2>/dev/null) || return 1
	echo "$kp/tools/testing/kunit/kunit.py"
}
