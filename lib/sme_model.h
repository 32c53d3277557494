/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_model.h - reference model of a vcpu's FP/SVE/SME register state as
 * doc/abi.md defines it (abi-view-*, abi-payload-*, abi-onereg-*,
 * abi-svcr-*, abi-reglist-order).
 *
 * This is the single place that encodes which vector and matrix registers
 * exist for a vcpu configuration in each SVCR state, and in which order
 * KVM_GET_REG_LIST names them.  The host-side conformance tests and the
 * get-reg-list generator both derive their expectations from it.
 *
 * The functions here depend only on the configuration and SVCR; they need
 * no vcpu and no KVM.
 */
#ifndef SMEKVM_SME_MODEL_H
#define SMEKVM_SME_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

/* What decides the vector and matrix registers of a finalised vcpu. */
struct smekvm_model_cfg {
	bool sve;		/* KVM_ARM_VCPU_SVE */
	bool sme;		/* KVM_ARM_VCPU_SME */
	bool sme2;		/* ID_AA64PFR1_EL1.SME >= 2 (ZT0 exists) */
	bool fa64;		/* ID_AA64SMFR0_EL1.FA64 (streaming FFR) */
	unsigned int sve_vq;	/* maximum SVE VQ, when sve */
	unsigned int sme_vq;	/* maximum SME VQ (SVL / 128), when sme */
	bool fpmr;		/* the VM has FEAT_FPMR (FPMR exists) */
};

#define SMEKVM_SVCR_SM		0x1ULL	/* bit 0 */
#define SMEKVM_SVCR_ZA		0x2ULL	/* bit 1 */
#define SMEKVM_SVCR_VALID	(SMEKVM_SVCR_SM | SMEKVM_SVCR_ZA)

/* abi-view-*: which registers exist in SVCR state @svcr. */
bool smekvm_model_has_zp(const struct smekvm_model_cfg *cfg, __u64 svcr);
bool smekvm_model_has_ffr(const struct smekvm_model_cfg *cfg, __u64 svcr);
/* FPSIMD V registers as core registers (KVM_REG_ARM_CORE, U128). */
bool smekvm_model_has_core_vregs(const struct smekvm_model_cfg *cfg,
				 __u64 svcr);
bool smekvm_model_has_za(const struct smekvm_model_cfg *cfg, __u64 svcr);
bool smekvm_model_has_zt0(const struct smekvm_model_cfg *cfg, __u64 svcr);

/* The VQ of Z/P/FFR in SVCR state @svcr: the SVL in streaming mode. */
unsigned int smekvm_model_zp_vq(const struct smekvm_model_cfg *cfg,
				__u64 svcr);

/*
 * The IDs of the SVE block followed by the SME block of KVM_GET_REG_LIST
 * (abi-reglist-order): SVE_VLS (with SVE), Z0-Z31, P0-P15, FFR when they
 * exist, then SME_VLS (with SME), the ZA rows and ZT0 when they exist.
 * Writes at most @max IDs to @ids (which may be NULL) and returns how many
 * there are in all.
 */
size_t smekvm_model_vec_reg_ids(const struct smekvm_model_cfg *cfg,
				__u64 svcr, __u64 *ids, size_t max);

/*
 * The full register state (abi-reset-*, abi-final-*, abi-view-*,
 * abi-payload-*, abi-onereg-*, abi-svcr-*): a model vcpu that predicts,
 * for every ONE_REG access, its errno and the value it reads, and for
 * every write the state it leaves behind (SVCR zeroing included).
 * Tests apply each step to the model and to the kernel and compare.
 *
 * Only the FP/SVE/SME state is modelled: SVCR, FPSR, FPCR, FPMR (when
 * cfg->fpmr), the V registers (core registers, U128), Z, P, FFR, ZA rows,
 * ZT0, SVE_VLS and SME_VLS.  smekvm_model_tracks() says which IDs those
 * are; the other registers of a vcpu are outside the model.
 *
 * Storage: the V registers are bits [127:0] of the Z registers (only one
 * of the two views exists at a time), every register holds its maximum
 * size, and bytes beyond the current VL are never read.
 */
struct smekvm_model {
	struct smekvm_model_cfg cfg;
	bool finalized;
	__u64 svcr;
	__u32 fpsr;
	__u32 fpcr;
	__u64 fpmr;
	__u8 z[32][256];
	__u8 p[16][32];
	__u8 ffr[32];
	__u8 za[256][256];
	__u8 zt0[64];
	/* The VQs the host offers (all zero: unknown), VLS format. */
	__u64 sve_offered[8];
	__u64 sme_offered[8];
};

/* Register classes (the units of the ordering tests). */
enum smekvm_reg_class {
	SMEKVM_RC_NONE,		/* not tracked by the model */
	SMEKVM_RC_V,
	SMEKVM_RC_Z,
	SMEKVM_RC_P,
	SMEKVM_RC_FFR,
	SMEKVM_RC_ZA,
	SMEKVM_RC_ZT0,
	SMEKVM_RC_SVCR,
	SMEKVM_RC_FPSR,
	SMEKVM_RC_FPCR,
	SMEKVM_RC_FPMR,
	SMEKVM_RC_SVE_VLS,
	SMEKVM_RC_SME_VLS,
	SMEKVM_NR_REG_CLASSES
};

/*
 * The class of @id and, for V, Z, P and ZA rows, the register or row
 * number in *@index (may be NULL).  IDs that look like a class but are
 * malformed (wrong size, slice > 0, row index with stray bits) are still
 * of that class: smekvm_model_access_err() says what they get.  Unknown
 * IDs of the SVE and SME groups are SMEKVM_RC_NONE.
 */
enum smekvm_reg_class smekvm_model_reg_class(__u64 id, unsigned int *index);

/*
 * Whether the model predicts accesses to @id: any ID of the SVE and SME
 * groups, SVCR, FPSR, FPCR, FPMR, and the V registers (of any size).
 */
bool smekvm_model_tracks(__u64 id);

/*
 * Whether @id is the well-formed ID of its class (size, slice, offset);
 * false for SMEKVM_RC_NONE.  The names of registers and classes are in
 * sme_names.h.
 */
bool smekvm_model_id_canonical(__u64 id);

/* The ID of FPMR, ARM64_SYS_REG(3, 3, 4, 4, 2). */
#define SMEKVM_FPMR_ID	0x603000000013da22ULL

/*
 * A freshly INITialised vcpu (the values of abi-reset-*), not
 * finalised, the offered VL sets unknown.
 */
void smekvm_model_init(struct smekvm_model *m,
		       const struct smekvm_model_cfg *cfg);

/* KVM_ARM_VCPU_FINALIZE(KVM_ARM_VCPU_VEC): its errno, and its effect. */
int smekvm_model_finalize(struct smekvm_model *m);

/*
 * The errnos that apply to a KVM_GET_ONE_REG or KVM_SET_ONE_REG of @id in
 * the current state, in the order of abi-onereg-order (ENOENT, EINVAL,
 * EBUSY, EPERM, EFAULT), into @errs (room for SMEKVM_MODEL_MAX_ERRS);
 * returns how many.  @bad_ptr: the access passes
 * an unusable user pointer.  The first one is what the [ours] order gives
 * (SMEKVM_RULE_ERROR_ORDER); an implementation without that order may give
 * any of them.  Errors of the value written (SVCR RES0 bits, a VLS set)
 * are not included, nor is EPERM for VLS writes after finalise: see
 * smekvm_model_set().  Once a row reports ENOENT no later row is
 * considered (the register does not exist).
 */
#define SMEKVM_MODEL_MAX_ERRS	5
unsigned int smekvm_model_access_errs(const struct smekvm_model *m, __u64 id,
				      bool bad_ptr, int *errs);

/* The first of smekvm_model_access_errs(), 0 when the access succeeds. */
int smekvm_model_access_err(const struct smekvm_model *m, __u64 id,
			    bool bad_ptr);

/*
 * Payload bytes of @id that hold state at the current VL (the rest of
 * KVM_REG_SIZE(@id) reads as zero and is ignored on write); 0 when @id
 * does not exist now.
 */
size_t smekvm_model_reg_bytes(const struct smekvm_model *m, __u64 id);

/*
 * KVM_GET_ONE_REG: 0 and the KVM_REG_SIZE(@id) bytes it reads into @buf,
 * or its errno (and @buf untouched).
 */
int smekvm_model_get(const struct smekvm_model *m, __u64 id, void *buf);

/*
 * KVM_SET_ONE_REG of the KVM_REG_SIZE(@id) bytes at @buf: its errno, and
 * on success its effect, including what an SVCR write zeroes (abi-svcr-*)
 * and VLS writes (which change the maximum VQ in cfg).  A failed write
 * changes nothing.  VLS writes are checked only for the rules that need
 * no knowledge of the host (empty set, VQ above 16 for SME, after
 * finalise, without the feature); set the offered sets with
 * smekvm_model_set_offered() for the rest.
 */
int smekvm_model_set(struct smekvm_model *m, __u64 id, const void *buf);

/*
 * The VQs the host offers (bit VQ-1 of 8 little-endian words, the VLS
 * register format), for the VLS write checks of smekvm_model_set() and the
 * values VLS reads give; either may be NULL (not checked).  Until they are
 * given, a VLS read is predicted as the set of its maximum VQ alone.
 */
void smekvm_model_set_offered(struct smekvm_model *m, const __u64 *sve_vls,
			      const __u64 *sme_vls);

#endif /* SMEKVM_SME_MODEL_H */
