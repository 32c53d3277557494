/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_fuzz_onereg.h - sme_fuzz's KVM_GET_ONE_REG and KVM_SET_ONE_REG,
 * each compared with the reference model.
 *
 * A read is compared in full: its errno, and every byte of the value
 * (the padding beyond the VL included) or, for an ID register field, the
 * bits of the field.  A write is compared by its errno, and then by what
 * it must or must not change: a refused write changes nothing (a sample
 * of every kind of state is read, the register written among them), an
 * SVCR write has the effects the model gives it (read in a sample), a
 * VLS write leaves the other VLS register alone, and any other value
 * written reads back as the model stores it.  The buffers of the calls
 * may fault (sme_fault_buf.h); the model says which errno that gives.
 * Each check names the rules that decide it (sme_rule_tags.h).
 */
#ifndef SMEKVM_SME_FUZZ_ONEREG_H
#define SMEKVM_SME_FUZZ_ONEREG_H

#include <stdbool.h>
#include <linux/types.h>

#include "sme_fault_buf.h"
#include "sme_fuzz_op.h"
#include "sme_fuzz_world.h"
#include "sme_rule_tags.h"

/*
 * KVM_GET_ONE_REG of @id of vcpu @c of VM @v into a buffer of kind @bk,
 * its errno and value compared with the model's; @extra: rules the
 * caller checks with it.  Whether every check held.
 */
bool smekvm_fuzz_check_get(struct smekvm_fuzz_world *w,
			   struct smekvm_fuzz_vm *v, struct smekvm_fuzz_vcpu *c,
			   __u64 id, enum smekvm_buf_kind bk,
			   const struct smekvm_tags *extra);

/*
 * The reads after a write, under the rules @t: register @id (none when
 * 0) and a sample of every kind of state, all of it when @full.
 */
bool smekvm_fuzz_audit(struct smekvm_fuzz_world *w, struct smekvm_fuzz_vm *v,
		       struct smekvm_fuzz_vcpu *c, __u64 id, bool full,
		       const struct smekvm_tags *t);

/* Operation SMEKVM_FUZZ_SET, and the reads that check its effects. */
bool smekvm_fuzz_exec_set(struct smekvm_fuzz_world *w,
			  struct smekvm_fuzz_vm *v, struct smekvm_fuzz_vcpu *c,
			  const struct smekvm_fuzz_op *op);

#endif /* SMEKVM_SME_FUZZ_ONEREG_H */
