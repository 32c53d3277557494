// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_abi_smoke - smoke test of the KVM SME userspace ABI, host side only.
 *
 * A quick check that every area of the KVM SME userspace ABI that needs no
 * guest (doc/abi.md) basically works, before the exhaustive,
 * model-based conformance tests (which live in their own programs) look
 * at every register and transition.  No guest runs: everything here is
 * KVM_ARM_VCPU_INIT, KVM_ARM_VCPU_FINALIZE, ONE_REG and KVM_GET_REG_LIST
 * on fresh vcpus, so the test is meaningful as soon as the uAPI exists,
 * even while KVM_RUN still refuses vcpus with SME.
 *
 * The vcpus come in flavours (lib/sme_flavour.h), because the ABI depends
 * on them:
 *
 *  sme_only     SME without SVE: with SVCR.SM=0 the V registers are core
 *               registers and Z/P/FFR do not exist;
 *  sve_sme      SVE and SME: Z/P/FFR always exist, at the SVE maximum VL
 *               when SM=0 and at the SME maximum VL when SM=1 (these
 *               differ on hosts whose SVE and SME VL sets are disjoint);
 *  sme2_hidden  SME only, ID_AA64PFR1_EL1.SME lowered from 2 to 1: no ZT0
 *               and no SMCR_EL1.EZT0;
 *  fa64_hidden  SME only, ID_AA64SMFR0_EL1.FA64 cleared: no streaming FFR
 *               and no SMCR_EL1.FA64;
 *  no_vec, sve_only  vcpus without SME, which must not see any of it;
 *  kvm          no vcpu of its own: KVM-wide facts (the capability) and
 *               protected VMs, which never get SME (where the host has them).
 *
 * Per area, a few cases: discovery, INIT and FINALIZE (abi-cap-*,
 * abi-init-*, abi-final-*, abi-reset-*), the SME_VLS register (abi-vls-*),
 * access to ZA rows, ZT0 and streaming Z/P/FFR with one errno of each row
 * of the error table, and payloads that follow the live VL (abi-view-*,
 * abi-onereg-*, abi-payload-*), the zeroing done by userspace writes of
 * SVCR (abi-svcr-*), the contents of KVM_GET_REG_LIST (abi-reglist-*), and
 * SMCR_EL1, SMPRI_EL1 and the SME ID fields (abi-smcr-*, abi-smpri-*,
 * abi-idreg-*).  Every case gets a fresh vcpu, so that one broken rule does
 * not hide the others.  The cases of a flavour share one VM, because
 * creating and destroying VMs is slow under protected KVM; a case that
 * changes VM-wide state (ID registers) or initialises its vcpu with other
 * features gets a VM of its own.  Which registers exist in an SVCR state,
 * their sizes and the errnos that depend on the flavour come from the
 * reference model (lib/sme_model.h), through model_cfg().
 *
 * Whole-program skip when KVM cannot offer SME at all (no /dev/kvm, a
 * kernel that does not know KVM_ARM_VCPU_SME, or a host without SME);
 * flavours the host cannot offer (no SVE, SME2 or FA64) skip case by case.
 * Vcpus are created with explicit features, at EL1, whatever NV says.
 * SMEKVM_CASE=<flavour>/<case> runs one case.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <asm/hwcap.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "case_filter.h"
#include "sme_flavour.h"
#include "sme_model.h"
#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_probe.h"
#include "sme_uapi.h"
#include "sme_vcpu.h"

/*
 * The cases run on the vcpu flavours of lib/sme_flavour.h and, first, on
 * "kvm", which has no vcpu: KVM-wide facts.
 */
#define F_KVM		SMEKVM_NR_FLAVOURS
#define FL_KVM		BIT(F_KVM)

static const char *flavour_name(unsigned int f)
{
	return f == F_KVM ? "kvm" : smekvm_flavour_name(f);
}

static const struct smekvm_vcpu_cfg *flavour_cfg(unsigned int f)
{
	static const struct smekvm_vcpu_cfg no_vcpu;

	return f == F_KVM ? &no_vcpu : &smekvm_flavour(f)->cfg;
}

/* What the host offers, from its hwcaps and KVM's capabilities. */
static struct {
	bool sve;
	bool sme2;
	bool fa64;
	bool el1_32bit;
} host;

/* One case on one flavour: a fresh vcpu, in the flavour's VM or its own. */
struct ctx {
	const struct smekvm_vcpu_cfg *cfg;	/* the flavour's */
	struct kvm_vm *vm;
	struct kvm_vcpu *vcpu;	/* initialised, not finalised; NULL if raw */
	bool sve, sme, sme2, fa64;
	struct smekvm_vls sme_vls;	/* as read after INIT */
	unsigned int svl_vq;	/* largest VQ of SME_VLS: the SVL */
	unsigned int sve_vq;	/* largest VQ of SVE_VLS */
	const char *skip;	/* why the case returned KSFT_SKIP */
};

struct smoke_case {
	const char *name;
	int (*run)(struct ctx *t);	/* KSFT_PASS, KSFT_FAIL or KSFT_SKIP */
	unsigned int flavours;
	bool raw;	/* the case creates and initialises its vcpu itself */
	bool own_vm;	/* not in the flavour's shared VM */
};

/* The VM the cases of one flavour share, each with a vcpu of its own. */
struct flavour_vm {
	struct kvm_vm *vm;
	unsigned int nr_vcpus;
	unsigned int next_id;
};

static char cur_case[96];

#define report(fmt, ...)						\
	ksft_print_msg("%s: " fmt "\n", cur_case, ##__VA_ARGS__)

#define ZREG(n)		KVM_REG_ARM64_SVE_ZREG(n, 0)
#define PREG(n)		KVM_REG_ARM64_SVE_PREG(n, 0)
#define FFR		KVM_REG_ARM64_SVE_FFR(0)
#define ZA_ROW(n)	KVM_REG_ARM64_SME_ZAHREG(n, 0)
#define ZT0		KVM_REG_ARM64_SME_ZT0
#define SME_VLS		KVM_REG_ARM64_SME_VLS
#define SVE_VLS		KVM_REG_ARM64_SVE_VLS
#define SME_ID(size, index)						\
	(KVM_REG_ARM64 | KVM_REG_ARM64_SME | KVM_REG_SIZE_##size | (index))

/* Checks: each reports what differs and returns whether it held. */

static bool expect_err(const char *what, int got, int want)
{
	if (got == want)
		return true;
	report("%s: %s, expected %s", what, smekvm_errno_name(got),
	       smekvm_errno_name(want));
	return false;
}

static bool expect_u64(const char *what, __u64 got, __u64 want)
{
	if (got == want)
		return true;
	report("%s: 0x%llx, expected 0x%llx", what, got, want);
	return false;
}

/* KVM_GET_ONE_REG and KVM_SET_ONE_REG of @id at @buf both fail: @want. */
static bool expect_access_err_at(struct ctx *t, const char *what, __u64 id,
				 void *buf, int want)
{
	char desc[128];
	bool ok;

	snprintf(desc, sizeof(desc), "get %s (0x%llx)", what, id);
	ok = expect_err(desc, __smekvm_get_reg(t->vcpu, id, buf), want);
	snprintf(desc, sizeof(desc), "set %s (0x%llx)", what, id);
	ok &= expect_err(desc, __smekvm_set_reg(t->vcpu, id, buf), want);
	return ok;
}

static bool expect_access_err(struct ctx *t, const char *what, __u64 id,
			      int want)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];

	TEST_ASSERT(KVM_REG_SIZE(id) <= sizeof(buf), "0x%llx too big", id);
	smekvm_pattern_fill(buf, KVM_REG_SIZE(id), 99);
	return expect_access_err_at(t, what, id, buf, want);
}

/* @id reads as pattern @seed in its first @len bytes and zero after. */
static bool expect_pattern(struct ctx *t, const char *what, __u64 id,
			   size_t len, unsigned int seed)
{
	__u8 want[SMEKVM_REG_MAX_BYTES], got[SMEKVM_REG_MAX_BYTES];
	size_t size = KVM_REG_SIZE(id), same, nz;
	int err;

	TEST_ASSERT(size <= sizeof(got) && len <= size, "0x%llx", id);
	smekvm_pattern_fill(want, size, seed);
	memset(got, 0x5a, size);
	err = __smekvm_get_reg(t->vcpu, id, got);
	if (err) {
		report("get %s: %s", what, smekvm_errno_name(err));
		return false;
	}
	for (same = 0; same < size && got[same] == want[same]; same++)
		;
	for (nz = size; nz > 0 && !got[nz - 1]; nz--)
		;
	if (same < len || nz > len) {
		report("%s: read back %zu bytes as written and %zu bytes up to the last non-zero one; expected %zu bytes as written, zero after",
		       what, same < len ? same : len, nz, len);
		return false;
	}
	return true;
}

/* Write pattern @seed to all of @id, then expect_pattern(). */
static bool expect_rw(struct ctx *t, const char *what, __u64 id, size_t len,
		      unsigned int seed)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];
	int err;

	TEST_ASSERT(KVM_REG_SIZE(id) <= sizeof(buf), "0x%llx too big", id);
	smekvm_pattern_fill(buf, KVM_REG_SIZE(id), seed);
	err = __smekvm_set_reg(t->vcpu, id, buf);
	if (err) {
		report("set %s: %s", what, smekvm_errno_name(err));
		return false;
	}
	return expect_pattern(t, what, id, len, seed);
}

static bool expect_zero(struct ctx *t, const char *what, __u64 id)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];
	int err;

	TEST_ASSERT(KVM_REG_SIZE(id) <= sizeof(buf), "0x%llx too big", id);
	memset(buf, 0x5a, sizeof(buf));
	err = __smekvm_get_reg(t->vcpu, id, buf);
	if (err) {
		report("get %s: %s", what, smekvm_errno_name(err));
		return false;
	}
	if (!smekvm_is_zero(buf, KVM_REG_SIZE(id))) {
		report("%s is not zero", what);
		return false;
	}
	return true;
}

static bool expect_reg64(struct ctx *t, const char *what, __u64 id,
			 __u64 want)
{
	__u64 val;
	int err;

	err = __smekvm_get_reg64(t->vcpu, id, &val);
	if (err) {
		report("get %s: %s", what, smekvm_errno_name(err));
		return false;
	}
	return expect_u64(what, val, want);
}

static bool expect_set64(struct ctx *t, const char *what, __u64 id,
			 __u64 val, int want)
{
	char desc[96];

	snprintf(desc, sizeof(desc), "set %s to 0x%llx", what, val);
	return expect_err(desc, __smekvm_set_reg64(t->vcpu, id, val), want);
}

static bool set_svcr(struct ctx *t, __u64 svcr)
{
	return expect_set64(t, "SVCR", SMEKVM_SVCR, svcr, 0);
}

static bool set_fpsr(struct ctx *t, __u32 fpsr)
{
	return expect_err("set FPSR",
			  __smekvm_set_reg(t->vcpu, SMEKVM_FPSR, &fpsr), 0);
}

static bool expect_fpsr(struct ctx *t, __u32 want)
{
	__u32 fpsr;
	int err;

	err = __smekvm_get_reg(t->vcpu, SMEKVM_FPSR, &fpsr);
	if (err) {
		report("get FPSR: %s", smekvm_errno_name(err));
		return false;
	}
	return expect_u64("FPSR", fpsr, want);
}

static bool finalize(struct ctx *t)
{
	return expect_err("KVM_ARM_VCPU_FINALIZE(KVM_ARM_VCPU_VEC)",
			  __smekvm_vcpu_finalize(t->vcpu), 0);
}

/*
 * The case's vcpu as the reference model (lib/sme_model.h) configures
 * it: which registers exist in each SVCR state (abi-view-*), their sizes
 * at the VL that applies (abi-view-zp-vl, abi-payload-*) and the errnos
 * of the accesses (abi-onereg-*) come from the model.
 */
static struct smekvm_model_cfg model_cfg(const struct ctx *t)
{
	return (struct smekvm_model_cfg){
		.sve = t->sve, .sme = t->sme, .sme2 = t->sme2,
		.fa64 = t->fa64, .sve_vq = t->sve_vq, .sme_vq = t->svl_vq,
	};
}

/* Payload bytes of @id in SVCR state @svcr; 0: it does not exist there. */
static size_t view_bytes(const struct ctx *t, __u64 svcr, __u64 id)
{
	struct smekvm_model_cfg m = model_cfg(t);

	return smekvm_model_state_bytes(&m, svcr, id);
}

/* The errno of an access to @id in SVCR state @svcr, finalised or not. */
static int view_errno(const struct ctx *t, __u64 svcr, bool finalized,
		      __u64 id)
{
	struct smekvm_model_cfg m = model_cfg(t);
	struct smekvm_model_access a = {
		.cfg = &m, .svcr = svcr, .finalized = finalized,
	};

	return smekvm_model_rows_errno(smekvm_model_access_rows(&a, id));
}

/* How many registers of class @rc exist in SVCR state @svcr. */
static unsigned int view_count(const struct ctx *t, __u64 svcr,
			       enum smekvm_reg_class rc)
{
	struct smekvm_model_cfg m = model_cfg(t);
	__u64 ids[SMEKVM_MODEL_MAX_STATE_REGS];
	unsigned int i, n, count = 0;

	n = smekvm_model_state_ids(&m, svcr, ids, ARRAY_SIZE(ids));
	for (i = 0; i < n; i++)
		count += smekvm_model_reg_class(ids[i], NULL) == rc;
	return count;
}

/* expect_rw() of @id at its size in SVCR state @svcr, if it exists. */
static bool expect_rw_view(struct ctx *t, const char *what, __u64 id,
			   __u64 svcr, unsigned int seed)
{
	size_t len = view_bytes(t, svcr, id);

	return !len || expect_rw(t, what, id, len, seed);
}

/* expect_zero() of @id, if it exists in SVCR state @svcr. */
static bool expect_zero_view(struct ctx *t, const char *what, __u64 id,
			     __u64 svcr)
{
	return !view_bytes(t, svcr, id) || expect_zero(t, what, id);
}

/*
 * Write and read back patterns in the vector registers that exist with
 * SVCR.SM = @sm (Z, P and FFR at the VL that applies, or V).
 */
static bool write_vector_regs(struct ctx *t, bool sm, unsigned int seed)
{
	__u64 svcr = sm ? SVCR_SM : 0;
	bool ok = true;

	ok &= expect_rw_view(t, sm ? "Z0 (SM=1)" : "Z0 (SM=0)", ZREG(0),
			     svcr, seed);
	ok &= expect_rw_view(t, sm ? "Z31 (SM=1)" : "Z31 (SM=0)", ZREG(31),
			     svcr, seed + 1);
	ok &= expect_rw_view(t, sm ? "P0 (SM=1)" : "P0 (SM=0)", PREG(0),
			     svcr, seed + 2);
	ok &= expect_rw_view(t, sm ? "P15 (SM=1)" : "P15 (SM=0)", PREG(15),
			     svcr, seed + 3);
	ok &= expect_rw_view(t, sm ? "FFR (SM=1)" : "FFR (SM=0)", FFR,
			     svcr, seed + 4);
	ok &= expect_rw_view(t, "V0 (SM=0)", SMEKVM_VREG(0), svcr, seed + 5);
	return ok;
}

static bool expect_vector_regs_zero(struct ctx *t, bool sm)
{
	__u64 svcr = sm ? SVCR_SM : 0;
	bool ok = true;

	ok &= expect_zero_view(t, sm ? "Z0 (SM=1)" : "Z0 (SM=0)", ZREG(0),
			       svcr);
	ok &= expect_zero_view(t, sm ? "Z31 (SM=1)" : "Z31 (SM=0)", ZREG(31),
			       svcr);
	ok &= expect_zero_view(t, sm ? "P0 (SM=1)" : "P0 (SM=0)", PREG(0),
			       svcr);
	ok &= expect_zero_view(t, sm ? "P15 (SM=1)" : "P15 (SM=0)", PREG(15),
			       svcr);
	ok &= expect_zero_view(t, sm ? "FFR (SM=1)" : "FFR (SM=0)", FFR,
			       svcr);
	ok &= expect_zero_view(t, "V0 (SM=0)", SMEKVM_VREG(0), svcr);
	return ok;
}

static int result(bool ok)
{
	return ok ? KSFT_PASS : KSFT_FAIL;
}

/*
 * Discovery, INIT, FINALIZE, reset: abi-cap-*, abi-init-*, abi-pvm-*,
 * abi-final-*, abi-reset-*
 */

static int test_cap_arm_sme(struct ctx *t)
{
	unsigned int sys = kvm_check_cap(KVM_CAP_ARM_SME);
	int vm = vm_check_cap(t->vm, KVM_CAP_ARM_SME);

	if (sys > 0 && vm > 0)
		return KSFT_PASS;
	report("KVM_CHECK_EXTENSION(KVM_CAP_ARM_SME = %d): %u on /dev/kvm, %d on a VM, expected > 0",
	       KVM_CAP_ARM_SME, sys, vm);
	return KSFT_FAIL;
}

/*
 * INIT a vcpu of a new protected VM with the preferred target and
 * @features: 0 or an errno.
 */
static int protected_vcpu_init(int kvm_fd, __u32 features)
{
	struct kvm_vcpu_init init;
	int vm_fd, vcpu_fd, ret;

	vm_fd = ioctl(kvm_fd, KVM_CREATE_VM, KVM_VM_TYPE_ARM_PROTECTED);
	TEST_ASSERT(vm_fd >= 0, "KVM_CREATE_VM(protected): %s", strerror(errno));
	vcpu_fd = ioctl(vm_fd, KVM_CREATE_VCPU, 0);
	TEST_ASSERT(vcpu_fd >= 0, "KVM_CREATE_VCPU: %s", strerror(errno));
	ret = ioctl(vm_fd, KVM_ARM_PREFERRED_TARGET, &init);
	TEST_ASSERT(!ret, "KVM_ARM_PREFERRED_TARGET: %s", strerror(errno));
	init.features[0] |= features;
	ret = ioctl(vcpu_fd, KVM_ARM_VCPU_INIT, &init) ? errno : 0;
	close(vcpu_fd);
	close(vm_fd);
	return ret;
}

/*
 * A protected VM never gets SME (abi-pvm-init-einval), while normal VMs on the
 * same host do (the "init" case of the SME flavours).
 */
static int test_protected_vm_einval(struct ctx *t)
{
	int kvm_fd = open_kvm_dev_path_or_exit();
	int vm_fd;
	bool ok;

	vm_fd = ioctl(kvm_fd, KVM_CREATE_VM, KVM_VM_TYPE_ARM_PROTECTED);
	if (vm_fd < 0) {
		close(kvm_fd);
		t->skip = "host offers no protected VMs (kvm-arm.mode=protected)";
		return KSFT_SKIP;
	}
	close(vm_fd);
	ok = expect_err("INIT of a protected vcpu without SME",
			protected_vcpu_init(kvm_fd, 0), 0);
	ok &= expect_err("INIT of a protected vcpu with SME",
			 protected_vcpu_init(kvm_fd, 1U << KVM_ARM_VCPU_SME),
			 EINVAL);
	close(kvm_fd);
	return result(ok);
}

/* INIT with the flavour's features and its ID register changes. */
static int test_init(struct ctx *t)
{
	const struct smekvm_vcpu_cfg *cfg = t->cfg;
	unsigned int want_sme = host.sme2 && !cfg->hide_sme2 ?
				ID_AA64PFR1_EL1_SME_SME2 :
				ID_AA64PFR1_EL1_SME_IMP;
	bool want_fa64 = host.fa64 && !cfg->hide_fa64;
	struct kvm_vcpu *vcpu = __vm_vcpu_add(t->vm, 0);
	bool ok;

	if (!expect_err("KVM_ARM_VCPU_INIT",
			__smekvm_vcpu_init(vcpu, smekvm_cfg_features(cfg)), 0))
		return KSFT_FAIL;
	if (!expect_err("ID register writes of the flavour",
			__smekvm_vcpu_apply_cfg(vcpu, cfg), 0))
		return KSFT_FAIL;

	/* Defaults follow the host's hwcaps; hidden features read hidden. */
	ok = expect_u64("ID_AA64PFR1_EL1.SME", smekvm_vcpu_pfr1_sme(vcpu),
			want_sme);
	ok &= expect_u64("ID_AA64SMFR0_EL1.FA64", smekvm_vcpu_has_fa64(vcpu),
			 want_fa64);
	return result(ok);
}

static int test_init_el1_32bit_einval(struct ctx *t)
{
	struct kvm_vcpu *vcpu = __vm_vcpu_add(t->vm, 0);
	__u32 features = smekvm_cfg_features(t->cfg) |
			 1U << KVM_ARM_VCPU_EL1_32BIT;

	if (!host.el1_32bit)
		ksft_print_msg("%s: host has no AArch32 EL1: EINVAL does not depend on SME here\n",
			       cur_case);
	return result(expect_err("KVM_ARM_VCPU_INIT with SME and EL1_32BIT",
				 __smekvm_vcpu_init(vcpu, features), EINVAL));
}

static int test_finalize_twice_eperm(struct ctx *t)
{
	bool ok;

	ok = expect_err("first FINALIZE", __smekvm_vcpu_finalize(t->vcpu), 0);
	ok &= expect_err("second FINALIZE", __smekvm_vcpu_finalize(t->vcpu),
			 EPERM);
	return result(ok);
}

static int test_finalize_einval(struct ctx *t)
{
	return result(expect_err("FINALIZE without SVE and SME",
				 __smekvm_vcpu_finalize(t->vcpu), EINVAL));
}

static int test_reset_values(struct ctx *t)
{
	bool ok;

	ok = expect_reg64(t, "SVCR", SMEKVM_SVCR, 0);
	ok &= expect_reg64(t, "SMCR_EL1", SMEKVM_SMCR_EL1, 0);
	ok &= expect_reg64(t, "SMPRI_EL1", SMEKVM_SMPRI_EL1, 0);
	return result(ok);
}

/* A second INIT resets the SME state that the first INIT's use changed. */
static int test_reset_values_reinit(struct ctx *t)
{
	struct kvm_vcpu_init init = t->vcpu->init;
	bool ok;

	if (!set_svcr(t, SVCR_SM | SVCR_ZA) ||
	    !expect_set64(t, "SMCR_EL1", SMEKVM_SMCR_EL1, 3, 0) ||
	    !finalize(t))
		return KSFT_FAIL;
	ok = write_vector_regs(t, true, 1);
	ok &= expect_rw(t, "ZA row 0", ZA_ROW(0),
			SMEKVM_ZA_ROW_BYTES(t->svl_vq), 10);
	if (!ok)
		return KSFT_FAIL;

	if (!expect_err("second KVM_ARM_VCPU_INIT",
			__vcpu_ioctl(t->vcpu, KVM_ARM_VCPU_INIT, &init) ?
			errno : 0, 0))
		return KSFT_FAIL;

	ok = expect_reg64(t, "SVCR", SMEKVM_SVCR, 0);
	ok &= expect_reg64(t, "SMCR_EL1", SMEKVM_SMCR_EL1, 0);
	ok &= expect_reg64(t, "SMPRI_EL1", SMEKVM_SMPRI_EL1, 0);
	/* The SM change set FPSR to 0x0800009f; reset clears it as today. */
	ok &= expect_fpsr(t, 0);
	ok &= expect_vector_regs_zero(t, false);
	return result(ok);
}

/*
 * Vector and matrix registers before FINALIZE: EPERM, unless an earlier
 * row of the error table applies (SME-only with SM=0: Z is ENOENT, as
 * the model says).  SVCR itself may be written before FINALIZE.
 */
static int test_vector_regs_eperm_before_finalize(struct ctx *t)
{
	__u64 svcr = SVCR_SM | SVCR_ZA;
	bool ok;

	if (!set_svcr(t, svcr))
		return KSFT_FAIL;
	ok = expect_access_err(t, "Z0 (SM=1)", ZREG(0), EPERM);
	ok &= expect_access_err(t, "P0 (SM=1)", PREG(0), EPERM);
	if (view_bytes(t, svcr, FFR))
		ok &= expect_access_err(t, "FFR (SM=1)", FFR, EPERM);
	ok &= expect_access_err(t, "ZA row 0", ZA_ROW(0), EPERM);
	if (view_bytes(t, svcr, ZT0))
		ok &= expect_access_err(t, "ZT0", ZT0, EPERM);

	if (!set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	ok &= expect_access_err(t, "Z0 (SM=0)", ZREG(0),
				view_errno(t, SVCR_ZA, false, ZREG(0)));
	return result(ok);
}

/* SME_VLS: abi-vls-* */

static int test_sme_vls_default(struct ctx *t)
{
	struct smekvm_vls vls = {}, again = {};
	char str[128];
	bool ok = true;
	int err;

	err = __smekvm_get_vls(t->vcpu, SME_VLS, &vls);
	if (!expect_err("get SME_VLS", err, 0))
		return KSFT_FAIL;
	smekvm_vls_str(&vls, str, sizeof(str));
	if (!smekvm_vls_count(&vls)) {
		report("SME_VLS is empty");
		ok = false;
	}
	if (smekvm_vls_outside(&vls, KVM_ARM64_SME_VQ_MIN,
			       KVM_ARM64_SME_VQ_MAX)) {
		report("SME_VLS {%s} has VLs outside 128..2048 bits", str);
		ok = false;
	}
	ok &= expect_err("writing SME_VLS back unchanged",
			 __smekvm_set_vls(t->vcpu, SME_VLS, &vls), 0);
	smekvm_get_vls(t->vcpu, SME_VLS, &again);
	if (memcmp(&vls, &again, sizeof(vls))) {
		report("SME_VLS changed by writing its own value");
		ok = false;
	}
	return result(ok);
}

static bool expect_sme_vls_unchanged(struct ctx *t)
{
	struct smekvm_vls now = {};

	smekvm_get_vls(t->vcpu, SME_VLS, &now);
	if (!memcmp(&now, &t->sme_vls, sizeof(now)))
		return true;
	report("a rejected SME_VLS write changed SME_VLS");
	return false;
}

static int test_sme_vls_write_empty_einval(struct ctx *t)
{
	struct smekvm_vls empty = {};
	bool ok;

	ok = expect_err("writing an empty SME_VLS",
			__smekvm_set_vls(t->vcpu, SME_VLS, &empty), EINVAL);
	ok &= expect_sme_vls_unchanged(t);
	return result(ok);
}

static int test_sme_vls_write_vq17_einval(struct ctx *t)
{
	struct smekvm_vls vls = t->sme_vls;
	bool ok;

	smekvm_vls_add(&vls, KVM_ARM64_SME_VQ_MAX + 1);
	ok = expect_err("writing SME_VLS with VL 2176 added",
			__smekvm_set_vls(t->vcpu, SME_VLS, &vls), EINVAL);
	ok &= expect_sme_vls_unchanged(t);
	return result(ok);
}

/* Not the offered set cut at a maximum: the smallest offered VL missing. */
static int test_sme_vls_write_gap_einval(struct ctx *t)
{
	struct smekvm_vls vls = t->sme_vls;
	bool ok;

	if (smekvm_vls_count(&vls) < 2) {
		t->skip = "a single SME VL is offered";
		return KSFT_SKIP;
	}
	smekvm_vls_del(&vls, smekvm_vls_min(&vls));
	ok = expect_err("writing SME_VLS without its smallest VL",
			__smekvm_set_vls(t->vcpu, SME_VLS, &vls), EINVAL);
	ok &= expect_sme_vls_unchanged(t);
	return result(ok);
}

static int test_sme_vls_write_after_finalize_eperm(struct ctx *t)
{
	bool ok;

	if (!finalize(t))
		return KSFT_FAIL;
	ok = expect_err("writing SME_VLS after FINALIZE",
			__smekvm_set_vls(t->vcpu, SME_VLS, &t->sme_vls), EPERM);
	ok &= expect_sme_vls_unchanged(t);
	return result(ok);
}

/* Lower the maximum SVL: the streaming Z registers follow it. */
static int test_sme_vls_lower_max(struct ctx *t)
{
	unsigned int vq = smekvm_vls_prev(&t->sme_vls, t->svl_vq);
	struct smekvm_vls vls = t->sme_vls, now = {};
	bool ok;

	if (!vq) {
		t->skip = "a single SME VL is offered";
		return KSFT_SKIP;
	}
	smekvm_vls_truncate(&vls, vq);
	if (!expect_err("writing SME_VLS truncated at the next lower VL",
			__smekvm_set_vls(t->vcpu, SME_VLS, &vls), 0))
		return KSFT_FAIL;
	smekvm_get_vls(t->vcpu, SME_VLS, &now);
	ok = !memcmp(&now, &vls, sizeof(now));
	if (!ok)
		report("SME_VLS does not read back as written");
	t->svl_vq = vq;

	if (!finalize(t) || !set_svcr(t, SVCR_SM | SVCR_ZA))
		return KSFT_FAIL;
	/* Streaming Z and ZA rows follow the new SVL (the model's sizes). */
	ok &= expect_rw_view(t, "Z0 (SM=1)", ZREG(0), SVCR_SM | SVCR_ZA, 1);
	ok &= expect_rw_view(t, "ZA row 0", ZA_ROW(0), SVCR_SM | SVCR_ZA, 2);
	return result(ok);
}

static int test_sme_vls_enoent(struct ctx *t)
{
	bool ok;

	ok = expect_access_err(t, "SME_VLS", SME_VLS, ENOENT);
	if (!t->sve)
		return result(ok);
	if (!finalize(t))
		return KSFT_FAIL;
	ok &= expect_access_err(t, "SME_VLS after FINALIZE", SME_VLS, ENOENT);
	return result(ok);
}

/* Register access and its errors: abi-view-*, abi-onereg-*, abi-payload-* */

static int test_za_row_rw(struct ctx *t)
{
	unsigned int rows = SMEKVM_ZA_ROWS(t->svl_vq);
	size_t len = SMEKVM_ZA_ROW_BYTES(t->svl_vq);
	bool ok;

	if (!finalize(t) || !set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	ok = expect_rw(t, "ZA row 0", ZA_ROW(0), len, 1);
	ok &= expect_rw(t, "last ZA row", ZA_ROW(rows - 1), len, 2);
	ok &= expect_pattern(t, "ZA row 0 (after writing the last)",
			     ZA_ROW(0), len, 1);
	return result(ok);
}

static int test_zt0_iff_sme2(struct ctx *t)
{
	size_t len;

	if (!finalize(t) || !set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	len = view_bytes(t, SVCR_ZA, ZT0);
	if (len)
		return result(expect_rw(t, "ZT0", ZT0, len, 1));
	return result(expect_access_err(t, "ZT0 without SME2", ZT0, ENOENT));
}

static int test_streaming_z_p_rw(struct ctx *t)
{
	if (!finalize(t) || !set_svcr(t, SVCR_SM))
		return KSFT_FAIL;
	return result(write_vector_regs(t, true, 1));
}

static int test_streaming_ffr_iff_fa64(struct ctx *t)
{
	size_t len;

	if (!finalize(t) || !set_svcr(t, SVCR_SM))
		return KSFT_FAIL;
	len = view_bytes(t, SVCR_SM, FFR);
	if (len)
		return result(expect_rw(t, "FFR (SM=1)", FFR, len, 1));
	return result(expect_access_err(t, "FFR (SM=1) without FA64", FFR,
					ENOENT));
}

/* SVE+SME with SM=0: Z/P/FFR at the SVE VL, V never a core register. */
static int test_nonstreaming_z_p_ffr_rw(struct ctx *t)
{
	bool ok;

	if (!finalize(t))
		return KSFT_FAIL;
	ok = write_vector_regs(t, false, 1);
	ok &= expect_access_err(t, "V0 (SM=0)", SMEKVM_VREG(0), EINVAL);
	return result(ok);
}

/* SME without SVE, SM=0: no Z/P/FFR, V registers are core registers. */
static int test_sm0_z_enoent_v_core(struct ctx *t)
{
	bool ok;

	if (!finalize(t))
		return KSFT_FAIL;
	ok = expect_access_err(t, "Z0 (SM=0)", ZREG(0), ENOENT);
	ok &= expect_access_err(t, "P0 (SM=0)", PREG(0), ENOENT);
	ok &= expect_access_err(t, "FFR (SM=0)", FFR, ENOENT);
	ok &= write_vector_regs(t, false, 1);
	return result(ok);
}

static int test_v_reg_einval_when_sm1(struct ctx *t)
{
	if (!finalize(t) || !set_svcr(t, SVCR_SM))
		return KSFT_FAIL;
	return result(expect_access_err(t, "V0 (SM=1)", SMEKVM_VREG(0),
					EINVAL));
}

static const struct {
	const char *what;
	__u64 id;
} bad_sme_ids[] = {
	{ "ZA row 0 slice 1",	KVM_REG_ARM64_SME_ZAHREG(0, 1) },
	{ "ZT0 slice 1",	KVM_REG_ARM64_SME_ZTREG(0, 1) },
	{ "ZT1",		SME_ID(U512, 0x620) },
	{ "index 0x2000",	SME_ID(U2048, 0x2000) },
	{ "ZA row 0 as U512",	SME_ID(U512, 0) },
	{ "SME_VLS as U2048",	SME_ID(U2048, 0xfffe) },
};

/* With every SME state live, malformed SME IDs still do not exist. */
static int test_sme_bad_id_enoent(struct ctx *t)
{
	bool ok = true;
	int i;

	if (!finalize(t) || !set_svcr(t, SVCR_SM | SVCR_ZA))
		return KSFT_FAIL;
	for (i = 0; i < ARRAY_SIZE(bad_sme_ids); i++)
		ok &= expect_access_err(t, bad_sme_ids[i].what,
					bad_sme_ids[i].id, ENOENT);
	return result(ok);
}

/*
 * ZA row n >= SVL/8: EINVAL, also with ZA=0 (EINVAL comes before EBUSY).
 * At SVL 2048 every row index exists, so use a smaller SVL.
 */
static int test_za_row_out_of_range_einval(struct ctx *t)
{
	unsigned int vq = t->svl_vq < KVM_ARM64_SME_VQ_MAX ? t->svl_vq :
			  smekvm_vls_prev(&t->sme_vls, t->svl_vq);
	struct smekvm_vls vls = t->sme_vls;
	unsigned int rows = SMEKVM_ZA_ROWS(vq);
	bool ok;

	if (!vq) {
		t->skip = "only SVL 2048 is offered: every row index is valid";
		return KSFT_SKIP;
	}
	if (vq != t->svl_vq) {
		smekvm_vls_truncate(&vls, vq);
		if (!expect_err("lowering SME_VLS",
				__smekvm_set_vls(t->vcpu, SME_VLS, &vls), 0))
			return KSFT_FAIL;
		t->svl_vq = vq;
	}
	if (!finalize(t))
		return KSFT_FAIL;

	ok = expect_access_err(t, "ZA row SVL/8 with ZA=0", ZA_ROW(rows),
			       EINVAL);
	if (!set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	ok &= expect_access_err(t, "ZA row SVL/8", ZA_ROW(rows), EINVAL);
	ok &= expect_access_err(t, "ZA row 255", ZA_ROW(255), EINVAL);
	ok &= expect_rw(t, "ZA row SVL/8 - 1", ZA_ROW(rows - 1),
			SMEKVM_ZA_ROW_BYTES(vq), 1);
	return result(ok);
}

static int test_za_row_ebusy_when_za_off(struct ctx *t)
{
	unsigned int rows = SMEKVM_ZA_ROWS(t->svl_vq);
	bool ok;

	if (!finalize(t))
		return KSFT_FAIL;
	ok = expect_reg64(t, "SVCR", SMEKVM_SVCR, 0);
	ok &= expect_access_err(t, "ZA row 0", ZA_ROW(0), EBUSY);
	ok &= expect_access_err(t, "last ZA row", ZA_ROW(rows - 1), EBUSY);
	ok &= expect_access_err(t, "ZT0", ZT0, view_errno(t, 0, true, ZT0));
	return result(ok);
}

static int test_vector_regs_efault(struct ctx *t)
{
	size_t size = getpagesize();
	void *bad;
	bool ok;

	if (!finalize(t) || !set_svcr(t, SVCR_SM | SVCR_ZA))
		return KSFT_FAIL;

	bad = mmap(NULL, size, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	TEST_ASSERT(bad != MAP_FAILED, "mmap: %s", strerror(errno));
	ok = expect_access_err_at(t, "ZA row 0", ZA_ROW(0), bad, EFAULT);
	ok &= expect_access_err_at(t, "Z0 (SM=1)", ZREG(0), bad, EFAULT);
	ok &= expect_access_err_at(t, "P0 (SM=1)", PREG(0), bad, EFAULT);
	if (view_bytes(t, SVCR_SM | SVCR_ZA, ZT0))
		ok &= expect_access_err_at(t, "ZT0", ZT0, bad, EFAULT);
	ok &= expect_err("get SME_VLS",
			 __smekvm_get_reg(t->vcpu, SME_VLS, bad), EFAULT);
	munmap(bad, size);
	return result(ok);
}

/* Userspace writes of SVCR: abi-svcr-* */

static int test_svcr_sm_change_zeroes_vector_regs(struct ctx *t)
{
	bool ok;

	if (!finalize(t) || !set_svcr(t, SVCR_SM))
		return KSFT_FAIL;

	ok = write_vector_regs(t, true, 1) && set_fpsr(t, 0);
	if (!ok || !set_svcr(t, 0))
		return KSFT_FAIL;
	ok = expect_vector_regs_zero(t, false);
	ok &= expect_fpsr(t, SMEKVM_FPSR_AFTER_SM_CHANGE);

	if (!write_vector_regs(t, false, 10) || !set_fpsr(t, 0) ||
	    !set_svcr(t, SVCR_SM))
		return KSFT_FAIL;
	ok &= expect_vector_regs_zero(t, true);
	ok &= expect_fpsr(t, SMEKVM_FPSR_AFTER_SM_CHANGE);
	return result(ok);
}

static int test_svcr_sm_change_keeps_za(struct ctx *t)
{
	size_t len = SMEKVM_ZA_ROW_BYTES(t->svl_vq);
	size_t zt0 = view_bytes(t, SVCR_ZA, ZT0);
	bool ok;

	if (!finalize(t) || !set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	ok = expect_rw(t, "ZA row 0", ZA_ROW(0), len, 1);
	if (zt0)
		ok &= expect_rw(t, "ZT0", ZT0, zt0, 2);
	if (!ok || !set_svcr(t, SVCR_ZA | SVCR_SM))
		return KSFT_FAIL;
	ok = expect_pattern(t, "ZA row 0 after SM 0->1", ZA_ROW(0), len, 1);
	if (zt0)
		ok &= expect_pattern(t, "ZT0 after SM 0->1", ZT0, zt0, 2);
	if (!set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	ok &= expect_pattern(t, "ZA row 0 after SM 1->0", ZA_ROW(0), len, 1);
	if (zt0)
		ok &= expect_pattern(t, "ZT0 after SM 1->0", ZT0, zt0, 2);
	return result(ok);
}

static int test_svcr_za_on_zeroes_za_zt0(struct ctx *t)
{
	unsigned int rows = SMEKVM_ZA_ROWS(t->svl_vq);
	size_t len = SMEKVM_ZA_ROW_BYTES(t->svl_vq);
	size_t zt0 = view_bytes(t, SVCR_ZA, ZT0);
	bool ok;

	if (!finalize(t) || !set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	ok = expect_rw(t, "ZA row 0", ZA_ROW(0), len, 1);
	ok &= expect_rw(t, "last ZA row", ZA_ROW(rows - 1), len, 2);
	if (zt0)
		ok &= expect_rw(t, "ZT0", ZT0, zt0, 3);
	if (!ok || !set_svcr(t, 0) || !set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	ok = expect_zero(t, "ZA row 0 after ZA 1->0->1", ZA_ROW(0));
	ok &= expect_zero(t, "last ZA row after ZA 1->0->1",
			  ZA_ROW(rows - 1));
	if (zt0)
		ok &= expect_zero(t, "ZT0 after ZA 1->0->1", ZT0);
	return result(ok);
}

static int test_svcr_za_off_ebusy(struct ctx *t)
{
	size_t len = SMEKVM_ZA_ROW_BYTES(t->svl_vq);
	size_t zt0 = view_bytes(t, SVCR_ZA, ZT0);
	bool ok;

	if (!finalize(t) || !set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	ok = expect_rw(t, "ZA row 0", ZA_ROW(0), len, 1);
	if (zt0)
		ok &= expect_rw(t, "ZT0", ZT0, zt0, 2);
	if (!ok || !set_svcr(t, 0))
		return KSFT_FAIL;
	ok = expect_access_err(t, "ZA row 0 after ZA 1->0", ZA_ROW(0), EBUSY);
	if (zt0)
		ok &= expect_access_err(t, "ZT0 after ZA 1->0", ZT0, EBUSY);
	return result(ok);
}

static int test_svcr_res0_einval(struct ctx *t)
{
	bool ok;

	if (!set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	ok = expect_set64(t, "SVCR", SMEKVM_SVCR, SVCR_ZA | BIT(2), EINVAL);
	ok &= expect_set64(t, "SVCR", SMEKVM_SVCR, SVCR_ZA | BIT(63), EINVAL);
	ok &= expect_reg64(t, "SVCR after rejected writes", SMEKVM_SVCR,
			   SVCR_ZA);
	return result(ok);
}

/* KVM_GET_REG_LIST: abi-reglist-* */

struct reg_census {
	unsigned int z, p, ffr, vregs;
	unsigned int sme_vls, za_rows, zt0, sme_other;
	unsigned int svcr, smcr, smpri, tpidr2;
	__u64 first;
	bool za_row[KVM_ARM64_SME_NUM_ZAHREGS];
};

static void take_census(struct ctx *t, struct reg_census *c)
{
	struct kvm_reg_list *list = vcpu_get_reg_list(t->vcpu);
	__u64 i, id;
	int n;

	memset(c, 0, sizeof(*c));
	c->first = list->n ? list->reg[0] : 0;
	for (i = 0; i < list->n; i++) {
		id = list->reg[i];
		if (smekvm_reg_is_sve(id)) {
			if (id == SVE_VLS)
				continue;
			if (KVM_REG_SIZE(id) == 256)
				c->z++;
			else if ((id & 0xffff) < KVM_REG_ARM64_SVE_FFR_BASE)
				c->p++;
			else
				c->ffr++;
		} else if (smekvm_reg_is_sme(id)) {
			if (id == SME_VLS) {
				c->sme_vls++;
			} else if (id == ZT0) {
				c->zt0++;
			} else if (KVM_REG_SIZE(id) == 256 &&
				   (id & 0xffff) < 0x2000 && !(id & 0x1f)) {
				c->za_rows++;
				c->za_row[(id >> 5) & 0xff] = true;
			} else {
				c->sme_other++;
				report("unexpected SME register 0x%llx listed",
				       id);
			}
		} else if (id == SMEKVM_SVCR) {
			c->svcr++;
		} else if (id == SMEKVM_SMCR_EL1) {
			c->smcr++;
		} else if (id == SMEKVM_SMPRI_EL1) {
			c->smpri++;
		} else if (id == SMEKVM_TPIDR2_EL0) {
			c->tpidr2++;
		} else {
			for (n = 0; n < 32; n++)
				c->vregs += id == SMEKVM_VREG(n);
		}
	}
	free(list);
}

static bool expect_count(const char *what, unsigned int got,
			 unsigned int want)
{
	if (got == want)
		return true;
	report("%s: listed %u times, expected %u", what, got, want);
	return false;
}

static int test_reg_list_svcr_first(struct ctx *t)
{
	struct reg_census c;

	if (!finalize(t))
		return KSFT_FAIL;
	take_census(t, &c);
	return result(expect_u64("first KVM_GET_REG_LIST entry", c.first,
				 SMEKVM_SVCR));
}

static int test_reg_list_sme_sysregs(struct ctx *t)
{
	struct reg_census c;
	bool ok;

	if (!finalize(t))
		return KSFT_FAIL;
	take_census(t, &c);
	ok = expect_count("SVCR", c.svcr, 1);
	ok &= expect_count("SMCR_EL1", c.smcr, 1);
	ok &= expect_count("SMPRI_EL1", c.smpri, 1);
	ok &= expect_count("TPIDR2_EL0", c.tpidr2, 1);
	return result(ok);
}

static int test_reg_list_za_on(struct ctx *t)
{
	unsigned int n, rows = SMEKVM_ZA_ROWS(t->svl_vq);
	struct reg_census c;
	bool ok;

	if (!finalize(t) || !set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	take_census(t, &c);
	ok = expect_count("SME_VLS", c.sme_vls, 1);
	ok &= expect_count("ZA rows", c.za_rows, rows);
	for (n = 0; n < rows; n++) {
		if (!c.za_row[n]) {
			report("ZA row %u not listed", n);
			ok = false;
			break;
		}
	}
	ok &= expect_count("ZT0", c.zt0,
			   view_count(t, SVCR_ZA, SMEKVM_RC_ZT0));
	ok &= !c.sme_other;
	return result(ok);
}

static int test_reg_list_za_off(struct ctx *t)
{
	struct reg_census c;
	bool ok;

	if (!finalize(t))
		return KSFT_FAIL;
	take_census(t, &c);
	ok = expect_count("SME_VLS", c.sme_vls, 1);
	ok &= expect_count("ZA rows with ZA=0", c.za_rows, 0);
	ok &= expect_count("ZT0 with ZA=0", c.zt0, 0);
	ok &= !c.sme_other;
	return result(ok);
}

/* Z/P/FFR and V registers listed as the live SVCR.SM decides. */
static int test_reg_list_vector_view(struct ctx *t)
{
	struct reg_census c;
	bool ok = true;
	__u64 svcr;
	int sm;

	if (!finalize(t))
		return KSFT_FAIL;
	for (sm = 0; sm <= 1; sm++) {
		svcr = sm ? SVCR_SM : 0;
		if (!set_svcr(t, svcr))
			return KSFT_FAIL;
		take_census(t, &c);
		ok &= expect_count(sm ? "Z (SM=1)" : "Z (SM=0)", c.z,
				   view_count(t, svcr, SMEKVM_RC_Z));
		ok &= expect_count(sm ? "P (SM=1)" : "P (SM=0)", c.p,
				   view_count(t, svcr, SMEKVM_RC_P));
		ok &= expect_count(sm ? "FFR (SM=1)" : "FFR (SM=0)", c.ffr,
				   view_count(t, svcr, SMEKVM_RC_FFR));
		ok &= expect_count(sm ? "V (SM=1)" : "V (SM=0)", c.vregs,
				   view_count(t, svcr, SMEKVM_RC_V));
	}
	return result(ok);
}

static int test_reg_list_no_sme(struct ctx *t)
{
	struct reg_census c;
	bool ok;

	if (t->sve && !finalize(t))
		return KSFT_FAIL;
	take_census(t, &c);
	ok = expect_count("SME_VLS", c.sme_vls, 0);
	ok &= expect_count("ZA rows", c.za_rows, 0);
	ok &= expect_count("ZT0", c.zt0, 0);
	ok &= expect_count("SVCR", c.svcr, 0);
	ok &= expect_count("TPIDR2_EL0", c.tpidr2, 0);
	ok &= !c.sme_other;
	return result(ok);
}

/* SMCR_EL1, SMPRI_EL1, ID registers: abi-smcr-*, abi-smpri-*, abi-idreg-* */

static int test_smcr_el1_write_masked(struct ctx *t)
{
	__u64 want = SMCR_ELx_LEN_MASK;

	if (t->fa64)
		want |= SMCR_ELx_FA64_MASK;
	if (t->sme2)
		want |= SMCR_ELx_EZT0_MASK;
	if (!expect_set64(t, "SMCR_EL1", SMEKVM_SMCR_EL1, ~0ULL, 0))
		return KSFT_FAIL;
	return result(expect_reg64(t, "SMCR_EL1 after writing all ones",
				   SMEKVM_SMCR_EL1, want));
}

static int test_smpri_el1_nonzero_einval(struct ctx *t)
{
	bool ok;

	ok = expect_set64(t, "SMPRI_EL1", SMEKVM_SMPRI_EL1, 1, EINVAL);
	ok &= expect_set64(t, "SMPRI_EL1", SMEKVM_SMPRI_EL1, 0, 0);
	ok &= expect_reg64(t, "SMPRI_EL1", SMEKVM_SMPRI_EL1, 0);
	return result(ok);
}

static int test_pfr1_sme_zero_einval(struct ctx *t)
{
	__u64 before = vcpu_get_reg(t->vcpu, SMEKVM_ID_AA64PFR1_EL1);
	bool ok;

	ok = expect_err("setting ID_AA64PFR1_EL1.SME to 0",
			__smekvm_set_id_field(t->vcpu, SMEKVM_ID_AA64PFR1_EL1,
					      ID_AA64PFR1_EL1_SME_MASK, 0),
			EINVAL);
	ok &= expect_reg64(t, "ID_AA64PFR1_EL1 after the rejected write",
			   SMEKVM_ID_AA64PFR1_EL1, before);
	return result(ok);
}

static int test_smfr0_fa64_clear(struct ctx *t)
{
	static const struct smekvm_vcpu_cfg hide = { .hide_fa64 = true };
	__u64 before = vcpu_get_reg(t->vcpu, SMEKVM_ID_AA64SMFR0_EL1);

	t->skip = smekvm_cfg_host_lacks(&hide);
	if (t->skip)
		return KSFT_SKIP;
	if (!expect_err("clearing ID_AA64SMFR0_EL1.FA64",
			__smekvm_set_id_field(t->vcpu, SMEKVM_ID_AA64SMFR0_EL1,
					      ID_AA64SMFR0_EL1_FA64_MASK, 0),
			0))
		return KSFT_FAIL;
	return result(expect_reg64(t, "ID_AA64SMFR0_EL1", SMEKVM_ID_AA64SMFR0_EL1,
				   before & ~ID_AA64SMFR0_EL1_FA64_MASK));
}

/*
 * CASE: a fresh vcpu in the flavour's VM.  OWN_VM_CASE: a VM of its own,
 * for cases that change (or, with a bug, could change) ID registers, which
 * are VM-wide.  RAW_CASE: a VM of its own and no vcpu: the case initialises
 * one itself.  All vcpus of a VM must have the same features, so INIT with
 * other features than the flavour's would fail in a shared VM for that
 * reason alone.
 */
#define CASE(_name, _flavours)	{ #_name, test_##_name, _flavours }
#define OWN_VM_CASE(_name, _flavours)					\
	{ #_name, test_##_name, _flavours, .own_vm = true }
#define RAW_CASE(_name, _flavours)					\
	{ #_name, test_##_name, _flavours, .raw = true, .own_vm = true }

static const struct smoke_case cases[] = {
	/*
	 * abi-cap-*, abi-init-*, abi-pvm-*, abi-final-*, abi-reset-*; "init"
	 * comes first: the flavour's other cases need it.
	 */
	RAW_CASE(init,				SMEKVM_FL_SME),
	OWN_VM_CASE(cap_arm_sme,		FL_KVM),
	OWN_VM_CASE(protected_vm_einval,	FL_KVM),
	RAW_CASE(init_el1_32bit_einval,		SMEKVM_FL_SME_BASE),
	CASE(finalize_twice_eperm,		SMEKVM_FL_SME),
	CASE(finalize_einval,			SMEKVM_FL(NO_VEC)),
	CASE(reset_values,			SMEKVM_FL_SME),
	CASE(reset_values_reinit,		SMEKVM_FL_SME),
	CASE(vector_regs_eperm_before_finalize,	SMEKVM_FL_SME),
	/* abi-vls-* */
	CASE(sme_vls_default,			SMEKVM_FL_SME),
	CASE(sme_vls_write_empty_einval,	SMEKVM_FL_SME),
	CASE(sme_vls_write_vq17_einval,		SMEKVM_FL_SME),
	CASE(sme_vls_write_gap_einval,		SMEKVM_FL_SME),
	CASE(sme_vls_write_after_finalize_eperm, SMEKVM_FL_SME),
	CASE(sme_vls_lower_max,			SMEKVM_FL_SME),
	CASE(sme_vls_enoent,			SMEKVM_FL_NO_SME),
	/* abi-view-*, abi-onereg-*, abi-payload-* */
	CASE(za_row_rw,				SMEKVM_FL_SME),
	CASE(zt0_iff_sme2,			SMEKVM_FL_SME),
	CASE(streaming_z_p_rw,			SMEKVM_FL_SME),
	CASE(streaming_ffr_iff_fa64,		SMEKVM_FL_SME),
	CASE(nonstreaming_z_p_ffr_rw,		SMEKVM_FL(SVE_SME)),
	CASE(sm0_z_enoent_v_core,		SMEKVM_FL_SME_NO_SVE),
	CASE(v_reg_einval_when_sm1,		SMEKVM_FL_SME),
	CASE(sme_bad_id_enoent,			SMEKVM_FL_SME),
	CASE(za_row_out_of_range_einval,	SMEKVM_FL_SME),
	CASE(za_row_ebusy_when_za_off,		SMEKVM_FL_SME),
	CASE(vector_regs_efault,		SMEKVM_FL_SME),
	/* abi-svcr-* */
	CASE(svcr_sm_change_zeroes_vector_regs,	SMEKVM_FL_SME),
	CASE(svcr_sm_change_keeps_za,		SMEKVM_FL_SME),
	CASE(svcr_za_on_zeroes_za_zt0,		SMEKVM_FL_SME),
	CASE(svcr_za_off_ebusy,			SMEKVM_FL_SME),
	CASE(svcr_res0_einval,			SMEKVM_FL_SME),
	/* abi-reglist-* */
	CASE(reg_list_svcr_first,		SMEKVM_FL_SME),
	CASE(reg_list_sme_sysregs,		SMEKVM_FL_SME),
	CASE(reg_list_za_on,			SMEKVM_FL_SME),
	CASE(reg_list_za_off,			SMEKVM_FL_SME),
	CASE(reg_list_vector_view,		SMEKVM_FL_SME),
	CASE(reg_list_no_sme,			SMEKVM_FL_NO_SME),
	/* abi-smcr-*, abi-smpri-*, abi-idreg-* */
	CASE(smcr_el1_write_masked,		SMEKVM_FL_SME),
	CASE(smpri_el1_nonzero_einval,		SMEKVM_FL_SME),
	OWN_VM_CASE(pfr1_sme_zero_einval,	SMEKVM_FL_SME),
	OWN_VM_CASE(smfr0_fa64_clear,		SMEKVM_FL_SME_BASE),
};

static int run_case(const struct smoke_case *c, unsigned int f,
		    struct flavour_vm *fvm)
{
	struct ctx t = { .cfg = flavour_cfg(f) };
	const struct smekvm_vcpu_cfg *cfg = t.cfg;
	__u32 vcpu_id = 0;
	int ret;

	t.sve = cfg->sve;
	t.sme = cfg->sme;
	t.sme2 = cfg->sme && host.sme2 && !cfg->hide_sme2;
	t.fa64 = cfg->sme && host.fa64 && !cfg->hide_fa64;

	if (c->own_vm) {
		t.vm = vm_create(1);
	} else {
		if (!fvm->vm)
			fvm->vm = vm_create(fvm->nr_vcpus);
		TEST_ASSERT(fvm->next_id < fvm->nr_vcpus, "too many vcpus");
		t.vm = fvm->vm;
		vcpu_id = fvm->next_id++;
	}

	if (!c->raw && f != F_KVM) {
		t.vcpu = smekvm_vcpu_add(t.vm, vcpu_id, cfg, NULL);
		if (t.sme) {
			smekvm_get_vls(t.vcpu, SME_VLS, &t.sme_vls);
			t.svl_vq = smekvm_vls_max(&t.sme_vls);
			TEST_ASSERT(t.svl_vq, "SME_VLS is empty");
		}
		if (t.sve) {
			struct smekvm_vls vls;

			smekvm_get_vls(t.vcpu, SVE_VLS, &vls);
			t.sve_vq = smekvm_vls_max(&vls);
			TEST_ASSERT(t.sve_vq, "SVE_VLS is empty");
		}
	}

	ret = c->run(&t);
	if (c->own_vm)
		kvm_vm_free(t.vm);

	if (ret == KSFT_SKIP)
		ksft_test_result_code(KSFT_SKIP, cur_case, "%s", t.skip);
	else
		ksft_test_result(ret == KSFT_PASS, "%s\n", cur_case);
	return ret;
}

static void print_host(void)
{
	struct smekvm_vcpu_cfg cfg = { .sme = true, .sve = host.sve };
	struct smekvm_vls vls;
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	char str[128];

	ksft_print_msg("host: SVE %s, SME2 %s, FA64 %s, AArch32 EL1 %s\n",
		       host.sve ? "yes" : "no", host.sme2 ? "yes" : "no",
		       host.fa64 ? "yes" : "no",
		       host.el1_32bit ? "yes" : "no");

	vm = vm_create(1);
	vcpu = smekvm_vcpu_add(vm, 0, &cfg, NULL);
	smekvm_get_vls(vcpu, SME_VLS, &vls);
	ksft_print_msg("SME_VLS after INIT (bits): %s\n",
		       smekvm_vls_str(&vls, str, sizeof(str)));
	if (host.sve) {
		smekvm_get_vls(vcpu, SVE_VLS, &vls);
		ksft_print_msg("SVE_VLS after INIT (bits): %s\n",
			       smekvm_vls_str(&vls, str, sizeof(str)));
	}
	kvm_vm_free(vm);
}

/* Set cur_case to the name of @c on @f; whether SMEKVM_CASE selects it. */
static bool select_case(const struct smoke_case *c, unsigned int f)
{
	if (!(c->flavours & (1U << f)))
		return false;
	snprintf(cur_case, sizeof(cur_case), "%s/%s", flavour_name(f),
		 c->name);
	return smekvm_case_selected(cur_case);
}

static void run_flavour(unsigned int f)
{
	const char *why = smekvm_cfg_host_lacks(flavour_cfg(f));
	struct flavour_vm fvm = {};
	bool broken = false;
	unsigned int i;
	int ret;

	for (i = 0; i < ARRAY_SIZE(cases); i++)
		fvm.nr_vcpus += select_case(&cases[i], f) && !cases[i].own_vm;

	for (i = 0; i < ARRAY_SIZE(cases); i++) {
		const struct smoke_case *c = &cases[i];

		if (!select_case(c, f))
			continue;
		if (why) {
			ksft_test_result_code(KSFT_SKIP, cur_case, "%s", why);
			continue;
		}
		if (broken) {
			report("not run: %s/init failed", flavour_name(f));
			ksft_test_result_fail("%s\n", cur_case);
			continue;
		}
		ret = run_case(c, f, &fvm);
		if (c->run == test_init && ret != KSFT_PASS)
			broken = true;
	}

	if (fvm.vm)
		kvm_vm_free(fvm.vm);
}

int main(void)
{
	unsigned int f, i, plan = 0;

	for (f = 0; f <= F_KVM; f++)
		for (i = 0; i < ARRAY_SIZE(cases); i++)
			plan += select_case(&cases[i], f);
	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());

	smekvm_skip_unless_kvm_sme();
	host.sve = kvm_has_cap(KVM_CAP_ARM_SVE);
	host.sme2 = getauxval(AT_HWCAP2) & HWCAP2_SME2;
	host.fa64 = getauxval(AT_HWCAP2) & HWCAP2_SME_FA64;
	host.el1_32bit = kvm_has_cap(KVM_CAP_ARM_EL1_32BIT);

	ksft_print_header();
	print_host();
	ksft_set_plan(plan);

	run_flavour(F_KVM);
	for (f = 0; f < F_KVM; f++)
		run_flavour(f);

	/* Every case skipped: say so rather than pass. */
	if (!ksft_get_pass_cnt() && !ksft_get_fail_cnt()) {
		ksft_print_cnts();
		exit(KSFT_SKIP);
	}
	ksft_finished();
}
