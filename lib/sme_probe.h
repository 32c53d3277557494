/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_probe.h - what the running kernel says to a vcpu asking for SME.
 *
 * Raw ioctls only, so that programs which do not link the KVM selftests
 * library (whose constructor exits when /dev/kvm is missing) can use it.
 */
#ifndef SMEKVM_SME_PROBE_H
#define SMEKVM_SME_PROBE_H

#include <linux/types.h>

/*
 * smekvm_probe_vcpu_init() - KVM_ARM_VCPU_INIT on a scratch VM
 * @kvm_fd:	open /dev/kvm
 * @features:	bits added to features[0] of the preferred target
 * @step:	if not NULL, set to the name of the ioctl that failed
 *
 * Return: 0 when the vcpu initialised, else the negative errno of the
 * first failing ioctl (named in *@step).  For INIT with KVM_ARM_VCPU_SME:
 * -ENOENT is a kernel that does not know the bit, -EINVAL one that knows
 * it but cannot offer SME to this vcpu (abi-init-unknown-bit-enoent,
 * abi-init-sme-unavailable-einval).
 */
int smekvm_probe_vcpu_init(int kvm_fd, __u32 features, const char **step);

/*
 * smekvm_skip_unless_kvm_sme() - end the program with a KTAP skip, and the
 * reason, unless KVM can give a vcpu SME: no /dev/kvm, a kernel that does
 * not know KVM_ARM_VCPU_SME, a host that cannot offer it.  Fails the
 * program when the kernel contradicts itself (INIT refused although
 * KVM_CAP_ARM_SME is set, or another error).
 */
void smekvm_skip_unless_kvm_sme(void);

#endif /* SMEKVM_SME_PROBE_H */
