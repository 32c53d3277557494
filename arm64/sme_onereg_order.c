// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_onereg_order - ONE_REG writes of the vector state around SVCR writes,
 * checked exhaustively against the reference model.
 *
 * Writing SVCR from userspace changes which vector and matrix registers
 * exist and zeroes some of them (abi-view-live-svcr, abi-svcr-sm-zeroes,
 * abi-svcr-za-on-zeroes), so a VMM that writes registers in the wrong
 * order loses state (abi-svcr-write-first).  Writes to different
 * registers commute; what decides the outcome is where each
 * register class (V, Z, P, FFR, ZA rows, ZT0) is written relative to the
 * SVCR write.  For every vcpu flavour (SME only, SVE and SME, SME2 hidden,
 * FA64 hidden), every sampled pair of vector lengths (all the host offers
 * when there are at most three, else the smallest, a middle and the
 * largest of each set), and every SVCR transition (four states to four),
 * this test runs every ordering class: each class that exists before or
 * after the transition is written either before or after the SVCR write
 * (a class that exists in neither state is written once, to check its
 * errno).  Each case:
 *
 *   step 1  SVCR <- from (on a vcpu just reset by KVM_ARM_VCPU_INIT)
 *   step 2  every register of the "before" classes
 *   step 3  SVCR <- to
 *   step 4  every register of the "after" classes
 *
 * Every write's errno is compared with the model's, and after each step
 * the kernel's registers are compared with the model's: a sample (SVCR,
 * FPSR, FPMR and the first and last register of each class) after steps
 * 0 (the reset) and 1 (once per transition, the same for all its ordering
 * classes), 2 and 3, everything after step 4 (all registers of all
 * classes, the first ZA row that does not exist, the padding beyond the
 * VL).  Where a class does not exist at that point, its first and last
 * registers stand for all (they fail alike).  ZA rows: all of them up to
 * 16 rows, else 12 (the first four, four around the middle, the last
 * four), to keep the run time under a minute under TCG; sme_migrate fills
 * and compares every row.  Values are patterns of (register, byte, step),
 * so a report says which step a wrong value came from.  Then, as a
 * cross-check that only these positions matter, every permutation of one
 * small write set (SVCR, Z0 or V0, P0, FFR, ZA row 0, ZT0) from SM=0,ZA=0
 * to SM=1,ZA=1 and back, on the largest vector lengths, each compared on
 * the sample at the end.
 *
 * One KTAP case per flavour, vector lengths and transition, on a vcpu of
 * its own (its ordering classes are counted and every failing one is
 * named in the log), e.g. "sve_sme/sve256_sme512/sm0za1_to_sm1za1"; one
 * per flavour and direction for the permutations.  The names depend on
 * the vector lengths KVM offers, so a flavour the host cannot offer is
 * one skipped case named after it.  The errno checks follow the [ours]
 * error order unless the profile (SMEKVM_PROFILE) says otherwise.  The
 * frame (cases, flavours, skips, SMEKVM_CASE) is lib/sme_conf.h.
 */
#include <stdio.h>
#include <string.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "sme_check.h"
#include "sme_conf.h"
#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_profile.h"
#include "sme_vmm.h"

/* The register classes whose position relative to SVCR is enumerated. */
enum cls { C_V, C_Z, C_P, C_FFR, C_ZA, C_ZT0, NR_CLS };

static const enum smekvm_reg_class model_class[NR_CLS] = {
	[C_V] = SMEKVM_RC_V, [C_Z] = SMEKVM_RC_Z, [C_P] = SMEKVM_RC_P,
	[C_FFR] = SMEKVM_RC_FFR, [C_ZA] = SMEKVM_RC_ZA, [C_ZT0] = SMEKVM_RC_ZT0,
};

/* Differences printed per KTAP case; the rest are counted. */
#define REPORTS		20
/* Pairs of vector lengths: up to three of each (smekvm_vls_sample()). */
#define MAX_PAIRS	9

/*
 * The value of a case: the VQs of its vector lengths (SVE 0 without SVE),
 * the SVCR transition, and whether it is one of the permutations.
 */
#define VAL(sve, sme, from, to)	((sve) | (sme) << 5 | (from) << 10 | (to) << 12)
#define VAL_SVE(v)		((v) & 0x1f)
#define VAL_SME(v)		((v) >> 5 & 0x1f)
#define VAL_FROM(v)		((v) >> 10 & 3)
#define VAL_TO(v)		((v) >> 12 & 3)
#define VAL_PERM		BIT(14)

/* The VLs KVM offers a vcpu with SVE (where the host has it) and SME. */
static struct smekvm_vmm_vls host_vls;

/* One case: its vcpu at its vector lengths, reset before every ordering. */
struct run {
	struct kvm_vcpu *vcpu;
	struct smekvm_model_cfg mcfg;
	struct smekvm_model *m;
	struct smekvm_check chk;
	char prefix[256];
};

/*
 * The ZA rows a case writes and reads: all of them up to ZA_ALL_ROWS,
 * else the first four, four around the middle and the last four (the
 * places where a wrong size or offset shows).  sme_migrate covers every
 * row.
 */
#define ZA_ALL_ROWS	16
#define ZA_SAMPLE	12

static unsigned int za_row(const struct run *r, unsigned int i)
{
	unsigned int rows = SMEKVM_ZA_ROWS(r->mcfg.sme_vq);

	if (rows <= ZA_ALL_ROWS || i < 4)
		return i;
	if (i < 8)
		return rows / 2 - 2 + (i - 4);
	return rows - 4 + (i - 8);
}

/* Register @i of class @c (ZA: sampled row @i). */
static __u64 cls_id(const struct run *r, enum cls c, unsigned int i)
{
	return smekvm_model_reg_id(model_class[c],
				   c == C_ZA ? za_row(r, i) : i);
}

/* How many registers of class @c a case writes (ZA: sampled rows). */
static unsigned int cls_count(const struct run *r, enum cls c)
{
	if (c == C_ZA && SMEKVM_ZA_ROWS(r->mcfg.sme_vq) > ZA_ALL_ROWS)
		return ZA_SAMPLE;
	return smekvm_model_class_regs(&r->mcfg, model_class[c]);
}

/* Whether class @c exists in SVCR state @svcr. */
static bool cls_exists(const struct smekvm_model_cfg *cfg, enum cls c,
		       __u64 svcr)
{
	switch (c) {
	case C_V:
		return smekvm_model_has_core_vregs(cfg, svcr);
	case C_Z:
	case C_P:
		return smekvm_model_has_zp(cfg, svcr);
	case C_FFR:
		return smekvm_model_has_ffr(cfg, svcr);
	case C_ZA:
		return smekvm_model_has_za(cfg, svcr);
	default:
		return smekvm_model_has_zt0(cfg, svcr);
	}
}

/* A write of @id with the pattern of @step, to the vcpu and the model. */
static void do_write(struct run *r, __u64 id, unsigned int step,
		     const char *when)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];

	smekvm_pattern_fill(buf, KVM_REG_SIZE(id), smekvm_id_tag(id, step));
	smekvm_check_write(&r->chk, r->vcpu, r->m, id, buf, when);
}

static void write_svcr(struct run *r, __u64 svcr, unsigned int step)
{
	char when[48];

	snprintf(when, sizeof(when), "step %u (SVCR <- %s)", step,
		 smekvm_svcr_names[svcr & 3]);
	smekvm_check_write(&r->chk, r->vcpu, r->m, SMEKVM_SVCR, &svcr, when);
}

/*
 * Write all registers of class @c (only the first if @first_only).  When
 * the class does not exist now, every write fails the same way: the first
 * and the last stand for all.
 */
static void write_class(struct run *r, enum cls c, unsigned int step,
			bool first_only)
{
	unsigned int i, n = first_only ? 1 : cls_count(r, c);
	char when[32];

	snprintf(when, sizeof(when), "step %u", step);
	for (i = 0; i < n; i++) {
		if (i > 0 && i < n - 1 &&
		    smekvm_model_access_err(r->m, cls_id(r, c, 0), false))
			continue;
		do_write(r, cls_id(r, c, i), step, when);
	}
}

/* The sample compared after steps 1 to 3. */
static void check_sample(struct run *r, unsigned int step)
{
	static const unsigned int cheap = SMEKVM_CHECK_CLASS(SMEKVM_RC_SVCR) |
		SMEKVM_CHECK_CLASS(SMEKVM_RC_FPSR) |
		SMEKVM_CHECK_CLASS(SMEKVM_RC_FPMR) |
		SMEKVM_CHECK_CLASS(SMEKVM_RC_FFR) |
		SMEKVM_CHECK_CLASS(SMEKVM_RC_ZT0);
	char when[32];
	unsigned int c, last;

	snprintf(when, sizeof(when), "after step %u", step);
	smekvm_check_vcpu(&r->chk, r->vcpu, r->m, cheap, when);
	for (c = C_V; c <= C_ZA; c++) {
		if (c == C_FFR)
			continue;
		last = cls_count(r, c) - 1;
		smekvm_check_reg(&r->chk, r->vcpu, r->m, cls_id(r, c, 0), when);
		smekvm_check_reg(&r->chk, r->vcpu, r->m, cls_id(r, c, last),
				 when);
	}
}

/*
 * Everything: the single registers, every register of V, Z and P and the
 * sampled ZA rows (the first and the last when the class does not exist
 * now: they all fail the same way), and the first row that does not
 * exist.
 */
static void check_all(struct run *r, const char *when)
{
	static const enum cls multi[] = { C_V, C_Z, C_P, C_ZA };
	unsigned int i, k, n, rows = SMEKVM_ZA_ROWS(r->mcfg.sme_vq);
	bool absent;

	smekvm_check_vcpu(&r->chk, r->vcpu, r->m, SMEKVM_CHECK_ALL &
			  ~(SMEKVM_CHECK_CLASS(SMEKVM_RC_V) |
			    SMEKVM_CHECK_CLASS(SMEKVM_RC_Z) |
			    SMEKVM_CHECK_CLASS(SMEKVM_RC_P) |
			    SMEKVM_CHECK_CLASS(SMEKVM_RC_ZA)), when);
	for (k = 0; k < ARRAY_SIZE(multi); k++) {
		n = cls_count(r, multi[k]);
		absent = smekvm_model_access_err(r->m,
						 cls_id(r, multi[k], 0),
						 false);
		for (i = 0; i < n; i++)
			if (!absent || i == 0 || i == n - 1)
				smekvm_check_reg(&r->chk, r->vcpu, r->m,
						 cls_id(r, multi[k], i),
						 when);
	}
	if (rows < 256)
		smekvm_check_reg(&r->chk, r->vcpu, r->m,
				 KVM_REG_ARM64_SME_ZAHREG(rows, 0), when);
}

static void reset_vcpu(struct run *r)
{
	vcpu_ioctl(r->vcpu, KVM_ARM_VCPU_INIT, &r->vcpu->init);
	smekvm_model_init(r->m, &r->mcfg);
	smekvm_model_finalize(r->m);
	smekvm_model_set_offered(r->m, host_vls.sve.w, host_vls.sme.w);
}

/* The classes that go after the SVCR write, as "before: Z P; after: ZA". */
static void placement_str(char *buf, size_t size, unsigned int after,
			  unsigned int relevant)
{
	size_t len;
	int c;

	len = snprintf(buf, size, "before:");
	for (c = 0; c < NR_CLS; c++)
		if (relevant & (1U << c) && !(after & (1U << c)))
			len += snprintf(buf + len, size - len, " %s",
					smekvm_reg_class_name(model_class[c]));
	len += snprintf(buf + len, size - len, "; after:");
	for (c = 0; c < NR_CLS; c++)
		if (after & (1U << c))
			len += snprintf(buf + len, size - len, " %s",
					smekvm_reg_class_name(model_class[c]));
}

/* One ordering class; returns whether the kernel matched the model. */
static bool run_ordering(struct run *r, __u64 from, __u64 to,
			 unsigned int after, unsigned int relevant,
			 const char *ktap_name)
{
	unsigned int before_mm = r->chk.mismatches;
	char place[96];
	int c;

	placement_str(place, sizeof(place), after, relevant);
	snprintf(r->prefix, sizeof(r->prefix), "%s [%s]", ktap_name, place);
	r->chk.prefix = r->prefix;

	reset_vcpu(r);
	/* Steps 0 and 1 are the same for every ordering class: check once. */
	if (!after)
		check_sample(r, 0);
	write_svcr(r, from, 1);
	if (!after)
		check_sample(r, 1);
	for (c = 0; c < NR_CLS; c++)
		if (!(after & (1U << c)))
			write_class(r, c, 2, !(relevant & (1U << c)));
	check_sample(r, 2);
	write_svcr(r, to, 3);
	check_sample(r, 3);
	for (c = 0; c < NR_CLS; c++)
		if (after & (1U << c))
			write_class(r, c, 4, false);
	check_all(r, "after step 4");
	return r->chk.mismatches == before_mm;
}

/* The verdict of a case whose @n variants (@what) had @failed failures. */
static int verdict(unsigned int failed, unsigned int n, const char *what)
{
	if (!failed)
		return KSFT_PASS;
	smekvm_report("%u of %u %s failed", failed, n, what);
	return KSFT_FAIL;
}

/* @t's vcpu at the vector lengths of t->param, finalised, and its model. */
static void setup(struct smekvm_conf_ctx *t, struct run *r)
{
	static struct smekvm_model model;
	unsigned int sve_vq = VAL_SVE(t->param), sme_vq = VAL_SME(t->param);
	struct smekvm_vls vls;
	__u64 fpmr;

	r->vcpu = t->vcpu;
	vls = host_vls.sme;
	smekvm_vls_truncate(&vls, sme_vq);
	smekvm_set_vls(r->vcpu, KVM_REG_ARM64_SME_VLS, &vls);
	if (sve_vq) {
		vls = host_vls.sve;
		smekvm_vls_truncate(&vls, sve_vq);
		smekvm_set_vls(r->vcpu, KVM_REG_ARM64_SVE_VLS, &vls);
	}
	smekvm_vcpu_finalize(r->vcpu);

	r->mcfg = t->m;
	r->mcfg.sve_vq = sve_vq;
	r->mcfg.sme_vq = sme_vq;
	r->mcfg.fpmr = !__smekvm_get_reg64(r->vcpu, SMEKVM_FPMR_ID, &fpmr);
	r->m = &model;
	/* Any errno the model allows, without the [ours] error order. */
	r->chk.any_error_order = !smekvm_profile_has(SMEKVM_RULE_ERROR_ORDER);
	/* At most REPORTS differences printed per KTAP case. */
	r->chk.max_reports = REPORTS;
}

/* Every ordering class of one transition: one KTAP case. */
static int test_transition(struct smekvm_conf_ctx *t)
{
	__u64 from = VAL_FROM(t->param), to = VAL_TO(t->param);
	unsigned int relevant = 0, after = 0, failed = 0, n = 0;
	struct run r = {};
	int c;

	setup(t, &r);
	for (c = 0; c < NR_CLS; c++)
		if (cls_exists(&r.mcfg, c, from) || cls_exists(&r.mcfg, c, to))
			relevant |= 1U << c;

	/* Every subset of the relevant classes goes after the SVCR write. */
	do {
		failed += !run_ordering(&r, from, to, after, relevant, t->name);
		n++;
		after = (after - relevant) & relevant;
	} while (after);
	return verdict(failed, n, "ordering classes");
}

/* Permutations of a small write set */

#define PERM_ITEMS	6

static void perm_apply(struct run *r, unsigned int item, __u64 to,
		       unsigned int step)
{
	static const enum cls items[PERM_ITEMS] = {
		NR_CLS, C_Z, C_P, C_FFR, C_ZA, C_ZT0,
	};
	enum cls c = items[item];
	char when[32];

	snprintf(when, sizeof(when), "step %u", step);
	if (c == NR_CLS) {
		write_svcr(r, to, step);
		return;
	}
	/* SME only: the V registers take the Z registers' place. */
	if (c == C_Z && !r->mcfg.sve)
		do_write(r, cls_id(r, C_V, 0), step, when);
	do_write(r, cls_id(r, c, 0), step, when);
}

static bool next_perm(unsigned int *a, unsigned int n)
{
	unsigned int i, j, t;

	for (i = n - 1; i > 0 && a[i - 1] >= a[i]; i--)
		;
	if (!i)
		return false;
	for (j = n - 1; a[j] <= a[i - 1]; j--)
		;
	t = a[i - 1], a[i - 1] = a[j], a[j] = t;
	for (j = n - 1; i < j; i++, j--)
		t = a[i], a[i] = a[j], a[j] = t;
	return true;
}

static int test_permutations(struct smekvm_conf_ctx *t)
{
	unsigned int perm[PERM_ITEMS] = { 0, 1, 2, 3, 4, 5 };
	unsigned int failed = 0, n = 0, i, before;
	__u64 from = VAL_FROM(t->param), to = VAL_TO(t->param);
	struct run r = {};

	setup(t, &r);
	do {
		before = r.chk.mismatches;
		snprintf(r.prefix, sizeof(r.prefix),
			 "%s [order %u%u%u%u%u%u; 0 = SVCR]", t->name, perm[0],
			 perm[1], perm[2], perm[3], perm[4], perm[5]);
		r.chk.prefix = r.prefix;
		reset_vcpu(&r);
		write_svcr(&r, from, 1);
		for (i = 0; i < PERM_ITEMS; i++)
			perm_apply(&r, perm[i], to, i + 2);
		/* The set touches register 0 of each class: the sample. */
		check_sample(&r, PERM_ITEMS + 1);
		failed += r.chk.mismatches != before;
		n++;
	} while (next_perm(perm, PERM_ITEMS));
	return verdict(failed, n, "permutations");
}

/* The cases: the vector lengths KVM offers */

/* Once: the VLs of a vcpu with SVE (where the host has it) and SME. */
static void probe_vls(void)
{
	struct smekvm_vcpu_cfg cfg = { .sve = smekvm_host.sve, .sme = true };
	char a[128], b[128], c[128];
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;

	if (host_vls.has_sme)
		return;
	vm = vm_create(1);
	vcpu = smekvm_vcpu_add(vm, 0, &cfg, NULL);
	TEST_ASSERT(!smekvm_vmm_discover_vls(vcpu, &host_vls), "%s",
		    smekvm_vmm_error());
	ksft_print_msg("VLs offered: SVE {%s}, SME {%s}, both {%s}\n",
		       smekvm_vls_str(&host_vls.sve, a, sizeof(a)),
		       smekvm_vls_str(&host_vls.sme, b, sizeof(b)),
		       smekvm_vls_str(&host_vls.common, c, sizeof(c)));
	kvm_vm_free(vm);
}

/*
 * The pairs of vector lengths of @f, smallest first: each set's
 * smekvm_vls_sample() (SVE only when @f has it).  Returns how many.
 */
static unsigned int vl_pairs(enum smekvm_flavour f, unsigned long *vals)
{
	bool sve = smekvm_flavour(f)->cfg.sve;
	unsigned int sves[3] = {}, smes[3], nsve = 1, nsme, i, j, n = 0;

	probe_vls();
	nsme = smekvm_vls_sample(&host_vls.sme, smes);
	if (sve)
		nsve = smekvm_vls_sample(&host_vls.sve, sves);
	for (i = 0; i < nsve; i++)
		for (j = 0; j < nsme; j++)
			vals[n++] = VAL(sves[i], smes[j], 0, 0);
	return n;
}

/* Every transition at every pair. */
static unsigned int gen_transitions(enum smekvm_flavour f, unsigned long *vals)
{
	unsigned long pairs[MAX_PAIRS];
	unsigned int np = vl_pairs(f, pairs), i, s, n = 0;

	for (i = 0; i < np; i++)
		for (s = 0; s < 16; s++)
			vals[n++] = pairs[i] | VAL(0, 0, s / 4, s % 4);
	return n;
}

/* The permutations on the largest vector lengths, there and back. */
static unsigned int gen_permutations(enum smekvm_flavour f,
				     unsigned long *vals)
{
	unsigned long pairs[MAX_PAIRS];
	unsigned long v = pairs[vl_pairs(f, pairs) - 1] | VAL_PERM;

	vals[0] = v | VAL(0, 0, 0, 3);
	vals[1] = v | VAL(0, 0, 3, 0);
	return 2;
}

/* "sve256_sme512/sm0za1_to_sm1za1", "sme512/permutations_..." */
static void val_name(unsigned long v, char *buf, size_t size)
{
	int len = 0;

	if (VAL_SVE(v))
		len = snprintf(buf, size, "sve%lu_", VAL_SVE(v) * 128);
	snprintf(buf + len, size - len, "sme%lu/%s%s_to_%s",
		 VAL_SME(v) * 128, v & VAL_PERM ? "permutations_" : "",
		 smekvm_svcr_names[VAL_FROM(v)], smekvm_svcr_names[VAL_TO(v)]);
}

static const struct smekvm_conf_case cases[] = {
	{ "%s", test_transition, SMEKVM_FL_SME, SMEKVM_CASE_FLAVOUR_SKIP,
	  .gen = gen_transitions, .val_name = val_name },
	{ "%s", test_permutations, SMEKVM_FL_SME,
	  .gen = gen_permutations, .val_name = val_name },
};

int main(void)
{
	smekvm_conf_main(cases, ARRAY_SIZE(cases),
			 "sme_onereg_order: ONE_REG writes around SVCR writes against the model (doc/abi.md: abi-svcr-write-first)");
}
