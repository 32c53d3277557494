#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fake test for scripts/selftest-runner.sh: exits 0 with every case
# skipped, which the runner counts as a skip, not a pass (kselftest's own
# runner, given the program itself, would say pass).
echo "KTAP version 1"
echo "1..2"
echo "ok 1 za preserved # SKIP no SME"
echo "ok 2 zt0 preserved # SKIP no SME2"
exit 0
