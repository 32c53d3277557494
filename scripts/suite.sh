#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
#
# suite.sh - the front door: build everything and run the suite under QEMU.
#
# Usage: suite.sh COMMAND [CONFIG...]
#   run [CONFIG...]   the main job: our kernel, the suite, CONFIG (default
#                     max-vhe); prints each test's result in a table
#   check             the CI tier: every configuration, the harness
#                     self-tests, results compared with expected/
#   full              the full tier: long test settings, debug kernel too,
#                     max-vhe as a LAVA job too (as lava-check), and the
#                     results page opened in a browser (as results-check)
#   lava-check [CONFIG]  CONFIG (default max-vhe) under the harness, then
#                     as a LAVA job run by LAVA's lava-run, whose results
#                     must equal the harness's (doc/lava.md)
#   kselftest-check [CONFIG]  CONFIG (default max-vhe) under the harness,
#                     then under the kernel's run_kselftest.sh of the
#                     install, which must give every test the same verdict
#   bench             timings of every phase (see doc/benchmarks.md)
#   expected [CONFIG...]  copy the last run's results into expected/
#   build             only build kernels, suite and initramfs
#   selftest          the harness and runner self-tests, and the results
#                     page of a made-up run in a browser
#   results-check [RUNDIR]  the results page (index.html) and JUnit XML of
#                     a run (default the last) opened in a headless
#                     browser: every test and configuration has its cell;
#                     a screenshot, index.png, is kept beside the page
#   (not a command here: make bench-compare A=... B=... boots two kernels,
#   each ours, unpatched, an Image, a source tree or a series, in turn
#   and compares their exit round trips: scripts/bench-compare.sh)
#   Every run, check and full keeps its results in build/runs/<stamp>/
#   (build/runs/latest): index.html, a page of them for people
#   (scripts/results-page.sh), and CONFIG/junit.xml for CI dashboards
#   (scripts/junit.sh).
#
# Environment:
#   KERNEL=IMAGE      boot this kernel Image instead of building ours
#   KSRC=DIR          build the kernel (and the suite's headers) from this
#                     source tree, used as it is (apply hyp_patches/ first)
#   SERIES=DIR|MBOX   apply this series (a directory of patches or an mbox)
#                     to linux-source-7.2 with git am, build it and run on
#                     it (output in build/series unless O= is given)
#   Another kernel (KERNEL, KSRC, SERIES) or profile is judged by the
#   per-rule verdict alone (run_tests.sh --by-rules), not against expected/.
#   O=DIR             output directory (default ./build)
#   SMEKVM_CACHE=DIR  dependency cache (default /var/cache/sme-kvm-suite)
#   SMEKVM_NO_ROOT=1  use the host's own tools (qemu-system-aarch64 >= 11,
#                     aarch64-linux-gnu-gcc, ...) instead of the tool root
#   QEMU=PATH, CROSS_COMPILE=PREFIX   particular tools
#   RUNNER_ARGS="..." extra run_tests.sh options, e.g. --no-expected
#   PROFILE=NAME      ABI profile (lib/sme_profile.c): ours (default, the
#                     one compared with expected/) or proposal (the upstream
#                     series' documented ABI, judged by the per-rule verdict)
# Host-side work runs inside the tool root made by deps.sh unless
# SMEKVM_NO_ROOT is set.
set -eu

. "$(dirname "$0")/common.sh"

cmd=${1:-help}
[ $# -gt 0 ] && shift

case $cmd in
run|check|full|bench|build|expected|selftest|lava-check|kselftest-check|results-check) ;;
help|-h|--help) awk 'NR >= 4 && /^#/ { print } /^set -eu$/ { exit }' "$0" |
	sed 's/^# \{0,1\}//'; exit 0 ;;
*) die "unknown command '$cmd' (run, check, full, lava-check, kselftest-check, bench, expected, build, selftest, results-check)" ;;
esac

# Validate what the user gave before any long work.
for c in "$@"; do
	case $cmd in run | expected | lava-check | kselftest-check) ;; *) break ;; esac
	config_line "$c" >/dev/null ||
		die "unknown configuration '$c' (known: $(config_names | tr '\n' ' '))"
done
case ${PROFILE:-ours} in
ours | proposal) ;;
*) die "unknown PROFILE '$PROFILE' (ours, proposal)" ;;
esac
if [ -n "${SERIES:-}" ]; then
	[ -z "${KSRC:-}" ] && [ -z "${KERNEL:-}" ] ||
		die "SERIES= builds its own kernel: not with KSRC= or KERNEL="
	kernel_input SERIES SERIES
fi
# Each checked, made absolute and shown to the tool root.
[ -z "${KERNEL:-}" ] || kernel_input KERNEL KERNEL
[ -z "${KSRC:-}" ] || kernel_input KSRC KSRC

# The start of the command, for the phase times harness.sh prints.
SMEKVM_T0=${SMEKVM_T0:-$(date +%s)}
export SMEKVM_T0

# The LAVA check needs LAVA's dispatcher in the tool root, the check of
# the results page a browser (deps.sh: extras of their own, which make
# check never installs).
case $cmd in
full) SMEKVM_DEPS="lava browser"; export SMEKVM_DEPS ;;
lava-check) SMEKVM_DEPS=lava; export SMEKVM_DEPS ;;
selftest | results-check) SMEKVM_DEPS=browser; export SMEKVM_DEPS ;;
esac
run_in_root "$0" "$cmd" "$@"

exec sh "$TOP/scripts/harness.sh" "$cmd" "$@"
