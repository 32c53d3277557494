/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_el2.h - whether a test runs SME guests at (virtual) EL2 too.
 *
 * Guest hypervisors are used only when the runner allows them (the
 * environment does not say NV=0, as in the max-nested configuration) and
 * KVM offers nested virtualisation.  SME is then offered to them only if
 * KVM_ARM_VCPU_INIT accepts KVM_ARM_VCPU_SME with KVM_ARM_VCPU_HAS_EL2
 * (abi-nv-el2-init-einval: EINVAL means "not offered").
 */
#ifndef SMEKVM_SME_EL2_H
#define SMEKVM_SME_EL2_H

#include <stdbool.h>

/*
 * Whether this run has vEL2 cases.  If so, *@why is NULL when SME is
 * offered to a vcpu with EL2, else the reason those cases skip.
 */
bool smekvm_el2_sme_wanted(const char **why);

#endif /* SMEKVM_SME_EL2_H */
