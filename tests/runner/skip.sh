#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fake test for scripts/selftest-runner.sh: skips the way a KVM selftest
# does when a requirement is missing (TEST_REQUIRE, exit 4).
echo "TAP version 13"
echo "1..0 # SKIP - Requirement not met: SME"
exit 4
