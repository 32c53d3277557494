/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_fuzz_exec.h - run one of sme_fuzz's operations (sme_fuzz_op.h) in
 * its world (sme_fuzz_world.h) and check every call it makes against the
 * reference model (sme_model.h, sme_model_sys.h), which it keeps up to
 * date.
 *
 * Every call's errno, every value read (sme_fuzz_onereg.h) and the
 * effects that must follow the call are compared with the model:
 *
 *  - KVM_ARM_VCPU_INIT: the errno the model gives the features, and
 *    after a successful one the reset values (and a refused one changes
 *    nothing a sample shows);
 *  - KVM_ARM_VCPU_FINALIZE: its errno, by the vcpu's features and
 *    whether it was finalised;
 *  - ONE_REG reads and writes (sme_fuzz_onereg.h);
 *  - an ID register field write: read the register, change the field,
 *    compare the errno, then read it back; an accepted write reaches
 *    every vcpu of the VM's model;
 *  - KVM_GET_REG_LIST: its vector and matrix registers in the model's
 *    order, V0 and the SME system registers there or not, SVCR first;
 *  - KVM_ARM_GET_REG_WRITABLE_MASKS: the SME fields writable as the
 *    model says;
 *  - reading every register of a vcpu (an audit).
 *  - KVM_RUN (sme_fuzz_run.h).
 *
 * Each check names the rules of doc/abi.md that decide it
 * (sme_rule_tags.h); what a failed one says is in sme_fuzz_world.h.
 */
#ifndef SMEKVM_SME_FUZZ_EXEC_H
#define SMEKVM_SME_FUZZ_EXEC_H

#include <stdbool.h>
#include <stddef.h>

#include "sme_fuzz_op.h"
#include "sme_fuzz_world.h"

/*
 * Run operation @op, number @i of its sequence, in @w; false when a
 * check failed.
 */
bool smekvm_fuzz_exec(struct smekvm_fuzz_world *w,
		      const struct smekvm_fuzz_op *op, size_t i);

#endif /* SMEKVM_SME_FUZZ_EXEC_H */
