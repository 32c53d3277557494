/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * guest_exc.h - record the exception that one guest instruction takes.
 *
 * The guest arms the recorder with the address of the instruction under
 * test, executes it, and reads guest_exc.  The handler, installed for the
 * exception classes an instruction or system register access can raise
 * (UNKNOWN, FP/ASIMD, SYS64, SVE, SME), records the exception taken at
 * that address, counts all of them, and skips the faulting instruction.
 * Any other exception stays fatal (the library reports it).
 *
 * Works at the guest's EL1 and at a (virtual) EL2 with HCR_EL2.E2H set,
 * as the library configures it: both use VECTOR_SYNC_CURRENT and ESR_EL1.
 */
#ifndef SMEKVM_GUEST_EXC_H
#define SMEKVM_GUEST_EXC_H

#include <kvm_util.h>
#include <processor.h>

struct guest_exc_record {
	u64 target;	/* guest address of the instruction under test */
	u64 hit;	/* 1 once an exception was taken at target */
	u64 ec;		/* exception class of that exception */
	u64 esr;	/* its syndrome */
	u64 count;	/* exceptions taken since guest_exc_arm() */
};

extern struct guest_exc_record guest_exc;

/* Guest: start recording for the instruction at @target. */
void guest_exc_arm(const void *target);

/* Guest: the recording handler. */
void guest_exc_record_handler(struct ex_regs *regs);

/* Host: set up the vectors of @vm and @vcpu and install the handler. */
void smekvm_install_exc_recorder(struct kvm_vm *vm, struct kvm_vcpu *vcpu);

#endif /* SMEKVM_GUEST_EXC_H */
