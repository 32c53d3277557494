/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * reg_combo.h - the get-reg-list generator's combinations and the register
 * lists it expects for them.
 *
 * A combination is a set of GRL_F_* bits (reg_sublists.h): vcpu features,
 * ID register lowerings and an SVCR state.  grl_combos() enumerates every
 * valid one; grl_expect() composes the sublists that apply to one, plus the
 * vector and matrix registers of the reference model (sme_model.h), in the
 * order abi-reglist-svcr-first and abi-reglist-order give KVM_GET_REG_LIST;
 * grl_compare() checks a kernel's list against it.  Nothing here needs KVM.
 */
#ifndef SMEKVM_REG_COMBO_H
#define SMEKVM_REG_COMBO_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "reg_sublists.h"
#include "sme_model.h"

/* The vcpu feature bits of a combination (those that need their own VM). */
#define GRL_F_VCPU	(GRL_F_PMU | GRL_F_SVE | GRL_F_SME | GRL_F_PAUTH | \
			 GRL_F_EL2 | GRL_F_E2H0)
#define GRL_F_LOWER	(GRL_F_SME2_HIDDEN | GRL_F_FA64_HIDDEN)
#define GRL_F_SVCR	(GRL_F_SM | GRL_F_ZA)

/* Every valid combination, grouped by vcpu features; returns how many. */
size_t grl_combos(unsigned int *out, size_t max);

/* The case name of @f ("el1+sve+sme+pmu+sm"); returns @buf (128 bytes). */
const char *grl_combo_name(unsigned int f, char *buf);

/* One register the combination is expected to have. */
struct grl_expected {
	__u64 id;
	const char *sublist;		/* where it comes from */
	const struct grl_reg *reg;	/* its data, NULL for model registers */
	unsigned int rank;		/* block in abi-reglist-order */
	__u64 key;			/* order within the block */
};

/* Reads ID register @id of the vcpu under test (for gates). */
typedef int (*grl_read_id_fn)(void *ctx, __u64 id, __u64 *val);

/*
 * The expected list of combination @f whose vector lengths and SME2/FA64
 * are @model (model->sve and ->sme must match @f), in KVM_GET_REG_LIST
 * order.  Gates read ID registers through @read_id.  Returns a calloc()ed
 * array of *@nr entries.
 */
struct grl_expected *grl_expect(unsigned int f,
				const struct smekvm_model_cfg *model,
				grl_read_id_fn read_id, void *ctx, size_t *nr);

/* Whether KVM_GET_REG_LIST entry @id is compared at all (not DEMUX). */
bool grl_compared(__u64 id);

/* The result of comparing a kernel's list with the expected one. */
struct grl_diff {
	size_t missing, unexpected, duplicates;
	/* When the sets agree: first position out of order, or -1. */
	long order_at;
};

/*
 * Compare the kernel's @list (@n IDs) with @exp; print each missing,
 * unexpected and duplicate register, and the first order difference, as
 * ksft messages prefixed by @name (nothing when @name is NULL).
 */
void grl_compare(const char *name, const __u64 *list, size_t n,
		 const struct grl_expected *exp, size_t nr_exp,
		 struct grl_diff *d);

/*
 * Self-test of detection: add the made-up register MADE_UP_EL1 to sublist
 * @sublist (NULL: remove it).  Returns false when there is no such
 * sublist.
 */
bool grl_inject(const char *sublist);
/* The made-up register, and the sublist it was injected into (or NULL). */
extern const struct grl_reg grl_made_up;
const struct grl_sublist *grl_injected(void);

/* Whether sublist @s applies to combination @f (not looking at gates). */
bool grl_sublist_applies(const struct grl_sublist *s, unsigned int f);

#endif /* SMEKVM_REG_COMBO_H */
