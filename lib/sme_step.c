// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_step.c - host side of guest_code/sme_state_step.S.
 */
#include <stdio.h>
#include <string.h>

#include <kselftest.h>

#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_step.h"
#include "sme_vcpu.h"

#define SVCR_SM_BIT	0x1ULL
#define SVCR_ZA_BIT	0x2ULL

__u64 smekvm_step_flags(const struct smekvm_step_vcpu *v, __u64 svcr,
			unsigned int op, __u64 target_svcr)
{
	__u64 flags = SMEKVM_STEP_OP(op);

	if (svcr & SVCR_SM_BIT)
		flags |= SMEKVM_STEP_SM;
	if (svcr & SVCR_ZA_BIT)
		flags |= SMEKVM_STEP_ZA;
	if (v->ns_sve)
		flags |= SMEKVM_STEP_NS_SVE;
	if (v->ss_ffr)
		flags |= SMEKVM_STEP_SS_FFR;
	if (v->zt0)
		flags |= SMEKVM_STEP_ZT0;
	if (v->sme)
		flags |= SMEKVM_STEP_SME;
	if (op == SMEKVM_OP_MSR_SVCR)
		flags |= (target_svcr & 3) << SMEKVM_STEP_SVCR_SHIFT;
	return flags;
}

unsigned int smekvm_step_zbytes(const struct smekvm_step_vcpu *v, __u64 svcr)
{
	if (svcr & SVCR_SM_BIT)
		return v->svl;
	return v->ns_sve ? v->sve_vl : 16;
}

unsigned int smekvm_step_pbytes(const struct smekvm_step_vcpu *v, __u64 svcr)
{
	if (svcr & SVCR_SM_BIT)
		return v->svl / 8;
	return v->ns_sve ? v->sve_vl / 8 : 0;
}

bool smekvm_step_has_ffr(const struct smekvm_step_vcpu *v, __u64 svcr)
{
	return svcr & SVCR_SM_BIT ? v->ss_ffr : v->ns_sve;
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

static void add_reg(struct smekvm_step_reg *regs, unsigned int *n, int cls,
		    unsigned int reg, unsigned int bytes, size_t off, __u64 id)
{
	regs[(*n)++] = (struct smekvm_step_reg){
		.cls = cls, .reg = reg, .bytes = bytes, .off = off, .id = id,
		.za = cls == SMEKVM_CLS_ZA || cls == SMEKVM_CLS_ZT0,
	};
}

unsigned int smekvm_step_regs(const struct smekvm_step_vcpu *v, __u64 svcr,
			      struct smekvm_step_reg *regs)
{
	unsigned int zb = smekvm_step_zbytes(v, svcr);
	unsigned int pb = smekvm_step_pbytes(v, svcr);
	bool sve_regs = (svcr & SVCR_SM_BIT) || v->ns_sve;
	unsigned int i, n = 0;

	for (i = 0; i < 32; i++)
		add_reg(regs, &n, sve_regs ? SMEKVM_CLS_Z : SMEKVM_CLS_V, i,
			zb, SMEKVM_GREGS_Z + i * SMEKVM_GREGS_ZSLOT,
			sve_regs ? KVM_REG_ARM64_SVE_ZREG(i, 0) :
				   SMEKVM_VREG(i));
	for (i = 0; pb && i < 16; i++)
		add_reg(regs, &n, SMEKVM_CLS_P, i, pb,
			SMEKVM_GREGS_P + i * SMEKVM_GREGS_PSLOT,
			KVM_REG_ARM64_SVE_PREG(i, 0));
	if (smekvm_step_has_ffr(v, svcr))
		add_reg(regs, &n, SMEKVM_CLS_FFR, 0, pb, SMEKVM_GREGS_FFR,
			KVM_REG_ARM64_SVE_FFR(0));
	if (!(svcr & SVCR_ZA_BIT))
		return n;
	for (i = 0; i < v->svl; i++)
		add_reg(regs, &n, SMEKVM_CLS_ZA, i, v->svl,
			SMEKVM_GREGS_ZA + i * SMEKVM_GREGS_ZSLOT,
			KVM_REG_ARM64_SME_ZAHREG(i, 0));
	if (v->zt0)
		add_reg(regs, &n, SMEKVM_CLS_ZT0, 0, 64, SMEKVM_GREGS_ZT0,
			KVM_REG_ARM64_SME_ZT0);
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
