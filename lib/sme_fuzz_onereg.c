// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_fuzz_onereg.c - sme_fuzz's ONE_REG reads and writes, compared with
 * the model (see sme_fuzz_onereg.h).
 */
#include <errno.h>
#include <string.h>

#include <kvm_util.h>
#include <processor.h>

#include "sme_fuzz_onereg.h"
#include "sme_model.h"
#include "sme_model_sys.h"
#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_uapi.h"
#include "sme_vcpu.h"

static bool idfield_of(__u64 id, enum smekvm_model_idfield *f)
{
	for (*f = 0; *f < SMEKVM_NR_IDFIELDS; (*f)++)
		if (id == smekvm_model_idfield_reg(*f))
			return true;
	return false;
}

/* The model's side of a GET: errno, value (@want), what to compare. */
static int predict_get(const struct smekvm_model_host *h,
		       struct smekvm_fuzz_vm *v, struct smekvm_fuzz_vcpu *c,
		       __u64 id, bool bad, void *want, bool *known,
		       __u64 *mask, struct smekvm_tags *t)
{
	struct smekvm_model_access a = {
		.cfg = &c->m->cfg, .svcr = c->m->svcr,
		.finalized = c->m->finalized, .bad_ptr = bad,
	};
	enum smekvm_model_idfield f;
	unsigned int rows;
	__u64 val;
	int err;

	*known = true;
	*mask = ~0ULL;
	if (!c->v.inited)
		return SMEKVM_MODEL_UNINIT_ERRNO;
	if (smekvm_model_sysreg_is(id)) {
		err = smekvm_model_sysreg_get(h, c->m, &c->v, id, &val, known);
		smekvm_tags_sysreg(t, c->m, &c->v, id, false, 0);
		memcpy(want, &val, sizeof(val));
		if (!err && bad) {
			smekvm_tags_add(t, SMEKVM_TAG_EFAULT);
			err = EFAULT;
		}
		return err;
	}
	if (idfield_of(id, &f)) {
		*mask = smekvm_model_idfield_mask(f);
		val = (__u64)smekvm_model_idfield_get(&v->mvm, f) <<
		      __builtin_ctzll(*mask);
		memcpy(want, &val, sizeof(val));
		if (!c->m->cfg.sme)
			smekvm_tags_add(t, SMEKVM_TAG_IDREG_NOSME_ZERO);
		return bad ? EFAULT : 0;
	}
	rows = smekvm_model_access_rows(&a, id);
	smekvm_tags_access(t, c->m, id, false, rows);
	if (rows)
		return smekvm_model_rows_errno(rows);
	if (KVM_REG_SIZE(id) <= SMEKVM_REG_MAX_BYTES) {
		smekvm_model_get(c->m, id, want);
		if (smekvm_model_reg_class(id, NULL) >= SMEKVM_RC_V &&
		    smekvm_model_reg_class(id, NULL) <= SMEKVM_RC_ZT0 &&
		    smekvm_is_zero(want, KVM_REG_SIZE(id)))
			smekvm_tags_add(t, SMEKVM_TAG_ISO_VCPUS);
	}
	return 0;
}

/* A value that differs: where, and whether it is padding. */
static bool compare(struct smekvm_fuzz_world *w, const struct smekvm_tags *t,
		    struct smekvm_fuzz_vcpu *c, __u64 id, const __u8 *got,
		    const __u8 *want, __u64 mask)
{
	size_t size = KVM_REG_SIZE(id), i, valid;
	__u64 g = 0, x = 0;

	if (mask != ~0ULL) {
		memcpy(&g, got, sizeof(g));
		memcpy(&x, want, sizeof(x));
		return SMEKVM_FUZZ_CHECK(w, t, !((g ^ x) & mask),
					 "%s reads 0x%llx, expected 0x%llx in bits 0x%llx",
					 smekvm_fuzz_reg_name(id), g, x, mask);
	}
	for (i = 0; i < size && got[i] == want[i]; i++)
		;
	if (i == size)
		return SMEKVM_FUZZ_CHECK(w, t, true, "%s", "");
	if (size <= sizeof(g)) {
		memcpy(&g, got, size);
		memcpy(&x, want, size);
		return SMEKVM_FUZZ_CHECK(w, t, false,
					 "%s reads 0x%llx, expected 0x%llx",
					 smekvm_fuzz_reg_name(id), g, x);
	}
	valid = smekvm_model_reg_bytes(c->m, id);
	if (i >= valid)
		return SMEKVM_FUZZ_CHECK(w, t, false,
					 "%s: byte %zu, beyond the %zu bytes of the current VL, is 0x%02x, expected 0x%02x",
					 smekvm_fuzz_reg_name(id), i, valid,
					 got[i], want[i]);
	return SMEKVM_FUZZ_CHECK(w, t, false,
				 "%s: byte %zu is 0x%02x, expected 0x%02x (%s expected)",
				 smekvm_fuzz_reg_name(id), i, got[i], want[i],
				 smekvm_is_zero(want, valid) ?
				 "zero" : "a value written");
}

bool smekvm_fuzz_check_get(struct smekvm_fuzz_world *w,
			   struct smekvm_fuzz_vm *v, struct smekvm_fuzz_vcpu *c,
			   __u64 id, enum smekvm_buf_kind bk,
			   const struct smekvm_tags *extra)
{
	__u8 got[SMEKVM_REG_MAX_BYTES], want[SMEKVM_REG_MAX_BYTES] = {};
	size_t size = KVM_REG_SIZE(id);
	struct smekvm_tags t = *extra;
	__u64 mask;
	bool known;
	int err, exp;

	memset(got, 0xa5, size);
	err = __smekvm_get_reg(c->vcpu, id, smekvm_fault_buf(bk, got, size));
	w->calls++;
	exp = predict_get(w->host, v, c, id, bk != SMEKVM_BUF_GOOD, want,
			  &known, &mask, &t);
	if (!SMEKVM_FUZZ_CHECK(w, &t, err == exp, "get %s: %s, expected %s",
			       smekvm_fuzz_reg_name(id),
			       smekvm_errno_name(err), smekvm_errno_name(exp)))
		return false;
	if (err || !known)
		return true;
	return compare(w, &t, c, id, got, want, mask);
}

/* A read into a good buffer under the rules @t. */
static bool get(struct smekvm_fuzz_world *w, struct smekvm_fuzz_vm *v,
		struct smekvm_fuzz_vcpu *c, __u64 id,
		const struct smekvm_tags *t)
{
	return smekvm_fuzz_check_get(w, v, c, id, SMEKVM_BUF_GOOD, t);
}

bool smekvm_fuzz_audit(struct smekvm_fuzz_world *w, struct smekvm_fuzz_vm *v,
		       struct smekvm_fuzz_vcpu *c, __u64 id, bool full,
		       const struct smekvm_tags *t)
{
	static const __u64 fixed[] = {
		SMEKVM_SVCR, SMEKVM_FPSR, SMEKVM_SMCR_EL1,
		KVM_REG_ARM64_SME_VLS, KVM_REG_ARM64_SVE_VLS,
		KVM_REG_ARM64_SVE_FFR(0), KVM_REG_ARM64_SME_ZT0,
	};
	static const __u64 more[] = {
		SMEKVM_FPCR, SMEKVM_FPMR_ID, SMEKVM_SMPRI_EL1,
		SMEKVM_TPIDR2_EL0, SMEKVM_SMIDR_EL1, SMEKVM_ID_AA64PFR1_EL1,
		SMEKVM_ID_AA64SMFR0_EL1,
	};
	unsigned int i, n = full ? 32 : 1, rows = smekvm_fuzz_za_rows(c);
	bool ok = true;

	if (id)
		ok &= get(w, v, c, id, t);
	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		ok &= get(w, v, c, fixed[i], t);
	for (i = 0; i < n; i++) {
		ok &= get(w, v, c, SMEKVM_VREG(i), t);
		ok &= get(w, v, c, KVM_REG_ARM64_SVE_ZREG(i, 0), t);
		if (i < 16)
			ok &= get(w, v, c, KVM_REG_ARM64_SVE_PREG(i, 0), t);
	}
	/* ZA: the first and the last row, or every row and one more. */
	for (i = 0; i <= rows && i < KVM_ARM64_SME_NUM_ZAHREGS; i++)
		if (full || i == 0 || i == rows - 1)
			ok &= get(w, v, c, KVM_REG_ARM64_SME_ZAHREG(i, 0), t);
	for (i = 0; full && i < ARRAY_SIZE(more); i++)
		ok &= get(w, v, c, more[i], t);
	return ok;
}

/*
 * The model's side of a SET of @id from @buf: its errno, applied to the
 * model when it is 0; *@efault_ok when EFAULT is right too.
 */
static int predict_set(const struct smekvm_model_host *h,
		       struct smekvm_fuzz_vcpu *c, __u64 id, bool bad,
		       const void *buf, bool *efault_ok, struct smekvm_tags *t)
{
	struct smekvm_model_access a = {
		.cfg = &c->m->cfg, .svcr = c->m->svcr,
		.finalized = c->m->finalized, .set = true, .bad_ptr = bad,
	};
	enum smekvm_reg_class rc = smekvm_model_reg_class(id, NULL);
	unsigned int rows;
	__u64 val = 0;

	*efault_ok = false;
	if (!c->v.inited)
		return SMEKVM_MODEL_UNINIT_ERRNO;
	*efault_ok = bad && smekvm_model_set_efault_first(id);
	memcpy(&val, buf, KVM_REG_SIZE(id) < 8 ? KVM_REG_SIZE(id) : 8);
	if (smekvm_model_sysreg_is(id)) {
		smekvm_tags_sysreg(t, c->m, &c->v, id, true, val);
		if (bad) {
			smekvm_tags_add(t, SMEKVM_TAG_EFAULT);
			return c->m->cfg.sme ? EFAULT : ENOENT;
		}
		return smekvm_model_sysreg_set(h, c->m, &c->v, id, val);
	}
	rows = smekvm_model_access_rows(&a, id);
	smekvm_tags_access(t, c->m, id, true, rows);
	if (rows)
		return smekvm_model_rows_errno(rows);
	if (rc == SMEKVM_RC_SVCR)
		smekvm_tags_svcr(t, c->m, c->m->svcr, val);
	else if (rc == SMEKVM_RC_SVE_VLS)
		smekvm_tags_vls(t, smekvm_fuzz_vls_mask(h->sve_vls),
				(__u32)val, false);
	else if (rc == SMEKVM_RC_SME_VLS)
		smekvm_tags_vls(t, smekvm_fuzz_vls_mask(h->sme_vls),
				(__u32)val, true);
	return smekvm_model_set(c->m, id, buf);
}

/* The value of a SET: a pattern for the vector state, else @op->val. */
static void set_value(const struct smekvm_fuzz_op *op, __u8 *buf)
{
	size_t size = KVM_REG_SIZE(op->arg);
	__u64 vls[KVM_ARM64_SVE_VLS_WORDS] = { (__u32)op->val };
	enum smekvm_reg_class rc = smekvm_model_reg_class(op->arg, NULL);

	memset(buf, 0, SMEKVM_REG_MAX_BYTES);
	if (rc == SMEKVM_RC_SVE_VLS || rc == SMEKVM_RC_SME_VLS)
		memcpy(buf, vls, size < sizeof(vls) ? size : sizeof(vls));
	else if (size <= sizeof(op->val))
		memcpy(buf, &op->val, size);
	else
		smekvm_pattern_fill(buf, size,
				    smekvm_id_tag(op->arg, (__u32)op->val));
}

bool smekvm_fuzz_exec_set(struct smekvm_fuzz_world *w,
			  struct smekvm_fuzz_vm *v, struct smekvm_fuzz_vcpu *c,
			  const struct smekvm_fuzz_op *op)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];
	enum smekvm_reg_class rc = smekvm_model_reg_class(op->arg, NULL);
	size_t size = KVM_REG_SIZE(op->arg);
	struct smekvm_tags t = {}, after = {};
	bool efault_ok, bad, ok;
	int err, exp;

	set_value(op, buf);
	err = __smekvm_set_reg(c->vcpu, op->arg,
			       smekvm_fault_buf(op->buf, buf, size));
	w->calls++;
	bad = smekvm_fault_buf_mapped(op->buf, size) <
	      smekvm_model_set_reads(c->m, op->arg);
	exp = predict_set(w->host, c, op->arg, bad, buf, &efault_ok, &t);
	ok = SMEKVM_FUZZ_CHECK(w, &t, err == exp ||
			       (efault_ok && err == EFAULT),
			       "set: %s, expected %s", smekvm_errno_name(err),
			       smekvm_errno_name(exp));
	if (!ok || !c->v.inited)
		return ok;

	if (exp) {
		/* A refused write changes nothing. */
		smekvm_tags_add(&after, SMEKVM_TAG_ONEREG_UNCHANGED);
		if (rc == SMEKVM_RC_SVE_VLS || rc == SMEKVM_RC_SME_VLS)
			smekvm_tags_add(&after,
					SMEKVM_TAG_VLS_REFUSED_UNCHANGED);
		if (rc == SMEKVM_RC_SVCR && exp == EINVAL)
			smekvm_tags_add(&after, SMEKVM_TAG_SVCR_RES0_UNCHANGED);
		return smekvm_fuzz_audit(w, v, c, op->arg, false, &after);
	}
	/*
	 * The value written reads back as the model stores it, under the
	 * rules of the write (predict_set() named them, an SVCR write's
	 * effects included); the effects of an SVCR write show in a sample.
	 */
	if (rc == SMEKVM_RC_SVCR)
		return smekvm_fuzz_audit(w, v, c, op->arg, false, &t);
	if (rc == SMEKVM_RC_SVE_VLS || rc == SMEKVM_RC_SME_VLS) {
		smekvm_tags_add(&t, SMEKVM_TAG_VLS_INDEPENDENT);
		ok = get(w, v, c, KVM_REG_ARM64_SVE_VLS, &t);
		ok &= get(w, v, c, KVM_REG_ARM64_SME_VLS, &t);
		return ok;
	}
	return get(w, v, c, op->arg, &t);
}
