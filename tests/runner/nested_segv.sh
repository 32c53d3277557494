#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fake test for scripts/selftest-runner.sh: dies of SIGSEGV in the middle
# of a nested group, after a kselftest harness "RUN" line: the runner must
# close the nested plan and its own, naming the test that was running.
echo "KTAP version 1"
echo "1..3"
echo "ok 1 before crash"
echo "#  RUN           global.crashes ..."
echo "    KTAP version 1"
echo "    1..2"
echo "    ok 1 inner before crash"
kill -SEGV $$
