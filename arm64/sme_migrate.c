// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_migrate - save and restore (the migration case) of vcpus with SME.
 *
 * A VMM migrates a vcpu by saving every register KVM_GET_REG_LIST names
 * and writing them into a new vcpu.  abi-reglist-restore promises that
 * this is exact when the new vcpu is initialised the same way, its VLS
 * registers are written before KVM_ARM_VCPU_FINALIZE and every other
 * register is written in list order: SVCR, whose write zeroes vector
 * state and decides which registers exist, is listed first
 * (abi-reglist-svcr-first, [ours]).
 *
 * For each vcpu flavour (SME only, SVE and SME, SME2 hidden, FA64 hidden)
 * and each of the four SVCR states, every FP/SVE/SME register that exists
 * is filled with random data (and checked against the reference model),
 * everything is saved with lib/sme_vmm and restored into a fresh vcpu of
 * the same VM, in two ways (a case each, "<flavour>/<state>/<way>"):
 *
 *  list_order  the procedure of abi-reglist-restore literally: VLS registers,
 *              finalise, the rest in list order.  With the [ours] profile
 *              the list must also name SVCR before every vector and matrix
 *              register, and a failure says where it is instead.  Under
 *              SMEKVM_PROFILE=proposal (SVCR among the system registers)
 *              only SVCR=0 is expected to survive a list-order restore;
 *              the other states skip with that reason;
 *  safe_order  lib/sme_vmm's safe order (ID registers, VLS, finalise,
 *              SVCR, the rest), exact whatever the list order.
 *
 * Each compares every saved register with the new vcpu's and the new
 * vcpu's register list with the saved one, naming every difference.
 * Then the library's refusals: restoring into a vcpu finalised with other
 * SME vector lengths, or with other features, must fail before anything
 * is written (never truncate); and a vcpu saved with a lowered SME_VLS
 * must come back with exactly that set.
 *
 * The random data come from SMEKVM_SEED (printed; the runner sets it and
 * its rerun line reuses it).  The frame (cases, flavours, skips,
 * SMEKVM_CASE) is lib/sme_conf.h.
 */
#include <errno.h>
#include <string.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "sme_check.h"
#include "sme_conf.h"
#include "sme_names.h"
#include "sme_profile.h"
#include "sme_settings.h"
#include "sme_vmm.h"

/* Differences printed per case; the rest are counted. */
#define REPORTS		20
/* Why a list-order restore is not checked under the proposal profile. */
#define PROPOSAL_SKIP	"profile proposal: SVCR is listed after the vector state, " \
			"so a list-order restore is exact only with SVCR=0"
/* The model's classes but the VLS registers (whose offered sets it lacks). */
#define CHECK_STATE	(SMEKVM_CHECK_ALL & \
			 ~(SMEKVM_CHECK_CLASS(SMEKVM_RC_SVE_VLS) | \
			   SMEKVM_CHECK_CLASS(SMEKVM_RC_SME_VLS)))

static unsigned int nr_reports;	/* of the current case */

#define report(fmt, ...)						\
	do {								\
		if (++nr_reports <= REPORTS)				\
			smekvm_report(fmt, ##__VA_ARGS__);		\
	} while (0)

/* Write random data to @id on @vcpu and in @m; setup, so asserted. */
static void fill_reg(struct kvm_vcpu *vcpu, struct smekvm_model *m,
		     struct smekvm_rng *rng, __u64 id)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];
	char name[SMEKVM_REG_NAME_MAX];
	int err;

	smekvm_rng_fill(rng, buf, KVM_REG_SIZE(id));
	err = __smekvm_set_reg(vcpu, id, buf);
	TEST_ASSERT(!err, "filling %s: %s",
		    smekvm_reg_name(id, name, sizeof(name)),
		    strerror(err));
	TEST_ASSERT(!smekvm_model_set(m, id, buf), "model refuses %s", name);
}

/*
 * Put @vcpu (finalised) in SVCR state @svcr with random data in every
 * FP/SVE/SME register that exists there, and in TPIDR2_EL0 and SMCR_EL1.
 * Returns whether the vcpu then matches the model.
 */
static bool fill_vcpu(struct kvm_vcpu *vcpu, const struct smekvm_model_cfg *mc,
		      __u64 svcr, unsigned int salt)
{
	static struct smekvm_model m;
	struct smekvm_check chk = {
		.prefix = smekvm_conf_cur, .max_reports = REPORTS,
	};
	__u64 ids[SMEKVM_MODEL_MAX_STATE_REGS];
	struct smekvm_rng rng;
	unsigned int i, n;
	__u32 fp;

	smekvm_rng_init(&rng, salt);
	smekvm_model_init(&m, mc);
	smekvm_model_finalize(&m);
	smekvm_set_svcr(vcpu, svcr);
	TEST_ASSERT(!smekvm_model_set(&m, SMEKVM_SVCR, &svcr), "model SVCR");

	n = smekvm_model_state_ids(mc, svcr, ids, ARRAY_SIZE(ids));
	for (i = 0; i < n; i++)
		fill_reg(vcpu, &m, &rng, ids[i]);

	/* FPSR and FPCR: random values of their defined bits. */
	fp = smekvm_rng_next(&rng) & 0xf800009f;
	smekvm_set_reg(vcpu, SMEKVM_FPSR, &fp);
	TEST_ASSERT(!smekvm_model_set(&m, SMEKVM_FPSR, &fp), "model FPSR");
	fp = smekvm_rng_next(&rng) & 0x07f79f00;
	smekvm_set_reg(vcpu, SMEKVM_FPCR, &fp);
	TEST_ASSERT(!smekvm_model_set(&m, SMEKVM_FPCR, &fp), "model FPCR");
	vcpu_set_reg(vcpu, SMEKVM_TPIDR2_EL0, smekvm_rng_next(&rng));
	vcpu_set_reg(vcpu, SMEKVM_SMCR_EL1,
		     smekvm_rng_next(&rng) & SMCR_ELx_LEN_MASK);

	smekvm_check_vcpu(&chk, vcpu, &m, CHECK_STATE, "after filling");
	return !chk.mismatches;
}

/* Every saved register of @st reads back, @vcpu lists the same ones. */
static bool compare_restored(struct kvm_vcpu *vcpu,
			     const struct smekvm_vmm_state *st)
{
	struct smekvm_check chk = {
		.prefix = smekvm_conf_cur, .max_reports = REPORTS,
	};

	if (!smekvm_check_saved(&chk, vcpu, st, "after the restore"))
		return true;
	smekvm_report("%u differences after the restore", chk.mismatches);
	return false;
}

/* Where SVCR is listed relative to the first vector or matrix register. */
static bool check_svcr_listed_first(const struct smekvm_vmm_state *st)
{
	__u64 i, svcr = st->nr_regs, vec = st->nr_regs;
	char name[SMEKVM_REG_NAME_MAX];

	for (i = 0; i < st->nr_regs; i++) {
		enum smekvm_reg_class rc = smekvm_model_reg_class(st->ids[i],
								  NULL);

		if (st->ids[i] == SMEKVM_SVCR && svcr == st->nr_regs)
			svcr = i;
		/* V, Z, P, FFR, ZA, ZT0 */
		if (vec == st->nr_regs && rc >= SMEKVM_RC_V &&
		    rc <= SMEKVM_RC_ZT0)
			vec = i;
	}
	if (svcr == st->nr_regs) {
		report("KVM_GET_REG_LIST does not list SVCR");
		return false;
	}
	if (svcr > vec) {
		report("KVM_GET_REG_LIST lists SVCR at entry %llu, after %s at entry %llu:",
		       svcr, smekvm_reg_name(st->ids[vec], name, sizeof(name)),
		       vec);
		report("the proposal's order, not [ours] (SVCR first): %s",
		       "a list-order restore writes SVCR after the vector state, whose write zeroes or hides it");
		return false;
	}
	if (svcr != 0)
		report("note: SVCR is entry %llu of the list, not the first",
		       svcr);
	return true;
}

/*
 * Finalise @vcpu, fill it in SVCR state @svcr at SVL @sme_vq * 128 and
 * save it into @st; whether it held what was written.  The data depend
 * on the flavour and @salt.
 */
static bool fill_and_save(struct smekvm_conf_ctx *t, struct kvm_vcpu *vcpu,
			  unsigned int sme_vq, __u64 svcr, unsigned int salt,
			  struct smekvm_vmm_state *st)
{
	struct smekvm_model_cfg mc;
	__u64 fpmr;
	bool ok;

	t->m.fpmr = !__smekvm_get_reg64(vcpu, SMEKVM_FPMR_ID, &fpmr);
	mc = t->m;
	mc.sme_vq = sme_vq;
	smekvm_vcpu_finalize(vcpu);
	ok = fill_vcpu(vcpu, &mc, svcr, t->f * 8 + salt);
	TEST_ASSERT(!smekvm_vmm_save(vcpu, st), "save: %s",
		    smekvm_vmm_error());
	return ok;
}

/* The vcpu of @t's VM after @t's own (initialised, not finalised). */
static struct kvm_vcpu *second_vcpu(struct smekvm_conf_ctx *t)
{
	return smekvm_vcpu_add(t->vm, t->vcpu_id + 1, &t->cfg, NULL);
}

static void lower_sme_vls(struct kvm_vcpu *vcpu, unsigned int vq)
{
	struct smekvm_vls vls;

	smekvm_get_vls(vcpu, KVM_REG_ARM64_SME_VLS, &vls);
	smekvm_vls_truncate(&vls, vq);
	smekvm_set_vls(vcpu, KVM_REG_ARM64_SME_VLS, &vls);
}

/* Restore @st into @dst as @order says; whether that succeeded. */
static bool restore_into(struct kvm_vcpu *dst,
			 const struct smekvm_vmm_state *st,
			 enum smekvm_vmm_order order)
{
	if (!smekvm_vmm_restore(dst, st, order, true))
		return true;
	report("restore: %s", smekvm_vmm_error());
	return false;
}

/* The round trip of SVCR state t->param in @order. */
static int round_trip(struct smekvm_conf_ctx *t, enum smekvm_vmm_order order)
{
	bool list = order == SMEKVM_VMM_LIST_ORDER, ok = true;
	struct smekvm_vmm_state st;
	struct kvm_vcpu *dst;

	nr_reports = 0;
	if (!fill_and_save(t, t->vcpu, t->m.sme_vq, t->param, t->param,
			   &st)) {
		report("the source vcpu does not hold what was written");
		smekvm_vmm_state_free(&st);
		return KSFT_FAIL;
	}
	if (list && smekvm_profile_has(SMEKVM_RULE_LIST_SVCR_FIRST)) {
		ok = check_svcr_listed_first(&st);
	} else if (list && t->param) {
		smekvm_vmm_state_free(&st);
		return smekvm_conf_skip(t, "%s", PROPOSAL_SKIP);
	}
	dst = second_vcpu(t);
	ok &= restore_into(dst, &st, order);
	ok &= compare_restored(dst, &st);
	smekvm_vmm_state_free(&st);
	return ok ? KSFT_PASS : KSFT_FAIL;
}

static int test_safe_order(struct smekvm_conf_ctx *t)
{
	return round_trip(t, SMEKVM_VMM_SAFE);
}

static int test_list_order(struct smekvm_conf_ctx *t)
{
	return round_trip(t, SMEKVM_VMM_LIST_ORDER);
}

/*
 * Saved with the largest SVL, restored into a vcpu finalised with the
 * smallest: refused, and the vcpu untouched.
 */
static int test_sme_vls_mismatch_refused(struct smekvm_conf_ctx *t)
{
	unsigned int lo = smekvm_vls_min(&t->sme_vls), hi = t->m.sme_vq;
	struct smekvm_check chk = { .prefix = t->name, .max_reports = REPORTS };
	static struct smekvm_model reset;
	struct smekvm_vmm_state st;
	struct smekvm_model_cfg mc;
	struct kvm_vcpu *dst;
	bool ok;
	int err;

	if (lo == hi)
		return smekvm_conf_skip(t, "host offers a single SME VL");
	nr_reports = 0;
	ok = fill_and_save(t, t->vcpu, hi, SMEKVM_SVCR_VALID, 4, &st);
	dst = second_vcpu(t);
	lower_sme_vls(dst, lo);
	smekvm_vcpu_finalize(dst);
	err = smekvm_vmm_restore(dst, &st, SMEKVM_VMM_SAFE, false);
	if (err != EINVAL) {
		report("restore into SVL %u (saved %u): %s, expected EINVAL",
		       lo * 128, hi * 128, smekvm_errno_name(err));
		ok = false;
	} else {
		smekvm_report("refused: %s", smekvm_vmm_error());
	}
	/* Nothing written: still the reset state. */
	mc = t->m;
	mc.sme_vq = lo;
	smekvm_model_init(&reset, &mc);
	smekvm_model_finalize(&reset);
	smekvm_check_vcpu(&chk, dst, &reset, CHECK_STATE,
			  "after the refused restore");
	smekvm_vmm_state_free(&st);
	return ok && !chk.mismatches ? KSFT_PASS : KSFT_FAIL;
}

/*
 * Saved with the smallest SVL, restored into a fresh vcpu: exactly the
 * smallest again.
 */
static int test_sme_vls_lowered_kept(struct smekvm_conf_ctx *t)
{
	unsigned int lo = smekvm_vls_min(&t->sme_vls);
	struct smekvm_vmm_state st;
	struct kvm_vcpu *dst;
	struct smekvm_vls got;
	bool ok;

	if (lo == t->m.sme_vq)
		return smekvm_conf_skip(t, "host offers a single SME VL");
	nr_reports = 0;
	lower_sme_vls(t->vcpu, lo);
	ok = fill_and_save(t, t->vcpu, lo, SMEKVM_SVCR_VALID, 5, &st);
	dst = second_vcpu(t);
	ok &= restore_into(dst, &st, SMEKVM_VMM_SAFE);
	smekvm_get_vls(dst, KVM_REG_ARM64_SME_VLS, &got);
	if (smekvm_vls_max(&got) != lo) {
		report("SME_VLS after the restore has SVL %u, saved %u",
		       smekvm_vls_max(&got) * 128, lo * 128);
		ok = false;
	}
	ok &= compare_restored(dst, &st);
	smekvm_vmm_state_free(&st);
	return ok ? KSFT_PASS : KSFT_FAIL;
}

/* Restoring a vcpu with SME into one without: refused, nothing written. */
static int test_features_mismatch_refused(struct smekvm_conf_ctx *t)
{
	struct smekvm_vcpu_cfg sme = { .sme = true }, sve = { .sve = true };
	const char *why = smekvm_cfg_host_lacks(&sve);
	struct smekvm_vmm_state st;
	struct kvm_vcpu *src, *dst;
	struct kvm_vm *vm;
	int err, fin;

	if (why)
		return smekvm_conf_skip(t, "%s", why);
	nr_reports = 0;
	vm = vm_create(1);
	src = smekvm_vcpu_add(vm, 0, &sme, NULL);
	smekvm_vcpu_finalize(src);
	TEST_ASSERT(!smekvm_vmm_save(src, &st), "save: %s",
		    smekvm_vmm_error());
	kvm_vm_free(vm);

	vm = vm_create(1);
	dst = smekvm_vcpu_add(vm, 0, &sve, NULL);
	err = smekvm_vmm_restore(dst, &st, SMEKVM_VMM_SAFE, false);
	if (err != EINVAL)
		report("restoring an SME vcpu into an SVE-only one: %s, expected EINVAL",
		       smekvm_errno_name(err));
	else
		smekvm_report("refused: %s", smekvm_vmm_error());
	/* Nothing written: the vcpu is not even finalised. */
	fin = !err || err == EINVAL ? __smekvm_vcpu_finalize(dst) : 0;
	if (fin) {
		report("the refused restore finalised the vcpu (%s)",
		       smekvm_errno_name(fin));
		err = 0;
	}
	kvm_vm_free(vm);
	smekvm_vmm_state_free(&st);
	return err == EINVAL && !nr_reports ? KSFT_PASS : KSFT_FAIL;
}

static const unsigned long svcr_states[] = { 0, 1, 2, 3 };

/* Every case makes a second vcpu, the one restored into. */
static const struct smekvm_conf_case cases[] = {
	{ "%s/safe_order", test_safe_order, SMEKVM_FL_SME, 0, svcr_states, 4,
	  smekvm_svcr_names, .extra_vcpus = 1 },
	{ "%s/list_order", test_list_order, SMEKVM_FL_SME, 0, svcr_states, 4,
	  smekvm_svcr_names, .extra_vcpus = 1 },
	{ "sme_vls_mismatch_refused", test_sme_vls_mismatch_refused,
	  SMEKVM_FL_SME, .extra_vcpus = 1 },
	{ "sme_vls_lowered_kept", test_sme_vls_lowered_kept, SMEKVM_FL_SME,
	  .extra_vcpus = 1 },
	{ "features_mismatch_refused", test_features_mismatch_refused, 0,
	  SMEKVM_CASE_NO_FLAVOUR },
};

int main(void)
{
	smekvm_conf_main(cases, ARRAY_SIZE(cases),
			 "sme_migrate: save and restore of vcpus with SME (doc/abi.md: abi-reglist-restore)");
}
