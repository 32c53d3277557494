// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_id_hiding - hiding SME features through the ID registers
 * (doc/abi.md: abi-idreg-*, abi-smidr-*), host side only.
 *
 * A VMM migrating between hosts hides what the destination lacks by
 * lowering ID register fields; the register view must follow at once:
 *
 *  - ID_AA64PFR1_EL1.SME lowered from 2 to 1 hides ZT0 (ENOENT, gone from
 *    KVM_GET_REG_LIST) and SMCR_EL1.EZT0, on a vcpu that had them;
 *    lowering it to 0 is EINVAL ([ours]) and raising it above the host's
 *    value is EINVAL, both leaving the field as it was;
 *  - clearing ID_AA64SMFR0_EL1.FA64 hides the streaming FFR (ENOENT, not
 *    listed) and SMCR_EL1.FA64, while the non-streaming FFR of a vcpu
 *    with SVE stays;
 *  - every ID_AA64SMFR0_EL1 field accepts its current value and 0 and
 *    nothing else (fields such as I8I32 have only the values 0 and 0b1111:
 *    0b0111 is EINVAL), and its RES0 bits stay 0; SMEver is set to 0 only
 *    with ID_AA64PFR1_EL1.SME lowered to 1, never an inconsistent pair;
 *  - SMIDR_EL1 reads the host boot CPU's value with SMPS hidden (sysfs)
 *    and accepts no other value ([ours]);
 *  - vcpus without SME read ID_AA64PFR1_EL1.SME and ID_AA64SMFR0_EL1 as 0.
 *
 * The whole program skips when KVM cannot offer SME; cases needing SME2
 * or FA64 skip on hosts without them.  SMEKVM_CASE=<flavour>/<case> runs
 * one case.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "sme_conf.h"
#include "sme_model.h"
#include "sme_profile.h"
#include "sme_uapi.h"
#include "sme_vcpu.h"

#define PFR1		SMEKVM_ID_AA64PFR1_EL1
#define SMFR0		SMEKVM_ID_AA64SMFR0_EL1
#define PFR1_SME	ID_AA64PFR1_EL1_SME_MASK
#define SMCR_FA64	BIT_ULL(31)
#define SMCR_EZT0	BIT_ULL(30)

static int result(bool ok)
{
	return ok ? KSFT_PASS : KSFT_FAIL;
}

static __u64 field_get(__u64 val, __u64 mask)
{
	return (val & mask) >> __builtin_ctzll(mask);
}

/* Write field @mask of @id to @v expecting @want; on failure unchanged. */
static bool field_write(struct kvm_vcpu *vcpu, const char *name, __u64 id,
			__u64 mask, __u64 v, int want)
{
	__u64 before, after;
	char desc[96];
	bool ok;

	before = vcpu_get_reg(vcpu, id);
	snprintf(desc, sizeof(desc), "%s = 0x%llx (was 0x%llx)", name, v,
		 field_get(before, mask));
	ok = smekvm_expect_err(desc, __smekvm_set_id_field(vcpu, id, mask, v),
			       want);
	after = vcpu_get_reg(vcpu, id);
	snprintf(desc, sizeof(desc), "%s after writing 0x%llx", name, v);
	return ok & smekvm_expect_u64(desc, after,
				      want ? before :
				      (before & ~mask) |
				      (v << __builtin_ctzll(mask)));
}

/* @id: readable with @err and listed iff @err is 0. */
static bool reg_state(struct kvm_vcpu *vcpu, const char *what, __u64 id,
		      int want)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];
	struct kvm_reg_list *list;
	char desc[96];
	bool ok;
	int err;

	snprintf(desc, sizeof(desc), "get %s", what);
	ok = smekvm_expect_err(desc, __smekvm_get_reg(vcpu, id, buf), want);
	snprintf(desc, sizeof(desc), "set %s", what);
	ok &= smekvm_expect_err(desc, __smekvm_set_reg(vcpu, id, buf), want);
	list = smekvm_reg_list(vcpu, &err);
	if (!smekvm_expect_err("KVM_GET_REG_LIST", err, 0))
		return false;
	if (smekvm_reg_list_has(list, id) != !want) {
		smekvm_report("%s is %s KVM_GET_REG_LIST", what,
			      want ? "in" : "not in");
		ok = false;
	}
	free(list);
	return ok;
}

static __u64 smcr_after_write(struct kvm_vcpu *vcpu, __u64 val)
{
	vcpu_set_reg(vcpu, SMEKVM_SMCR_EL1, val);
	return vcpu_get_reg(vcpu, SMEKVM_SMCR_EL1);
}

/* ID_AA64PFR1_EL1.SME */

static int test_pfr1_sme2_to_sme1_hides_zt0(struct smekvm_conf_ctx *t)
{
	static const struct smekvm_vcpu_cfg hide = { .hide_sme2 = true };
	const char *why = smekvm_cfg_host_lacks(&hide);
	bool ok;

	if (why)
		return smekvm_conf_skip(t, "%s", why);
	ok = smekvm_expect_u64("ID_AA64PFR1_EL1.SME after INIT",
			       smekvm_vcpu_pfr1_sme(t->vcpu),
			       ID_AA64PFR1_EL1_SME_SME2);
	smekvm_vcpu_finalize(t->vcpu);
	smekvm_set_svcr(t->vcpu, SMEKVM_SVCR_ZA);
	/* Control: with SME2 the vcpu has ZT0 and EZT0. */
	ok &= reg_state(t->vcpu, "ZT0 with SME2", KVM_REG_ARM64_SME_ZT0, 0);
	ok &= smekvm_expect_u64("SMCR_EL1.EZT0 with SME2",
				smcr_after_write(t->vcpu, SMCR_EZT0) & SMCR_EZT0,
				SMCR_EZT0);
	if (!ok)
		return KSFT_FAIL;

	ok = field_write(t->vcpu, "ID_AA64PFR1_EL1.SME", PFR1, PFR1_SME,
			 ID_AA64PFR1_EL1_SME_IMP, 0);
	ok &= reg_state(t->vcpu, "ZT0 with SME2 hidden", KVM_REG_ARM64_SME_ZT0,
			ENOENT);
	ok &= reg_state(t->vcpu, "ZA row 0 with SME2 hidden",
			KVM_REG_ARM64_SME_ZAHREG(0, 0), 0);
	ok &= smekvm_expect_u64("SMCR_EL1.EZT0 with SME2 hidden",
				smcr_after_write(t->vcpu, SMCR_EZT0), 0);
	return result(ok);
}

/*
 * Write ID_AA64PFR1_EL1.SME = @v expecting EINVAL.  The VM is shared with
 * other cases: a write wrongly taken is undone.
 */
static bool refused(struct smekvm_conf_ctx *t, __u64 v)
{
	__u64 before = vcpu_get_reg(t->vcpu, PFR1);
	bool ok;

	ok = field_write(t->vcpu, "ID_AA64PFR1_EL1.SME", PFR1, PFR1_SME, v,
			 EINVAL);
	if (!ok)
		__smekvm_set_reg64(t->vcpu, PFR1, before);
	return ok;
}

static int test_pfr1_sme_to_0_einval(struct smekvm_conf_ctx *t)
{
	if (!smekvm_profile_has(SMEKVM_RULE_PFR1_SME_ZERO_EINVAL))
		return smekvm_conf_skip(t, "%s",
			smekvm_profile_skip_reason(SMEKVM_RULE_PFR1_SME_ZERO_EINVAL));
	return result(refused(t, 0));
}

static int test_pfr1_sme_above_host_einval(struct smekvm_conf_ctx *t)
{
	return result(refused(t, smekvm_vcpu_pfr1_sme(t->vcpu) + 1));
}

/* ID_AA64SMFR0_EL1.FA64 */

static int test_smfr0_fa64_clear_hides_streaming_ffr(struct smekvm_conf_ctx *t)
{
	__u64 ffr = KVM_REG_ARM64_SVE_FFR(0);
	static const struct smekvm_vcpu_cfg hide = { .hide_fa64 = true };
	const char *why = smekvm_cfg_host_lacks(&hide);
	bool ok;

	if (why)
		return smekvm_conf_skip(t, "%s", why);
	smekvm_vcpu_finalize(t->vcpu);
	smekvm_set_svcr(t->vcpu, SMEKVM_SVCR_SM);
	ok = reg_state(t->vcpu, "streaming FFR with FA64", ffr, 0);
	ok &= smekvm_expect_u64("SMCR_EL1.FA64 with FA64",
				smcr_after_write(t->vcpu, SMCR_FA64), SMCR_FA64);
	if (!ok)
		return KSFT_FAIL;

	ok = field_write(t->vcpu, "ID_AA64SMFR0_EL1.FA64", SMFR0,
			 ID_AA64SMFR0_EL1_FA64_MASK, 0, 0);
	ok &= reg_state(t->vcpu, "streaming FFR with FA64 hidden", ffr, ENOENT);
	ok &= smekvm_expect_u64("SMCR_EL1.FA64 with FA64 hidden",
				smcr_after_write(t->vcpu, SMCR_FA64), 0);
	/* FFR with SM=0 exists with SVE, whatever FA64 says (the model). */
	if (smekvm_model_has_ffr(&t->m, 0)) {
		smekvm_set_svcr(t->vcpu, 0);
		ok &= reg_state(t->vcpu, "non-streaming FFR with FA64 hidden",
				ffr, 0);
	}
	return result(ok);
}

/* ID_AA64SMFR0_EL1 fields: the current value or 0, nothing else. */

struct smfr0_field {
	const char *name;
	unsigned int shift, width;
};

static const struct smfr0_field smfr0_fields[] = {
	{ "FA64", 63, 1 }, { "LUT6", 61, 1 }, { "LUTv2", 60, 1 },
	{ "SMEver", 56, 4 }, { "I16I64", 52, 4 }, { "F64F64", 48, 1 },
	{ "I16I32", 44, 4 }, { "B16B16", 43, 1 }, { "F16F16", 42, 1 },
	{ "F8F16", 41, 1 }, { "F8F32", 40, 1 }, { "I8I32", 36, 4 },
	{ "F16F32", 35, 1 }, { "B16F32", 34, 1 }, { "BI32I32", 33, 1 },
	{ "F32F32", 32, 1 }, { "SF8FMA", 30, 1 }, { "SF8DP4", 29, 1 },
	{ "SF8DP2", 28, 1 }, { "SBitPerm", 25, 1 }, { "AES", 24, 1 },
	{ "SFEXPA", 23, 1 }, { "STMOP", 16, 1 }, { "SMOP4", 0, 1 },
};

static const char * const smfr0_names[] = {
	"FA64", "LUT6", "LUTv2", "SMEver", "I16I64", "F64F64", "I16I32",
	"B16B16", "F16F16", "F8F16", "F8F32", "I8I32", "F16F32", "B16F32",
	"BI32I32", "F32F32", "SF8FMA", "SF8DP4", "SF8DP2", "SBitPerm", "AES",
	"SFEXPA", "STMOP", "SMOP4",
};

static const unsigned long smfr0_idx[] = {
	0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
	20, 21, 22, 23,
};

static int test_smfr0_field(struct smekvm_conf_ctx *t)
{
	const struct smfr0_field *f = &smfr0_fields[t->param];
	__u64 mask = ((1ULL << f->width) - 1) << f->shift, cur, v, pfr1;
	char name[48];
	bool ok = true, smever = !strcmp(f->name, "SMEver");

	snprintf(name, sizeof(name), "ID_AA64SMFR0_EL1.%s", f->name);
	pfr1 = vcpu_get_reg(t->vcpu, PFR1);
	cur = field_get(vcpu_get_reg(t->vcpu, SMFR0), mask);

	for (v = 0; v < (1ULL << f->width); v++) {
		if (v == 0 || v == cur)
			continue;
		ok &= field_write(t->vcpu, name, SMFR0, mask, v, EINVAL);
	}
	ok &= field_write(t->vcpu, name, SMFR0, mask, cur, 0);
	/* SMEver 0 (SME) only goes with ID_AA64PFR1_EL1.SME 1. */
	if (smever && field_get(pfr1, PFR1_SME) > ID_AA64PFR1_EL1_SME_IMP)
		ok &= field_write(t->vcpu, "ID_AA64PFR1_EL1.SME", PFR1,
				  PFR1_SME, ID_AA64PFR1_EL1_SME_IMP, 0);
	ok &= field_write(t->vcpu, name, SMFR0, mask, 0, 0);
	/* Back to the host's value, which is allowed until the VM runs. */
	ok &= field_write(t->vcpu, name, SMFR0, mask, cur, 0);
	if (smever)
		ok &= smekvm_expect_err("ID_AA64PFR1_EL1 back",
					__smekvm_set_reg64(t->vcpu, PFR1, pfr1),
					0);
	return result(ok);
}

static int test_smfr0_res0_einval(struct smekvm_conf_ctx *t)
{
	__u64 res0 = ~0ULL, before, val;
	unsigned int i, bit;
	char desc[64];
	bool ok = true;

	for (i = 0; i < ARRAY_SIZE(smfr0_fields); i++)
		res0 &= ~(((1ULL << smfr0_fields[i].width) - 1) <<
			  smfr0_fields[i].shift);
	before = vcpu_get_reg(t->vcpu, SMFR0);
	for (bit = 0; bit < 64; bit++) {
		if (!(res0 & (1ULL << bit)))
			continue;
		snprintf(desc, sizeof(desc), "ID_AA64SMFR0_EL1 with RES0 bit %u",
			 bit);
		ok &= smekvm_expect_err(desc,
					__smekvm_set_reg64(t->vcpu, SMFR0,
							   before | 1ULL << bit),
					EINVAL);
	}
	val = vcpu_get_reg(t->vcpu, SMFR0);
	return result(ok & smekvm_expect_u64("ID_AA64SMFR0_EL1 after them",
					     val, before));
}

/* SMIDR_EL1 */

#define SMIDR_SYSFS "/sys/devices/system/cpu/cpu0/regs/identification/smidr_el1"

static int test_smidr_el1_host_value(struct smekvm_conf_ctx *t)
{
	unsigned long long host;
	__u64 val;
	FILE *f;
	bool ok;
	int n;

	f = fopen(SMIDR_SYSFS, "r");
	if (!f)
		return smekvm_conf_skip(t, "%s: %s", SMIDR_SYSFS, strerror(errno));
	n = fscanf(f, "%llx", &host);
	fclose(f);
	if (n != 1)
		return smekvm_conf_skip(t, "%s: unreadable", SMIDR_SYSFS);

	/* sysfs shows the boot CPU's value with SMPS (bit 15) cleared. */
	host &= ~(1ULL << 15);
	ok = !__smekvm_get_reg64(t->vcpu, SMEKVM_SMIDR_EL1, &val) &&
	     smekvm_expect_u64("SMIDR_EL1", val, host);
	ok &= smekvm_expect_err("SMIDR_EL1 written with its value",
				__smekvm_set_reg64(t->vcpu, SMEKVM_SMIDR_EL1,
						   val), 0);
	if (smekvm_profile_has(SMEKVM_RULE_SMIDR_SAME_VALUE_ONLY))
		ok &= smekvm_expect_err("SMIDR_EL1 with SMPS set",
					__smekvm_set_reg64(t->vcpu,
							   SMEKVM_SMIDR_EL1,
							   val | 1ULL << 15),
					EINVAL);
	return result(ok);
}

/* Without SME */

static int test_no_sme_id_fields_zero(struct smekvm_conf_ctx *t)
{
	bool ok;

	ok = smekvm_expect_u64("ID_AA64PFR1_EL1.SME",
			       smekvm_vcpu_pfr1_sme(t->vcpu), 0);
	return result(ok & smekvm_expect_u64("ID_AA64SMFR0_EL1",
					     vcpu_get_reg(t->vcpu, SMFR0), 0));
}

#define OWN_CASE(n, fl)	{ #n, test_##n, fl, SMEKVM_CASE_OWN_VM }
#define CASE(n, fl)	{ #n, test_##n, fl }

static const struct smekvm_conf_case cases[] = {
	OWN_CASE(pfr1_sme2_to_sme1_hides_zt0,		SMEKVM_FL_SME_BASE),
	/* In the shared VM: they undo a write wrongly taken */
	CASE(pfr1_sme_to_0_einval,			SMEKVM_FL_SME_BASE),
	CASE(pfr1_sme_above_host_einval,		SMEKVM_FL_SME_BASE),
	OWN_CASE(smfr0_fa64_clear_hides_streaming_ffr,	SMEKVM_FL_SME_BASE),
	/* VM-wide, but each restores what it changed: one shared VM */
	{ "smfr0_%s_values", test_smfr0_field, SMEKVM_FL(SME_ONLY), 0,
	  smfr0_idx, ARRAY_SIZE(smfr0_idx), smfr0_names },
	CASE(smfr0_res0_einval,				SMEKVM_FL(SME_ONLY)),
	CASE(smidr_el1_host_value,			SMEKVM_FL(SME_ONLY)),
	CASE(no_sme_id_fields_zero,			SMEKVM_FL_NO_SME),
};

int main(void)
{
	TEST_ASSERT(ARRAY_SIZE(smfr0_names) == ARRAY_SIZE(smfr0_fields) &&
		    ARRAY_SIZE(smfr0_idx) == ARRAY_SIZE(smfr0_fields),
		    "SMFR0 field tables differ in size");
	smekvm_conf_main(cases, ARRAY_SIZE(cases),
			 "sme_id_hiding: SME features hidden through the ID registers (doc/abi.md: abi-idreg-*)");
}
