// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_conf.c - the frame of the host-side conformance programs.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <sys/auxv.h>
#include <sys/prctl.h>
#include <linux/bits.h>
#include <asm/hwcap.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "case_filter.h"
#include "sme_conf.h"
#include "sme_names.h"
#include "sme_probe.h"
#include "sme_profile.h"
#include "sme_uapi.h"

#ifndef PR_SVE_SET_VL
#define PR_SVE_SET_VL		50
#define PR_SVE_GET_VL		51
#endif
#ifndef PR_SME_SET_VL
#define PR_SME_SET_VL		63
#define PR_SME_GET_VL		64
#endif
#ifndef PR_SVE_VL_LEN_MASK
#define PR_SVE_VL_LEN_MASK	0xffff
#endif
#ifndef PR_SVE_VL_INHERIT
#define PR_SVE_VL_INHERIT	BIT(17)
#endif

struct smekvm_host smekvm_host;
const char *smekvm_conf_cur = "setup";

bool smekvm_expect_err(const char *what, int got, int want)
{
	if (got == want)
		return true;
	smekvm_report("%s: %s, expected %s", what, smekvm_errno_name(got),
		      smekvm_errno_name(want));
	return false;
}

bool smekvm_expect_u64(const char *what, __u64 got, __u64 want)
{
	if (got == want)
		return true;
	smekvm_report("%s: 0x%llx, expected 0x%llx", what, got, want);
	return false;
}

bool smekvm_expect_vls(const char *what, const struct smekvm_vls *got,
		       const struct smekvm_vls *want)
{
	char g[128], w[128];

	if (!memcmp(got, want, sizeof(*got)))
		return true;
	smekvm_report("%s: {%s}, expected {%s}", what,
		      smekvm_vls_str(got, g, sizeof(g)),
		      smekvm_vls_str(want, w, sizeof(w)));
	return false;
}

bool smekvm_read_reg(struct kvm_vcpu *vcpu, const char *what, __u64 id,
		     void *buf)
{
	int err = __smekvm_get_reg(vcpu, id, buf);

	if (err)
		smekvm_report("get %s: %s", what, smekvm_errno_name(err));
	return !err;
}

bool smekvm_expect_reg(struct kvm_vcpu *vcpu, const char *what, __u64 id,
		       __u64 want)
{
	__u64 val = 0;

	TEST_ASSERT(KVM_REG_SIZE(id) <= sizeof(val), "0x%llx too big", id);
	return smekvm_read_reg(vcpu, what, id, &val) &&
	       smekvm_expect_u64(what, val, want);
}

bool smekvm_expect_zero(struct kvm_vcpu *vcpu, const char *what, __u64 id)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];

	TEST_ASSERT(KVM_REG_SIZE(id) <= sizeof(buf), "0x%llx too big", id);
	memset(buf, 0x5a, sizeof(buf));
	if (!smekvm_read_reg(vcpu, what, id, buf))
		return false;
	if (smekvm_is_zero(buf, KVM_REG_SIZE(id)))
		return true;
	smekvm_report("%s is not zero", what);
	return false;
}

int smekvm_conf_skip(struct smekvm_conf_ctx *t, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(t->skip_buf, sizeof(t->skip_buf), fmt, ap);
	va_end(ap);
	t->skip = t->skip_buf;
	return KSFT_SKIP;
}

/* The VLs of VQ 1..16 that prctl(@set) grants exactly. */
static void probe_task_vls(int set, int get, struct smekvm_vls *v)
{
	int orig = prctl(get, 0, 0, 0, 0), ret;
	unsigned int vq;

	memset(v, 0, sizeof(*v));
	if (orig < 0)
		return;
	for (vq = 1; vq <= KVM_ARM64_SME_VQ_MAX; vq++) {
		ret = prctl(set, vq * 16, 0, 0, 0);
		if (ret >= 0 && (ret & PR_SVE_VL_LEN_MASK) == (int)vq * 16)
			smekvm_vls_add(v, vq);
	}
	prctl(set, orig & (PR_SVE_VL_LEN_MASK | PR_SVE_VL_INHERIT), 0, 0, 0);
}

static void probe_host(void)
{
	char sve[128], sme[128];

	smekvm_host.sve = kvm_has_cap(KVM_CAP_ARM_SVE);
	smekvm_host.sme2 = getauxval(AT_HWCAP2) & HWCAP2_SME2;
	smekvm_host.fa64 = getauxval(AT_HWCAP2) & HWCAP2_SME_FA64;
	smekvm_host.el1_32bit = kvm_has_cap(KVM_CAP_ARM_EL1_32BIT);
	smekvm_host.el2 = kvm_has_cap(KVM_CAP_ARM_EL2);
	if (getauxval(AT_HWCAP) & HWCAP_SVE)
		probe_task_vls(PR_SVE_SET_VL, PR_SVE_GET_VL,
			       &smekvm_host.sve_vls);
	probe_task_vls(PR_SME_SET_VL, PR_SME_GET_VL, &smekvm_host.sme_vls);

	ksft_print_msg("host: SVE %s, SME2 %s, FA64 %s, AArch32 EL1 %s, EL2 %s\n",
		       smekvm_host.sve ? "yes" : "no",
		       smekvm_host.sme2 ? "yes" : "no",
		       smekvm_host.fa64 ? "yes" : "no",
		       smekvm_host.el1_32bit ? "yes" : "no",
		       smekvm_host.el2 ? "yes" : "no");
	ksft_print_msg("host task VLs (bits): SVE {%s}, SME {%s}\n",
		       smekvm_vls_str(&smekvm_host.sve_vls, sve, sizeof(sve)),
		       smekvm_vls_str(&smekvm_host.sme_vls, sme, sizeof(sme)));
	smekvm_profile_print();
}

void smekvm_conf_refresh_vq(struct smekvm_conf_ctx *t)
{
	if (t->m.sve) {
		smekvm_get_vls(t->vcpu, KVM_REG_ARM64_SVE_VLS, &t->sve_vls);
		t->m.sve_vq = smekvm_vls_max(&t->sve_vls);
		TEST_ASSERT(t->m.sve_vq, "SVE_VLS is empty");
	}
	if (t->m.sme) {
		smekvm_get_vls(t->vcpu, KVM_REG_ARM64_SME_VLS, &t->sme_vls);
		t->m.sme_vq = smekvm_vls_max(&t->sme_vls);
		TEST_ASSERT(t->m.sme_vq, "SME_VLS is empty");
	}
}

struct kvm_vcpu *smekvm_conf_vcpu(struct smekvm_conf_ctx *t, __u32 id)
{
	t->vcpu = smekvm_vcpu_add(t->vm, id, &t->cfg, NULL);
	smekvm_conf_refresh_vq(t);
	return t->vcpu;
}

/*
 * Where cases run: the flavours; "kvm" (SMEKVM_CASE_KVM cases, first), a
 * place with no vcpu features; and nowhere (SMEKVM_CASE_NO_FLAVOUR
 * cases, last), named without a flavour.
 */
#define WHERE_KVM	SMEKVM_NR_FLAVOURS
#define WHERE_NONE	(SMEKVM_NR_FLAVOURS + 1)

static const struct smekvm_flavour_info kvm_where = {
	.id = WHERE_KVM, .name = "kvm", .what = "KVM itself, no vcpu",
};

static const struct smekvm_flavour_info none_where = {
	.id = WHERE_NONE, .name = "", .what = "no flavour",
};

static const struct smekvm_flavour_info *where(unsigned int w)
{
	if (w == WHERE_KVM)
		return &kvm_where;
	if (w == WHERE_NONE)
		return &none_where;
	return smekvm_flavour(w);
}

/* The cases of one flavour share a VM, one vcpu each. */
struct flavour_vm {
	struct kvm_vm *vm;
	unsigned int nr_vcpus;
	unsigned int next_id;
};

static char cur_name[128];

static bool own_vm(const struct smekvm_conf_case *c)
{
	return c->flags & (SMEKVM_CASE_OWN_VM | SMEKVM_CASE_KVM |
			   SMEKVM_CASE_NO_VM);
}

/* Whether @c runs at @w. */
static bool case_on(const struct smekvm_conf_case *c, unsigned int w)
{
	if (c->flags & SMEKVM_CASE_KVM)
		return w == WHERE_KVM;
	if (c->flags & SMEKVM_CASE_NO_FLAVOUR)
		return w == WHERE_NONE;
	return w < SMEKVM_NR_FLAVOURS && smekvm_flavour_in(w, c->flavours);
}

/* Why the host cannot offer flavour @w; NULL when it can, or no flavour. */
static const char *flavour_lacks(unsigned int w)
{
	if (w >= SMEKVM_NR_FLAVOURS)
		return NULL;
	return smekvm_cfg_host_lacks(&smekvm_flavour(w)->cfg);
}

/* Whether @c at @w is the one case that stands for the flavour. */
static bool flavour_skip(const struct smekvm_conf_case *c, unsigned int w)
{
	return (c->flags & SMEKVM_CASE_FLAVOUR_SKIP) && flavour_lacks(w);
}

/* The values @gen gave, for the case and flavour it was last asked. */
static struct {
	const struct smekvm_conf_case *c;
	unsigned int w;
	unsigned int n;
	unsigned long vals[SMEKVM_CONF_MAX_VALS];
} gen_cache;

static unsigned int nr_instances(const struct smekvm_conf_case *c,
				 unsigned int w)
{
	if (!case_on(c, w))
		return 0;
	if (flavour_skip(c, w))
		return 1;
	if (!c->gen)
		return c->nr_params ? c->nr_params : 1;
	if (flavour_lacks(w))
		return 0;
	if (gen_cache.c != c || gen_cache.w != w) {
		gen_cache.n = c->gen(w, gen_cache.vals);
		TEST_ASSERT(gen_cache.n <= SMEKVM_CONF_MAX_VALS,
			    "%s: %u values", c->name, gen_cache.n);
		gen_cache.c = c;
		gen_cache.w = w;
	}
	return gen_cache.n;
}

/* The value of instance @p of @c at @w. */
static unsigned long case_val(const struct smekvm_conf_case *c,
			      unsigned int w, unsigned int p)
{
	if (c->gen && nr_instances(c, w))
		return gen_cache.vals[p];
	return c->nr_params ? c->params[p] : 0;
}

/* The name @c->val_name gives the value of instance @p, in @buf. */
static const char *gen_name(const struct smekvm_conf_case *c, unsigned int w,
			    unsigned int p, char *buf, size_t size)
{
	c->val_name(case_val(c, w, p), buf, size);
	return buf;
}

/* Set cur_name for instance @p of @c at @w; whether it is selected. */
static bool select_case(const struct smekvm_conf_case *c, unsigned int w,
			unsigned int p)
{
	char base[96], val[64];

	if (!case_on(c, w))
		return false;
	if (flavour_skip(c, w))
		base[0] = '\0';
	else if (c->gen)
		snprintf(base, sizeof(base), c->name,
			 gen_name(c, w, p, val, sizeof(val)));
	else if (!c->nr_params)
		snprintf(base, sizeof(base), "%s", c->name);
	else if (c->param_names)
		snprintf(base, sizeof(base), c->name, c->param_names[p]);
	else if (strstr(c->name, "%lu"))
		snprintf(base, sizeof(base), c->name, c->params[p]);
	else
		snprintf(base, sizeof(base), "%s_%lu", c->name, c->params[p]);
	if (w == WHERE_NONE)
		snprintf(cur_name, sizeof(cur_name), "%s", base);
	else if (!base[0])
		snprintf(cur_name, sizeof(cur_name), "%s", where(w)->name);
	else
		snprintf(cur_name, sizeof(cur_name), "%s/%s", where(w)->name,
			 base);
	return smekvm_case_selected(cur_name);
}

/* The vcpu ids an instance of @c takes in its flavour's VM. */
static unsigned int shared_vcpus(const struct smekvm_conf_case *c)
{
	if (own_vm(c) || (c->flags & SMEKVM_CASE_NO_FLAVOUR))
		return 0;
	return 1 + c->extra_vcpus;
}

/* Run and report instance @p of @c at @w; its KSFT_* result. */
static int run_one(const struct smekvm_conf_case *c, unsigned int w,
		   unsigned int p, struct flavour_vm *fvm)
{
	struct smekvm_conf_ctx t = { .name = cur_name };
	__u32 id = 0;
	int ret;

	t.f = w < SMEKVM_NR_FLAVOURS ? w : SMEKVM_NR_FLAVOURS;
	t.cfg = where(w)->cfg;
	t.param = case_val(c, w, p);
	t.m.sve = t.cfg.sve;
	t.m.sme = t.cfg.sme;
	t.m.sme2 = t.cfg.sme && smekvm_host.sme2 && !t.cfg.hide_sme2;
	t.m.fa64 = t.cfg.sme && smekvm_host.fa64 && !t.cfg.hide_fa64;
	smekvm_conf_cur = cur_name;

	if (c->flags & (SMEKVM_CASE_NO_FLAVOUR | SMEKVM_CASE_NO_VM)) {
		/* The case makes what it needs. */
	} else if (own_vm(c)) {
		t.vm = vm_create(1 + c->extra_vcpus);
	} else {
		if (!fvm->vm)
			fvm->vm = vm_create(fvm->nr_vcpus);
		id = fvm->next_id;
		fvm->next_id += shared_vcpus(c);
		TEST_ASSERT(fvm->next_id <= fvm->nr_vcpus, "too many vcpus");
		t.vm = fvm->vm;
	}
	t.vcpu_id = id;
	if (!(c->flags & (SMEKVM_CASE_RAW | SMEKVM_CASE_KVM |
			  SMEKVM_CASE_NO_FLAVOUR | SMEKVM_CASE_NO_VM)))
		smekvm_conf_vcpu(&t, id);

	ret = c->run(&t);
	if (own_vm(c) && t.vm)
		kvm_vm_free(t.vm);

	if (ret == KSFT_SKIP)
		ksft_test_result_code(KSFT_SKIP, cur_name, "%s",
				      t.skip ? t.skip : "no reason given");
	else
		ksft_test_result(ret == KSFT_PASS, "%s\n", cur_name);
	return ret;
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static void run_flavour(const struct smekvm_conf_case *cases, size_t nr,
			unsigned int w)
{
	const char *why = flavour_lacks(w);
	struct flavour_vm fvm = {};
	unsigned int i, p, n = 0;
	double start = now();
	char failed[128] = "";

	for (i = 0; i < nr; i++)
		for (p = 0; p < nr_instances(&cases[i], w); p++)
			if (select_case(&cases[i], w, p))
				fvm.nr_vcpus += shared_vcpus(&cases[i]);

	for (i = 0; i < nr; i++) {
		for (p = 0; p < nr_instances(&cases[i], w); p++) {
			if (!select_case(&cases[i], w, p))
				continue;
			if (why) {
				ksft_test_result_code(KSFT_SKIP, cur_name,
						      "%s", why);
				continue;
			}
			if (failed[0]) {
				smekvm_conf_cur = cur_name;
				smekvm_report("not run: %s failed", failed);
				ksft_test_result_fail("%s\n", cur_name);
				continue;
			}
			if (run_one(&cases[i], w, p, &fvm) != KSFT_PASS &&
			    (cases[i].flags & SMEKVM_CASE_PREREQ))
				snprintf(failed, sizeof(failed), "%s",
					 cur_name);
			n++;
		}
	}
	if (fvm.vm)
		kvm_vm_free(fvm.vm);
	if (n && w != WHERE_NONE)
		ksft_print_msg("%s (%s): %u cases in %.1f s\n",
			       where(w)->name, where(w)->what, n, now() - start);
}

/* Where cases run, in order: "kvm", the flavours, nowhere. */
static unsigned int where_at(unsigned int i)
{
	if (i == 0)
		return WHERE_KVM;
	return i <= SMEKVM_NR_FLAVOURS ? i - 1 : WHERE_NONE;
}

/*
 * The host is probed before the cases are counted: @gen may depend on
 * it.
 */
void smekvm_conf_main(const struct smekvm_conf_case *cases, size_t nr,
		      const char *what)
{
	unsigned int i, p, plan = 0, k;

	smekvm_skip_unless_kvm_sme();
	ksft_print_header();
	ksft_print_msg("%s\n", what);
	probe_host();

	for (k = 0; k <= WHERE_NONE; k++)
		for (i = 0; i < nr; i++)
			for (p = 0; p < nr_instances(&cases[i], where_at(k));
			     p++)
				plan += select_case(&cases[i], where_at(k), p);
	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());
	ksft_set_plan(plan);

	for (k = 0; k <= WHERE_NONE; k++)
		run_flavour(cases, nr, where_at(k));

	/* Every case skipped: say so rather than pass. */
	if (!ksft_get_pass_cnt() && !ksft_get_fail_cnt()) {
		ksft_print_cnts();
		exit(KSFT_SKIP);
	}
	ksft_finished();
}

/* Snapshots */

struct snap_entry {
	__u64 id;
	int err;
	__u8 val[SMEKVM_REG_MAX_BYTES];
};

struct smekvm_snap {
	unsigned int n;
	struct snap_entry e[];
};

/* Sysregs and FP control registers of every snapshot. */
static const __u64 snap_fixed[] = {
	SMEKVM_SVCR, SMEKVM_SMCR_EL1, SMEKVM_SMPRI_EL1, SMEKVM_TPIDR2_EL0,
	SMEKVM_FPSR, SMEKVM_FPCR, KVM_REG_ARM64_SVE_VLS, KVM_REG_ARM64_SME_VLS,
	KVM_REG_ARM64_SVE_FFR(0), KVM_REG_ARM64_SME_ZT0,
};

/* ZA rows of a sample: the first, and the last at every power-of-2 SVL. */
static const unsigned int snap_rows[] = { 0, 15, 31, 63, 127, 255 };

static void snap_add(struct smekvm_snap *s, struct kvm_vcpu *vcpu, __u64 id)
{
	struct snap_entry *e = &s->e[s->n++];

	e->id = id;
	memset(e->val, 0, sizeof(e->val));
	e->err = __smekvm_get_reg(vcpu, id, e->val);
}

struct smekvm_snap *smekvm_snap_take(struct kvm_vcpu *vcpu, bool full)
{
	unsigned int i, max = ARRAY_SIZE(snap_fixed) + 32 + 32 + 16 + 256;
	struct smekvm_snap *s;

	s = calloc(1, sizeof(*s) + max * sizeof(s->e[0]));
	TEST_ASSERT(s, "out of memory");
	for (i = 0; i < ARRAY_SIZE(snap_fixed); i++)
		snap_add(s, vcpu, snap_fixed[i]);
	for (i = 0; i < 32; i++)
		if (full || i == 0 || i == 31) {
			snap_add(s, vcpu, SMEKVM_VREG(i));
			snap_add(s, vcpu, KVM_REG_ARM64_SVE_ZREG(i, 0));
		}
	for (i = 0; i < 16; i++)
		if (full || i == 0 || i == 15)
			snap_add(s, vcpu, KVM_REG_ARM64_SVE_PREG(i, 0));
	if (full) {
		for (i = 0; i < 256; i++)
			snap_add(s, vcpu, KVM_REG_ARM64_SME_ZAHREG(i, 0));
	} else {
		for (i = 0; i < ARRAY_SIZE(snap_rows); i++)
			snap_add(s, vcpu,
				 KVM_REG_ARM64_SME_ZAHREG(snap_rows[i], 0));
	}
	return s;
}

bool smekvm_snap_same(const struct smekvm_snap *a,
		      const struct smekvm_snap *b, const char *after_what)
{
	unsigned int i, bad = 0;
	char name[48];
	size_t off;

	TEST_ASSERT(a->n == b->n, "snapshots of different kinds");
	for (i = 0; i < a->n; i++) {
		const struct snap_entry *x = &a->e[i], *y = &b->e[i];

		if (x->err == y->err &&
		    !memcmp(x->val, y->val, KVM_REG_SIZE(x->id)))
			continue;
		if (++bad > 3)
			continue;
		smekvm_reg_name(x->id, name, sizeof(name));
		if (x->err != y->err) {
			smekvm_report("%s changed after %s: its read gave %s before, %s after",
				      name, after_what, smekvm_errno_name(x->err),
				      smekvm_errno_name(y->err));
			continue;
		}
		for (off = 0; x->val[off] == y->val[off]; off++)
			;
		smekvm_report("%s changed after %s: byte %zu was 0x%02x, is 0x%02x",
			      name, after_what, off, x->val[off], y->val[off]);
	}
	if (bad > 3)
		smekvm_report("... %u registers changed in all", bad);
	return !bad;
}

void smekvm_snap_free(struct smekvm_snap *s)
{
	free(s);
}

struct kvm_reg_list *smekvm_reg_list(struct kvm_vcpu *vcpu, int *err)
{
	struct kvm_reg_list probe = { .n = 0 }, *list;

	if (!__vcpu_ioctl(vcpu, KVM_GET_REG_LIST, &probe) || errno != E2BIG) {
		*err = errno;
		return NULL;
	}
	list = calloc(1, sizeof(*list) + probe.n * sizeof(__u64));
	TEST_ASSERT(list, "out of memory");
	list->n = probe.n;
	if (__vcpu_ioctl(vcpu, KVM_GET_REG_LIST, list)) {
		*err = errno;
		free(list);
		return NULL;
	}
	*err = 0;
	return list;
}
