// SPDX-License-Identifier: GPL-2.0-only
/*
 * guest_exc.c - record the exception that one guest instruction takes.
 */
#include <linux/compiler.h>

#include "guest_exc.h"

struct guest_exc_record guest_exc;

static const int recorded_ecs[] = {
	ESR_ELx_EC_UNKNOWN,
	ESR_ELx_EC_FP_ASIMD,
	ESR_ELx_EC_SYS64,
	ESR_ELx_EC_SVE,
	ESR_ELx_EC_SME,
};

void guest_exc_arm(const void *target)
{
	WRITE_ONCE(guest_exc.hit, 0);
	WRITE_ONCE(guest_exc.ec, 0);
	WRITE_ONCE(guest_exc.esr, 0);
	WRITE_ONCE(guest_exc.count, 0);
	WRITE_ONCE(guest_exc.target, (u64)target);
}

void guest_exc_record_handler(struct ex_regs *regs)
{
	u64 esr = read_sysreg(esr_el1);

	if (regs->pc == READ_ONCE(guest_exc.target) &&
	    !READ_ONCE(guest_exc.hit)) {
		WRITE_ONCE(guest_exc.esr, esr);
		WRITE_ONCE(guest_exc.ec, ESR_ELx_EC(esr));
		WRITE_ONCE(guest_exc.hit, 1);
	}
	WRITE_ONCE(guest_exc.count, READ_ONCE(guest_exc.count) + 1);

	regs->pc += 4;
}

void smekvm_install_exc_recorder(struct kvm_vm *vm, struct kvm_vcpu *vcpu)
{
	int i;

	vm_init_descriptor_tables(vm);
	vcpu_init_descriptor_tables(vcpu);

	for (i = 0; i < ARRAY_SIZE(recorded_ecs); i++)
		vm_install_sync_handler(vm, VECTOR_SYNC_CURRENT,
					recorded_ecs[i],
					guest_exc_record_handler);
}
