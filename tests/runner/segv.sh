#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fake test for scripts/selftest-runner.sh: dies of SIGSEGV after one case.
echo "KTAP version 1"
echo "1..2"
echo "ok 1 before crash"
kill -SEGV $$
