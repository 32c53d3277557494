// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_get_reg_list - KVM_GET_REG_LIST of every combination of vcpu features.
 *
 * The register list is what every VMM saves, restores and migrates, so it
 * must be exactly right for every vcpu configuration, not only for the few
 * someone wrote down.  This program generates every valid combination of
 *
 *   vcpu features   PMU, SVE, SME, pointer authentication (both bits),
 *                   EL2, EL2 with E2H0;
 *   ID lowerings    SME2 hidden (ID_AA64PFR1_EL1.SME 2 -> 1), FA64 hidden
 *                   (ID_AA64SMFR0_EL1.FA64 -> 0), for vcpus with SME;
 *   SVCR states     SM and ZA (0/1 each), for vcpus with SME,
 *
 * derives each one's expected list from data (the sublists of
 * lib/reg_sublists.c, one per feature, some registers gated by ID fields)
 * and from the reference model of the vector and matrix registers
 * (lib/sme_model.h), and checks, per combination:
 *
 *  - the kernel lists exactly the expected registers (each missing and
 *    each unexpected one is named, with its sublist);
 *  - in the order of abi-reglist-svcr-first and abi-reglist-order: SVCR
 *    first (SME), core registers, the SVE block, the SME block, firmware,
 *    then the system registers in the kernel's sorted order;
 *  - every listed register reads, and takes back the value it read (and
 *    then reads that value again, unless it changes by itself: counters);
 *  - the registers that must refuse writes after finalisation (SVE_VLS,
 *    SME_VLS) do so with EPERM.
 *
 * One KTAP case per combination, named from its features
 * (el1+sve+sme+pmu+fa64_hidden+za); combinations the host or kernel cannot
 * offer skip with the reason (no EL2 outside kvm-arm.mode=nested, nested
 * SME refused with EINVAL, features the CPU lacks, a kernel without SME);
 * invalid ones (E2H0 without EL2, one pointer authentication bit) are not
 * generated.  Every one of upstream's 18 get-reg-list configurations is
 * one of these combinations (printed at the start).
 *
 * Vcpus of a VM must share their features, so each feature set gets a VM;
 * the ID lowerings of a feature set are VM-wide writes made on fresh vcpus
 * of that VM, and the SVCR states are ONE_REG writes to SVCR.
 *
 * Options:
 *   --list[=<case>]   print register data from the running kernel instead
 *                     of testing: with a case, its whole list; without,
 *                     every register that does not match the data, as
 *                     lines to paste into lib/reg_sublists.c;
 *   --inject=<sublist>  self-test: add the made-up register MADE_UP_EL1 to
 *                     one sublist; a case passes when it fails exactly if
 *                     the sublist applies to it, naming that register.
 * Without options, a last case, selftest_inject_pmu, checks that detection
 * works: every clean case is derived again with MADE_UP_EL1 added to the
 * pmu sublist, and must then fail, naming it, exactly when it has a PMU.
 * SMEKVM_CASE=<case> runs one case.  doc/get-reg-list.md has more.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "case_filter.h"
#include "reg_combo.h"
#include "reg_sublists.h"
#include "sme_names.h"
#include "sme_probe.h"
#include "sme_uapi.h"
#include "sme_vcpu.h"

enum mode { MODE_TEST, MODE_LIST, MODE_INJECT };

static enum mode mode;
static const char *list_case;	/* --list=<case> */

/* What the host and kernel offer; NULL reason when they offer it. */
static struct {
	const char *no_pmu, *no_sve, *no_sme, *no_pauth, *no_el2, *no_e2h0;
} host;

static struct {
	unsigned int generated, run, skipped, passed, failed;
} count;

/* The built-in self-test: MADE_UP_EL1 injected into this sublist. */
#define SELFTEST_SUBLIST	"pmu"
#define SELFTEST_CASE		"selftest_inject_" SELFTEST_SUBLIST

static struct {
	unsigned int fail, pass, wrong;
} selftest;

/* Upstream's 18 configurations (tools/.../kvm/arm64/get-reg-list.c). */
static const struct {
	const char *name;
	unsigned int f;
} upstream[] = {
	{ "vregs", 0 },
	{ "vregs+pmu", GRL_F_PMU },
	{ "sve", GRL_F_SVE },
	{ "sve+pmu", GRL_F_SVE | GRL_F_PMU },
	{ "vregs+pauth_address+pauth_generic", GRL_F_PAUTH },
	{ "vregs+pauth_address+pauth_generic+pmu", GRL_F_PAUTH | GRL_F_PMU },
	{ "EL2+vregs", GRL_F_EL2 },
	{ "EL2+vregs+pmu", GRL_F_EL2 | GRL_F_PMU },
	{ "EL2+sve", GRL_F_EL2 | GRL_F_SVE },
	{ "EL2+sve+pmu", GRL_F_EL2 | GRL_F_SVE | GRL_F_PMU },
	{ "EL2+vregs+pauth_address+pauth_generic", GRL_F_EL2 | GRL_F_PAUTH },
	{ "EL2+vregs+pauth_address+pauth_generic+pmu",
	  GRL_F_EL2 | GRL_F_PAUTH | GRL_F_PMU },
	{ "EL2+EL2 E2H0+vregs", GRL_F_EL2 | GRL_F_E2H0 },
	{ "EL2+EL2 E2H0+vregs+pmu", GRL_F_EL2 | GRL_F_E2H0 | GRL_F_PMU },
	{ "EL2+EL2 E2H0+sve", GRL_F_EL2 | GRL_F_E2H0 | GRL_F_SVE },
	{ "EL2+EL2 E2H0+sve+pmu",
	  GRL_F_EL2 | GRL_F_E2H0 | GRL_F_SVE | GRL_F_PMU },
	{ "EL2+EL2 E2H0+vregs+pauth_address+pauth_generic",
	  GRL_F_EL2 | GRL_F_E2H0 | GRL_F_PAUTH },
	{ "EL2+EL2 E2H0+vregs+pauth_address+pauth_generic+pmu",
	  GRL_F_EL2 | GRL_F_E2H0 | GRL_F_PAUTH | GRL_F_PMU },
};

static unsigned int *combos;
static size_t nr_combos;

static __u32 vcpu_features(unsigned int f)
{
	__u32 features = 0;

	if (f & GRL_F_PMU)
		features |= 1U << KVM_ARM_VCPU_PMU_V3;
	if (f & GRL_F_SVE)
		features |= 1U << KVM_ARM_VCPU_SVE;
	if (f & GRL_F_SME)
		features |= 1U << KVM_ARM_VCPU_SME;
	if (f & GRL_F_PAUTH)
		features |= (1U << KVM_ARM_VCPU_PTRAUTH_ADDRESS) |
			    (1U << KVM_ARM_VCPU_PTRAUTH_GENERIC);
	if (f & GRL_F_EL2)
		features |= 1U << KVM_ARM_VCPU_HAS_EL2;
	if (f & GRL_F_E2H0)
		features |= 1U << KVM_ARM_VCPU_HAS_EL2_E2H0;
	return features;
}

static bool selected(unsigned int f)
{
	char name[128];

	grl_combo_name(f, name);
	if (mode == MODE_LIST && list_case)
		return !strcmp(name, list_case);
	return smekvm_case_selected(name);
}

static void report(unsigned int f, int result, const char *why)
{
	char name[128];

	grl_combo_name(f, name);
	if (mode == MODE_LIST) {
		if (result == KSFT_SKIP)
			printf("/* %s: skipped: %s */\n", name, why);
		count.skipped += result == KSFT_SKIP;
		count.run += result != KSFT_SKIP;
		return;
	}
	switch (result) {
	case KSFT_SKIP:
		count.skipped++;
		ksft_test_result_code(KSFT_SKIP, name, "%s", why);
		break;
	case KSFT_PASS:
		count.run++;
		count.passed++;
		ksft_test_result_pass("%s\n", name);
		break;
	default:
		count.run++;
		count.failed++;
		ksft_test_result_fail("%s\n", name);
	}
}

/* Why the host or kernel cannot offer the vcpu features of @f, or NULL. */
static const char *unsupported(unsigned int f)
{
	if ((f & GRL_F_EL2) && host.no_el2)
		return host.no_el2;
	if ((f & GRL_F_E2H0) && host.no_e2h0)
		return host.no_e2h0;
	if ((f & GRL_F_SME) && host.no_sme)
		return host.no_sme;
	if ((f & GRL_F_SVE) && host.no_sve)
		return host.no_sve;
	if ((f & GRL_F_PAUTH) && host.no_pauth)
		return host.no_pauth;
	if ((f & GRL_F_PMU) && host.no_pmu)
		return host.no_pmu;
	return NULL;
}

static void probe_host(void)
{
	const char *step;
	int kvm_fd, ret;

	if (!kvm_has_cap(KVM_CAP_ARM_PMU_V3))
		host.no_pmu = "KVM_CAP_ARM_PMU_V3 absent";
	if (!kvm_has_cap(KVM_CAP_ARM_SVE))
		host.no_sve = "KVM_CAP_ARM_SVE absent (host without SVE)";
	if (!kvm_has_cap(KVM_CAP_ARM_PTRAUTH_ADDRESS) ||
	    !kvm_has_cap(KVM_CAP_ARM_PTRAUTH_GENERIC))
		host.no_pauth = "KVM_CAP_ARM_PTRAUTH_ADDRESS/GENERIC absent";
	if (!kvm_has_cap(KVM_CAP_ARM_EL2))
		host.no_el2 = "KVM_CAP_ARM_EL2 absent (host not in kvm-arm.mode=nested)";
	if (!kvm_has_cap(KVM_CAP_ARM_EL2_E2H0))
		host.no_e2h0 = "KVM_CAP_ARM_EL2_E2H0 absent";

	kvm_fd = open_kvm_dev_path_or_exit();
	ret = smekvm_probe_vcpu_init(kvm_fd, 1U << KVM_ARM_VCPU_SME, &step);
	close(kvm_fd);
	if (ret == -ENOENT && !strcmp(step, "KVM_ARM_VCPU_INIT"))
		host.no_sme = "kernel does not know KVM_ARM_VCPU_SME (INIT with bit 9: ENOENT)";
	else if (ret == -EINVAL && !strcmp(step, "KVM_ARM_VCPU_INIT"))
		host.no_sme = "host cannot offer SME (KVM_ARM_VCPU_INIT with bit 9: EINVAL)";
	else
		TEST_ASSERT(!ret, "%s of a probe vcpu with SME: %s", step,
			    strerror(-ret));
}

static int read_id(void *ctx, __u64 id, __u64 *val)
{
	return __smekvm_get_reg64(ctx, id, val);
}

/* Read every listed register and write back what it read. */
static bool check_values(const char *name, struct kvm_vcpu *vcpu,
			 const __u64 *list, size_t n,
			 const struct grl_expected *exp, size_t nr_exp)
{
	__u8 val[SMEKVM_REG_MAX_BYTES], again[SMEKVM_REG_MAX_BYTES];
	const struct grl_reg *r;
	bool ok = true;
	char buf[64];
	size_t i, j;
	int err;

	for (i = 0; i < n; i++) {
		__u64 id = list[i];
		size_t size = KVM_REG_SIZE(id);

		if (!grl_compared(id))
			continue;
		r = NULL;
		for (j = 0; j < nr_exp; j++)
			if (exp[j].id == id)
				r = exp[j].reg;
		smekvm_reg_name(id, buf, sizeof(buf));
		if (size > sizeof(val)) {
			ksft_print_msg("%s: %s has size %zu\n", name, buf,
				       size);
			ok = false;
			continue;
		}
		err = __smekvm_get_reg(vcpu, id, val);
		if (err) {
			ksft_print_msg("%s: reading %s: %s\n", name, buf,
				       strerror(err));
			ok = false;
			continue;
		}
		err = __smekvm_set_reg(vcpu, id, val);
		if (r && (r->flags & GRL_REJECTS_SET)) {
			if (err != EPERM) {
				ksft_print_msg("%s: writing %s after finalise: %s, not EPERM\n",
					       name, buf,
					       err ? strerror(err) : "accepted");
				ok = false;
			}
			continue;
		}
		if (err) {
			ksft_print_msg("%s: writing back %s: %s\n", name, buf,
				       strerror(err));
			ok = false;
			continue;
		}
		if (r && (r->flags & GRL_VOLATILE))
			continue;
		err = __smekvm_get_reg(vcpu, id, again);
		if (err || memcmp(val, again, size)) {
			ksft_print_msg("%s: %s changed when written back (%s)\n",
				       name, buf,
				       err ? strerror(err) : "other value");
			ok = false;
		}
	}
	return ok;
}

/* --list: print @list against the data. */
static void list_case_data(const char *name, const __u64 *list, size_t n,
			   const struct grl_expected *exp, size_t nr_exp)
{
	const struct grl_expected *e;
	char buf[64];
	bool found;
	size_t i, j;

	printf("/* %s: %zu registers */\n", name, n);
	for (i = 0; i < n; i++) {
		for (e = NULL, j = 0; j < nr_exp; j++)
			if (exp[j].id == list[i])
				e = &exp[j];
		if (list_case && e && !e->reg)	/* Z, P, ZA...: not data */
			printf("\t/* %s: from sme_model.h (%s) */\n",
			       smekvm_reg_name(list[i], buf, sizeof(buf)),
			       e->sublist);
		else if (list_case)
			grl_print_data_line(list[i], "");
		else if (!e && grl_compared(list[i]))
			grl_print_data_line(list[i], " new");
	}
	for (i = 0; i < nr_exp; i++) {
		for (found = false, j = 0; j < n; j++)
			found |= exp[i].id == list[j];
		if (!found)
			printf("\t/* missing: %s of sublist %s */\n",
			       exp[i].reg ? exp[i].reg->name :
			       smekvm_reg_name(exp[i].id, buf, sizeof(buf)),
			       exp[i].sublist);
	}
}

/*
 * Whether @d, the comparison of combination @f with MADE_UP_EL1 injected
 * into a sublist, is what the injection predicts: a failure naming that
 * register (and nothing else) exactly when the sublist applies to @f.
 */
static bool inject_as_predicted(unsigned int f, const struct kvm_reg_list *rl,
				const struct grl_diff *d)
{
	bool applies = grl_sublist_applies(grl_injected(), f);
	bool named = d->missing == 1 &&
		     !smekvm_reg_list_has(rl, grl_made_up.id);

	return !d->unexpected && !d->duplicates && d->order_at < 0 &&
	       (applies ? named : !d->missing);
}

/*
 * The built-in self-test of a clean case: inject MADE_UP_EL1 into
 * SELFTEST_SUBLIST, derive and compare again (quietly), and count whether
 * the verdict is the predicted one.
 */
static void selftest_combo(unsigned int f, struct kvm_vcpu *vcpu,
			   const struct smekvm_model_cfg *model,
			   const struct kvm_reg_list *rl)
{
	struct grl_expected *exp;
	struct grl_diff d;
	char name[128];
	size_t nr_exp;

	grl_inject(SELFTEST_SUBLIST);
	exp = grl_expect(f, model, read_id, vcpu, &nr_exp);
	grl_compare(NULL, (const __u64 *)rl->reg, rl->n, exp, nr_exp, &d);
	if (inject_as_predicted(f, rl, &d)) {
		selftest.fail += grl_sublist_applies(grl_injected(), f);
		selftest.pass += !grl_sublist_applies(grl_injected(), f);
	} else {
		selftest.wrong++;
		ksft_print_msg("%s: with %s in %s: %zu missing, %zu unexpected: not as predicted\n",
			       grl_combo_name(f, name), grl_made_up.name,
			       SELFTEST_SUBLIST, d.missing, d.unexpected);
	}
	grl_inject(NULL);
	free(exp);
}

/* Check (or list) combination @f on @vcpu, whose SVCR state is set. */
static int check_combo(unsigned int f, struct kvm_vcpu *vcpu,
		       const struct smekvm_model_cfg *model)
{
	struct grl_expected *exp;
	struct kvm_reg_list *rl;
	struct grl_diff d;
	char name[128];
	size_t nr_exp;
	bool ok;

	grl_combo_name(f, name);
	rl = vcpu_get_reg_list(vcpu);
	exp = grl_expect(f, model, read_id, vcpu, &nr_exp);

	if (mode == MODE_LIST) {
		list_case_data(name, (const __u64 *)rl->reg, rl->n, exp,
			       nr_exp);
		free(exp);
		free(rl);
		return KSFT_PASS;
	}

	grl_compare(name, (const __u64 *)rl->reg, rl->n, exp, nr_exp, &d);

	if (mode == MODE_INJECT) {
		ok = inject_as_predicted(f, rl, &d);
		ksft_print_msg("%s: %s with %s in %s: %s\n", name,
			       grl_sublist_applies(grl_injected(), f) ?
			       "fails" : "passes", grl_made_up.name,
			       grl_injected()->name,
			       ok ? "as predicted" : "NOT as predicted");
	} else {
		ok = !d.missing && !d.unexpected && !d.duplicates &&
		     d.order_at < 0;
		if (ok)
			selftest_combo(f, vcpu, model, rl);
		ok &= check_values(name, vcpu, (const __u64 *)rl->reg, rl->n,
				   exp, nr_exp);
	}
	free(exp);
	free(rl);
	return ok ? KSFT_PASS : KSFT_FAIL;
}

/* The value of the 4-bit ID field @mask of @id on @vcpu. */
static unsigned int id_field(struct kvm_vcpu *vcpu, __u64 id, __u64 mask)
{
	__u64 val;
	int err = __smekvm_get_reg64(vcpu, id, &val);

	TEST_ASSERT(!err, "reading ID register 0x%llx: %s", id, strerror(err));
	return (val & mask) >> (__builtin_ffsll(mask) - 1);
}

struct host_id {
	bool valid;
	unsigned int pfr1_sme, fa64;
};

/*
 * Set the VM-wide ID fields of lowering @f on @vcpu (restoring what an
 * earlier lowering of the same VM changed).  Returns a skip reason, or
 * NULL; asserts on a refused write.
 */
static const char *apply_lowering(struct kvm_vcpu *vcpu, unsigned int f,
				  struct host_id *h)
{
	unsigned int sme, fa64;
	int err;

	if (!(f & GRL_F_SME))
		return NULL;
	if (!h->valid) {
		h->pfr1_sme = id_field(vcpu, SMEKVM_ID_AA64PFR1_EL1,
				       ID_AA64PFR1_EL1_SME_MASK);
		h->fa64 = id_field(vcpu, SMEKVM_ID_AA64SMFR0_EL1,
				   ID_AA64SMFR0_EL1_FA64_MASK);
		h->valid = true;
	}
	if ((f & GRL_F_SME2_HIDDEN) && h->pfr1_sme < 2)
		return "host has no SME2 (ID_AA64PFR1_EL1.SME < 2): nothing to hide";
	if ((f & GRL_F_FA64_HIDDEN) && !h->fa64)
		return "host has no FA64: nothing to hide";

	sme = (f & GRL_F_SME2_HIDDEN) ? 1 : h->pfr1_sme;
	fa64 = (f & GRL_F_FA64_HIDDEN) ? 0 : h->fa64;
	err = __smekvm_set_id_field(vcpu, SMEKVM_ID_AA64PFR1_EL1,
				    ID_AA64PFR1_EL1_SME_MASK, sme);
	TEST_ASSERT(!err, "ID_AA64PFR1_EL1.SME = %u: %s", sme, strerror(err));
	err = __smekvm_set_id_field(vcpu, SMEKVM_ID_AA64SMFR0_EL1,
				    ID_AA64SMFR0_EL1_FA64_MASK, fa64);
	TEST_ASSERT(!err, "ID_AA64SMFR0_EL1.FA64 = %u: %s", fa64,
		    strerror(err));
	return NULL;
}

/* Why INIT with the features of @f failed with @err, as a skip reason. */
static const char *init_skip_reason(unsigned int f, int err)
{
	if ((f & GRL_F_SME) && (f & GRL_F_EL2) && err == EINVAL)
		return "nested SME not offered (KVM_ARM_VCPU_INIT with SME and HAS_EL2: EINVAL)";
	return NULL;
}

/* The combinations idx[0..n) of one lowering, in SVCR state order. */
static void run_lowering(struct kvm_vm *vm, unsigned int *vcpu_id,
			 const unsigned int *fs, size_t n, struct host_id *h,
			 const char **group_skip)
{
	unsigned int f = fs[0];
	struct smekvm_model_cfg model = {
		.sve = f & GRL_F_SVE, .sme = f & GRL_F_SME,
	};
	struct smekvm_vls vls;
	struct kvm_vcpu *vcpu;
	const char *why;
	char name[128];
	size_t i;
	int err;

	if (*group_skip) {
		for (i = 0; i < n; i++)
			report(fs[i], KSFT_SKIP, *group_skip);
		return;
	}

	vcpu = __vm_vcpu_add(vm, (*vcpu_id)++);
	err = __smekvm_vcpu_init(vcpu, vcpu_features(f));
	if (err) {
		why = init_skip_reason(f, err);
		if (why) {
			*group_skip = why;
			for (i = 0; i < n; i++)
				report(fs[i], KSFT_SKIP, why);
			return;
		}
		for (i = 0; i < n; i++) {
			ksft_print_msg("%s: KVM_ARM_VCPU_INIT (features 0x%x): %s\n",
				       grl_combo_name(fs[i], name),
				       vcpu_features(f), strerror(err));
			report(fs[i], KSFT_FAIL, NULL);
		}
		return;
	}

	why = apply_lowering(vcpu, f, h);
	if (why) {
		for (i = 0; i < n; i++)
			report(fs[i], KSFT_SKIP, why);
		return;
	}

	if (model.sve) {
		smekvm_get_vls(vcpu, KVM_REG_ARM64_SVE_VLS, &vls);
		model.sve_vq = smekvm_vls_max(&vls);
	}
	if (model.sme) {
		smekvm_get_vls(vcpu, KVM_REG_ARM64_SME_VLS, &vls);
		model.sme_vq = smekvm_vls_max(&vls);
		model.sme2 = id_field(vcpu, SMEKVM_ID_AA64PFR1_EL1,
				      ID_AA64PFR1_EL1_SME_MASK) >= 2;
		model.fa64 = id_field(vcpu, SMEKVM_ID_AA64SMFR0_EL1,
				      ID_AA64SMFR0_EL1_FA64_MASK);
	}
	if (model.sve || model.sme)
		smekvm_vcpu_finalize(vcpu);

	for (i = 0; i < n; i++) {
		f = fs[i];
		if (model.sme) {
			__u64 svcr = ((f & GRL_F_SM) ? SMEKVM_SVCR_SM : 0) |
				     ((f & GRL_F_ZA) ? SMEKVM_SVCR_ZA : 0);

			err = __smekvm_set_reg64(vcpu, SMEKVM_SVCR, svcr);
			if (err) {
				ksft_print_msg("%s: writing SVCR 0x%llx: %s\n",
					       grl_combo_name(f, name),
					       (unsigned long long)svcr,
					       strerror(err));
				report(f, KSFT_FAIL, NULL);
				continue;
			}
		}
		report(f, check_combo(f, vcpu, &model), NULL);
	}
}

/* All selected combinations with the vcpu features of @fs[0]. */
static void run_group(const unsigned int *fs, size_t n)
{
	struct timespec t0, t1;
	char name[128];
	double secs;
	const char *why = unsupported(fs[0]);
	const char *group_skip = NULL;
	struct host_id h = {};
	unsigned int vcpu_id = 0;
	struct kvm_vm *vm;
	size_t i, j;

	if (why) {
		for (i = 0; i < n; i++)
			report(fs[i], KSFT_SKIP, why);
		return;
	}

	clock_gettime(CLOCK_MONOTONIC, &t0);
	vm = vm_create_barebones();
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && !((fs[i] ^ fs[j]) & GRL_F_LOWER); j++)
			;
		run_lowering(vm, &vcpu_id, fs + i, j - i, &h, &group_skip);
	}
	kvm_vm_free(vm);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	secs = (t1.tv_sec - t0.tv_sec) + (t1.tv_nsec - t0.tv_nsec) / 1e9;
	if (secs >= 1)
		ksft_print_msg("%s and %zu more: %.1f s\n",
			       grl_combo_name(fs[0], name), n - 1, secs);
}

static void run_all(void)
{
	unsigned int *sel = calloc(nr_combos, sizeof(*sel));
	size_t i, j, n = 0;

	TEST_ASSERT(sel, "calloc");
	for (i = 0; i < nr_combos; i++)
		if (selected(combos[i]))
			sel[n++] = combos[i];
	for (i = 0; i < n; i = j) {
		for (j = i; j < n && !((sel[i] ^ sel[j]) & GRL_F_VCPU); j++)
			;
		run_group(sel + i, j - i);
	}
	free(sel);
}

/*
 * The self-test case: every clean case, re-derived with MADE_UP_EL1 in
 * SELFTEST_SUBLIST, failed (naming it) exactly when it has that feature.
 */
static void report_selftest(void)
{
	if (!selftest.fail || !selftest.pass) {
		ksft_test_result_code(KSFT_SKIP, SELFTEST_CASE,
				      "needs clean cases with and without %s",
				      SELFTEST_SUBLIST);
		return;
	}
	ksft_print_msg("%s in %s: %u cases fail naming it, %u pass, %u not as predicted\n",
		       grl_made_up.name, SELFTEST_SUBLIST, selftest.fail,
		       selftest.pass, selftest.wrong);
	ksft_test_result(!selftest.wrong, "%s\n", SELFTEST_CASE);
}

static void print_upstream_map(void)
{
	char name[128];
	size_t i, j;

	for (i = 0; i < ARRAY_SIZE(upstream); i++) {
		for (j = 0; j < nr_combos; j++)
			if (combos[j] == upstream[i].f)
				break;
		TEST_ASSERT(j < nr_combos,
			    "upstream configuration %s is not generated",
			    upstream[i].name);
		ksft_print_msg("upstream \"%s\" is %s\n", upstream[i].name,
			       grl_combo_name(upstream[i].f, name));
	}
}

static void help(const char *prog)
{
	size_t i;

	printf("%s [--list[=<case>]] [--inject=<sublist>]\n"
	       "sublists:", prog);
	for (i = 0; i < grl_nr_sublists; i++)
		printf(" %s", grl_sublists[i].name);
	printf("\nSMEKVM_CASE=<case> runs one case.\n");
}

static void parse_args(int argc, char **argv)
{
	int i;

	for (i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--list")) {
			mode = MODE_LIST;
		} else if (!strncmp(argv[i], "--list=", 7)) {
			mode = MODE_LIST;
			list_case = argv[i] + 7;
		} else if (!strncmp(argv[i], "--inject=", 9)) {
			mode = MODE_INJECT;
			if (!grl_inject(argv[i] + 9)) {
				help(argv[0]);
				exit(KSFT_FAIL);
			}
		} else {
			help(argv[0]);
			exit(strcmp(argv[i], "--help") ? KSFT_FAIL : 0);
		}
	}
}

int main(int argc, char **argv)
{
	struct timespec t0, t1;
	unsigned int plan = 0;
	size_t i;

	parse_args(argc, argv);
	clock_gettime(CLOCK_MONOTONIC, &t0);

	nr_combos = grl_combos(NULL, 0);
	combos = calloc(nr_combos, sizeof(*combos));
	TEST_ASSERT(combos, "calloc");
	grl_combos(combos, nr_combos);
	count.generated = nr_combos;
	for (i = 0; i < nr_combos; i++)
		plan += selected(combos[i]);
	if (mode == MODE_TEST && !smekvm_case_filter())
		plan++;	/* SELFTEST_CASE */

	if (mode == MODE_LIST && list_case && !plan) {
		printf("--list=%s: no such case\n", list_case);
		exit(KSFT_FAIL);
	}
	probe_host();

	if (mode == MODE_LIST) {
		run_all();
		printf("/* %u combinations listed, %u skipped */\n", count.run,
		       count.skipped);
		return 0;
	}

	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());

	ksft_print_header();
	if (mode == MODE_INJECT)
		ksft_print_msg("self-test: %s (0x%llx) added to sublist %s\n",
			       grl_made_up.name,
			       (unsigned long long)grl_made_up.id,
			       grl_injected()->name);
	ksft_print_msg("host: PMU %s, SVE %s, SME %s, pauth %s, EL2 %s, E2H0 %s\n",
		       host.no_pmu ? "no" : "yes", host.no_sve ? "no" : "yes",
		       host.no_sme ? "no" : "yes",
		       host.no_pauth ? "no" : "yes",
		       host.no_el2 ? "no" : "yes",
		       host.no_e2h0 ? "no" : "yes");
	print_upstream_map();
	ksft_set_plan(plan);

	run_all();
	if (mode == MODE_TEST && !smekvm_case_filter())
		report_selftest();

	clock_gettime(CLOCK_MONOTONIC, &t1);
	ksft_print_msg("generated %u, run %u, skipped %u (passed %u, failed %u), %.1f s\n",
		       count.generated, count.run, count.skipped, count.passed,
		       count.failed, (t1.tv_sec - t0.tv_sec) +
		       (t1.tv_nsec - t0.tv_nsec) / 1e9);

	/* Every case skipped: say so rather than pass. */
	if (!count.passed && !count.failed) {
		ksft_print_cnts();
		exit(KSFT_SKIP);
	}
	ksft_finished();
}
