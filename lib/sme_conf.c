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
 * Where cases run: the flavours, and "kvm" (SMEKVM_CASE_KVM cases), a
 * place with no vcpu features.
 */
#define WHERE_KVM	SMEKVM_NR_FLAVOURS

static const struct smekvm_flavour_info kvm_where = {
	.id = WHERE_KVM, .name = "kvm", .what = "KVM itself, no vcpu",
};

static const struct smekvm_flavour_info *where(unsigned int w)
{
	return w == WHERE_KVM ? &kvm_where : smekvm_flavour(w);
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

/* Set cur_name for instance @p of @c on @w; whether it is selected. */
static bool select_case(const struct smekvm_conf_case *c, unsigned int w,
			unsigned int p)
{
	char base[96];

	if (c->flags & SMEKVM_CASE_KVM ? w != WHERE_KVM :
	    !smekvm_flavour_in(w, c->flavours))
		return false;
	if (!c->nr_params)
		snprintf(base, sizeof(base), "%s", c->name);
	else if (c->param_names)
		snprintf(base, sizeof(base), c->name, c->param_names[p]);
	else if (strstr(c->name, "%lu"))
		snprintf(base, sizeof(base), c->name, c->params[p]);
	else
		snprintf(base, sizeof(base), "%s_%lu", c->name, c->params[p]);
	snprintf(cur_name, sizeof(cur_name), "%s/%s", where(w)->name, base);
	return smekvm_case_selected(cur_name);
}

static unsigned int nr_instances(const struct smekvm_conf_case *c)
{
	return c->nr_params ? c->nr_params : 1;
}

/* Run and report instance @p of @c on @w; its KSFT_* result. */
static int run_one(const struct smekvm_conf_case *c, unsigned int w,
		   unsigned int p, struct flavour_vm *fvm)
{
	struct smekvm_conf_ctx t = { .f = w, .name = cur_name };
	__u32 id = 0;
	int ret;

	t.cfg = where(w)->cfg;
	t.param = c->nr_params ? c->params[p] : 0;
	t.m.sve = t.cfg.sve;
	t.m.sme = t.cfg.sme;
	t.m.sme2 = t.cfg.sme && smekvm_host.sme2 && !t.cfg.hide_sme2;
	t.m.fa64 = t.cfg.sme && smekvm_host.fa64 && !t.cfg.hide_fa64;
	smekvm_conf_cur = cur_name;

	if (c->flags & SMEKVM_CASE_NO_VM) {
		t.vm = NULL;
	} else if (own_vm(c)) {
		t.vm = vm_create(1);
	} else {
		if (!fvm->vm)
			fvm->vm = vm_create(fvm->nr_vcpus);
		TEST_ASSERT(fvm->next_id < fvm->nr_vcpus, "too many vcpus");
		t.vm = fvm->vm;
		id = fvm->next_id++;
	}
	t.vcpu_id = id;
	if (!(c->flags & (SMEKVM_CASE_RAW | SMEKVM_CASE_KVM |
			  SMEKVM_CASE_NO_VM)))
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
	const char *why = smekvm_cfg_host_lacks(&where(w)->cfg);
	struct flavour_vm fvm = {};
	unsigned int i, p, n = 0;
	double start = now();
	char failed[128] = "";

	for (i = 0; i < nr; i++)
		for (p = 0; p < nr_instances(&cases[i]); p++)
			fvm.nr_vcpus += select_case(&cases[i], w, p) &&
					!own_vm(&cases[i]);

	for (i = 0; i < nr; i++) {
		for (p = 0; p < nr_instances(&cases[i]); p++) {
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
	if (n)
		ksft_print_msg("%s (%s): %u cases in %.1f s\n",
			       where(w)->name, where(w)->what, n, now() - start);
}

void smekvm_conf_main(const struct smekvm_conf_case *cases, size_t nr,
		      const char *what)
{
	unsigned int i, p, plan = 0;
	int f;

	for (f = 0; f <= WHERE_KVM; f++)
		for (i = 0; i < nr; i++)
			for (p = 0; p < nr_instances(&cases[i]); p++)
				plan += select_case(&cases[i], f, p);
	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());

	smekvm_skip_unless_kvm_sme();
	ksft_print_header();
	ksft_print_msg("%s\n", what);
	probe_host();
	ksft_set_plan(plan);

	run_flavour(cases, nr, WHERE_KVM);
	for (f = 0; f < SMEKVM_NR_FLAVOURS; f++)
		run_flavour(cases, nr, f);

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
