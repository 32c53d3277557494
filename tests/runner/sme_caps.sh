#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fake bin/sme_caps for scripts/selftest-runner.sh: a capability summary,
# one line of it not yet a diagnostic.
echo "# SME: 1, SME2: 1, SVL: 128 256 512"
echo "FA64: yes"
