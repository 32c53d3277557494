/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_model.h - reference model of a vcpu's FP/SVE/SME register state as
 * doc/abi.md defines it (abi-view-*, abi-payload-*, abi-onereg-*,
 * abi-svcr-*, abi-reglist-order).
 *
 * This is the single place that encodes which vector and matrix registers
 * exist for a vcpu configuration in each SVCR state, their sizes and the
 * vector length that applies to them, what errno a ONE_REG access gets,
 * and in which order KVM_GET_REG_LIST names them.  Every test and library
 * helper of the suite takes those answers from the functions here, host
 * side (ONE_REG expectations, the register list) and guest side (which
 * registers a payload loads and stores, at which size): no program keeps
 * a private version of these rules.
 *
 * The functions here depend only on the configuration and SVCR; they need
 * no vcpu and no KVM.  sme_model_sys.h extends the model to what decides
 * the configuration (INIT, the VM's ID registers) and to the SME system
 * registers left out here.
 */
#ifndef SMEKVM_SME_MODEL_H
#define SMEKVM_SME_MODEL_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bits.h>
#include <linux/types.h>

#include "sme_uapi.h"

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

/*
 * Payload bytes of a register at vector length VQ (in 128-bit quadwords):
 * abi-view-zp-vl, abi-payload-za-row, abi-payload-zt0.
 */
#define SMEKVM_ZREG_BYTES(vq)		((vq) * 16)
#define SMEKVM_PREG_BYTES(vq)		((vq) * 2)
#define SMEKVM_ZA_ROW_BYTES(vq)		((vq) * 16)
/* Horizontal ZA rows at SVL = VQ * 128: SVL / 8 (abi-view-za-rows). */
#define SMEKVM_ZA_ROWS(vq)		((vq) * 16)
#define SMEKVM_ZT0_BYTES		64
#define SMEKVM_VREG_BYTES		16	/* V registers, at any VL */

/* Core registers with their true size (ARM64_CORE_REG() says U64). */
#define SMEKVM_CORE_REG(field, size)					\
	(KVM_REG_ARM64 | KVM_REG_ARM_CORE | (size) |			\
	 KVM_REG_ARM_CORE_REG(field))
#define SMEKVM_VREG(n)							\
	SMEKVM_CORE_REG(fp_regs.vregs[n], KVM_REG_SIZE_U128)
#define SMEKVM_FPSR	SMEKVM_CORE_REG(fp_regs.fpsr, KVM_REG_SIZE_U32)
#define SMEKVM_FPCR	SMEKVM_CORE_REG(fp_regs.fpcr, KVM_REG_SIZE_U32)

/* FPSR after a change of SVCR.SM (abi-svcr-sm-fpsr, abi-guest-sm-change). */
#define SMEKVM_FPSR_AFTER_SM_CHANGE	0x0800009fU

/*
 * The FPSR bits that exist (N, Z, C, V, QC, IDC, IXC, UFC, OFC, DZC, IOC;
 * the others are RES0): the guest reads a value userspace wrote with the
 * others clear, while ONE_REG gives it back whole until the guest runs.
 */
#define SMEKVM_FPSR_BITS		0xf800009fU

/*
 * The SVCR of a vcpu of @cfg asked to be in streaming mode (@sm) and to
 * have ZA on (@za).  A vcpu without SME has no SVCR: it is always in the
 * state of SVCR 0, whatever it is asked.
 */
__u64 smekvm_model_svcr(const struct smekvm_model_cfg *cfg, bool sm, bool za);

/*
 * What a change of SVCR from @from to @to zeroes, made by userspace
 * (abi-svcr-sm-zeroes, abi-svcr-sm-fpsr, abi-svcr-sm-fpmr,
 * abi-svcr-za-on-zeroes) or by the guest (abi-guest-sm-change,
 * abi-guest-za-enable).  SMEKVM_ZERO_VEC (SM changed): V, Z, P, FFR and
 * FPMR read 0 and FPSR reads SMEKVM_FPSR_AFTER_SM_CHANGE.  SMEKVM_ZERO_ZA
 * (ZA from 0 to 1): the ZA rows and ZT0 read 0.
 */
#define SMEKVM_ZERO_VEC		BIT(0)
#define SMEKVM_ZERO_ZA		BIT(1)
unsigned int smekvm_model_svcr_zeroes(__u64 from, __u64 to);

/*
 * abi-view-*: which registers exist in SVCR state @svcr.  @svcr must be
 * a state the vcpu can be in: SM and ZA only with SME (smekvm_model_svcr()
 * makes one).
 */
bool smekvm_model_has_zp(const struct smekvm_model_cfg *cfg, __u64 svcr);
bool smekvm_model_has_ffr(const struct smekvm_model_cfg *cfg, __u64 svcr);
/* FPSIMD V registers as core registers (KVM_REG_ARM_CORE, U128). */
bool smekvm_model_has_core_vregs(const struct smekvm_model_cfg *cfg,
				 __u64 svcr);
bool smekvm_model_has_za(const struct smekvm_model_cfg *cfg, __u64 svcr);
bool smekvm_model_has_zt0(const struct smekvm_model_cfg *cfg, __u64 svcr);

/*
 * The VQ of Z/P/FFR in SVCR state @svcr: the SVL in streaming mode, else
 * the SVE VL; 0 when they do not exist.
 */
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
 * The registers that hold vector and matrix state in SVCR state @svcr
 * (abi-view-*), in this order: V0-V31 (as core registers) or Z0-Z31,
 * P0-P15, FFR, the ZA rows in ascending order, ZT0; those that exist.
 * FPSR, FPCR, FPMR, SVCR and the VLS registers are not among them.
 * Writes at most @max IDs to @ids (which may be NULL) and returns how many
 * there are in all, never more than SMEKVM_MODEL_MAX_STATE_REGS.
 */
#define SMEKVM_MODEL_MAX_STATE_REGS	(32 + 16 + 1 + 256 + 1)
size_t smekvm_model_state_ids(const struct smekvm_model_cfg *cfg,
			      __u64 svcr, __u64 *ids, size_t max);

/*
 * Payload bytes of @id that hold state in SVCR state @svcr of a finalised
 * vcpu of @cfg (abi-view-zp-vl, abi-payload-*): Z, P and FFR at the VL
 * that applies, ZA rows at the SVL, ZT0 64 bytes, the other registers
 * KVM_REG_SIZE(@id).  0 when an access of @id fails in that state for any
 * reason but a bad pointer (see smekvm_model_access_rows()).
 */
size_t smekvm_model_state_bytes(const struct smekvm_model_cfg *cfg,
				__u64 svcr, __u64 id);

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
 * The well-formed ID of register or row @index of class @rc (slice 0, the
 * size of the class); @index is ignored for the classes of one register.
 * 0 for SMEKVM_RC_NONE.  The inverse of smekvm_model_reg_class().
 */
__u64 smekvm_model_reg_id(enum smekvm_reg_class rc, unsigned int index);

/*
 * How many registers class @rc has in a vcpu with @cfg, for
 * smekvm_model_reg_id(): 32 V or Z, 16 P, the ZA rows of its SVL, one of
 * each other class (whether it exists or not); 0 for SMEKVM_RC_NONE.
 */
unsigned int smekvm_model_class_regs(const struct smekvm_model_cfg *cfg,
				     enum smekvm_reg_class rc);

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
 * The rows of the ONE_REG error table (abi-onereg-*), one bit each, in
 * the order in which they decide the errno (abi-onereg-order): the lowest
 * row that applies gives it.  SMEKVM_ROW_FINAL is not a row of that table
 * but the EPERM of a VLS write after finalisation (abi-vls-final-eperm),
 * which comes after the table's EPERM and before its EFAULT.
 */
#define SMEKVM_ROW_NOENT	BIT(0)	/* no such register: ENOENT */
#define SMEKVM_ROW_INVAL	BIT(1)	/* not at this VL or view: EINVAL */
#define SMEKVM_ROW_BUSY		BIT(2)	/* ZA row or ZT0 with ZA off: EBUSY */
#define SMEKVM_ROW_UNFINAL	BIT(3)	/* before finalisation: EPERM */
#define SMEKVM_ROW_FINAL	BIT(4)	/* VLS write after finalise: EPERM */
#define SMEKVM_ROW_FAULT	BIT(5)	/* bad user pointer: EFAULT */

/* One ONE_REG access to a vcpu in a given state. */
struct smekvm_model_access {
	const struct smekvm_model_cfg *cfg;	/* sve_vq/sme_vq: maxima now */
	__u64 svcr;
	bool finalized;
	bool set;		/* KVM_SET_ONE_REG, else KVM_GET_ONE_REG */
	bool bad_ptr;		/* the user pointer faults */
};

/*
 * Every row of the error table whose condition holds for accessing @id as
 * @a says, as SMEKVM_ROW_* bits.  A register of a class that the vcpu has
 * gets ENOENT together with the other rows of its class that hold (ZT0
 * without SME2 and with ZA off: ENOENT and EBUSY; a Z slice before
 * finalisation: ENOENT and EPERM), so that a test sees which rules
 * combine.  An ID that names no register of the SVE or SME group, any ID
 * of a group the vcpu lacks (the SME group without SME, the SVE group
 * without SVE and SME) and any ID outside the model get only ENOENT (or,
 * for the SVE group of a vcpu without SME, the historical EINVAL:
 * SMEKVM_RULE_SVE_GROUP_UNKNOWN_ENOENT), and EFAULT.  Errors of the value
 * written (SVCR RES0 bits, a VLS set) are left to smekvm_model_set().
 */
unsigned int smekvm_model_access_rows(const struct smekvm_model_access *a,
				      __u64 id);

/* The errno of the lowest of @rows (SMEKVM_ROW_*), 0 for none. */
int smekvm_model_rows_errno(unsigned int rows);

/*
 * The model checked against itself, in SVCR state @svcr of a finalised
 * vcpu of @cfg: the registers smekvm_model_vec_reg_ids() and
 * smekvm_model_state_ids() name (built on the views) are exactly the
 * well-formed vector, matrix and VLS register IDs that
 * smekvm_model_access_rows() lets through (built on the error rows):
 * abi-reglist-accessible-listed and abi-reglist-listed-accessible,
 * applied to the model.  A property of the model, not a second copy of
 * its rules.  Returns 0, or the first ID on which the two disagree.
 */
__u64 smekvm_model_self_check(const struct smekvm_model_cfg *cfg, __u64 svcr);

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
 * considered (the register does not exist); nor is any after the first
 * row of an ID that names no register.  These are the rows of
 * smekvm_model_access_rows() for a read, so cut.
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
 * cannot be accessed now (before finalisation included).
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
