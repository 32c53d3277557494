#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# lava-jobs.sh - write one LAVA job definition per configuration.
#
# Usage: lava-jobs.sh [--out DIR] [--url BASE] [--kernel URL]
#                     [--initrd URL] [--args "RUNNER ARGS"] [--time-scale N]
#                     [CONFIG...]
#
# For each CONFIG of configs/matrix.conf (default: all of them), DIR/CONFIG.yaml
# (default DIR: $OUT/lava/jobs) is a job for LAVA's "qemu" device type that
# boots the configuration as scripts/qemu-run.sh does: the same machine,
# -cpu, memory, CPUs and kernel command line (common.sh), plus
# smekvm.lava=1 loglevel=1, which make /init report each result on the
# console for the job's "monitors" test action (doc/lava.md says why and
# how the case names map). The artifacts are BASE/kernel/<kernel>/Image
# (the table's kernel column) and BASE/initramfs.cpio.gz, the layout of
# the build directory; BASE defaults to file://$OUT, a lab gives the URL
# where it publishes them. --kernel and --initrd give one URL each
# instead; --args adds run_tests.sh arguments, as RUNNER_ARGS does for
# make run; --time-scale N multiplies the job's time limits and the
# runner's for a kernel N times slower (a debug build: time_scale in
# common.sh). The QEMU settings are the job's context, which a lab's qemu
# device-type template turns into the command line; lava-check.sh renders
# the local device (lava/devices/qemu-smekvm.yaml) from the same context.
set -eu

. "$(dirname "$0")/common.sh"

dir=$OUT/lava/jobs base=file://$OUT kurl='' iurl='' rargs='' scale=1
while [ $# -gt 0 ]; do
	case $1 in
	--out) dir=${2:?}; shift ;;
	--url) base=${2:?}; shift ;;
	--kernel) kurl=${2:?}; shift ;;
	--initrd) iurl=${2:?}; shift ;;
	--args) rargs=${2?}; shift ;;
	--time-scale) scale=${2:?}; shift ;;
	-*) die "unknown option $1" ;;
	*) break ;;
	esac
	shift
done
# shellcheck disable=SC2046 # configuration names have no blanks
[ $# -gt 0 ] || set -- $(config_names)
for c in "$@"; do
	config_line "$c" > /dev/null ||
		die "unknown configuration '$c' (known: $(config_names | tr '\n' ' '))"
done
mkdir -p "$dir"

# q VALUE: VALUE as a single-quoted YAML scalar.
q() {
	printf "'%s'" "$(printf '%s' "$1" | sed "s/'/''/g")"
}

for c in "$@"; do
	line=$(config_line "$c")
	variant=$(config_field "$line" 2)
	r=$(scaled_args "$scale" "$rargs")
	append="$(kernel_cmdline "$line" "$r") smekvm.lava=1 loglevel=1"
	mins=$(((RUN_TIMEOUT * scale + 59) / 60))
	cat > "$dir/$c.yaml.tmp" <<-EOF
	# LAVA job: configuration $c of configs/matrix.conf, written by
	# scripts/lava-jobs.sh (do not edit; doc/lava.md says how it works).
	device_type: qemu
	job_name: $(q "smekvm $c")
	priority: medium
	visibility: public
	timeouts:
	  job:
	    minutes: $((mins + 20))
	  action:
	    minutes: 10
	  connections:
	    # The longest quiet time on the console: one test program.
	    lava-test-monitor:
	      minutes: $mins
	context:
	  arch: arm64
	  machine: $(q "$QEMU_MACHINE")
	  cpu: $(q "$(config_field "$line" 3)")
	  memory: $QEMU_MEM
	  no_network: true
	  extra_options:
	  - $(q "-smp $QEMU_SMP")
	  - '-no-reboot'
	metadata:
	  smekvm.config: $(q "$c")
	  smekvm.kernel: $(q "$variant")
	actions:
	- deploy:
	    to: tmpfs
	    images:
	      kernel:
	        url: $(q "${kurl:-$base/kernel/$variant/Image}")
	        image_arg: $(q "-kernel {kernel} -append \"$append\"")
	      initrd:
	        url: $(q "${iurl:-$base/initramfs.cpio.gz}")
	        image_arg: '-initrd {initrd}'
	- boot:
	    method: qemu
	    media: tmpfs
	    timeout:
	      minutes: 5
	- test:
	    timeout:
	      minutes: $mins
	    monitors:
	    # Every entry of the results file: "<name> pass|fail|skip" after
	    # the marker; LAVA names the case after <name> (doc/lava.md).
	    - name: smekvm
	      start: 'SMEKVM-LAVA-START'
	      end: 'SMEKVM-LAVA-END'
	      pattern: 'SMEKVM-LAVA-RESULT (?P<result>pass|fail|skip) (?P<test_case_id>\S+)\s'
	    # The run's verdict against expected/$c, as one case named
	    # after the configuration.
	    - name: smekvm-verdict
	      start: 'SMEKVM-LAVA-VERDICT-START'
	      end: 'SMEKVM-EXIT:'
	      pattern: 'SMEKVM-LAVA-VERDICT (?P<result>pass|fail) (?P<test_case_id>\S+)\s'
	EOF
	mv "$dir/$c.yaml.tmp" "$dir/$c.yaml"
	echo "$dir/$c.yaml"
done
