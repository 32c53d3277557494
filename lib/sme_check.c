// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_check.c - compare a vcpu with the reference model (see sme_check.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
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
	char name[SMEKVM_REG_NAME_MAX], what[256], gd[48], wd[48];
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

/* How many registers of class @rc smekvm_check_vcpu() compares. */
static unsigned int nr_compared(const struct smekvm_model *m,
				enum smekvm_reg_class rc)
{
	unsigned int rows = SMEKVM_ZA_ROWS(m->cfg.sme_vq);

	/* ZA: every row that exists, and the first one that does not. */
	if (rc == SMEKVM_RC_ZA)
		return !m->cfg.sme ? 0 : rows < 256 ? rows + 1 : 256;
	if (rc == SMEKVM_RC_FPMR)
		return m->cfg.fpmr;
	return smekvm_model_class_regs(&m->cfg, rc);
}

unsigned int smekvm_check_vcpu(struct smekvm_check *c, struct kvm_vcpu *vcpu,
			       const struct smekvm_model *m,
			       unsigned int classes, const char *when)
{
	static const enum smekvm_reg_class order[] = {
		SMEKVM_RC_SVCR, SMEKVM_RC_FPSR, SMEKVM_RC_FPCR, SMEKVM_RC_FPMR,
		SMEKVM_RC_V, SMEKVM_RC_Z, SMEKVM_RC_P, SMEKVM_RC_FFR,
		SMEKVM_RC_ZA, SMEKVM_RC_ZT0, SMEKVM_RC_SVE_VLS,
		SMEKVM_RC_SME_VLS,
	};
	unsigned int before = c->mismatches, k, i, n;

	for (k = 0; k < ARRAY_SIZE(order); k++) {
		if (!(classes & SMEKVM_CHECK_CLASS(order[k])))
			continue;
		n = nr_compared(m, order[k]);
		for (i = 0; i < n; i++)
			smekvm_check_reg(c, vcpu, m,
					 smekvm_model_reg_id(order[k], i), when);
	}
	return c->mismatches - before;
}

unsigned int smekvm_check_write(struct smekvm_check *c, struct kvm_vcpu *vcpu,
				struct smekvm_model *m, __u64 id,
				const void *buf, const char *when)
{
	char name[SMEKVM_REG_NAME_MAX], what[96];
	int got = __smekvm_set_reg(vcpu, id, buf);
	bool allowed = err_allowed(c, m, id, got);
	int want = smekvm_model_set(m, id, buf);

	c->accesses++;
	if (c->any_error_order ? allowed : got == want)
		return 0;
	snprintf(what, sizeof(what), "write: %s, expected %s",
		 smekvm_errno_name(got), smekvm_errno_name(want));
	report(c, when, smekvm_reg_name(id, name, sizeof(name)), what);
	return 1;
}

unsigned int smekvm_check_saved(struct smekvm_check *c, struct kvm_vcpu *vcpu,
				const struct smekvm_vmm_state *st,
				const char *when)
{
	char name[SMEKVM_REG_NAME_MAX], name2[SMEKVM_REG_NAME_MAX], what[192];
	__u8 got[SMEKVM_REG_MAX_BYTES];
	unsigned int before = c->mismatches;
	struct kvm_reg_list *list;
	const __u8 *want;
	size_t size;
	long off;
	__u64 i;
	int err;

	for (i = 0; i < st->nr_regs; i++) {
		size = KVM_REG_SIZE(st->ids[i]);
		/* The counters move on: restoring them sets an offset. */
		if (size > sizeof(got) || st->ids[i] == KVM_REG_ARM_TIMER_CNT ||
		    st->ids[i] == KVM_REG_ARM_PTIMER_CNT)
			continue;
		want = st->data + st->offsets[i];
		c->accesses++;
		err = __smekvm_get_reg(vcpu, st->ids[i], got);
		off = err ? 0 : smekvm_first_diff(got, want, size);
		if (off < 0)
			continue;
		if (err)
			snprintf(what, sizeof(what), "reading it back: %s",
				 smekvm_errno_name(err));
		else
			snprintf(what, sizeof(what),
				 "differs from the saved value%s (byte %ld: 0x%02x, saved 0x%02x)",
				 smekvm_is_zero(got, size) ? ": reads as zero" : "",
				 off, got[off], want[off]);
		report(c, when, smekvm_reg_name(st->ids[i], name, sizeof(name)),
		       what);
	}

	list = vcpu_get_reg_list(vcpu);
	if (list->n != st->nr_regs) {
		snprintf(what, sizeof(what), "has %llu entries, the saved one %llu",
			 list->n, st->nr_regs);
		report(c, when, "KVM_GET_REG_LIST", what);
	}
	for (i = 0; i < list->n && i < st->nr_regs; i++) {
		if (list->reg[i] == st->ids[i])
			continue;
		snprintf(what, sizeof(what), "entry %llu is %s, saved %s", i,
			 smekvm_reg_name(list->reg[i], name, sizeof(name)),
			 smekvm_reg_name(st->ids[i], name2, sizeof(name2)));
		report(c, when, "KVM_GET_REG_LIST", what);
		break;
	}
	free(list);
	return c->mismatches - before;
}

bool smekvm_reg_matches(struct kvm_vcpu *vcpu, __u64 id, const void *want,
			size_t valid, char *msg, size_t size)
{
	__u8 got[SMEKVM_REG_MAX_BYTES];
	char name[SMEKVM_REG_NAME_MAX];
	const __u8 *w = want;
	long off;
	int err;

	TEST_ASSERT(KVM_REG_SIZE(id) <= sizeof(got), "register 0x%llx too big",
		    id);
	memset(got, 0xa5, sizeof(got));
	err = __smekvm_get_reg(vcpu, id, got);
	off = err ? 0 : smekvm_first_diff(got, want, KVM_REG_SIZE(id));
	if (off < 0)
		return true;
	smekvm_reg_name(id, name, sizeof(name));
	if (err)
		snprintf(msg, size, "reading %s: %s", name,
			 smekvm_errno_name(err));
	else
		snprintf(msg, size, "%s byte %ld is 0x%02x, expected 0x%02x%s",
			 name, off, got[off], w[off],
			 (size_t)off >= valid ? " (padding)" : "");
	return false;
}
