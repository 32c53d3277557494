#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fake test for scripts/selftest-runner.sh: two cases fail although the
# program exits 0; the runner must still fail it. The first failure is
# bare (no line says what differed), the second is not.
echo "KTAP version 1"
echo "1..4"
echo "ok 1 smstart traps"
echo "not ok 2 vl 256 zeroes za"
echo "ok 3 za preserved"
echo "# p0_zeroed: P0 is 0x1, want 0x0"
echo "not ok 4 p0 zeroed"
exit 0
