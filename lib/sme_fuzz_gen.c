// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_fuzz_gen.c - the next operation of a sequence, from the seed and
 * the model's state (see sme_fuzz_gen.h).
 */
#include <string.h>
#include <linux/bits.h>

#include <kvm_util.h>
#include <processor.h>

#include "sme_fault_buf.h"
#include "sme_fuzz_gen.h"
#include "sme_fuzz_run.h"
#include "sme_model.h"
#include "sme_uapi.h"
#include "sme_vcpu.h"

/* splitmix64: every draw a function of the seed and the draws before. */
static __u64 rnd64(struct smekvm_fuzz_gen *g)
{
	__u64 z = (g->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned int rnd(struct smekvm_fuzz_gen *g, unsigned int n)
{
	return rnd64(g) % n;
}

/*
 * The features of a flavour the host offers, at random, other than
 * @other (there are two at least: none and SME).
 */
static __u32 rnd_shape(struct smekvm_fuzz_gen *g, __u32 other)
{
	static const __u32 shapes[] = {
		0, BIT(KVM_ARM_VCPU_SVE), BIT(KVM_ARM_VCPU_SME),
		BIT(KVM_ARM_VCPU_SVE) | BIT(KVM_ARM_VCPU_SME),
	};
	__u32 f;

	do
		f = shapes[rnd(g, ARRAY_SIZE(shapes))];
	while (((f & BIT(KVM_ARM_VCPU_SVE)) && !g->host->sve) || f == other);
	return f;
}

static __u32 gen_features(struct smekvm_fuzz_gen *g, unsigned int vm)
{
	unsigned int r = rnd(g, 100);

	if (r < 80)
		return g->shape[vm];
	if (r < 92)
		return rnd_shape(g, ~0U) ^
		       (rnd(g, 8) ? 0 : BIT(KVM_ARM_VCPU_SVE));
	if (r < 96)
		return g->shape[vm] | BIT(KVM_ARM_VCPU_SME + 1 + rnd(g, 6));
	return BIT(KVM_ARM_VCPU_SME) |
	       BIT(rnd(g, 2) ? KVM_ARM_VCPU_EL1_32BIT : KVM_ARM_VCPU_HAS_EL2);
}

/* A register ID: well-formed, malformed, hidden or unknown. */
static __u64 gen_id(struct smekvm_fuzz_gen *g, const struct smekvm_fuzz_vcpu *c,
		    bool set)
{
	static const __u64 sizes[] = {
		KVM_REG_SIZE_U32, KVM_REG_SIZE_U64, KVM_REG_SIZE_U128,
		KVM_REG_SIZE_U256, KVM_REG_SIZE_U512, KVM_REG_SIZE_U1024,
		KVM_REG_SIZE_U2048,
	};
	static const __u64 sysregs[] = {
		SMEKVM_SVCR, SMEKVM_FPSR, SMEKVM_FPCR, SMEKVM_FPMR_ID,
		SMEKVM_SMCR_EL1, SMEKVM_SMPRI_EL1, SMEKVM_TPIDR2_EL0,
		SMEKVM_SMIDR_EL1, KVM_REG_ARM64_SVE_VLS, KVM_REG_ARM64_SME_VLS,
		SMEKVM_ID_AA64PFR1_EL1, SMEKVM_ID_AA64SMFR0_EL1,
		KVM_ARM64_SYS_REG(sys_reg(3, 7, 15, 15, 7)),
	};
	unsigned int rows = smekvm_fuzz_za_rows(c), n, r = rnd(g, 32);
	__u64 id;

	switch (r) {
	case 0 ... 4:
		return KVM_REG_ARM64_SVE_ZREG(rnd(g, 32), 0);
	case 5 ... 6:
		return KVM_REG_ARM64_SVE_PREG(rnd(g, 16), 0);
	case 7:
		return KVM_REG_ARM64_SVE_FFR(0);
	case 8 ... 9:
		return SMEKVM_VREG(rnd(g, 32));
	case 10 ... 14:
		n = rnd(g, 10);
		n = n < 6 ? rnd(g, rows) : n < 8 ? rows : rnd(g, 256);
		return KVM_REG_ARM64_SME_ZAHREG(n % 256, 0);
	case 15 ... 16:
		return KVM_REG_ARM64_SME_ZT0;
	case 17 ... 19:
		return SMEKVM_SVCR;
	case 20 ... 24:
		id = sysregs[rnd(g, ARRAY_SIZE(sysregs))];
		if (set && (id == SMEKVM_ID_AA64PFR1_EL1 ||
			    id == SMEKVM_ID_AA64SMFR0_EL1 ||
			    (id == SMEKVM_SMIDR_EL1 && !g->host->smidr_known)))
			id = SMEKVM_SVCR;
		return id;
	case 25 ... 26:
		/* A slice beyond 0 */
		n = 1 + rnd(g, 31);
		switch (rnd(g, 4)) {
		case 0:
			return KVM_REG_ARM64_SVE_ZREG(rnd(g, 32), n);
		case 1:
			return KVM_REG_ARM64_SVE_PREG(rnd(g, 16), n);
		case 2:
			return KVM_REG_ARM64_SVE_FFR(n);
		default:
			return KVM_REG_ARM64_SME_ZAHREG(rnd(g, rows), n);
		}
	case 27 ... 28:
		/* A register of another size */
		switch (rnd(g, 5)) {
		case 0:
			id = KVM_REG_ARM64_SVE_ZREG(rnd(g, 32), 0);
			break;
		case 1:
			id = KVM_REG_ARM64_SME_ZAHREG(rnd(g, rows), 0);
			break;
		case 2:
			id = KVM_REG_ARM64_SME_ZT0;
			break;
		case 3:
			id = rnd(g, 2) ? KVM_REG_ARM64_SME_VLS :
					 KVM_REG_ARM64_SVE_VLS;
			break;
		default:
			/* A large one may run past struct kvm_regs: ENOENT */
			id = SMEKVM_VREG(rnd(g, 32));
			break;
		}
		return (id & ~KVM_REG_SIZE_MASK) |
		       sizes[rnd(g, ARRAY_SIZE(sizes))];
	case 29 ... 30:
		/* An index that names no register */
		id = KVM_REG_ARM64 | sizes[rnd(g, ARRAY_SIZE(sizes))] |
		     (rnd(g, 2) ? KVM_REG_ARM64_SME : KVM_REG_ARM64_SVE);
		switch (rnd(g, 4)) {
		case 0:
			return id | 0x601;
		case 1:
			return id | (0x2000 + rnd(g, 0x400));
		case 2:
			return id | 0xfffd;
		default:
			return id | rnd(g, 0x10000);
		}
	default:
		/* ZA row 48 and ZT0: the same index, told apart by size */
		return rnd(g, 2) ? KVM_REG_ARM64_SME_ZAHREG(48, 0) :
				   KVM_REG_ARM64_SME_ZT0;
	}
}

static __u32 gen_vls(struct smekvm_fuzz_gen *g, __u32 offered)
{
	unsigned int max = offered ? 32 - __builtin_clz(offered) : 1, vq;
	__u32 v;

	switch (rnd(g, 10)) {
	case 0 ... 4:	/* truncated at a member */
		do
			vq = 1 + rnd(g, max);
		while (offered && !(offered & BIT(vq - 1)));
		return offered & GENMASK(vq - 1, 0);
	case 5:
		return 0;
	case 6:
		return offered | BIT(16);	/* VQ 17 */
	case 7:		/* above the maximum */
		return max < 32 ? offered | BIT(max + rnd(g, 32 - max)) :
				  offered;
	case 8:		/* a hole */
		v = offered & ~BIT(__builtin_ctz(offered | BIT(31)));
		return v ? v : offered;
	default:	/* a VQ not offered below the maximum */
		v = ~offered & GENMASK(max - 1, 0);
		return v ? offered | BIT(__builtin_ctz(v)) :
			   offered | BIT(rnd(g, 32));
	}
}

/* The value of a SET of @id. */
static __u64 gen_value(struct smekvm_fuzz_gen *g,
		       const struct smekvm_fuzz_vcpu *c, __u64 id)
{
	unsigned int r = rnd(g, 100);

	switch (smekvm_model_reg_class(id, NULL)) {
	case SMEKVM_RC_SVCR:
		if (r < 60)
			return rnd(g, 4);
		if (r < 75)
			return c->m->svcr;
		return rnd(g, 4) | BIT_ULL(2 + rnd(g, 62));
	case SMEKVM_RC_SVE_VLS:
		return gen_vls(g, smekvm_fuzz_vls_mask(g->host->sve_vls));
	case SMEKVM_RC_SME_VLS:
		return gen_vls(g, smekvm_fuzz_vls_mask(g->host->sme_vls));
	case SMEKVM_RC_FPSR:
	case SMEKVM_RC_FPCR:
		return (__u32)rnd64(g);
	default:
		break;
	}
	if (id == SMEKVM_SMCR_EL1)
		return rnd(g, 16) | (r < 70 ? (__u64)rnd(g, 4) << 30 :
				     rnd64(g));
	if (id == SMEKVM_SMPRI_EL1)
		return r < 50 ? 0 : rnd64(g);
	if (id == SMEKVM_SMIDR_EL1)
		return r < 60 ? g->host->smidr :
		       g->host->smidr ^ BIT_ULL(rnd(g, 64));
	return KVM_REG_SIZE(id) > 8 ? (__u32)rnd64(g) : rnd64(g);
}

static enum smekvm_buf_kind gen_buf(struct smekvm_fuzz_gen *g)
{
	unsigned int r = rnd(g, 100);

	return r < 85 ? SMEKVM_BUF_GOOD : 1 + r % (SMEKVM_NR_BUF_KINDS - 1);
}

/* ID_AA64PFR1_EL1.SME values: hide SME2, show it, 0, above the host. */
static const unsigned int pfr1_sme_values[10] = {
	1, 1, 1, 1, 2, 2, 2, 0, 0, 3,
};

void smekvm_fuzz_gen_init(struct smekvm_fuzz_gen *g,
			  const struct smekvm_model_host *h, __u64 seed,
			  unsigned long s, __u32 shape, unsigned int new_vms)
{
	memset(g, 0, sizeof(*g));
	g->rng = seed + 0x9e3779b97f4a7c15ULL * (s + 1);
	g->host = h;
	g->shape[0] = shape;
	g->shape[1] = rnd_shape(g, g->shape[0]);
	g->new_vms = new_vms;
}

void smekvm_fuzz_gen_op(struct smekvm_fuzz_gen *g,
			const struct smekvm_fuzz_world *w,
			struct smekvm_fuzz_op *op)
{
	const struct smekvm_fuzz_vcpu *c;
	bool unfinal;
	unsigned int r;

	memset(op, 0, sizeof(*op));
	op->vm = rnd(g, 4) ? 0 : 1;
	op->vcpu = rnd(g, SMEKVM_FUZZ_NR_VCPUS);
	c = &w->vm[op->vm].c[op->vcpu];
	r = rnd(g, 1000);
	unfinal = c->v.inited && smekvm_fuzz_has_vec(c) && !c->m->finalized;
	if (!c->v.inited && r < 700)
		r = 0;
	else if (unfinal && r < 150)
		r = 40;
	else if (unfinal && r < 400)
		r = 2000;	/* a VLS write before finalisation */
	else if (unfinal && r < 430)
		r = 90;		/* the register list before it */
	else if (unfinal && r < 440)
		r = 140;	/* KVM_RUN before it */

	if (r < 30) {
		op->kind = SMEKVM_FUZZ_INIT;
		op->arg = gen_features(g, op->vm);
	} else if (r < 60) {
		op->kind = SMEKVM_FUZZ_FINALIZE;
		op->arg = rnd(g, 10) ? KVM_ARM_VCPU_VEC : rnd(g, 16);
	} else if (r < 85) {
		op->kind = SMEKVM_FUZZ_IDREG;
		op->arg = rnd(g, SMEKVM_NR_IDFIELDS);
		if (op->arg == SMEKVM_IDF_SMFR0_FA64)
			op->val = rnd(g, 2);
		else
			op->val = pfr1_sme_values[rnd(g, 10)];
	} else if (r < 105) {
		op->kind = SMEKVM_FUZZ_REG_LIST;
	} else if (r < 108) {
		op->kind = SMEKVM_FUZZ_AUDIT;
	} else if (r < 118) {
		op->kind = SMEKVM_FUZZ_NEW_VCPU;
	} else if (r < 121 && g->new_vms) {
		op->kind = SMEKVM_FUZZ_NEW_VM;
		g->new_vms--;
		if (op->vm)
			g->shape[op->vm] = rnd_shape(g, g->shape[0]);
	} else if (r < 128) {
		op->kind = SMEKVM_FUZZ_MASKS;
	} else if (r < 150 && op->vm == SMEKVM_FUZZ_RUN_VM) {
		op->kind = SMEKVM_FUZZ_RUN;
		op->arg = rnd(g, SMEKVM_FUZZ_RUN_ARGS + 1);
		op->val = rnd64(g);
	} else if (r == 2000) {
		op->kind = SMEKVM_FUZZ_SET;
		op->arg = c->m->cfg.sme && (!c->m->cfg.sve || rnd(g, 2)) ?
			  KVM_REG_ARM64_SME_VLS : KVM_REG_ARM64_SVE_VLS;
		op->val = gen_value(g, c, op->arg);
		op->buf = rnd(g, 10) ? SMEKVM_BUF_GOOD : gen_buf(g);
	} else if (r < 560) {
		op->kind = SMEKVM_FUZZ_GET;
		op->arg = gen_id(g, c, false);
		op->buf = gen_buf(g);
	} else {
		op->kind = SMEKVM_FUZZ_SET;
		op->arg = gen_id(g, c, true);
		op->val = gen_value(g, c, op->arg);
		op->buf = gen_buf(g);
	}
}
