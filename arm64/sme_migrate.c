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
 * the same VM, twice:
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
 * its rerun line reuses it).  Whole-program skip without SME; flavours the
 * host cannot offer skip with the reason.  SMEKVM_CASE=<name> runs one.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
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
#include "sme_probe.h"
#include "sme_profile.h"
#include "sme_settings.h"
#include "sme_vcpu.h"
#include "sme_vmm.h"

static const enum smekvm_flavour flavours[] = {
	SMEKVM_FL_SME_ONLY, SMEKVM_FL_SVE_SME, SMEKVM_FL_SME2_HIDDEN,
	SMEKVM_FL_FA64_HIDDEN,
};

#define NR_FLAVOURS	ARRAY_SIZE(flavours)
/* Vcpus of a flavour's VM: a probe, 3 per SVCR state, 2 per VLS case. */
#define VCPUS_PER_VM	20
#define REPORTS		20
/* The model's classes but the VLS registers (whose offered sets it lacks). */
/* Why a list-order restore is not checked under the proposal profile. */
#define PROPOSAL_SKIP	"profile proposal: SVCR is listed after the vector state, " \
			"so a list-order restore is exact only with SVCR=0"
#define CHECK_STATE	(SMEKVM_CHECK_ALL & \
			 ~(SMEKVM_CHECK_CLASS(SMEKVM_RC_SVE_VLS) | \
			   SMEKVM_CHECK_CLASS(SMEKVM_RC_SME_VLS)))

static struct {
	bool sme2, fa64;
} host;

static unsigned long long seed;
static unsigned int nr_cases;

/* The case being run, for reports. */
static char cur[96];
static unsigned int nr_reports;

#define report(fmt, ...)						\
	do {								\
		if (++nr_reports <= REPORTS)				\
			ksft_print_msg("%s: " fmt "\n", cur,		\
				       ##__VA_ARGS__);			\
	} while (0)

/* A flavour's VM, one fresh vcpu per use. */
struct fvm {
	const struct smekvm_flavour_info *f;
	struct kvm_vm *vm;
	unsigned int next_id;
	struct smekvm_model_cfg mcfg;
	unsigned int salt;	/* of the random data */
};

static struct kvm_vcpu *new_vcpu(struct fvm *v)
{
	TEST_ASSERT(v->next_id < VCPUS_PER_VM, "too many vcpus");
	return smekvm_vcpu_add(v->vm, v->next_id++, &v->f->cfg, NULL);
}

/* xorshift64*: reproducible from SMEKVM_SEED. */
static __u64 rnd_state;

static __u64 rnd(void)
{
	rnd_state ^= rnd_state >> 12;
	rnd_state ^= rnd_state << 25;
	rnd_state ^= rnd_state >> 27;
	return rnd_state * 0x2545f4914f6cdd1dULL;
}

static void rnd_fill(void *buf, size_t len)
{
	__u8 *p = buf;
	size_t i;

	for (i = 0; i < len; i++)
		p[i] = rnd() >> 56;
}

/* Write random data to @id on @vcpu and in @m; setup, so asserted. */
static void fill_reg(struct kvm_vcpu *vcpu, struct smekvm_model *m, __u64 id)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];
	char name[64];
	int err;

	rnd_fill(buf, KVM_REG_SIZE(id));
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
	struct smekvm_check chk = { .prefix = cur, .max_reports = REPORTS };
	__u64 ids[SMEKVM_MODEL_MAX_STATE_REGS];
	unsigned int i, n;
	__u32 fp;

	/* The data depend on the seed and the case, not on what ran before. */
	rnd_state = (seed + salt) * 0x9e3779b97f4a7c15ULL + 1;
	smekvm_model_init(&m, mc);
	smekvm_model_finalize(&m);
	smekvm_set_svcr(vcpu, svcr);
	TEST_ASSERT(!smekvm_model_set(&m, SMEKVM_SVCR, &svcr), "model SVCR");

	n = smekvm_model_state_ids(mc, svcr, ids, ARRAY_SIZE(ids));
	for (i = 0; i < n; i++)
		fill_reg(vcpu, &m, ids[i]);

	/* FPSR and FPCR: random values of their defined bits. */
	fp = rnd() & 0xf800009f;
	smekvm_set_reg(vcpu, SMEKVM_FPSR, &fp);
	TEST_ASSERT(!smekvm_model_set(&m, SMEKVM_FPSR, &fp), "model FPSR");
	fp = rnd() & 0x07f79f00;
	smekvm_set_reg(vcpu, SMEKVM_FPCR, &fp);
	TEST_ASSERT(!smekvm_model_set(&m, SMEKVM_FPCR, &fp), "model FPCR");
	vcpu_set_reg(vcpu, SMEKVM_TPIDR2_EL0, rnd());
	vcpu_set_reg(vcpu, SMEKVM_SMCR_EL1, rnd() & SMCR_ELx_LEN_MASK);

	smekvm_check_vcpu(&chk, vcpu, &m, CHECK_STATE, "after filling");
	return !chk.mismatches;
}

/*
 * Every saved register of @st reads back the same from @vcpu, and @vcpu
 * lists the same registers in the same order.
 */
static bool compare_restored(struct kvm_vcpu *vcpu,
			     const struct smekvm_vmm_state *st)
{
	__u8 got[SMEKVM_REG_MAX_BYTES];
	struct kvm_reg_list *list;
	unsigned int bad = 0;
	char name[64];
	char name2[64];
	__u64 i, j;
	size_t size, k;
	int err;

	for (i = 0; i < st->nr_regs; i++) {
		const __u8 *want = st->data + st->offsets[i];

		size = KVM_REG_SIZE(st->ids[i]);
		if (size > sizeof(got))
			continue;
		/* The counters move on: restoring them sets an offset. */
		if (st->ids[i] == KVM_REG_ARM_TIMER_CNT ||
		    st->ids[i] == KVM_REG_ARM_PTIMER_CNT)
			continue;
		smekvm_reg_name(st->ids[i], name, sizeof(name));
		err = __smekvm_get_reg(vcpu, st->ids[i], got);
		if (err) {
			report("%s: reading it back: %s", name,
			       smekvm_errno_name(err));
			bad++;
			continue;
		}
		if (!memcmp(got, want, size))
			continue;
		for (k = 0; got[k] == want[k]; k++)
			;
		report("%s differs from the saved value%s (byte %zu: 0x%02x, saved 0x%02x)",
		       name, smekvm_is_zero(got, size) ? ": reads as zero" : "",
		       k, got[k], want[k]);
		bad++;
	}

	list = vcpu_get_reg_list(vcpu);
	if (list->n != st->nr_regs) {
		report("the new vcpu lists %llu registers, the saved one %llu",
		       list->n, st->nr_regs);
		bad++;
	}
	for (j = 0; j < list->n && j < st->nr_regs; j++) {
		if (list->reg[j] == st->ids[j])
			continue;
		report("register list entry %llu: %s, saved %s", j,
		       smekvm_reg_name(list->reg[j], name, sizeof(name)),
		       smekvm_reg_name(st->ids[j], name2, sizeof(name2)));
		bad++;
		break;
	}
	free(list);
	if (bad)
		ksft_print_msg("%s: %u differences after the restore\n", cur,
			       bad);
	return !bad;
}

/* Where SVCR is listed relative to the first vector or matrix register. */
static bool check_svcr_listed_first(const struct smekvm_vmm_state *st)
{
	__u64 i, svcr = st->nr_regs, vec = st->nr_regs;
	char name[64];

	for (i = 0; i < st->nr_regs; i++) {
		enum smekvm_reg_class rc = smekvm_model_reg_class(st->ids[i],
								  NULL);

		if (st->ids[i] == SMEKVM_SVCR && svcr == st->nr_regs)
			svcr = i;
		if (vec == st->nr_regs &&
		    (rc == SMEKVM_RC_V || rc == SMEKVM_RC_Z ||
		     rc == SMEKVM_RC_P || rc == SMEKVM_RC_FFR ||
		     rc == SMEKVM_RC_ZA || rc == SMEKVM_RC_ZT0))
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

static const char *svcr_tag(__u64 svcr)
{
	static const char * const s[] = { "sm0za0", "sm1za0", "sm0za1",
					  "sm1za1" };

	return s[svcr & 3];
}

static bool select_case(const struct smekvm_flavour_info *f, const char *what)
{
	snprintf(cur, sizeof(cur), "%s/%s", f->name, what);
	nr_reports = 0;
	return smekvm_case_selected(cur);
}

static void result(int code, const char *why)
{
	nr_cases++;
	if (code == KSFT_SKIP)
		ksft_test_result_code(KSFT_SKIP, cur, "%s", why);
	else
		ksft_test_result(code == KSFT_PASS, "%s\n", cur);
}

/* The two round trips of one SVCR state. */
static void run_state(struct fvm *v, __u64 svcr)
{
	enum smekvm_vmm_order order;
	struct smekvm_vmm_state st;
	struct kvm_vcpu *src = NULL, *dst;
	char what[48];
	bool ok, filled = false;
	int err;

	for (order = SMEKVM_VMM_SAFE; order <= SMEKVM_VMM_LIST_ORDER; order++) {
		bool list = order == SMEKVM_VMM_LIST_ORDER;

		snprintf(what, sizeof(what), "%s/%s", svcr_tag(svcr),
			 list ? "list_order" : "safe_order");
		if (!select_case(v->f, what))
			continue;
		if (!src) {
			src = new_vcpu(v);
			smekvm_vcpu_finalize(src);
			filled = fill_vcpu(src, &v->mcfg, svcr, v->salt + svcr);
			err = smekvm_vmm_save(src, &st);
			TEST_ASSERT(!err, "save: %s", smekvm_vmm_error());
		}
		if (!filled) {
			report("the source vcpu does not hold what was written");
			result(KSFT_FAIL, NULL);
			continue;
		}

		ok = true;
		if (list && smekvm_profile_has(SMEKVM_RULE_LIST_SVCR_FIRST)) {
			ok = check_svcr_listed_first(&st);
		} else if (list && svcr) {
			result(KSFT_SKIP, PROPOSAL_SKIP);
			continue;
		}

		dst = new_vcpu(v);
		err = smekvm_vmm_restore(dst, &st, order, true);
		if (err) {
			report("restore: %s", smekvm_vmm_error());
			ok = false;
		}
		ok &= compare_restored(dst, &st);
		result(ok ? KSFT_PASS : KSFT_FAIL, NULL);
	}
	if (src)
		smekvm_vmm_state_free(&st);
}

/* A vcpu with SME_VLS lowered to @vq (not finalised). */
static struct kvm_vcpu *vcpu_with_sme_vq(struct fvm *v, unsigned int vq)
{
	struct kvm_vcpu *vcpu = new_vcpu(v);
	struct smekvm_vls vls;

	smekvm_get_vls(vcpu, KVM_REG_ARM64_SME_VLS, &vls);
	smekvm_vls_truncate(&vls, vq);
	smekvm_set_vls(vcpu, KVM_REG_ARM64_SME_VLS, &vls);
	return vcpu;
}

/*
 * Saved with the largest SVL, restored into a vcpu finalised with the
 * smallest: refused, and the vcpu untouched.  Saved with the smallest,
 * restored into a fresh vcpu: exactly the smallest again.
 */
static void run_vls_cases(struct fvm *v, const struct smekvm_vls *offered)
{
	unsigned int lo = smekvm_vls_min(offered), hi = smekvm_vls_max(offered);
	struct smekvm_model_cfg mc = v->mcfg;
	struct smekvm_vmm_state st;
	struct kvm_vcpu *src, *dst;
	struct smekvm_vls got;
	static struct smekvm_model reset;
	struct smekvm_check chk = { .prefix = cur, .max_reports = REPORTS };
	bool ok;
	int err;

	if (select_case(v->f, "sme_vls_mismatch_refused")) {
		if (lo == hi) {
			result(KSFT_SKIP, "host offers a single SME VL");
		} else {
			src = new_vcpu(v);
			smekvm_vcpu_finalize(src);
			ok = fill_vcpu(src, &v->mcfg, SMEKVM_SVCR_VALID, v->salt + 4);
			TEST_ASSERT(!smekvm_vmm_save(src, &st), "save: %s",
				    smekvm_vmm_error());
			dst = vcpu_with_sme_vq(v, lo);
			smekvm_vcpu_finalize(dst);
			err = smekvm_vmm_restore(dst, &st, SMEKVM_VMM_SAFE,
						 false);
			if (err != EINVAL) {
				report("restore into SVL %u (saved %u): %s, expected EINVAL",
				       lo * 128, hi * 128,
				       smekvm_errno_name(err));
				ok = false;
			} else {
				ksft_print_msg("%s: refused: %s\n", cur,
					       smekvm_vmm_error());
			}
			/* Nothing written: still the reset state. */
			mc.sme_vq = lo;
			smekvm_model_init(&reset, &mc);
			smekvm_model_finalize(&reset);
			smekvm_check_vcpu(&chk, dst, &reset, CHECK_STATE,
					  "after the refused restore");
			ok &= !chk.mismatches;
			smekvm_vmm_state_free(&st);
			result(ok ? KSFT_PASS : KSFT_FAIL, NULL);
		}
	}

	if (select_case(v->f, "sme_vls_lowered_kept")) {
		if (lo == hi) {
			result(KSFT_SKIP, "host offers a single SME VL");
			return;
		}
		src = vcpu_with_sme_vq(v, lo);
		smekvm_vcpu_finalize(src);
		mc.sme_vq = lo;
		ok = fill_vcpu(src, &mc, SMEKVM_SVCR_VALID, v->salt + 5);
		TEST_ASSERT(!smekvm_vmm_save(src, &st), "save: %s",
			    smekvm_vmm_error());
		dst = new_vcpu(v);
		err = smekvm_vmm_restore(dst, &st, SMEKVM_VMM_SAFE, true);
		if (err) {
			report("restore: %s", smekvm_vmm_error());
			ok = false;
		}
		smekvm_get_vls(dst, KVM_REG_ARM64_SME_VLS, &got);
		if (smekvm_vls_max(&got) != lo) {
			report("SME_VLS after the restore has SVL %u, saved %u",
			       smekvm_vls_max(&got) * 128, lo * 128);
			ok = false;
		}
		ok &= compare_restored(dst, &st);
		smekvm_vmm_state_free(&st);
		result(ok ? KSFT_PASS : KSFT_FAIL, NULL);
	}
}

static const char * const vls_cases[] = {
	"sme_vls_mismatch_refused", "sme_vls_lowered_kept",
};

/* Plan: the selected cases of @f; skipped with @why when not NULL. */
static unsigned int flavour_plan(const struct smekvm_flavour_info *f,
				 const char *why)
{
	unsigned int n = 0, s, i;
	char what[48];

	for (s = 0; s < 4; s++) {
		for (i = 0; i < 2; i++) {
			snprintf(what, sizeof(what), "%s/%s", svcr_tag(s),
				 i ? "list_order" : "safe_order");
			if (!select_case(f, what))
				continue;
			n++;
			if (why)
				result(KSFT_SKIP, why);
		}
	}
	for (i = 0; i < ARRAY_SIZE(vls_cases); i++) {
		if (!select_case(f, vls_cases[i]))
			continue;
		n++;
		if (why)
			result(KSFT_SKIP, why);
	}
	return n;
}

static void run_flavour(unsigned int id)
{
	const struct smekvm_flavour_info *f = smekvm_flavour(flavours[id]);
	const char *why = smekvm_cfg_host_lacks(&f->cfg);
	struct fvm v = { .f = f, .salt = id * 8 };
	struct smekvm_vmm_vls vls;
	struct kvm_vcpu *probe;
	__u64 fpmr, s;

	if (why || !flavour_plan(f, NULL)) {
		if (why)
			flavour_plan(f, why);
		return;
	}

	v.vm = vm_create(VCPUS_PER_VM);
	probe = new_vcpu(&v);
	TEST_ASSERT(!smekvm_vmm_discover_vls(probe, &vls), "%s",
		    smekvm_vmm_error());
	v.mcfg.sve = f->cfg.sve;
	v.mcfg.sme = true;
	v.mcfg.sme2 = host.sme2 && !f->cfg.hide_sme2;
	v.mcfg.fa64 = host.fa64 && !f->cfg.hide_fa64;
	v.mcfg.sve_vq = smekvm_vls_max(&vls.sve);
	v.mcfg.sme_vq = smekvm_vls_max(&vls.sme);
	v.mcfg.fpmr = !__smekvm_get_reg64(probe, SMEKVM_FPMR_ID, &fpmr);

	for (s = 0; s < 4; s++)
		run_state(&v, s);
	run_vls_cases(&v, &vls.sme);
	kvm_vm_free(v.vm);
}

/* Restoring a vcpu with SME into one without: refused, nothing written. */
static void run_features_mismatch(void)
{
	struct smekvm_vcpu_cfg sme = { .sme = true }, sve = { .sve = true };
	struct smekvm_vmm_state st;
	struct kvm_vcpu *src, *dst;
	struct kvm_vm *vm;
	const char *why;
	int err;

	snprintf(cur, sizeof(cur), "features_mismatch_refused");
	nr_reports = 0;
	if (!smekvm_case_selected(cur))
		return;
	why = smekvm_cfg_host_lacks(&sve);
	if (why) {
		result(KSFT_SKIP, why);
		return;
	}
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
		ksft_print_msg("%s: refused: %s\n", cur, smekvm_vmm_error());
	/* Nothing written: the vcpu is not even finalised. */
	if (!err || err == EINVAL) {
		int fin = __smekvm_vcpu_finalize(dst);

		if (fin) {
			report("the refused restore finalised the vcpu (%s)",
			       smekvm_errno_name(fin));
			err = 0;
		}
	}
	kvm_vm_free(vm);
	smekvm_vmm_state_free(&st);
	result(err == EINVAL && !nr_reports ? KSFT_PASS : KSFT_FAIL, NULL);
}

int main(void)
{
	unsigned int f, plan = 0;
	struct timespec t0, t1;

	smekvm_skip_unless_kvm_sme();
	host.sme2 = getauxval(AT_HWCAP2) & HWCAP2_SME2;
	host.fa64 = getauxval(AT_HWCAP2) & HWCAP2_SME_FA64;

	for (f = 0; f < NR_FLAVOURS; f++)
		plan += flavour_plan(smekvm_flavour(flavours[f]), NULL);
	snprintf(cur, sizeof(cur), "features_mismatch_refused");
	plan += smekvm_case_selected(cur);
	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());

	ksft_print_header();
	smekvm_profile_print();
	seed = smekvm_seed();
	ksft_set_plan(plan);

	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (f = 0; f < NR_FLAVOURS; f++)
		run_flavour(f);
	run_features_mismatch();
	clock_gettime(CLOCK_MONOTONIC, &t1);
	ksft_print_msg("%u cases, %.1f s\n", nr_cases,
		       (t1.tv_sec - t0.tv_sec) +
		       (t1.tv_nsec - t0.tv_nsec) / 1e9);

	if (!ksft_get_pass_cnt() && !ksft_get_fail_cnt()) {
		ksft_print_cnts();
		exit(KSFT_SKIP);
	}
	ksft_finished();
}
