#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fake test for scripts/selftest-runner.sh: passes, printing KTAP the way
# upstream kselftests sometimes do: a child's own version line and "1..0 #
# SKIP" plan in the middle, more results than planned, a result numbered
# wrongly, one without a number, a "#" in a name and a stray subtest
# header. The runner must keep the cases and make the KTAP parse.
echo "TAP version 13"
echo "1..3"
echo "ok 1 first"
echo "TAP version 13"
echo "1..0 # SKIP - child: EL2 not available"
echo "ok 3 second"
echo "ok - third"
echo "# Subtest: not a subtest"
echo "ok 4 fourth#1"
echo "ok 5 fifth # SKIP not here"
exit 0
