#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fake test for scripts/selftest-runner.sh: passes. Its cases cover a
# duplicate name, skipped cases (named before "# SKIP", and kselftest's
# "ok N # SKIP <name>: <reason>" and "ok N # SKIP <text>"), an XFAIL, a
# nested subtest (whose "not ok"
# is not a case of this program) and a line on stderr. It prints the
# environment the runner gives it, and runs only case $SMEKVM_CASE if set.
echo "KTAP version 1"
echo "# env: seed=$SMEKVM_SEED tier=$SMEKVM_TIER nv=${NV-unset} case=${SMEKVM_CASE-unset} profile=${SMEKVM_PROFILE-unset}"
if [ -n "$SMEKVM_CASE" ]; then
	echo "1..1"
	echo "ok 1 $SMEKVM_CASE"
	exit 0
fi
echo "library note on stderr" >&2
echo "1..7"
echo "ok 1 vl 128 zeroes za"
echo "ok 2 vl 128 zeroes za"
echo "    KTAP version 1"
echo "    1..2"
echo "    ok 1 inner one"
echo "    not ok 2 inner two"
echo "ok 3 nested group"
echo "ok 4 fa64 # SKIP FA64 not offered"
echo "ok 5 known bug # XFAIL"
echo "ok 6 # SKIP el1/sme_only/zt0: host has no SME2"
echo "ok 7 # SKIP Streaming SVE set SVE for VL 48"
exit 0
