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
 * so a report says which step a wrong value came from.  Then, as a cross-check that only these
 * positions matter, every permutation of one small write set (SVCR, Z0 or
 * V0, P0, FFR, ZA row 0, ZT0) from SM=0,ZA=0 to SM=1,ZA=1 and back, on
 * the largest vector lengths, each compared on the sample at the end.
 *
 * One KTAP case per flavour, vector lengths and transition (its ordering
 * classes are counted and every failing one is named in the log), e.g.
 * "sve_sme/sve256_sme512/sm0za1_to_sm1za1"; one per flavour and
 * direction for the permutations.  SMEKVM_CASE=<name> runs one.  The
 * errno checks follow the [ours] error order unless the profile
 * (SMEKVM_PROFILE) says otherwise.  Whole-program skip without SME;
 * flavours the host cannot offer skip with the reason.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <sys/auxv.h>
#include <asm/hwcap.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "case_filter.h"
#include "sme_check.h"
#include "sme_flavour.h"
#include "sme_model.h"
#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_probe.h"
#include "sme_profile.h"
#include "sme_vcpu.h"
#include "sme_vmm.h"

/* The register classes whose position relative to SVCR is enumerated. */
enum cls { C_V, C_Z, C_P, C_FFR, C_ZA, C_ZT0, NR_CLS };

static const enum smekvm_reg_class model_class[NR_CLS] = {
	[C_V] = SMEKVM_RC_V, [C_Z] = SMEKVM_RC_Z, [C_P] = SMEKVM_RC_P,
	[C_FFR] = SMEKVM_RC_FFR, [C_ZA] = SMEKVM_RC_ZA, [C_ZT0] = SMEKVM_RC_ZT0,
};

static const enum smekvm_flavour flavours[] = {
	SMEKVM_FL_SME_ONLY, SMEKVM_FL_SVE_SME, SMEKVM_FL_SME2_HIDDEN,
	SMEKVM_FL_FA64_HIDDEN,
};

#define NR_FLAVOURS	ARRAY_SIZE(flavours)
#define MAX_PAIRS	9
/* Differences printed per KTAP case; the rest are counted. */
#define REPORTS		20

static struct {
	bool sve, sme2, fa64;
	struct smekvm_vls sve_vls, sme_vls;
} host;

/* One vcpu per pair of vector lengths, reset before every case. */
struct pair {
	unsigned int sve_vq, sme_vq;	/* sve_vq 0: the vcpu has no SVE */
	char name[32];			/* "sve256_sme512", "sme512" */
	struct kvm_vcpu *vcpu;
	struct smekvm_model_cfg mcfg;
};

struct run {
	const struct smekvm_flavour_info *f;
	struct pair *p;
	struct smekvm_model *m;
	struct smekvm_check chk;
	char prefix[256];
	unsigned int ordering_cases;
	bool any_order;		/* profile without the [ours] error order */
};

static unsigned long long total_orderings, total_ktap;

static const char *svcr_str(__u64 svcr)
{
	static const char * const s[] = {
		"SM=0,ZA=0", "SM=1,ZA=0", "SM=0,ZA=1", "SM=1,ZA=1",
	};

	return s[svcr & 3];
}

static const char *svcr_tag(__u64 svcr)
{
	static const char * const s[] = { "sm0za0", "sm1za0", "sm0za1",
					  "sm1za1" };

	return s[svcr & 3];
}

/*
 * The ZA rows a case writes and reads: all of them up to ZA_ALL_ROWS,
 * else the first four, four around the middle and the last four (the
 * places where a wrong size or offset shows).  sme_migrate covers every
 * row.
 */
#define ZA_ALL_ROWS	16
#define ZA_SAMPLE	12

static unsigned int za_row(const struct pair *p, unsigned int i)
{
	unsigned int rows = SMEKVM_ZA_ROWS(p->sme_vq);

	if (rows <= ZA_ALL_ROWS || i < 4)
		return i;
	if (i < 8)
		return rows / 2 - 2 + (i - 4);
	return rows - 4 + (i - 8);
}

/* Register @i of class @c (ZA: sampled row @i). */
static __u64 cls_id(const struct pair *p, enum cls c, unsigned int i)
{
	return smekvm_model_reg_id(model_class[c],
				   c == C_ZA ? za_row(p, i) : i);
}

/* How many registers of class @c a case writes (ZA: sampled rows). */
static unsigned int cls_count(const struct pair *p, enum cls c)
{
	unsigned int rows = SMEKVM_ZA_ROWS(p->sme_vq);

	switch (c) {
	case C_V:
	case C_Z:
		return 32;
	case C_P:
		return 16;
	case C_ZA:
		return rows <= ZA_ALL_ROWS ? rows : ZA_SAMPLE;
	default:
		return 1;
	}
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
	char name[64];
	int got, want;
	bool ok = false;

	smekvm_pattern_fill(buf, KVM_REG_SIZE(id), smekvm_id_tag(id, step));
	got = __smekvm_set_reg(r->p->vcpu, id, buf);
	if (r->any_order) {
		int errs[SMEKVM_MODEL_MAX_ERRS];
		unsigned int n, i;

		n = smekvm_model_access_errs(r->m, id, false, errs);
		ok = !n && !got;
		for (i = 0; i < n; i++)
			ok |= got == errs[i];
	}
	want = smekvm_model_set(r->m, id, buf);
	if (!r->any_order)
		ok = got == want;
	if (!ok && ++r->chk.mismatches <= r->chk.max_reports) {
		ksft_print_msg("%s: %s: writing %s: %s, expected %s\n",
			       r->prefix, when,
			       smekvm_reg_name(id, name, sizeof(name)),
			       smekvm_errno_name(got), smekvm_errno_name(want));
	}
}

static void write_svcr(struct run *r, __u64 svcr, unsigned int step)
{
	char when[48];
	__u64 val = svcr;
	int got, want;

	snprintf(when, sizeof(when), "step %u (SVCR <- %s)", step,
		 svcr_str(svcr));
	got = __smekvm_set_reg(r->p->vcpu, SMEKVM_SVCR, &val);
	want = smekvm_model_set(r->m, SMEKVM_SVCR, &val);
	if (got != want && ++r->chk.mismatches <= r->chk.max_reports) {
		ksft_print_msg("%s: %s: %s, expected %s\n", r->prefix, when,
			       smekvm_errno_name(got), smekvm_errno_name(want));
	}
}

/*
 * Write all registers of class @c (only the first if @first_only).  When
 * the class does not exist now, every write fails the same way: the first
 * and the last stand for all.
 */
static void write_class(struct run *r, enum cls c, unsigned int step,
			bool first_only)
{
	unsigned int i, n = first_only ? 1 : cls_count(r->p, c);
	char when[32];

	snprintf(when, sizeof(when), "step %u", step);
	for (i = 0; i < n; i++) {
		if (i > 0 && i < n - 1 &&
		    smekvm_model_access_err(r->m, cls_id(r->p, c, 0), false))
			continue;
		do_write(r, cls_id(r->p, c, i), step, when);
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
	smekvm_check_vcpu(&r->chk, r->p->vcpu, r->m, cheap, when);
	for (c = C_V; c <= C_ZA; c++) {
		if (c == C_FFR)
			continue;
		last = cls_count(r->p, c) - 1;
		smekvm_check_reg(&r->chk, r->p->vcpu, r->m, cls_id(r->p, c, 0), when);
		smekvm_check_reg(&r->chk, r->p->vcpu, r->m, cls_id(r->p, c, last),
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
	unsigned int i, k, n, rows = SMEKVM_ZA_ROWS(r->p->sme_vq);
	bool absent;

	smekvm_check_vcpu(&r->chk, r->p->vcpu, r->m, SMEKVM_CHECK_ALL &
			  ~(SMEKVM_CHECK_CLASS(SMEKVM_RC_V) |
			    SMEKVM_CHECK_CLASS(SMEKVM_RC_Z) |
			    SMEKVM_CHECK_CLASS(SMEKVM_RC_P) |
			    SMEKVM_CHECK_CLASS(SMEKVM_RC_ZA)), when);
	for (k = 0; k < ARRAY_SIZE(multi); k++) {
		n = cls_count(r->p, multi[k]);
		absent = smekvm_model_access_err(r->m,
						 cls_id(r->p, multi[k], 0),
						 false);
		for (i = 0; i < n; i++)
			if (!absent || i == 0 || i == n - 1)
				smekvm_check_reg(&r->chk, r->p->vcpu, r->m,
						 cls_id(r->p, multi[k], i),
						 when);
	}
	if (rows < 256)
		smekvm_check_reg(&r->chk, r->p->vcpu, r->m,
				 KVM_REG_ARM64_SME_ZAHREG(rows, 0), when);
}

static void reset_vcpu(struct run *r)
{
	vcpu_ioctl(r->p->vcpu, KVM_ARM_VCPU_INIT, &r->p->vcpu->init);
	smekvm_model_init(r->m, &r->p->mcfg);
	smekvm_model_finalize(r->m);
	smekvm_model_set_offered(r->m, host.sve_vls.w, host.sme_vls.w);
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
	r->ordering_cases++;
	return r->chk.mismatches == before_mm;
}

/* Every ordering class of one transition: one KTAP case. */
static void run_transition(struct run *r, __u64 from, __u64 to)
{
	unsigned int relevant = 0, after, failed = 0, n = 0;
	char name[96];
	int c;

	snprintf(name, sizeof(name), "%s/%s/%s_to_%s", r->f->name,
		 r->p->name, svcr_tag(from), svcr_tag(to));
	if (!smekvm_case_selected(name))
		return;

	for (c = 0; c < NR_CLS; c++)
		if (cls_exists(&r->p->mcfg, c, from) ||
		    cls_exists(&r->p->mcfg, c, to))
			relevant |= 1U << c;

	/* At most REPORTS differences printed per KTAP case. */
	r->chk.max_reports = r->chk.mismatches + REPORTS;
	/* Every subset of the relevant classes goes after the SVCR write. */
	after = 0;
	do {
		failed += !run_ordering(r, from, to, after, relevant, name);
		n++;
		after = (after - relevant) & relevant;
	} while (after);

	total_orderings += n;
	total_ktap++;
	if (failed)
		ksft_print_msg("%s: %u of %u ordering classes failed\n", name,
			       failed, n);
	ksft_test_result(!failed, "%s\n", name);
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
	if (c == C_Z && !r->p->mcfg.sve)
		do_write(r, cls_id(r->p, C_V, 0), step, when);
	do_write(r, cls_id(r->p, c, 0), step, when);
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

static void run_permutations(struct run *r, __u64 from, __u64 to)
{
	unsigned int perm[PERM_ITEMS] = { 0, 1, 2, 3, 4, 5 };
	unsigned int failed = 0, n = 0, i, before;
	char name[96];

	snprintf(name, sizeof(name), "%s/%s/permutations_%s_to_%s",
		 r->f->name, r->p->name, svcr_tag(from), svcr_tag(to));
	if (!smekvm_case_selected(name))
		return;

	r->chk.max_reports = r->chk.mismatches + REPORTS;
	do {
		before = r->chk.mismatches;
		snprintf(r->prefix, sizeof(r->prefix),
			 "%s [order %u%u%u%u%u%u; 0 = SVCR]", name, perm[0],
			 perm[1], perm[2], perm[3], perm[4], perm[5]);
		r->chk.prefix = r->prefix;
		reset_vcpu(r);
		write_svcr(r, from, 1);
		for (i = 0; i < PERM_ITEMS; i++)
			perm_apply(r, perm[i], to, i + 2);
		/* The set touches register 0 of each class: the sample. */
		check_sample(r, PERM_ITEMS + 1);
		failed += r->chk.mismatches != before;
		n++;
	} while (next_perm(perm, PERM_ITEMS));

	total_orderings += n;
	total_ktap++;
	if (failed)
		ksft_print_msg("%s: %u of %u permutations failed\n", name,
			       failed, n);
	ksft_test_result(!failed, "%s\n", name);
}

/* Setup: the vector length pairs of a flavour */

static unsigned int make_pairs(const struct smekvm_flavour_info *f,
			       struct pair *pairs)
{
	unsigned int sve[3], sme[3], nsve = 1, nsme, i, j, n = 0;

	nsme = smekvm_vls_sample(&host.sme_vls, sme);
	if (f->cfg.sve)
		nsve = smekvm_vls_sample(&host.sve_vls, sve);
	for (i = 0; i < nsve; i++) {
		for (j = 0; j < nsme; j++, n++) {
			struct pair *p = &pairs[n];

			memset(p, 0, sizeof(*p));
			p->sme_vq = sme[j];
			p->sve_vq = f->cfg.sve ? sve[i] : 0;
			if (p->sve_vq)
				snprintf(p->name, sizeof(p->name),
					 "sve%u_sme%u", p->sve_vq * 128,
					 p->sme_vq * 128);
			else
				snprintf(p->name, sizeof(p->name), "sme%u",
					 p->sme_vq * 128);
		}
	}
	return n;
}

static void setup_pair(struct kvm_vm *vm, const struct smekvm_flavour_info *f,
		       struct pair *p, unsigned int id)
{
	struct smekvm_vls vls;
	__u64 fpmr;

	p->vcpu = smekvm_vcpu_add(vm, id, &f->cfg, NULL);
	vls = host.sme_vls;
	smekvm_vls_truncate(&vls, p->sme_vq);
	smekvm_set_vls(p->vcpu, KVM_REG_ARM64_SME_VLS, &vls);
	if (p->sve_vq) {
		vls = host.sve_vls;
		smekvm_vls_truncate(&vls, p->sve_vq);
		smekvm_set_vls(p->vcpu, KVM_REG_ARM64_SVE_VLS, &vls);
	}
	smekvm_vcpu_finalize(p->vcpu);

	p->mcfg.sve = f->cfg.sve;
	p->mcfg.sme = true;
	p->mcfg.sme2 = host.sme2 && !f->cfg.hide_sme2;
	p->mcfg.fa64 = host.fa64 && !f->cfg.hide_fa64;
	p->mcfg.sve_vq = p->sve_vq;
	p->mcfg.sme_vq = p->sme_vq;
	p->mcfg.fpmr = !__smekvm_get_reg64(p->vcpu, SMEKVM_FPMR_ID, &fpmr);
}

/*
 * How many cases of @f SMEKVM_CASE selects.  A flavour the host cannot
 * offer is one case, named after the flavour, that skips.
 */
static unsigned int flavour_cases(const struct smekvm_flavour_info *f)
{
	struct pair pairs[MAX_PAIRS];
	unsigned int np, i, from, to, n = 0;
	char name[96];

	if (smekvm_cfg_host_lacks(&f->cfg))
		return smekvm_case_selected(f->name);

	np = make_pairs(f, pairs);
	for (i = 0; i < np; i++) {
		for (from = 0; from < 4; from++) {
			for (to = 0; to < 4; to++) {
				snprintf(name, sizeof(name), "%s/%s/%s_to_%s",
					 f->name, pairs[i].name,
					 svcr_tag(from), svcr_tag(to));
				if (!smekvm_case_selected(name))
					continue;
				n++;
			}
		}
		for (from = 0; from < 2 && i + 1 == np; from++) {
			snprintf(name, sizeof(name),
				 "%s/%s/permutations_%s_to_%s", f->name,
				 pairs[i].name, svcr_tag(from ? 3 : 0),
				 svcr_tag(from ? 0 : 3));
			if (!smekvm_case_selected(name))
				continue;
			n++;
		}
	}
	return n;
}

static void run_flavour(const struct smekvm_flavour_info *f)
{
	static struct smekvm_model model;
	struct pair pairs[MAX_PAIRS];
	struct run r = { .f = f, .m = &model };
	const char *why = smekvm_cfg_host_lacks(&f->cfg);
	unsigned int np, i, from, to;
	struct kvm_vm *vm;

	if (why) {
		if (smekvm_case_selected(f->name))
			ksft_test_result_code(KSFT_SKIP, f->name, "%s", why);
		return;
	}
	if (!flavour_cases(f))
		return;

	r.any_order = !smekvm_profile_has(SMEKVM_RULE_ERROR_ORDER);
	r.chk.any_error_order = r.any_order;

	np = make_pairs(f, pairs);
	vm = vm_create(np);
	for (i = 0; i < np; i++)
		setup_pair(vm, f, &pairs[i], i);

	for (i = 0; i < np; i++) {
		r.p = &pairs[i];
		for (from = 0; from < 4; from++)
			for (to = 0; to < 4; to++)
				run_transition(&r, from, to);
		if (i + 1 < np)
			continue;
		/* The permutations on the largest vector lengths only. */
		run_permutations(&r, 0, 3);
		run_permutations(&r, 3, 0);
	}
	kvm_vm_free(vm);
}

/* The VLs a vcpu with SVE (if the host has it) and SME is offered. */
static void read_host_vls(void)
{
	struct smekvm_vcpu_cfg cfg = { .sve = host.sve, .sme = true };
	struct smekvm_vmm_vls vls;
	struct kvm_vm *vm = vm_create(1);
	struct kvm_vcpu *vcpu = smekvm_vcpu_add(vm, 0, &cfg, NULL);
	char a[128], b[128], c[128];

	TEST_ASSERT(!smekvm_vmm_discover_vls(vcpu, &vls), "%s",
		    smekvm_vmm_error());
	host.sve_vls = vls.sve;
	host.sme_vls = vls.sme;
	ksft_print_msg("VLs offered: SVE {%s}, SME {%s}, both {%s}\n",
		       smekvm_vls_str(&vls.sve, a, sizeof(a)),
		       smekvm_vls_str(&vls.sme, b, sizeof(b)),
		       smekvm_vls_str(&vls.common, c, sizeof(c)));
	kvm_vm_free(vm);
}

int main(void)
{
	struct timespec t0, t1;
	unsigned int f, plan = 0;

	smekvm_skip_unless_kvm_sme();
	host.sve = kvm_has_cap(KVM_CAP_ARM_SVE);
	host.sme2 = getauxval(AT_HWCAP2) & HWCAP2_SME2;
	host.fa64 = getauxval(AT_HWCAP2) & HWCAP2_SME_FA64;

	ksft_print_header();
	smekvm_profile_print();
	read_host_vls();
	for (f = 0; f < NR_FLAVOURS; f++)
		plan += flavour_cases(smekvm_flavour(flavours[f]));
	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());
	ksft_set_plan(plan);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (f = 0; f < NR_FLAVOURS; f++)
		run_flavour(smekvm_flavour(flavours[f]));
	clock_gettime(CLOCK_MONOTONIC, &t1);

	ksft_print_msg("%llu ordering cases in %llu KTAP cases, %.1f s\n",
		       total_orderings, total_ktap,
		       (t1.tv_sec - t0.tv_sec) +
		       (t1.tv_nsec - t0.tv_nsec) / 1e9);

	if (!ksft_get_pass_cnt() && !ksft_get_fail_cnt()) {
		ksft_print_cnts();
		exit(KSFT_SKIP);
	}
	ksft_finished();
}
