// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_bad_input - every bad ONE_REG input of the KVM SME userspace ABI
 * gets its exact errno and changes no state (doc/abi.md: abi-onereg-*,
 * abi-svcr-res0-*, abi-smpri-user-nonzero-einval, abi-smcr-user-mask,
 * abi-sysreg-absent), host side only.
 *
 * A VMM learns what went wrong from the errno alone, and must be able to
 * retry after a failure, so both are checked for every input:
 *
 *  - access_<fin|unfin>_sm<0|1>_za<0|1>: in each SVCR state, finalised or
 *    not, every vector and matrix register ID a VMM could get wrong (Z, P,
 *    FFR and slices of them, unknown indices and sizes of the SVE and SME
 *    groups, ZA rows up to and beyond the SVL and their slices, ZT0 and
 *    its neighbours, the VLS registers, the V registers) is read and
 *    written, with a good pointer and with one that faults.  The errno of
 *    each access comes from the reference model's error rows
 *    (smekvm_model_access_rows(), lib/sme_model.h), which apply the
 *    abi-onereg-* rows in their order (abi-onereg-order), after checking
 *    the model against itself (smekvm_model_self_check(): a model that
 *    contradicts itself fails the case); a failed write must leave every
 *    FP/SVE/SME register as it was (abi-onereg-unchanged);
 *  - order_*: named pairs of rules that apply at once, one case each, so
 *    that the order of the table is visible in the results;
 *  - efault_partial_*: a buffer whose first half is mapped and second half
 *    not: the write fails with EFAULT and the register keeps its old value
 *    (no half-written register), for every kind of register;
 *  - svcr_res0_einval_*: SVCR with any RES0 bit set is EINVAL, before and
 *    after finalising, and zeroes nothing;
 *  - smpri_el1_nonzero_einval, smcr_el1_masked ([ours]), and SME system
 *    registers ENOENT on vcpus without SME.
 *
 * The whole program skips when KVM cannot offer SME.
 * SMEKVM_CASE=<flavour>/<case> runs one case.
 */
#include <errno.h>
#include <string.h>
#include <unistd.h>
#include <sys/mman.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "sme_access_err.h"
#include "sme_conf.h"
#include "sme_model.h"
#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_profile.h"
#include "sme_uapi.h"
#include "sme_vcpu.h"

#define ZREG(n, i)	KVM_REG_ARM64_SVE_ZREG(n, i)
#define PREG(n, i)	KVM_REG_ARM64_SVE_PREG(n, i)
#define FFR(i)		KVM_REG_ARM64_SVE_FFR(i)
#define ZA_ROW(n, i)	KVM_REG_ARM64_SME_ZAHREG(n, i)
#define ZT0		KVM_REG_ARM64_SME_ZT0
#define GROUP_ID(grp, size, index)					\
	(KVM_REG_ARM64 | (grp) | KVM_REG_SIZE_##size | (index))
#define SVE_ID(size, index)	GROUP_ID(KVM_REG_ARM64_SVE, size, index)
#define SME_ID(size, index)	GROUP_ID(KVM_REG_ARM64_SME, size, index)

/* Two pages: the first mapped, the second not, for faulting pointers. */
static __u8 *fault_page;

static void *bad_ptr(void)
{
	return fault_page + getpagesize();
}

/* A buffer of @len bytes whose second half faults. */
static void *straddle_ptr(size_t len)
{
	return fault_page + getpagesize() - len / 2;
}

static int result(bool ok)
{
	return ok ? KSFT_PASS : KSFT_FAIL;
}

/* The IDs of the sweep, for a vcpu whose SVL has @rows ZA rows. */
static unsigned int sweep_ids(__u64 *ids, unsigned int rows)
{
	const __u64 fixed[] = {
		ZREG(0, 0), ZREG(31, 0), ZREG(0, 1), ZREG(31, 31),
		PREG(0, 0), PREG(15, 0), PREG(0, 1), FFR(0), FFR(1),
		SVE_ID(U1024, 0), SVE_ID(U256, 0x620), SVE_ID(U2048, 0x400),
		KVM_REG_ARM64_SVE_VLS, KVM_REG_ARM64_SME_VLS,
		SMEKVM_VREG(0), SMEKVM_VREG(31),
		ZA_ROW(0, 0), ZA_ROW(0, 1), ZA_ROW(0, 31), ZA_ROW(48, 0),
		ZA_ROW(255, 0), SME_ID(U1024, 0), SME_ID(U512, 0),
		SME_ID(U256, 0), SME_ID(U64, 0), ZT0, SME_ID(U512, 0x601),
		SME_ID(U512, 0x620), SME_ID(U1024, 0x600),
		SME_ID(U2048, 0x2000), SME_ID(U2048, 0xfffe),
		SME_ID(U512, 0xfffd), SME_ID(U64, 0xfffe),
	};
	unsigned int n;

	memcpy(ids, fixed, sizeof(fixed));
	n = ARRAY_SIZE(fixed);
	ids[n++] = ZA_ROW(rows - 1, 0);
	if (rows < 256) {
		ids[n++] = ZA_ROW(rows, 0);
		ids[n++] = ZA_ROW(rows, 1);
	}
	return n;
}

/*
 * An ID of the SVE group that names no register (the [ours] ENOENT of a
 * vcpu with SME), as the model classes it.
 */
static bool sve_group_unknown(__u64 id)
{
	return smekvm_reg_is_sve(id) &&
	       smekvm_model_reg_class(id, NULL) == SMEKVM_RC_NONE;
}

/* Whether @err is right for the model's @rows when accessing @id. */
static bool err_ok(const struct smekvm_conf_ctx *t, __u64 id,
		   unsigned int rows, int err)
{
	if (smekvm_access_err_ok(rows, err))
		return true;
	/* Without the [ours] rule the historical EINVAL is fine too. */
	return t->m.sme && sve_group_unknown(id) && err == EINVAL &&
	       !smekvm_profile_has(SMEKVM_RULE_SVE_GROUP_UNKNOWN_ENOENT);
}

/*
 * One access of @id, as @a says, at @buf: the errno must be the model's,
 * and a failed write must change nothing of @before (a sample snapshot).
 */
static bool check_access(struct smekvm_conf_ctx *t,
			 const struct smekvm_model_access *a, __u64 id,
			 void *buf, const struct smekvm_snap *before)
{
	unsigned int rows = smekvm_model_access_rows(a, id);
	char name[48], desc[128];
	struct smekvm_snap *after;
	bool ok = true;
	int err;

	err = a->set ? __smekvm_set_reg(t->vcpu, id, buf) :
		       __smekvm_get_reg(t->vcpu, id, buf);
	smekvm_reg_name(id, name, sizeof(name));
	snprintf(desc, sizeof(desc), "%s %s (0x%llx)%s", a->set ? "set" : "get",
		 name, id, a->bad_ptr ? " with a faulting pointer" : "");
	if (!err_ok(t, id, rows, err)) {
		smekvm_report("%s: %s, expected %s", desc, smekvm_errno_name(err),
			      smekvm_errno_name(smekvm_model_rows_errno(rows)));
		ok = false;
	}
	if (a->set && err && before) {
		after = smekvm_snap_take(t->vcpu, false);
		ok &= smekvm_snap_same(before, after, desc);
		smekvm_snap_free(after);
	}
	return ok;
}

/* Write a pattern to every vector and matrix register that exists. */
static void fill_registers(struct smekvm_conf_ctx *t, __u64 svcr,
			   bool finalized)
{
	struct smekvm_model_access a = {
		.cfg = &t->m, .svcr = svcr, .finalized = finalized, .set = true,
	};
	__u8 buf[SMEKVM_REG_MAX_BYTES];
	unsigned int i;
	__u64 id;

	for (i = 0; i < 32 + 16 + 1 + 256 + 1 + 32; i++) {
		if (i < 32)
			id = ZREG(i, 0);
		else if (i < 48)
			id = PREG(i - 32, 0);
		else if (i == 48)
			id = FFR(0);
		else if (i < 305)
			id = ZA_ROW(i - 49, 0);
		else if (i == 305)
			id = ZT0;
		else
			id = SMEKVM_VREG(i - 306);
		if (smekvm_model_access_rows(&a, id))
			continue;
		smekvm_pattern_fill(buf, KVM_REG_SIZE(id), i + 7);
		smekvm_set_reg(t->vcpu, id, buf);
	}
}

/* The sweep in SVCR state @svcr, finalised or not. */
static int sweep(struct smekvm_conf_ctx *t, __u64 svcr, bool finalized)
{
	struct smekvm_model_access a = {
		.cfg = &t->m, .svcr = svcr, .finalized = finalized,
	};
	struct smekvm_snap *full, *sample, *full_after;
	__u8 buf[SMEKVM_REG_MAX_BYTES];
	__u64 ids[64], odd;
	unsigned int n, i, bad;
	bool ok = true;

	if (svcr && !t->m.sme)
		return smekvm_conf_skip(t, "no SVCR without SME");
	/* The model must agree with itself before it judges the kernel. */
	odd = smekvm_model_self_check(&t->m, svcr);
	if (odd) {
		smekvm_report("the model contradicts itself on 0x%llx", odd);
		ok = false;
	}
	/* Without SVE and SME there is nothing to finalise (EINVAL). */
	if (!t->m.sve && !t->m.sme)
		a.finalized = true;
	else if (finalized)
		smekvm_vcpu_finalize(t->vcpu);
	if (t->m.sme)
		smekvm_set_svcr(t->vcpu, svcr);
	if (a.finalized)
		fill_registers(t, svcr, true);

	full = smekvm_snap_take(t->vcpu, true);
	sample = smekvm_snap_take(t->vcpu, false);
	n = sweep_ids(ids, SMEKVM_ZA_ROWS(t->m.sme_vq ? t->m.sme_vq : 1));
	for (i = 0; i < n; i++) {
		for (bad = 0; bad < 2; bad++) {
			a.bad_ptr = bad;
			/* A write with the register's own value, if any. */
			memset(buf, 0, sizeof(buf));
			a.set = false;
			ok &= check_access(t, &a, ids[i], bad ? bad_ptr() : buf,
					   NULL);
			a.set = true;
			ok &= check_access(t, &a, ids[i], bad ? bad_ptr() : buf,
					   sample);
		}
	}
	full_after = smekvm_snap_take(t->vcpu, true);
	ok &= smekvm_snap_same(full, full_after, "all accesses");
	smekvm_snap_free(full);
	smekvm_snap_free(sample);
	smekvm_snap_free(full_after);
	return result(ok);
}

#define SWEEP_CASE(fin, sm, za)						\
static int test_access_##fin##_sm##sm##_za##za(struct smekvm_conf_ctx *t) \
{									\
	return sweep(t, (sm ? SMEKVM_SVCR_SM : 0) | (za ? SMEKVM_SVCR_ZA : 0),	\
		     !strcmp(#fin, "fin"));				\
}

SWEEP_CASE(fin, 0, 0)
SWEEP_CASE(fin, 1, 0)
SWEEP_CASE(fin, 0, 1)
SWEEP_CASE(fin, 1, 1)
SWEEP_CASE(unfin, 0, 0)
SWEEP_CASE(unfin, 1, 0)
SWEEP_CASE(unfin, 0, 1)
SWEEP_CASE(unfin, 1, 1)

/* Named pairs of rules: the order of the table (abi-onereg-order). */

enum order_reg {
	O_ZA_ROW0, O_ZA_ROW_SLICE1, O_ZA_ROW_PAST, O_ZT0, O_Z0, O_FFR,
};

struct order_case {
	enum order_reg reg;
	__u64 svcr;
	bool finalized;
	bool bad_ptr;
};

static const struct order_case order_cases[] = {
#define ORDER(r, s, f, b)	{ r, s, f, b }
	ORDER(O_ZA_ROW_SLICE1, 0, true, false),	/* ENOENT, EBUSY */
	ORDER(O_ZA_ROW_PAST, 0, true, false),	/* EINVAL, EBUSY */
	ORDER(O_ZT0, 0, true, false),		/* ENOENT, EBUSY */
	ORDER(O_ZA_ROW0, 0, false, false),		/* EBUSY, EPERM */
	ORDER(O_ZA_ROW_PAST, SMEKVM_SVCR_ZA, false, false),	/* EINVAL, EPERM */
	ORDER(O_Z0, SMEKVM_SVCR_SM, false, true),		/* EPERM, EFAULT */
	ORDER(O_ZA_ROW0, 0, true, true),		/* EBUSY, EFAULT */
	ORDER(O_ZT0, SMEKVM_SVCR_ZA, false, true),		/* ENOENT, EPERM... */
	ORDER(O_FFR, SMEKVM_SVCR_SM, false, false),		/* ENOENT, EPERM */
	ORDER(O_ZA_ROW_PAST, SMEKVM_SVCR_ZA, true, true),	/* EINVAL, EFAULT */
#undef ORDER
};

/* Lower the SVL to the next one offered, before finalising. */
static bool lower_svl(struct smekvm_conf_ctx *t)
{
	struct smekvm_vls v = t->sme_vls;
	unsigned int vq = smekvm_vls_prev(&v, t->m.sme_vq);

	if (!vq)
		return false;
	smekvm_vls_truncate(&v, vq);
	smekvm_set_vls(t->vcpu, KVM_REG_ARM64_SME_VLS, &v);
	smekvm_conf_refresh_vq(t);
	return true;
}

static int order(struct smekvm_conf_ctx *t, unsigned int n)
{
	const struct order_case *c = &order_cases[n];
	struct smekvm_model_access a = {
		.cfg = &t->m, .svcr = c->svcr, .finalized = c->finalized,
		.bad_ptr = c->bad_ptr,
	};
	unsigned int rows = SMEKVM_ZA_ROWS(t->m.sme_vq);
	__u8 buf[SMEKVM_REG_MAX_BYTES] = {};
	struct smekvm_snap *before;
	bool ok;
	__u64 id;

	switch (c->reg) {
	case O_ZA_ROW0:
		id = ZA_ROW(0, 0);
		break;
	case O_ZA_ROW_SLICE1:
		id = ZA_ROW(0, 1);
		break;
	case O_ZA_ROW_PAST:
		/* At SVL 2048 no row beyond the last has an ID: lower it. */
		if (rows >= 256 && !lower_svl(t))
			return smekvm_conf_skip(t, "only SVL 2048: no row past the last");
		id = ZA_ROW(SMEKVM_ZA_ROWS(t->m.sme_vq), 0);
		break;
	case O_ZT0:
		id = ZT0;
		break;
	case O_Z0:
		id = ZREG(0, 0);
		break;
	default:
		id = FFR(0);
		break;
	}
	if (__builtin_popcount(smekvm_model_access_rows(&a, id)) < 2)
		return smekvm_conf_skip(t, "only one rule applies to this flavour");
	if (!smekvm_profile_has(SMEKVM_RULE_ERROR_ORDER))
		return smekvm_conf_skip(t, "%s",
			smekvm_profile_skip_reason(SMEKVM_RULE_ERROR_ORDER));

	if (c->finalized)
		smekvm_vcpu_finalize(t->vcpu);
	smekvm_set_svcr(t->vcpu, c->svcr);
	before = smekvm_snap_take(t->vcpu, false);
	a.set = false;
	ok = check_access(t, &a, id, c->bad_ptr ? bad_ptr() : buf, NULL);
	a.set = true;
	ok &= check_access(t, &a, id, c->bad_ptr ? bad_ptr() : buf, before);
	smekvm_snap_free(before);
	return result(ok);
}

#define ORDER_CASE(n, name)						\
static int test_order_##name(struct smekvm_conf_ctx *t)		\
{									\
	return order(t, n);						\
}

ORDER_CASE(0, za_row_slice1_za_off_enoent)
ORDER_CASE(1, za_row_past_svl_za_off_einval)
ORDER_CASE(2, zt0_no_sme2_za_off_enoent)
ORDER_CASE(3, za_row_za_off_unfinalized_ebusy)
ORDER_CASE(4, za_row_past_svl_unfinalized_einval)
ORDER_CASE(5, streaming_z_unfinalized_efault_eperm)
ORDER_CASE(6, za_row_za_off_efault_ebusy)
ORDER_CASE(7, zt0_no_sme2_unfinalized_efault_enoent)
ORDER_CASE(8, streaming_ffr_no_fa64_unfinalized_enoent)
ORDER_CASE(9, za_row_past_svl_efault_einval)

/* Partial faults: EFAULT, and the register keeps its value. */

/*
 * @len: the bytes the kernel reads at the current VL, of which the first
 * half is mapped; @val: the value to start from, for system registers
 * (else a pattern).
 */
static bool partial(struct smekvm_conf_ctx *t, const char *what, __u64 id,
		    size_t len, __u64 val)
{
	__u8 want[SMEKVM_REG_MAX_BYTES], got[SMEKVM_REG_MAX_BYTES];
	size_t size = KVM_REG_SIZE(id);
	__u8 *p = straddle_ptr(len);
	struct smekvm_snap *before, *after;
	char desc[96];
	bool ok;
	long off;

	if (size == sizeof(val))
		memcpy(want, &val, sizeof(val));
	else
		smekvm_pattern_fill(want, size, 11);
	smekvm_set_reg(t->vcpu, id, want);
	/* The mapped half holds another pattern. */
	smekvm_pattern_fill(p, len / 2, 12);
	before = smekvm_snap_take(t->vcpu, true);

	snprintf(desc, sizeof(desc), "set %s half mapped", what);
	ok = smekvm_expect_err(desc, __smekvm_set_reg(t->vcpu, id, p), EFAULT);
	snprintf(desc, sizeof(desc), "get %s half mapped", what);
	ok &= smekvm_expect_err(desc, __smekvm_get_reg(t->vcpu, id, p), EFAULT);

	/* The payload at the current VL holds what was written before. */
	smekvm_get_reg(t->vcpu, id, got);
	for (off = 0; off < (long)len && got[off] == want[off]; off++)
		;
	if (off < (long)len) {
		smekvm_report("%s changed by the failed write from byte %ld",
			      what, off);
		ok = false;
	}
	after = smekvm_snap_take(t->vcpu, true);
	snprintf(desc, sizeof(desc), "the failed write of %s", what);
	ok &= smekvm_snap_same(before, after, desc);
	smekvm_snap_free(before);
	smekvm_snap_free(after);
	return ok;
}

/*
 * partial() of vector or matrix register @id at its size in SVCR state
 * @svcr, if it exists there (both as the model says).
 */
static bool partial_vec(struct smekvm_conf_ctx *t, const char *what,
			__u64 id, __u64 svcr)
{
	size_t len = smekvm_model_state_bytes(&t->m, svcr, id);

	return !len || partial(t, what, id, len, 0);
}

static int test_efault_partial_regs(struct smekvm_conf_ctx *t)
{
	__u64 svcr = SMEKVM_SVCR_SM | SMEKVM_SVCR_ZA;
	bool ok = true;

	smekvm_vcpu_finalize(t->vcpu);
	ok &= partial_vec(t, "Z0 (SM=0)", ZREG(0, 0), 0);
	ok &= partial_vec(t, "FFR (SM=0)", FFR(0), 0);
	ok &= partial_vec(t, "V0", SMEKVM_VREG(0), 0);
	smekvm_set_svcr(t->vcpu, svcr);
	ok &= partial_vec(t, "Z31 (SM=1)", ZREG(31, 0), svcr);
	ok &= partial_vec(t, "P15 (SM=1)", PREG(15, 0), svcr);
	ok &= partial_vec(t, "FFR (SM=1)", FFR(0), svcr);
	ok &= partial_vec(t, "ZA row 1", ZA_ROW(1, 0), svcr);
	ok &= partial_vec(t, "ZT0", ZT0, svcr);
	ok &= partial(t, "SMCR_EL1", SMEKVM_SMCR_EL1, 8, 3);
	ok &= partial(t, "SVCR", SMEKVM_SVCR, 8,
		      SMEKVM_SVCR_SM | SMEKVM_SVCR_ZA);
	return result(ok);
}

static int test_efault_partial_vls(struct smekvm_conf_ctx *t)
{
	struct smekvm_vls before, after;
	__u8 *p = straddle_ptr(sizeof(before));
	bool ok;

	smekvm_get_vls(t->vcpu, KVM_REG_ARM64_SME_VLS, &before);
	/* The mapped half asks for VQ 1 alone: a change if taken. */
	memset(p, 0, sizeof(before) / 2);
	p[0] = 1;
	ok = smekvm_expect_err("set SME_VLS half mapped",
			       __smekvm_set_reg(t->vcpu, KVM_REG_ARM64_SME_VLS,
						p), EFAULT);
	smekvm_get_vls(t->vcpu, KVM_REG_ARM64_SME_VLS, &after);
	return result(ok & smekvm_expect_vls("SME_VLS after it", &after,
					     &before));
}

/* SVCR RES0 bits: abi-svcr-res0-einval, abi-svcr-res0-unchanged */

static bool svcr_res0(struct smekvm_conf_ctx *t, __u64 svcr)
{
	struct smekvm_snap *before, *after;
	unsigned int bit;
	char desc[64];
	bool ok = true;
	__u64 val;

	before = smekvm_snap_take(t->vcpu, true);
	for (bit = 2; bit < 64; bit++) {
		snprintf(desc, sizeof(desc), "SVCR=0x%llx", svcr | 1ULL << bit);
		ok &= smekvm_expect_err(desc,
					__smekvm_set_reg64(t->vcpu, SMEKVM_SVCR,
							   svcr | 1ULL << bit),
					EINVAL);
		/* Without the valid bits: would change SM and ZA if taken. */
		snprintf(desc, sizeof(desc), "SVCR=0x%llx", 1ULL << bit);
		ok &= smekvm_expect_err(desc,
					__smekvm_set_reg64(t->vcpu, SMEKVM_SVCR,
							   1ULL << bit),
					EINVAL);
	}
	ok &= !__smekvm_get_reg64(t->vcpu, SMEKVM_SVCR, &val) &&
	      smekvm_expect_u64("SVCR after the writes", val, svcr);
	after = smekvm_snap_take(t->vcpu, true);
	ok &= smekvm_snap_same(before, after, "SVCR writes with RES0 bits");
	smekvm_snap_free(before);
	smekvm_snap_free(after);
	return ok;
}

static int test_svcr_res0_einval_finalized(struct smekvm_conf_ctx *t)
{
	smekvm_vcpu_finalize(t->vcpu);
	smekvm_set_svcr(t->vcpu, SMEKVM_SVCR_SM | SMEKVM_SVCR_ZA);
	fill_registers(t, SMEKVM_SVCR_SM | SMEKVM_SVCR_ZA, true);
	return result(svcr_res0(t, SMEKVM_SVCR_SM | SMEKVM_SVCR_ZA));
}

static int test_svcr_res0_einval_unfinalized(struct smekvm_conf_ctx *t)
{
	smekvm_set_svcr(t->vcpu, SMEKVM_SVCR_ZA);
	return result(svcr_res0(t, SMEKVM_SVCR_ZA));
}

/* SMPRI_EL1 and SMCR_EL1: abi-smpri-user-nonzero-einval, abi-smcr-user-mask */

static int test_smpri_el1_nonzero_einval(struct smekvm_conf_ctx *t)
{
	static const __u64 vals[] = { 1, 0xf, 0x10, 1ULL << 63, ~0ULL };
	struct smekvm_snap *before, *after;
	unsigned int i;
	char desc[64];
	bool ok = true;
	__u64 val;

	smekvm_vcpu_finalize(t->vcpu);
	before = smekvm_snap_take(t->vcpu, false);
	for (i = 0; i < ARRAY_SIZE(vals); i++) {
		snprintf(desc, sizeof(desc), "SMPRI_EL1=0x%llx", vals[i]);
		ok &= smekvm_expect_err(desc,
					__smekvm_set_reg64(t->vcpu,
							   SMEKVM_SMPRI_EL1,
							   vals[i]), EINVAL);
	}
	ok &= smekvm_expect_err("SMPRI_EL1=0",
				__smekvm_set_reg64(t->vcpu, SMEKVM_SMPRI_EL1, 0),
				0);
	ok &= !__smekvm_get_reg64(t->vcpu, SMEKVM_SMPRI_EL1, &val) &&
	      smekvm_expect_u64("SMPRI_EL1", val, 0);
	after = smekvm_snap_take(t->vcpu, false);
	ok &= smekvm_snap_same(before, after, "SMPRI_EL1 writes");
	smekvm_snap_free(before);
	smekvm_snap_free(after);
	return result(ok);
}

static int test_smcr_el1_masked(struct smekvm_conf_ctx *t)
{
	__u64 mask = 0xf, val;
	unsigned int bit;
	char desc[64];
	bool ok = true;

	if (!smekvm_profile_has(SMEKVM_RULE_SMCR_EL1_USER_MASKED))
		return smekvm_conf_skip(t, "%s",
			smekvm_profile_skip_reason(SMEKVM_RULE_SMCR_EL1_USER_MASKED));
	if (t->m.fa64)
		mask |= 1ULL << 31;
	if (t->m.sme2)
		mask |= 1ULL << 30;
	smekvm_vcpu_finalize(t->vcpu);
	for (bit = 0; bit < 64; bit++) {
		snprintf(desc, sizeof(desc), "SMCR_EL1=0x%llx", 1ULL << bit);
		ok &= smekvm_expect_err(desc,
					__smekvm_set_reg64(t->vcpu,
							   SMEKVM_SMCR_EL1,
							   1ULL << bit), 0);
		ok &= !__smekvm_get_reg64(t->vcpu, SMEKVM_SMCR_EL1, &val) &&
		      smekvm_expect_u64(desc, val, (1ULL << bit) & mask);
	}
	ok &= smekvm_expect_err("SMCR_EL1=~0",
				__smekvm_set_reg64(t->vcpu, SMEKVM_SMCR_EL1,
						   ~0ULL), 0);
	ok &= !__smekvm_get_reg64(t->vcpu, SMEKVM_SMCR_EL1, &val) &&
	      smekvm_expect_u64("SMCR_EL1 after writing ~0", val, mask);
	return result(ok);
}

/* The SME system registers do not exist without SME. */
static int test_sme_sysregs_enoent(struct smekvm_conf_ctx *t)
{
	static const __u64 ids[] = {
		SMEKVM_SVCR, SMEKVM_SMCR_EL1, SMEKVM_SMPRI_EL1,
		SMEKVM_TPIDR2_EL0, SMEKVM_SMIDR_EL1,
	};
	char name[32], desc[64];
	unsigned int i;
	bool ok = true;
	__u64 val = 0;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		smekvm_reg_name(ids[i], name, sizeof(name));
		snprintf(desc, sizeof(desc), "get %s", name);
		ok &= smekvm_expect_err(desc,
					__smekvm_get_reg64(t->vcpu, ids[i], &val),
					ENOENT);
		snprintf(desc, sizeof(desc), "set %s", name);
		ok &= smekvm_expect_err(desc,
					__smekvm_set_reg64(t->vcpu, ids[i], 0),
					ENOENT);
	}
	return result(ok);
}

#define CASE(n, fl)	{ #n, test_##n, fl }
#define FL_SME		SMEKVM_FL_SME

static const struct smekvm_conf_case cases[] = {
	/* abi-onereg-*: the error table, everywhere */
	CASE(access_fin_sm0_za0,		SMEKVM_FL_ALL),
	CASE(access_fin_sm1_za0,		FL_SME),
	CASE(access_fin_sm0_za1,		FL_SME),
	CASE(access_fin_sm1_za1,		FL_SME),
	CASE(access_unfin_sm0_za0,		SMEKVM_FL_ALL),
	CASE(access_unfin_sm1_za0,		FL_SME),
	CASE(access_unfin_sm0_za1,		FL_SME),
	CASE(access_unfin_sm1_za1,		FL_SME),
	/* abi-onereg-order: two rules at once */
	CASE(order_za_row_slice1_za_off_enoent,	FL_SME),
	CASE(order_za_row_past_svl_za_off_einval, FL_SME),
	CASE(order_zt0_no_sme2_za_off_enoent,	SMEKVM_FL(SME2_HIDDEN)),
	CASE(order_za_row_za_off_unfinalized_ebusy, FL_SME),
	CASE(order_za_row_past_svl_unfinalized_einval, FL_SME),
	CASE(order_streaming_z_unfinalized_efault_eperm, FL_SME),
	CASE(order_za_row_za_off_efault_ebusy,	FL_SME),
	CASE(order_zt0_no_sme2_unfinalized_efault_enoent, SMEKVM_FL(SME2_HIDDEN)),
	CASE(order_streaming_ffr_no_fa64_unfinalized_enoent, SMEKVM_FL(FA64_HIDDEN)),
	CASE(order_za_row_past_svl_efault_einval, FL_SME),
	/* abi-onereg-unchanged: a failed access changes no state */
	CASE(efault_partial_regs,		FL_SME),
	CASE(efault_partial_vls,		FL_SME),
	/* abi-svcr-res0-einval, abi-svcr-res0-unchanged */
	CASE(svcr_res0_einval_finalized,	FL_SME),
	CASE(svcr_res0_einval_unfinalized,	FL_SME),
	/*
	 * abi-smpri-user-nonzero-einval, abi-smcr-user-mask,
	 * abi-sysreg-absent
	 */
	CASE(smpri_el1_nonzero_einval,		FL_SME),
	CASE(smcr_el1_masked,			FL_SME),
	CASE(sme_sysregs_enoent,		SMEKVM_FL_NO_SME),
};

int main(void)
{
	fault_page = mmap(NULL, 2 * getpagesize(), PROT_READ | PROT_WRITE,
			  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	TEST_ASSERT(fault_page != MAP_FAILED, "mmap: %s", strerror(errno));
	TEST_ASSERT(!mprotect(fault_page + getpagesize(), getpagesize(),
			      PROT_NONE), "mprotect: %s", strerror(errno));
	smekvm_conf_main(cases, ARRAY_SIZE(cases),
			 "sme_bad_input: errno and unchanged state for every bad input (doc/abi.md: abi-onereg-*)");
}
