// SPDX-License-Identifier: GPL-2.0-only
/*
 * reg_combo.c - the get-reg-list generator's combinations and expected
 * register lists (see reg_combo.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "reg_combo.h"
#include "sme_names.h"
#include "sme_profile.h"
#include "sme_uapi.h"
#include "sme_vcpu.h"

/*
 * Blocks of KVM_GET_REG_LIST, in order (abi-reglist-svcr-first,
 * abi-reglist-order).  A profile without abi-reglist-svcr-first (the
 * proposal) has SVCR among the system registers, in encoding order.
 */
enum {
	RANK_SVCR,
	RANK_CORE,
	RANK_VEC,	/* SVE block, then SME block: the model's order */
	RANK_FW,
	RANK_SYSREG,
};

const struct grl_reg grl_made_up = {
	.id = ARM64_SYS_REG(3, 1, 15, 15, 7), .name = "MADE_UP_EL1",
};

static const struct grl_sublist *inject_into;

bool grl_inject(const char *sublist)
{
	inject_into = sublist ? grl_sublist_find(sublist) : NULL;
	return !sublist || inject_into;
}

const struct grl_sublist *grl_injected(void)
{
	return inject_into;
}

size_t grl_combos(unsigned int *out, size_t max)
{
	static const unsigned int els[] = {
		0, GRL_F_EL2, GRL_F_EL2 | GRL_F_E2H0,
	};
	static const unsigned int lower[] = {
		0, GRL_F_SME2_HIDDEN, GRL_F_FA64_HIDDEN,
		GRL_F_SME2_HIDDEN | GRL_F_FA64_HIDDEN,
	};
	static const unsigned int svcr[] = {
		0, GRL_F_SM, GRL_F_ZA, GRL_F_SM | GRL_F_ZA,
	};
	unsigned int e, opt, l, s, f;
	size_t n = 0;

	/*
	 * Both pointer authentication bits or neither (KVM refuses one
	 * alone); E2H0 only with EL2; lowerings and SVCR states only with
	 * SME, the only feature they change anything for.
	 */
	for (e = 0; e < ARRAY_SIZE(els); e++) {
		for (opt = 0; opt < 16; opt++) {
			f = els[e];
			f |= (opt & 1) ? GRL_F_SVE : 0;
			f |= (opt & 2) ? GRL_F_SME : 0;
			f |= (opt & 4) ? GRL_F_PAUTH : 0;
			f |= (opt & 8) ? GRL_F_PMU : 0;
			for (l = 0; l < ARRAY_SIZE(lower); l++) {
				for (s = 0; s < ARRAY_SIZE(svcr); s++) {
					if (!(f & GRL_F_SME) && (l || s))
						continue;
					if (out && n < max)
						out[n] = f | lower[l] | svcr[s];
					n++;
				}
			}
		}
	}
	return n;
}

const char *grl_combo_name(unsigned int f, char *buf)
{
	static const struct {
		unsigned int bit;
		const char *token;
	} tokens[] = {
		{ GRL_F_SVE, "+sve" }, { GRL_F_SME, "+sme" },
		{ GRL_F_PAUTH, "+pauth" }, { GRL_F_PMU, "+pmu" },
		{ GRL_F_SME2_HIDDEN, "+sme2_hidden" },
		{ GRL_F_FA64_HIDDEN, "+fa64_hidden" },
		{ GRL_F_SM, "+sm" }, { GRL_F_ZA, "+za" },
	};
	size_t i, len;

	if (f & GRL_F_E2H0)
		len = snprintf(buf, 128, "el2_e2h0");
	else if (f & GRL_F_EL2)
		len = snprintf(buf, 128, "el2");
	else
		len = snprintf(buf, 128, "el1");
	for (i = 0; i < ARRAY_SIZE(tokens) && len < 128; i++)
		if (f & tokens[i].bit)
			len += snprintf(buf + len, 128 - len, "%s",
					tokens[i].token);
	return buf;
}

static __u64 svcr_of(unsigned int f)
{
	return ((f & GRL_F_SM) ? SMEKVM_SVCR_SM : 0) |
	       ((f & GRL_F_ZA) ? SMEKVM_SVCR_ZA : 0);
}

bool grl_sublist_applies(const struct grl_sublist *s, unsigned int f)
{
	struct smekvm_model_cfg cfg = {
		.sve = f & GRL_F_SVE, .sme = f & GRL_F_SME,
	};

	if ((f & s->needs) != s->needs)
		return false;
	if (s->when == GRL_WHEN_CORE_VREGS)
		return smekvm_model_has_core_vregs(&cfg, svcr_of(f));
	return true;
}

bool grl_compared(__u64 id)
{
	/* CCSIDR values depend on the host's caches: nothing to bless. */
	return (id & KVM_REG_ARM_COPROC_MASK) != KVM_REG_ARM_DEMUX;
}

static bool gate_open(const struct grl_reg *r, grl_read_id_fn read_id,
		      void *ctx)
{
	__u64 val;

	if (!r->gate_id)
		return true;
	if (read_id(ctx, r->gate_id, &val))
		return false;
	return ((val >> r->gate_shift) & 0xf) >= r->gate_min;
}

static void place(struct grl_expected *e, __u64 id, const char *sublist,
		  const struct grl_reg *reg, size_t vec_index)
{
	e->id = id;
	e->sublist = sublist;
	e->reg = reg;
	e->key = id;
	if (id == KVM_ARM64_SYS_REG(SYS_SVCR) &&
	    smekvm_profile_has(SMEKVM_RULE_LIST_SVCR_FIRST)) {
		e->rank = RANK_SVCR;
		return;
	}
	switch (id & KVM_REG_ARM_COPROC_MASK) {
	case KVM_REG_ARM_CORE:
		/* by offset in struct kvm_regs, whatever the size */
		e->rank = RANK_CORE;
		e->key = id & ~(KVM_REG_ARCH_MASK | KVM_REG_SIZE_MASK |
				KVM_REG_ARM_COPROC_MASK);
		break;
	case KVM_REG_ARM64_SVE:
	case KVM_REG_ARM64_SME:
		e->rank = RANK_VEC;
		e->key = vec_index;
		break;
	case KVM_REG_ARM_FW:
	case KVM_REG_ARM_FW_FEAT_BMAP:
		e->rank = RANK_FW;
		break;
	default:
		e->rank = RANK_SYSREG;
		/*
		 * KVM sorts by the encoding of the register a descriptor
		 * stands for; the uAPI IDs of the timer's CVAL and CNT
		 * have each other's encodings.
		 */
		if (id == KVM_REG_ARM_TIMER_CVAL)
			e->key = KVM_REG_ARM_TIMER_CNT;
		else if (id == KVM_REG_ARM_TIMER_CNT)
			e->key = KVM_REG_ARM_TIMER_CVAL;
	}
}

static int cmp_expected(const void *a, const void *b)
{
	const struct grl_expected *x = a, *y = b;

	if (x->rank != y->rank)
		return x->rank < y->rank ? -1 : 1;
	if (x->key != y->key)
		return x->key < y->key ? -1 : 1;
	return 0;
}

struct grl_expected *grl_expect(unsigned int f,
				const struct smekvm_model_cfg *model,
				grl_read_id_fn read_id, void *ctx, size_t *nr)
{
	__u64 svcr = svcr_of(f);
	size_t i, j, n = 0, nr_vec, max;
	struct grl_expected *exp;
	__u64 *vec;

	nr_vec = smekvm_model_vec_reg_ids(model, svcr, NULL, 0);
	vec = calloc(nr_vec + 1, sizeof(*vec));
	TEST_ASSERT(vec, "calloc");
	smekvm_model_vec_reg_ids(model, svcr, vec, nr_vec);

	max = nr_vec + 1;
	for (i = 0; i < grl_nr_sublists; i++)
		max += grl_sublists[i].nr;
	exp = calloc(max, sizeof(*exp));
	TEST_ASSERT(exp, "calloc");

	for (i = 0; i < grl_nr_sublists; i++) {
		const struct grl_sublist *s = &grl_sublists[i];

		if (!grl_sublist_applies(s, f))
			continue;
		for (j = 0; j < s->nr; j++)
			if (!(s->regs[j].flags & GRL_FROM_MODEL) &&
			    gate_open(&s->regs[j], read_id, ctx))
				place(&exp[n++], s->regs[j].id, s->name,
				      &s->regs[j], 0);
		if (s == inject_into)
			place(&exp[n++], grl_made_up.id, s->name, &grl_made_up,
			      0);
	}
	/* The model's vector and matrix registers, by coprocessor. */
	for (i = 0; i < nr_vec; i++)
		place(&exp[n++], vec[i],
		      smekvm_reg_is_sme(vec[i]) ? "sme(model)" :
		      (f & GRL_F_SVE) ? "sve(model)" : "sme(model)",
		      grl_reg_find(vec[i], NULL), i);
	free(vec);

	qsort(exp, n, sizeof(*exp), cmp_expected);
	*nr = n;
	return exp;
}

/* A ksft message prefixed by @name, unless @name is NULL. */
static void __printf(2, 3) say(const char *name, const char *fmt, ...)
{
	va_list ap;

	if (!name)
		return;
	printf("# %s: ", name);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
}

static bool in_list(const __u64 *list, size_t n, __u64 id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (list[i] == id)
			return true;
	return false;
}

static const struct grl_expected *find_expected(const struct grl_expected *e,
						size_t n, __u64 id)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (e[i].id == id)
			return &e[i];
	return NULL;
}

void grl_compare(const char *name, const __u64 *list, size_t n,
		 const struct grl_expected *exp, size_t nr_exp,
		 struct grl_diff *d)
{
	const struct grl_sublist *s;
	size_t i, pos = 0;
	char buf[64];

	memset(d, 0, sizeof(*d));
	d->order_at = -1;

	for (i = 0; i < nr_exp; i++) {
		if (in_list(list, n, exp[i].id))
			continue;
		d->missing++;
		say(name, "missing %s (0x%llx) of sublist %s\n",
		    exp[i].reg ? exp[i].reg->name :
		    smekvm_reg_name(exp[i].id, buf, sizeof(buf)),
		    (unsigned long long)exp[i].id, exp[i].sublist);
	}
	for (i = 0; i < n; i++) {
		if (!grl_compared(list[i]))
			continue;
		if (in_list(list, i, list[i])) {
			d->duplicates++;
			say(name, "listed twice: %s (0x%llx)\n",
			    smekvm_reg_name(list[i], buf, sizeof(buf)),
			    (unsigned long long)list[i]);
			continue;
		}
		if (find_expected(exp, nr_exp, list[i]))
			continue;
		d->unexpected++;
		s = NULL;
		grl_reg_find(list[i], &s);
		say(name, "unexpected %s (0x%llx)%s%s\n",
		    smekvm_reg_name(list[i], buf, sizeof(buf)),
		    (unsigned long long)list[i],
		    s ? ", which belongs to sublist " : "",
		    s ? s->name : ", in no sublist");
	}
	if (d->missing || d->unexpected || d->duplicates)
		return;

	/* Same set: check abi-reglist-svcr-first and abi-reglist-order. */
	for (i = 0; i < n; i++) {
		if (!grl_compared(list[i]))
			continue;
		if (list[i] != exp[pos].id) {
			char want[64];

			d->order_at = pos;
			say(name, "order: at %zu %s, expected %s (%s)\n", pos,
			    smekvm_reg_name(list[i], buf, sizeof(buf)),
			    smekvm_reg_name(exp[pos].id, want, sizeof(want)),
			    exp[pos].sublist);
			return;
		}
		pos++;
	}
}
