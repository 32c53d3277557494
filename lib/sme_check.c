// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_check.c - compare a vcpu with the reference model (see sme_check.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "kselftest.h"
#include "sme_check.h"
#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_vcpu.h"

#define MAX_STEPS	64

/* The step (below MAX_STEPS) whose pattern of @id @buf holds, or -1. */
static int pattern_step(const void *buf, size_t len, __u64 id)
{
	__u8 want[SMEKVM_REG_MAX_BYTES];
	unsigned int step;

	if (!len || len > sizeof(want))
		return -1;
	for (step = 0; step < MAX_STEPS; step++) {
		smekvm_pattern_fill(want, len, smekvm_id_tag(id, step));
		if (!memcmp(buf, want, len))
			return step;
	}
	return -1;
}

static void report(struct smekvm_check *c, const char *when,
		   const char *name, const char *what)
{
	c->mismatches++;
	if (c->max_reports && c->mismatches > c->max_reports) {
		if (c->mismatches == c->max_reports + 1)
			ksft_print_msg("%s: further differences not shown\n",
				       c->prefix);
		return;
	}
	ksft_print_msg("%s: %s%s%s %s\n", c->prefix, when ? when : "",
		       when ? ": " : "", name, what);
}

/* Describe what @len bytes of @id hold: "zero", "the value of step 2". */
static void describe(char *buf, size_t size, const __u8 *p, size_t len,
		     __u64 id)
{
	int step;

	if (smekvm_is_zero(p, len)) {
		snprintf(buf, size, "zero");
		return;
	}
	step = pattern_step(p, len, id);
	if (step >= 0)
		snprintf(buf, size, "the value of step %d", step);
	else if (len <= 8)
		snprintf(buf, size, "0x%llx", (unsigned long long)
			 (len == 4 ? *(const __u32 *)p : *(const __u64 *)p));
	else
		snprintf(buf, size, "other data");
}

static bool err_allowed(struct smekvm_check *c, const struct smekvm_model *m,
			__u64 id, int got)
{
	int errs[SMEKVM_MODEL_MAX_ERRS];
	unsigned int n, i;

	n = smekvm_model_access_errs(m, id, false, errs);
	if (!n)
		return got == 0;
	if (!c->any_error_order)
		return got == errs[0];
	for (i = 0; i < n; i++)
		if (got == errs[i])
			return true;
	return false;
}

unsigned int smekvm_check_reg(struct smekvm_check *c, struct kvm_vcpu *vcpu,
			      const struct smekvm_model *m, __u64 id,
			      const char *when)
{
	__u8 got[SMEKVM_REG_MAX_BYTES], want[SMEKVM_REG_MAX_BYTES];
	char name[64], what[256], gd[48], wd[48];
	size_t size = KVM_REG_SIZE(id), valid, i;
	unsigned int before = c->mismatches;
	int err, want_err;

	TEST_ASSERT(size <= sizeof(got), "register 0x%llx too big", id);
	smekvm_reg_name(id, name, sizeof(name));
	memset(got, 0xa5, size);
	c->accesses++;
	err = __smekvm_get_reg(vcpu, id, got);
	want_err = smekvm_model_get(m, id, want);
	if (!err_allowed(c, m, id, err)) {
		snprintf(what, sizeof(what), "read: %s, expected %s",
			 smekvm_errno_name(err), smekvm_errno_name(want_err));
		report(c, when, name, what);
		return c->mismatches - before;
	}
	if (err || want_err)
		return c->mismatches - before;

	if (!memcmp(got, want, size))
		return 0;

	valid = smekvm_model_reg_bytes(m, id);
	for (i = 0; i < size && got[i] == want[i]; i++)
		;
	if (i >= valid) {
		snprintf(what, sizeof(what),
			 "byte %zu (beyond the %zu bytes of the current VL) is 0x%02x, expected zero padding",
			 i, valid, got[i]);
	} else {
		describe(gd, sizeof(gd), got, valid, id);
		describe(wd, sizeof(wd), want, valid, id);
		snprintf(what, sizeof(what),
			 "holds %s, expected %s (first difference: byte %zu is 0x%02x, expected 0x%02x)",
			 gd, wd, i, got[i], want[i]);
	}
	report(c, when, name, what);
	return c->mismatches - before;
}

unsigned int smekvm_check_vcpu(struct smekvm_check *c, struct kvm_vcpu *vcpu,
			       const struct smekvm_model *m,
			       unsigned int classes, const char *when)
{
	unsigned int before = c->mismatches, i, rows;

#define WANT(rc)	(classes & SMEKVM_CHECK_CLASS(SMEKVM_RC_##rc))
	if (WANT(SVCR))
		smekvm_check_reg(c, vcpu, m, SMEKVM_SVCR, when);
	if (WANT(FPSR))
		smekvm_check_reg(c, vcpu, m, SMEKVM_FPSR, when);
	if (WANT(FPCR))
		smekvm_check_reg(c, vcpu, m, SMEKVM_FPCR, when);
	if (WANT(FPMR) && m->cfg.fpmr)
		smekvm_check_reg(c, vcpu, m, SMEKVM_FPMR_ID, when);
	if (WANT(V))
		for (i = 0; i < 32; i++)
			smekvm_check_reg(c, vcpu, m, SMEKVM_VREG(i), when);
	if (WANT(Z))
		for (i = 0; i < 32; i++)
			smekvm_check_reg(c, vcpu, m,
					 KVM_REG_ARM64_SVE_ZREG(i, 0), when);
	if (WANT(P))
		for (i = 0; i < 16; i++)
			smekvm_check_reg(c, vcpu, m,
					 KVM_REG_ARM64_SVE_PREG(i, 0), when);
	if (WANT(FFR))
		smekvm_check_reg(c, vcpu, m, KVM_REG_ARM64_SVE_FFR(0), when);
	if (WANT(ZA) && m->cfg.sme) {
		/* Every row that exists, and the first one that does not. */
		rows = SMEKVM_ZA_ROWS(m->cfg.sme_vq);
		for (i = 0; i <= rows && i < 256; i++)
			smekvm_check_reg(c, vcpu, m,
					 KVM_REG_ARM64_SME_ZAHREG(i, 0), when);
	}
	if (WANT(ZT0))
		smekvm_check_reg(c, vcpu, m, KVM_REG_ARM64_SME_ZT0, when);
	if (WANT(SVE_VLS))
		smekvm_check_reg(c, vcpu, m, KVM_REG_ARM64_SVE_VLS, when);
	if (WANT(SME_VLS))
		smekvm_check_reg(c, vcpu, m, KVM_REG_ARM64_SME_VLS, when);
#undef WANT
	return c->mismatches - before;
}
