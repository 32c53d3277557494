#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fake test for scripts/selftest-runner.sh: never finishes; the runner's
# timeout must stop it. exec, so that no orphaned sleep is left behind.
echo "KTAP version 1"
echo "1..1"
exec sleep 60
