// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_step.c - host side of guest_code/sme_state_step.S; the live
 * registers and their sizes come from the model (lib/sme_model.h).
 */
#include <stdio.h>
#include <string.h>

#include <kselftest.h>

#include "sme_model.h"
#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_step.h"
#include "sme_vcpu.h"

__u64 smekvm_step_flags(const struct smekvm_step_vcpu *v, __u64 svcr,
			unsigned int op, __u64 target_svcr)
{
	__u64 flags = SMEKVM_STEP_OP(op);

	if (svcr & SMEKVM_SVCR_SM)
		flags |= SMEKVM_STEP_SM;
	if (svcr & SMEKVM_SVCR_ZA)
		flags |= SMEKVM_STEP_ZA;
	if (v->cfg.sve)
		flags |= SMEKVM_STEP_NS_SVE;
	if (v->cfg.fa64)
		flags |= SMEKVM_STEP_SS_FFR;
	if (v->cfg.sme2)
		flags |= SMEKVM_STEP_ZT0;
	if (v->cfg.sme)
		flags |= SMEKVM_STEP_SME;
	if (op == SMEKVM_OP_MSR_SVCR)
		flags |= (target_svcr & SMEKVM_SVCR_VALID) <<
			 SMEKVM_STEP_SVCR_SHIFT;
	return flags;
}

void smekvm_step_expected(const struct smekvm_step_vcpu *v, void *buf,
			  int cls, unsigned int reg, unsigned int bytes,
			  unsigned int gen, bool zero)
{
	if (zero)
		memset(buf, 0, bytes);
	else
		smekvm_pattern_fill_reg(buf, bytes, cls,
					smekvm_tag(v->vcpu, gen, cls, reg));
}

/* Where each class of the model's registers is in the image. */
static const struct {
	int cls;		/* SMEKVM_CLS_* */
	size_t base, slot;	/* offset of register 0, bytes per register */
} img_place[SMEKVM_NR_REG_CLASSES] = {
	[SMEKVM_RC_V] = { SMEKVM_CLS_V, SMEKVM_GREGS_Z, SMEKVM_GREGS_ZSLOT },
	[SMEKVM_RC_Z] = { SMEKVM_CLS_Z, SMEKVM_GREGS_Z, SMEKVM_GREGS_ZSLOT },
	[SMEKVM_RC_P] = { SMEKVM_CLS_P, SMEKVM_GREGS_P, SMEKVM_GREGS_PSLOT },
	[SMEKVM_RC_FFR] = { SMEKVM_CLS_FFR, SMEKVM_GREGS_FFR },
	[SMEKVM_RC_ZA] = { SMEKVM_CLS_ZA, SMEKVM_GREGS_ZA, SMEKVM_GREGS_ZSLOT },
	[SMEKVM_RC_ZT0] = { SMEKVM_CLS_ZT0, SMEKVM_GREGS_ZT0 },
};

/* The model's register @id of @bytes bytes, placed in the image. */
static struct smekvm_step_reg step_reg(__u64 id, unsigned int bytes)
{
	struct smekvm_step_reg r = { .id = id, .bytes = bytes };
	enum smekvm_reg_class rc = smekvm_model_reg_class(id, &r.reg);

	r.cls = img_place[rc].cls;
	r.off = img_place[rc].base + r.reg * img_place[rc].slot;
	r.za = rc == SMEKVM_RC_ZA || rc == SMEKVM_RC_ZT0;
	return r;
}

unsigned int smekvm_step_regs(const struct smekvm_step_vcpu *v, __u64 svcr,
			      struct smekvm_step_reg *regs)
{
	__u64 ids[SMEKVM_MODEL_MAX_STATE_REGS];
	unsigned int i, n;

	n = smekvm_model_state_ids(&v->cfg, svcr, ids, ARRAY_SIZE(ids));
	for (i = 0; i < n; i++)
		regs[i] = step_reg(ids[i],
				   smekvm_model_state_bytes(&v->cfg, svcr,
							    ids[i]));
	return n;
}

void smekvm_step_fill(const struct smekvm_step_vcpu *v,
		      struct smekvm_gregs *g, __u64 svcr, unsigned int gen)
{
	struct smekvm_step_reg regs[SMEKVM_STEP_MAX_REGS];
	unsigned int i, n;

	memset(g, 0, sizeof(*g));
	n = smekvm_step_regs(v, svcr, regs);
	for (i = 0; i < n; i++)
		smekvm_step_expected(v, (__u8 *)g + regs[i].off, regs[i].cls,
				     regs[i].reg, regs[i].bytes, gen, false);
}

void smekvm_step_poison(struct smekvm_gregs *g)
{
	memset(g, 0xa5, sizeof(*g));
}

bool smekvm_step_compare(const struct smekvm_step_vcpu *v,
			 const struct smekvm_gregs *out, __u64 svcr,
			 unsigned int gen, bool vec_zero, bool za_zero,
			 const char *what)
{
	struct smekvm_step_reg regs[SMEKVM_STEP_MAX_REGS];
	__u8 want[SMEKVM_GREGS_ZSLOT];
	const struct smekvm_step_reg *r;
	unsigned int i, n;
	const __u8 *got;
	bool zero;
	long off;

	if (out->svcr != svcr) {
		ksft_print_msg("%s: SVCR 0x%llx stored, expected 0x%llx\n",
			       what, out->svcr, svcr);
		return false;
	}
	n = smekvm_step_regs(v, svcr, regs);
	for (i = 0; i < n; i++) {
		r = &regs[i];
		zero = r->za ? za_zero : vec_zero;
		got = (const __u8 *)out + r->off;
		smekvm_step_expected(v, want, r->cls, r->reg, r->bytes, gen,
				     zero);
		off = smekvm_first_diff(got, want, r->bytes);
		if (off < 0)
			continue;
		ksft_print_msg("%s: %s%u byte %ld is 0x%02x, expected 0x%02x%s\n",
			       what, smekvm_pattern_cls_name(r->cls), r->reg, off,
			       got[off], want[off], zero ? " (zeroed)" : "");
		return false;
	}
	return true;
}

/* The SVCR after step @op from @svcr. */
static __u64 svcr_after(unsigned int op, __u64 target, __u64 svcr)
{
	switch (op) {
	case SMEKVM_OP_SMSTART:		return SMEKVM_SVCR_SM | SMEKVM_SVCR_ZA;
	case SMEKVM_OP_SMSTART_SM:	return svcr | SMEKVM_SVCR_SM;
	case SMEKVM_OP_SMSTART_ZA:	return svcr | SMEKVM_SVCR_ZA;
	case SMEKVM_OP_SMSTOP:		return 0;
	case SMEKVM_OP_SMSTOP_SM:	return svcr & ~SMEKVM_SVCR_SM;
	case SMEKVM_OP_SMSTOP_ZA:	return svcr & ~SMEKVM_SVCR_ZA;
	case SMEKVM_OP_MSR_SVCR:	return target;
	default:			return svcr;
	}
}

bool smekvm_step_check(const struct smekvm_step_vcpu *v,
		       const struct smekvm_gregs *out, __u64 svcr,
		       unsigned int op, __u64 target, unsigned int gen,
		       __u64 fpsr, const char *what)
{
	__u64 to = svcr_after(op, target, svcr), want_fpsr;
	unsigned int zeroes = smekvm_model_svcr_zeroes(svcr, to);

	want_fpsr = zeroes & SMEKVM_ZERO_VEC ?
		    SMEKVM_FPSR_AFTER_SM_CHANGE : SMEKVM_STEP_FPSR_IN;
	if (!smekvm_step_compare(v, out, to, gen, zeroes & SMEKVM_ZERO_VEC,
				 zeroes & SMEKVM_ZERO_ZA, what))
		return false;
	if (fpsr == want_fpsr)
		return true;
	ksft_print_msg("%s: FPSR 0x%llx afterwards, expected 0x%llx\n", what,
		       fpsr, want_fpsr);
	return false;
}
