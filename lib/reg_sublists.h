/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reg_sublists.h - the registers KVM_GET_REG_LIST should name, as data.
 *
 * Each vcpu feature contributes one sublist of registers (with their
 * names), kept in one place in reg_sublists.c; the get-reg-list generator
 * (arm64/sme_get_reg_list.c) composes the sublists of a combination of
 * features into the list it expects.  The vector and matrix registers
 * (SVE_VLS, Z, P, FFR, SME_VLS, ZA rows, ZT0) are not here: which of them
 * exist in each SVCR state comes from the reference model, sme_model.h.
 *
 * A register may be gated by an ID register field: it is expected only
 * when the vcpu's ID register has that field at or above a minimum.
 *
 * Adding a register is one line in its sublist; adding a feature is one
 * sublist and one line in grl_sublists[] (doc/get-reg-list.md).
 */
#ifndef SMEKVM_REG_SUBLISTS_H
#define SMEKVM_REG_SUBLISTS_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/bits.h>
#include <linux/types.h>

/* What a combination has: vcpu features, ID lowerings, SVCR state. */
#define GRL_F_PMU		BIT(0)	/* KVM_ARM_VCPU_PMU_V3 */
#define GRL_F_SVE		BIT(1)	/* KVM_ARM_VCPU_SVE */
#define GRL_F_SME		BIT(2)	/* KVM_ARM_VCPU_SME */
#define GRL_F_PAUTH		BIT(3)	/* both PTRAUTH bits */
#define GRL_F_EL2		BIT(4)	/* KVM_ARM_VCPU_HAS_EL2 */
#define GRL_F_E2H0		BIT(5)	/* KVM_ARM_VCPU_HAS_EL2_E2H0 */
#define GRL_F_SME2_HIDDEN	BIT(6)	/* ID_AA64PFR1_EL1.SME 2 -> 1 */
#define GRL_F_FA64_HIDDEN	BIT(7)	/* ID_AA64SMFR0_EL1.FA64 -> 0 */
#define GRL_F_SM		BIT(8)	/* SVCR.SM */
#define GRL_F_ZA		BIT(9)	/* SVCR.ZA */

/* Register flags. */
#define GRL_VOLATILE	BIT(0)	/* reads change by themselves */
#define GRL_REJECTS_SET	BIT(1)	/* writes after finalise: EPERM */
#define GRL_FROM_MODEL	BIT(2)	/* listed by sme_model.h: name only */

struct grl_reg {
	__u64 id;
	const char *name;
	unsigned int flags;
	/*
	 * Gate: ID register @gate_id has field [@gate_shift+3:@gate_shift]
	 * >= @gate_min (unsigned); no gate when @gate_id is 0.
	 */
	__u64 gate_id;
	unsigned int gate_shift;
	unsigned int gate_min;
	const char *gate_name;
};

/* When a sublist applies. */
enum grl_when {
	GRL_WHEN_ALL,		/* the combination has every bit of .needs */
	GRL_WHEN_CORE_VREGS,	/* V registers are core registers (model) */
};

struct grl_sublist {
	const char *name;
	unsigned int needs;	/* GRL_F_* bits, all required */
	enum grl_when when;
	struct grl_reg *regs;
	size_t nr;
};

extern struct grl_sublist grl_sublists[];
extern const size_t grl_nr_sublists;

/* The sublist called @name, or NULL. */
struct grl_sublist *grl_sublist_find(const char *name);

/* The data entry of @id in any sublist, with that sublist; or NULL. */
const struct grl_reg *grl_reg_find(__u64 id, const struct grl_sublist **s);

/* Print @id as a line of data for a sublist (paste-ready), to stdout. */
void grl_print_data_line(__u64 id, const char *comment);

#endif /* SMEKVM_REG_SUBLISTS_H */
