#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-only
# Fake test for scripts/selftest-runner.sh: passes, but "the kernel" logs a
# WARNING meanwhile: it appends one to the fake kernel log $SMEKVM_FAKE_DMESG,
# which the self-test makes the runner read (SMEKVM_DMESG).
echo "KTAP version 1"
echo "1..1"
cat >> "$SMEKVM_FAKE_DMESG" <<EOT
[   12.345678] WARNING: CPU: 1 PID: 99 at arch/arm64/kvm/fpsimd.c:42 kvm_arch_vcpu_put_fp+0x10/0x20
[   12.345679] Call trace:
[   12.345680]  kvm_arch_vcpu_put_fp+0x10/0x20
[   12.345681] ---[ end trace 0000000000000000 ]---
EOT
echo "ok 1 still passes"
exit 0
