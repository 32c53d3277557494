// SPDX-License-Identifier: GPL-2.0-only
/*
 * host_task_run.c - KVM_RUN with the calling task's own FP/SVE/SME state
 * live (see host_task_run.h).
 */
#include <stdio.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <asm/hwcap.h>

#include "host_sme.h"
#include "host_task_run.h"

void smekvm_task_model(struct smekvm_model_cfg *m)
{
	unsigned long hwcap2 = getauxval(AT_HWCAP2);

	*m = (struct smekvm_model_cfg){
		.sve = getauxval(AT_HWCAP) & HWCAP_SVE,
		.sme = hwcap2 & HWCAP2_SME,
		.sme2 = hwcap2 & HWCAP2_SME2,
		.fa64 = hwcap2 & HWCAP2_SME_FA64,
	};
	if (m->sve)
		m->sve_vq = (prctl(PR_SVE_GET_VL) & PR_SVE_VL_LEN_MASK) / 16;
	if (m->sme)
		m->sme_vq = smekvm_host_rdsvl() / 16;
}

struct smekvm_img_geom smekvm_task_v_geom(const struct smekvm_model_cfg *task,
					  bool za)
{
	struct smekvm_img_geom g = smekvm_img_geom(task,
						   za ? SMEKVM_SVCR_ZA : 0);

	g.flags = SMEKVM_SL_V | (g.flags & (SMEKVM_SL_ZA | SMEKVM_SL_ZT0)) |
		  (za ? SMEKVM_SL_SME : 0);
	g.zbytes = SMEKVM_VREG_BYTES;
	return g;
}

int smekvm_task_kvm_run(struct kvm_vcpu *vcpu, struct smekvm_task_run *t)
{
	long ret;

	smekvm_img_fill(&t->in, &t->ld, &t->o);
	memset(&t->out, 0, sizeof(t->out));
	memset(t->ctl, 0, sizeof(t->ctl));
	t->ctl[SMEKVM_HCTL_IN(SMEKVM_CTL_FPSR)] = SMEKVM_TASK_FPSR;
	t->ctl[SMEKVM_HCTL_IN(SMEKVM_CTL_FPCR)] = SMEKVM_TASK_FPCR;
	t->ctl[SMEKVM_HCTL_IN(SMEKVM_CTL_TPIDR2)] = SMEKVM_TASK_TPIDR2 |
						   t->o.gen;
	ret = smekvm_host_ioctl_state(vcpu->fd, KVM_RUN, &t->in, &t->out,
				      t->ld.flags, t->rd.flags, t->ld.svl,
				      t->ctl);
	if (t->ld.flags & SMEKVM_SL_ZA)
		smekvm_host_za_stop();
	return ret < 0 ? -ret : 0;
}

bool smekvm_task_ctl_kept(const struct smekvm_task_run *t, char *msg,
			  size_t size)
{
	const __u64 *out = t->ctl + SMEKVM_HCTL_OUT(0);
	static const struct {
		const char *name;
		unsigned int i;
	} ctl[] = {
		{ "SVCR", SMEKVM_CTL_SVCR }, { "TPIDR2_EL0", SMEKVM_CTL_TPIDR2 },
		{ "FPCR", SMEKVM_CTL_FPCR }, { "FPSR", SMEKVM_CTL_FPSR },
	};
	__u64 want[SMEKVM_NR_CTL] = {
		[SMEKVM_CTL_SVCR] = t->ld.flags & SMEKVM_SL_ZA ?
				    SMEKVM_SVCR_ZA : 0,
		[SMEKVM_CTL_TPIDR2] = SMEKVM_TASK_TPIDR2 | t->o.gen,
		[SMEKVM_CTL_FPCR] = SMEKVM_TASK_FPCR,
		[SMEKVM_CTL_FPSR] = SMEKVM_TASK_FPSR,
	};
	bool sme = t->ld.flags & SMEKVM_SL_SME;
	unsigned int k, i;

	for (k = sme ? 0 : 2; k < ARRAY_SIZE(ctl); k++) {
		i = ctl[k].i;
		/* Leaving streaming mode resets FPSR architecturally. */
		if (i == SMEKVM_CTL_FPSR && (t->ld.flags & SMEKVM_SL_SM))
			continue;
		if (out[i] == want[i])
			continue;
		snprintf(msg, size, "%s 0x%llx after KVM_RUN, expected 0x%llx",
			 ctl[k].name, out[i], want[i]);
		return false;
	}
	return true;
}
