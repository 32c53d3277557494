/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_uapi.h - the KVM SME userspace ABI numbers (doc/abi.md: abi-cap-*,
 * abi-regid-*) for kernel trees whose headers lack them.
 *
 * This is the one place the suite takes these numbers from.  The headers
 * of the kernel tree the suite is built against win: directly where their
 * macros take the arguments ours take, else through the numbers
 * scripts/uapi-probe.sh compiled from them (sme_uapi_probe.h in the build
 * directory), so that a series with a one-argument ZT0 macro or other
 * register IDs still builds and is judged by the cases of the rules it
 * breaks.  What the tree lacks comes from doc/abi.md; the names are those
 * of our implementation (hyp_patches).  KVM_CAP_ARM_SME moves with every
 * rebase: build with -DKVM_CAP_ARM_SME=<n> (make SME_CAP=<n>) to override
 * the default.
 */
#ifndef SMEKVM_SME_UAPI_H
#define SMEKVM_SME_UAPI_H

#include <linux/kvm.h>
#include <asm/sysreg.h>

#if __has_include("sme_uapi_probe.h")
#include "sme_uapi_probe.h"
#endif

/*
 * The tree's register numbers, whatever arguments its macros take (row
 * and slice indexes masked as in doc/abi.md).
 */
#if defined(SMEKVM_UAPI_ZA_ROW0) && defined(SMEKVM_UAPI_ZA_ROW1)
#undef KVM_REG_ARM64_SME_ZAHREG
#define KVM_REG_ARM64_SME_ZAHREG(n, i)					\
	(SMEKVM_UAPI_ZA_ROW0 +						\
	 ((n) & 255) * (SMEKVM_UAPI_ZA_ROW1 - SMEKVM_UAPI_ZA_ROW0) +	\
	 ((i) & 31))
#endif
#ifdef SMEKVM_UAPI_ZT0
#undef KVM_REG_ARM64_SME_ZTREG
#undef KVM_REG_ARM64_SME_ZT0
#define KVM_REG_ARM64_SME_ZTREG(n, i)					\
	(SMEKVM_UAPI_ZT0 +						\
	 (((n) & (KVM_ARM64_SME_NUM_ZTREGS - 1)) << 5) + ((i) & 31))
#define KVM_REG_ARM64_SME_ZT0		SMEKVM_UAPI_ZT0
#endif

/* First free capability number of Linux 7.2. */
#ifndef KVM_CAP_ARM_SME
#define KVM_CAP_ARM_SME			250
#endif

#ifndef KVM_ARM_VCPU_SME
#define KVM_ARM_VCPU_SME		9
#endif

/* KVM_ARM_VCPU_FINALIZE argument that finalises SVE and SME together. */
#ifndef KVM_ARM_VCPU_VEC
#define KVM_ARM_VCPU_VEC		KVM_ARM_VCPU_SVE
#endif

#ifndef KVM_REG_ARM64_SME
#define KVM_REG_ARM64_SME		(0x17 << KVM_REG_ARM_COPROC_SHIFT)
#endif

/* ZA horizontal vectors and ZT registers occupy blocks of the SME group. */
#ifndef KVM_REG_ARM64_SME_ZAHREG_BASE
#define KVM_REG_ARM64_SME_ZAHREG_BASE	0
#endif
#ifndef KVM_REG_ARM64_SME_ZTREG_BASE
#define KVM_REG_ARM64_SME_ZTREG_BASE	0x600
#endif
#ifndef KVM_ARM64_SME_NUM_ZAHREGS
#define KVM_ARM64_SME_NUM_ZAHREGS	256
#endif
#ifndef KVM_ARM64_SME_NUM_ZTREGS
#define KVM_ARM64_SME_NUM_ZTREGS	1
#endif

/* ZA horizontal row n (0..255), slice i (only 0 exists): U2048. */
#ifndef KVM_REG_ARM64_SME_ZAHREG
#define KVM_REG_ARM64_SME_ZAHREG(n, i)					\
	(KVM_REG_ARM64 | KVM_REG_ARM64_SME |				\
	 KVM_REG_ARM64_SME_ZAHREG_BASE | KVM_REG_SIZE_U2048 |		\
	 (((n) & (KVM_ARM64_SME_NUM_ZAHREGS - 1)) << 5) |		\
	 ((i) & (KVM_ARM64_SVE_MAX_SLICES - 1)))
#endif

/* ZT register n (only ZT0), slice i (only 0): U512. */
#ifndef KVM_REG_ARM64_SME_ZTREG
#define KVM_REG_ARM64_SME_ZTREG(n, i)					\
	(KVM_REG_ARM64 | KVM_REG_ARM64_SME |				\
	 KVM_REG_ARM64_SME_ZTREG_BASE | KVM_REG_SIZE_U512 |		\
	 (((n) & (KVM_ARM64_SME_NUM_ZTREGS - 1)) << 5) |		\
	 ((i) & (KVM_ARM64_SVE_MAX_SLICES - 1)))
#endif

/* The suite's name for ZT0: 0x6060 0000 0017 0600. */
#ifndef KVM_REG_ARM64_SME_ZT0
#define KVM_REG_ARM64_SME_ZT0		KVM_REG_ARM64_SME_ZTREG(0, 0)
#endif

/* SME VQs: SVL 128 to 2048 bits. */
#ifndef KVM_ARM64_SME_VQ_MIN
#define KVM_ARM64_SME_VQ_MIN		1
#endif
#ifndef KVM_ARM64_SME_VQ_MAX
#define KVM_ARM64_SME_VQ_MAX		16
#endif

/* Vector lengths pseudo-register: 0x6060 0000 0017 fffe. */
#ifndef KVM_REG_ARM64_SME_VLS
#define KVM_REG_ARM64_SME_VLS						\
	(KVM_REG_ARM64 | KVM_REG_ARM64_SME | KVM_REG_SIZE_U512 | 0xfffe)
#endif

#ifndef KVM_ARM64_SME_VLS_WORDS
#define KVM_ARM64_SME_VLS_WORDS		KVM_ARM64_SVE_VLS_WORDS
#endif

/*
 * System registers.  Linux 7.2's generated sysreg-defs.h (or the tools
 * copy of asm/sysreg.h) has them all; these only cover older trees.
 */
#ifndef SYS_SVCR
#define SYS_SVCR			sys_reg(3, 3, 4, 2, 2)
#endif
#ifndef SYS_SMCR_EL1
#define SYS_SMCR_EL1			sys_reg(3, 0, 1, 2, 6)
#endif
#ifndef SYS_SMPRI_EL1
#define SYS_SMPRI_EL1			sys_reg(3, 0, 1, 2, 4)
#endif
#ifndef SYS_TPIDR2_EL0
#define SYS_TPIDR2_EL0			sys_reg(3, 3, 13, 0, 5)
#endif
#ifndef SYS_SMIDR_EL1
#define SYS_SMIDR_EL1			sys_reg(3, 1, 0, 0, 6)
#endif
#ifndef SYS_ID_AA64SMFR0_EL1
#define SYS_ID_AA64SMFR0_EL1		sys_reg(3, 0, 0, 4, 5)
#endif
#ifndef SYS_SMCR_EL2
#define SYS_SMCR_EL2			sys_reg(3, 4, 1, 2, 6)
#endif
#ifndef SYS_SMPRIMAP_EL2
#define SYS_SMPRIMAP_EL2		sys_reg(3, 4, 1, 2, 5)
#endif

/*
 * The numbers of doc/abi.md (abi-cap-feature-bit, abi-regid-za-row,
 * abi-regid-zt0, abi-regid-sme-vls), for the case that compares the
 * tree's with them: a series with other numbers breaks those rules, it
 * does not fail to build.
 */
#define SMEKVM_ABI_FEATURE_BIT		9
#define SMEKVM_ABI_ZA_ROW(n)		(0x6080000000170000ULL | ((__u64)(n) << 5))
#define SMEKVM_ABI_ZT0			0x6060000000170600ULL
#define SMEKVM_ABI_SME_VLS		0x606000000017fffeULL

#endif /* SMEKVM_SME_UAPI_H */
