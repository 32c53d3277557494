// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_run.c - running a vcpu until its guest has something to say (see
 * sme_run.h).
 */
#include <errno.h>
#include <string.h>

#include <kvm_util.h>
#include <test_util.h>

#include "kselftest.h"
#include "sme_run.h"

enum smekvm_run_event smekvm_run_exit(struct smekvm_run *r, int err,
				      struct ucall *uc)
{
	struct kvm_run *run = r->vcpu->run;

	if (err == EINVAL && !r->started && r->may_refuse)
		return SMEKVM_EV_REFUSED;
	TEST_ASSERT(!err, "%s: KVM_RUN: %s", r->who, strerror(err));
	r->started = true;

	if (r->has_exit_page && run->exit_reason == KVM_EXIT_MMIO &&
	    run->mmio.phys_addr == r->exit_gpa)
		return SMEKVM_EV_EXIT;

	switch (get_ucall(r->vcpu, uc)) {
	case UCALL_SYNC:
		return SMEKVM_EV_SYNC;
	case UCALL_DONE:
		return SMEKVM_EV_DONE;
	case UCALL_ABORT:
		REPORT_GUEST_ASSERT(*uc);
		break;
	case UCALL_UNHANDLED:
		ksft_print_msg("%s: guest exception: vector 0x%lx EC 0x%lx\n",
			       r->who, uc->args[0], uc->args[1]);
		return SMEKVM_EV_UNHANDLED;
	}
	if (run->exit_reason == KVM_EXIT_MMIO) {
		__u64 data = 0;

		memcpy(&data, run->mmio.data, sizeof(data));
		TEST_FAIL("%s: unexpected MMIO %s of %u bytes at GPA 0x%llx (data 0x%llx), ucall %lu",
			  r->who, run->mmio.is_write ? "write" : "read",
			  run->mmio.len, run->mmio.phys_addr, data, uc->cmd);
	}
	TEST_FAIL("%s: unexpected exit %u, ucall %lu", r->who,
		  run->exit_reason, uc->cmd);
}

enum smekvm_run_event smekvm_run_next(struct smekvm_run *r, struct ucall *uc)
{
	return smekvm_run_exit(r, smekvm_run_eintr(r->vcpu, r->eintr), uc);
}

int smekvm_run_eintr(struct kvm_vcpu *vcpu, unsigned long *eintr)
{
	int ret;

	for (;;) {
		ret = __vcpu_run(vcpu);
		if (!ret)
			return 0;
		if (errno != EINTR)
			return errno;
		if (eintr)
			(*eintr)++;
	}
}

int smekvm_run_refused(struct kvm_vcpu *vcpu)
{
	int ret, err;

	vcpu->run->immediate_exit = 1;
	ret = __vcpu_run(vcpu);
	err = errno;
	vcpu->run->immediate_exit = 0;
	if (!ret || err == EINTR)
		return 0;
	return err;
}
