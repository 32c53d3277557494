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
 * The cases run on the vcpu flavours (lib/sme_flavour.h), because the ABI
 * depends on them: SME with and without SVE (with SVE, Z/P/FFR exist in
 * both SVCR.SM states, at the SVE maximum VL when SM=0 and at the SME
 * maximum VL when SM=1; without it, SM=0 has V as core registers and no
 * Z/P/FFR), SME with SME2 or FA64 hidden (no ZT0 and SMCR_EL1.EZT0, no
 * streaming FFR and SMCR_EL1.FA64), and vcpus without SME, which must not
 * see any of it.  Two cases, "kvm/<case>", have no vcpu: KVM-wide facts
 * (the capability) and protected VMs, which never get SME (where the
 * host has them).
 *
 * Per area, a few cases: discovery, INIT and FINALIZE (abi-cap-*,
 * abi-init-*, abi-final-*, abi-reset-*), the SME_VLS register (abi-vls-*),
 * access to ZA rows, ZT0 and streaming Z/P/FFR with one errno of each row
 * of the error table, and payloads that follow the live VL (abi-view-*,
 * abi-onereg-*, abi-payload-*), the zeroing done by userspace writes of
 * SVCR (abi-svcr-*), the contents of KVM_GET_REG_LIST (abi-reglist-*), and
 * SMCR_EL1, SMPRI_EL1 and the SME ID fields (abi-smcr-*, abi-smpri-*,
 * abi-idreg-*).  Which registers exist in an SVCR state, their sizes, the
 * errnos that depend on the flavour and what KVM_GET_REG_LIST must list
 * come from the reference model (lib/sme_model.h), for the vcpu the case
 * has (its struct smekvm_model_cfg).
 *
 * The program is a table of cases for the frame of lib/sme_conf.h, which
 * gives every case a fresh vcpu, so that one broken rule does not hide
 * the others (in the flavour's shared VM, or in a VM of its own for the
 * cases that change ID registers or initialise their vcpu themselves),
 * skips the whole program when KVM cannot offer SME at all and the
 * flavours the host cannot offer case by case, and fails the other cases
 * of a flavour without running them when its "init" case fails.  Vcpus
 * are created with explicit features, at EL1, whatever NV says.
 * SMEKVM_CASE=<flavour>/<case> runs one case.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <sys/mman.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "sme_conf.h"
#include "sme_model.h"
#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_profile.h"
#include "sme_uapi.h"
#include "sme_vcpu.h"

#define ZREG(n)		KVM_REG_ARM64_SVE_ZREG(n, 0)
#define PREG(n)		KVM_REG_ARM64_SVE_PREG(n, 0)
#define FFR		KVM_REG_ARM64_SVE_FFR(0)
#define ZA_ROW(n)	KVM_REG_ARM64_SME_ZAHREG(n, 0)
#define ZT0		KVM_REG_ARM64_SME_ZT0
#define SME_VLS		KVM_REG_ARM64_SME_VLS
#define SME_ID(size, index)						\
	(KVM_REG_ARM64 | KVM_REG_ARM64_SME | KVM_REG_SIZE_##size | (index))

/* Register classes of the model (enum smekvm_reg_class), as masks. */
#define RC(c)		BIT(SMEKVM_RC_##c)
#define VEC_REGS	(RC(V) | RC(Z) | RC(P) | RC(FFR))
#define ZA_REGS		(RC(ZA) | RC(ZT0))
#define ALL_REGS	(VEC_REGS | ZA_REGS)

static int result(bool ok)
{
	return ok ? KSFT_PASS : KSFT_FAIL;
}

/* KVM_GET_ONE_REG and KVM_SET_ONE_REG of @id at @buf both fail: @want. */
static bool expect_access_err_at(struct smekvm_conf_ctx *t, const char *what,
				 __u64 id, void *buf, int want)
{
	char desc[128];
	bool ok;

	snprintf(desc, sizeof(desc), "get %s (0x%llx)", what, id);
	ok = smekvm_expect_err(desc, __smekvm_get_reg(t->vcpu, id, buf), want);
	snprintf(desc, sizeof(desc), "set %s (0x%llx)", what, id);
	ok &= smekvm_expect_err(desc, __smekvm_set_reg(t->vcpu, id, buf),
				want);
	return ok;
}

static bool expect_access_err(struct smekvm_conf_ctx *t, const char *what,
			      __u64 id, int want)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];

	TEST_ASSERT(KVM_REG_SIZE(id) <= sizeof(buf), "0x%llx too big", id);
	smekvm_pattern_fill(buf, KVM_REG_SIZE(id), 99);
	return expect_access_err_at(t, what, id, buf, want);
}

/* The errno the model gives an access to @id in SVCR state @svcr. */
static int model_errno(const struct smekvm_conf_ctx *t, __u64 svcr,
		       bool finalized, __u64 id)
{
	struct smekvm_model_access a = {
		.cfg = &t->m, .svcr = svcr, .finalized = finalized,
	};

	return smekvm_model_rows_errno(smekvm_model_access_rows(&a, id));
}

/* @id reads as pattern @seed in its first @len bytes and zero after. */
static bool expect_pattern(struct smekvm_conf_ctx *t, const char *what,
			   __u64 id, size_t len, unsigned int seed)
{
	__u8 want[SMEKVM_REG_MAX_BYTES], got[SMEKVM_REG_MAX_BYTES];
	size_t size = KVM_REG_SIZE(id), same, nz;

	TEST_ASSERT(size <= sizeof(got) && len <= size, "0x%llx", id);
	smekvm_pattern_fill(want, size, seed);
	memset(got, 0x5a, size);
	if (!smekvm_read_reg(t->vcpu, what, id, got))
		return false;
	for (same = 0; same < size && got[same] == want[same]; same++)
		;
	for (nz = size; nz > 0 && !got[nz - 1]; nz--)
		;
	if (same < len || nz > len) {
		smekvm_report("%s: read back %zu bytes as written and %zu bytes up to the last non-zero one; expected %zu bytes as written, zero after",
			      what, same < len ? same : len, nz, len);
		return false;
	}
	return true;
}

/* Write pattern @seed to all of @id, then expect_pattern(). */
static bool expect_rw(struct smekvm_conf_ctx *t, const char *what, __u64 id,
		      size_t len, unsigned int seed)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];
	int err;

	TEST_ASSERT(KVM_REG_SIZE(id) <= sizeof(buf), "0x%llx too big", id);
	smekvm_pattern_fill(buf, KVM_REG_SIZE(id), seed);
	err = __smekvm_set_reg(t->vcpu, id, buf);
	if (err) {
		smekvm_report("set %s: %s", what, smekvm_errno_name(err));
		return false;
	}
	return expect_pattern(t, what, id, len, seed);
}

/* Writing @val to @id gives errno @want. */
static bool expect_set(struct smekvm_conf_ctx *t, const char *what, __u64 id,
		       __u64 val, int want)
{
	char desc[96];

	TEST_ASSERT(KVM_REG_SIZE(id) <= sizeof(val), "0x%llx too big", id);
	snprintf(desc, sizeof(desc), "set %s to 0x%llx", what, val);
	return smekvm_expect_err(desc, __smekvm_set_reg(t->vcpu, id, &val),
				 want);
}

static bool set_svcr(struct smekvm_conf_ctx *t, __u64 svcr)
{
	return expect_set(t, "SVCR", SMEKVM_SVCR, svcr, 0);
}

static bool finalize(struct smekvm_conf_ctx *t)
{
	return smekvm_expect_err("KVM_ARM_VCPU_FINALIZE(KVM_ARM_VCPU_VEC)",
				 __smekvm_vcpu_finalize(t->vcpu), 0);
}

/* What sample() does with each register. */
enum sample_op {
	WRITE,		/* write pattern @arg + i, read it back */
	KEPT,		/* still holds what WRITE with @arg wrote */
	ZERO,		/* reads zero */
	FAILS,		/* get and set fail with errno @arg */
};

/*
 * @op on the i-th register of a sample (Z0, Z31, P0, P15, FFR, V0, ZA row
 * 0, the last ZA row, ZT0) if it is of one of @classes (RC() bits) and
 * exists in SVCR state @svcr: at its size there, as the model has it
 * (abi-view-*, abi-payload-*).  @when follows the register's name in
 * reports.
 */
static bool sample(struct smekvm_conf_ctx *t, __u64 svcr,
		   unsigned int classes, enum sample_op op, unsigned int arg,
		   const char *when)
{
	const __u64 ids[] = {
		ZREG(0), ZREG(31), PREG(0), PREG(15), FFR, SMEKVM_VREG(0),
		ZA_ROW(0), ZA_ROW(SMEKVM_ZA_ROWS(t->m.sme_vq) - 1), ZT0,
	};
	char what[SMEKVM_REG_NAME_MAX + 32], name[SMEKVM_REG_NAME_MAX];
	unsigned int i;
	bool ok = true;
	size_t len;

	for (i = 0; i < ARRAY_SIZE(ids); i++) {
		len = smekvm_model_state_bytes(&t->m, svcr, ids[i]);
		if (!len || !(classes & BIT(smekvm_model_reg_class(ids[i],
								   NULL))))
			continue;
		snprintf(what, sizeof(what), "%s%s",
			 smekvm_reg_name(ids[i], name, sizeof(name)), when);
		if (op == WRITE)
			ok &= expect_rw(t, what, ids[i], len, arg + i);
		else if (op == KEPT)
			ok &= expect_pattern(t, what, ids[i], len, arg + i);
		else if (op == ZERO)
			ok &= smekvm_expect_zero(t->vcpu, what, ids[i]);
		else
			ok &= expect_access_err(t, what, ids[i], arg);
	}
	return ok;
}

/*
 * Discovery, INIT, FINALIZE, reset: abi-cap-*, abi-init-*, abi-pvm-*,
 * abi-final-*, abi-reset-*
 */

static int test_cap_arm_sme(struct smekvm_conf_ctx *t)
{
	unsigned int sys = kvm_check_cap(KVM_CAP_ARM_SME);
	int vm = vm_check_cap(t->vm, KVM_CAP_ARM_SME);

	if (sys > 0 && vm > 0)
		return KSFT_PASS;
	smekvm_report("KVM_CHECK_EXTENSION(KVM_CAP_ARM_SME = %d): %u on /dev/kvm, %d on a VM, expected > 0",
		      KVM_CAP_ARM_SME, sys, vm);
	return KSFT_FAIL;
}

/*
 * abi-cap-feature-bit, abi-regid-za-row, abi-regid-zt0, abi-regid-sme-vls:
 * the numbers of the headers the suite was built with (lib/sme_uapi.h
 * takes a series' own) are those of doc/abi.md.  The feature bit is
 * [ours]: other profiles take the headers' word for it.
 */
static int test_uapi_numbers(struct smekvm_conf_ctx *t)
{
	bool ok = true;

	ksft_print_msg("KVM_CAP_ARM_SME %d, KVM_ARM_VCPU_SME %d (uAPI headers)\n",
		       KVM_CAP_ARM_SME, KVM_ARM_VCPU_SME);
	if (smekvm_profile_has(SMEKVM_RULE_UAPI_NUMBERS))
		ok &= smekvm_expect_u64("KVM_ARM_VCPU_SME", KVM_ARM_VCPU_SME,
					SMEKVM_ABI_FEATURE_BIT);
	ok &= smekvm_expect_u64("ZA row 0 ID", KVM_REG_ARM64_SME_ZAHREG(0, 0),
				SMEKVM_ABI_ZA_ROW(0));
	ok &= smekvm_expect_u64("ZA row 255 ID",
				KVM_REG_ARM64_SME_ZAHREG(255, 0),
				SMEKVM_ABI_ZA_ROW(255));
	ok &= smekvm_expect_u64("ZT0 ID", KVM_REG_ARM64_SME_ZT0, SMEKVM_ABI_ZT0);
	ok &= smekvm_expect_u64("SME_VLS ID", KVM_REG_ARM64_SME_VLS,
				SMEKVM_ABI_SME_VLS);
	return result(ok);
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
static int test_protected_vm_einval(struct smekvm_conf_ctx *t)
{
	int kvm_fd = open_kvm_dev_path_or_exit();
	int vm_fd;
	bool ok;

	vm_fd = ioctl(kvm_fd, KVM_CREATE_VM, KVM_VM_TYPE_ARM_PROTECTED);
	if (vm_fd < 0) {
		close(kvm_fd);
		return smekvm_conf_skip(t, "host offers no protected VMs (kvm-arm.mode=protected)");
	}
	close(vm_fd);
	ok = smekvm_expect_err("INIT of a protected vcpu without SME",
			       protected_vcpu_init(kvm_fd, 0), 0);
	ok &= smekvm_expect_err("INIT of a protected vcpu with SME",
				protected_vcpu_init(kvm_fd,
						    1U << KVM_ARM_VCPU_SME),
				EINVAL);
	close(kvm_fd);
	return result(ok);
}

/* INIT with the flavour's features and its ID register changes. */
static int test_init(struct smekvm_conf_ctx *t)
{
	struct kvm_vcpu *vcpu = __vm_vcpu_add(t->vm, 0);
	bool ok;

	if (!smekvm_expect_err("KVM_ARM_VCPU_INIT",
			       __smekvm_vcpu_init(vcpu,
						  smekvm_cfg_features(&t->cfg)),
			       0))
		return KSFT_FAIL;
	if (!smekvm_expect_err("ID register writes of the flavour",
			       __smekvm_vcpu_apply_cfg(vcpu, &t->cfg), 0))
		return KSFT_FAIL;

	/* Defaults follow the host's hwcaps; hidden features read hidden. */
	ok = smekvm_expect_u64("ID_AA64PFR1_EL1.SME",
			       smekvm_vcpu_pfr1_sme(vcpu),
			       t->m.sme2 ? ID_AA64PFR1_EL1_SME_SME2 :
					   ID_AA64PFR1_EL1_SME_IMP);
	ok &= smekvm_expect_u64("ID_AA64SMFR0_EL1.FA64",
				smekvm_vcpu_has_fa64(vcpu), t->m.fa64);
	return result(ok);
}

static int test_init_el1_32bit_einval(struct smekvm_conf_ctx *t)
{
	struct kvm_vcpu *vcpu = __vm_vcpu_add(t->vm, 0);
	__u32 features = smekvm_cfg_features(&t->cfg) |
			 1U << KVM_ARM_VCPU_EL1_32BIT;

	if (!smekvm_host.el1_32bit)
		smekvm_report("host has no AArch32 EL1: EINVAL does not depend on SME here");
	return result(smekvm_expect_err("KVM_ARM_VCPU_INIT with SME and EL1_32BIT",
					__smekvm_vcpu_init(vcpu, features),
					EINVAL));
}

static int test_finalize_twice_eperm(struct smekvm_conf_ctx *t)
{
	bool ok;

	ok = smekvm_expect_err("first FINALIZE",
			       __smekvm_vcpu_finalize(t->vcpu), 0);
	ok &= smekvm_expect_err("second FINALIZE",
				__smekvm_vcpu_finalize(t->vcpu), EPERM);
	return result(ok);
}

static int test_finalize_einval(struct smekvm_conf_ctx *t)
{
	return result(smekvm_expect_err("FINALIZE without SVE and SME",
					__smekvm_vcpu_finalize(t->vcpu),
					EINVAL));
}

static bool expect_reset_values(struct smekvm_conf_ctx *t)
{
	bool ok;

	ok = smekvm_expect_reg(t->vcpu, "SVCR", SMEKVM_SVCR, 0);
	ok &= smekvm_expect_reg(t->vcpu, "SMCR_EL1", SMEKVM_SMCR_EL1, 0);
	ok &= smekvm_expect_reg(t->vcpu, "SMPRI_EL1", SMEKVM_SMPRI_EL1, 0);
	return ok;
}

static int test_reset_values(struct smekvm_conf_ctx *t)
{
	return result(expect_reset_values(t));
}

/* A second INIT resets the SME state that the first INIT's use changed. */
static int test_reset_values_reinit(struct smekvm_conf_ctx *t)
{
	struct kvm_vcpu_init init = t->vcpu->init;
	bool ok;

	if (!set_svcr(t, SVCR_SM | SVCR_ZA) ||
	    !expect_set(t, "SMCR_EL1", SMEKVM_SMCR_EL1, 3, 0) ||
	    !finalize(t) ||
	    !sample(t, SVCR_SM | SVCR_ZA, ALL_REGS, WRITE, 1, " (SM=1)"))
		return KSFT_FAIL;

	if (!smekvm_expect_err("second KVM_ARM_VCPU_INIT",
			       __vcpu_ioctl(t->vcpu, KVM_ARM_VCPU_INIT,
					    &init) ? errno : 0, 0))
		return KSFT_FAIL;

	ok = expect_reset_values(t);
	/* The SM change set FPSR to 0x0800009f; reset clears it as today. */
	ok &= smekvm_expect_reg(t->vcpu, "FPSR", SMEKVM_FPSR, 0);
	ok &= sample(t, 0, VEC_REGS, ZERO, 0, " (SM=0)");
	return result(ok);
}

/*
 * Vector and matrix registers before FINALIZE: EPERM, unless an earlier
 * row of the error table applies (SME-only with SM=0: Z is ENOENT, as
 * the model says).  SVCR itself may be written before FINALIZE.
 */
static int test_vector_regs_eperm_before_finalize(struct smekvm_conf_ctx *t)
{
	bool ok;

	if (!set_svcr(t, SVCR_SM | SVCR_ZA))
		return KSFT_FAIL;
	ok = sample(t, SVCR_SM | SVCR_ZA, ALL_REGS, FAILS, EPERM,
		    " (SM=1)");
	if (!set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	ok &= expect_access_err(t, "Z0 (SM=0)", ZREG(0),
				model_errno(t, SVCR_ZA, false, ZREG(0)));
	return result(ok);
}

/* SME_VLS: abi-vls-* */

static int test_sme_vls_default(struct smekvm_conf_ctx *t)
{
	struct smekvm_vls vls = {}, again = {};
	char str[128];
	bool ok = true;
	int err;

	err = __smekvm_get_vls(t->vcpu, SME_VLS, &vls);
	if (!smekvm_expect_err("get SME_VLS", err, 0))
		return KSFT_FAIL;
	smekvm_vls_str(&vls, str, sizeof(str));
	if (!smekvm_vls_count(&vls)) {
		smekvm_report("SME_VLS is empty");
		ok = false;
	}
	if (smekvm_vls_outside(&vls, KVM_ARM64_SME_VQ_MIN,
			       KVM_ARM64_SME_VQ_MAX)) {
		smekvm_report("SME_VLS {%s} has VLs outside 128..2048 bits",
			      str);
		ok = false;
	}
	ok &= smekvm_expect_err("writing SME_VLS back unchanged",
				__smekvm_set_vls(t->vcpu, SME_VLS, &vls), 0);
	smekvm_get_vls(t->vcpu, SME_VLS, &again);
	ok &= smekvm_expect_vls("SME_VLS after writing its own value", &again,
				&vls);
	return result(ok);
}

/* Writing @vls to SME_VLS fails with @want and changes nothing. */
static bool expect_vls_refused(struct smekvm_conf_ctx *t, const char *what,
			       const struct smekvm_vls *vls, int want)
{
	struct smekvm_vls now = {};
	bool ok;

	ok = smekvm_expect_err(what, __smekvm_set_vls(t->vcpu, SME_VLS, vls),
			       want);
	smekvm_get_vls(t->vcpu, SME_VLS, &now);
	return ok & smekvm_expect_vls("SME_VLS after the rejected write",
				      &now, &t->sme_vls);
}

static int test_sme_vls_write_empty_einval(struct smekvm_conf_ctx *t)
{
	struct smekvm_vls empty = {};

	return result(expect_vls_refused(t, "writing an empty SME_VLS", &empty,
					 EINVAL));
}

static int test_sme_vls_write_vq17_einval(struct smekvm_conf_ctx *t)
{
	struct smekvm_vls vls = t->sme_vls;

	smekvm_vls_add(&vls, KVM_ARM64_SME_VQ_MAX + 1);
	return result(expect_vls_refused(t,
					 "writing SME_VLS with VL 2176 added",
					 &vls, EINVAL));
}

/* Not the offered set cut at a maximum: the smallest offered VL missing. */
static int test_sme_vls_write_gap_einval(struct smekvm_conf_ctx *t)
{
	struct smekvm_vls vls = t->sme_vls;

	if (smekvm_vls_count(&vls) < 2)
		return smekvm_conf_skip(t, "a single SME VL is offered");
	smekvm_vls_del(&vls, smekvm_vls_min(&vls));
	return result(expect_vls_refused(t,
					 "writing SME_VLS without its smallest VL",
					 &vls, EINVAL));
}

static int test_sme_vls_write_after_finalize_eperm(struct smekvm_conf_ctx *t)
{
	if (!finalize(t))
		return KSFT_FAIL;
	return result(expect_vls_refused(t, "writing SME_VLS after FINALIZE",
					 &t->sme_vls, EPERM));
}

/*
 * Lower the maximum SVL to the largest offered VL below @vq, and read
 * SME_VLS back into @t.
 */
static bool lower_svl(struct smekvm_conf_ctx *t, unsigned int vq)
{
	struct smekvm_vls vls = t->sme_vls;

	smekvm_vls_truncate(&vls, smekvm_vls_prev(&vls, vq));
	if (!smekvm_expect_err("writing SME_VLS truncated at the next lower VL",
			       __smekvm_set_vls(t->vcpu, SME_VLS, &vls), 0))
		return false;
	smekvm_conf_refresh_vq(t);
	return smekvm_expect_vls("SME_VLS after the write", &t->sme_vls,
				 &vls);
}

/* Lower the maximum SVL: the streaming Z registers follow it. */
static int test_sme_vls_lower_max(struct smekvm_conf_ctx *t)
{
	bool ok;

	if (!smekvm_vls_prev(&t->sme_vls, t->m.sme_vq))
		return smekvm_conf_skip(t, "a single SME VL is offered");
	ok = lower_svl(t, t->m.sme_vq);
	if (!finalize(t) || !set_svcr(t, SVCR_SM | SVCR_ZA))
		return KSFT_FAIL;
	/* Streaming Z and ZA rows follow the new SVL (the model's sizes). */
	ok &= sample(t, SVCR_SM | SVCR_ZA, ALL_REGS, WRITE, 1, " (SM=1)");
	return result(ok);
}

static int test_sme_vls_enoent(struct smekvm_conf_ctx *t)
{
	bool ok;

	ok = expect_access_err(t, "SME_VLS", SME_VLS, ENOENT);
	if (!t->m.sve)
		return result(ok);
	if (!finalize(t))
		return KSFT_FAIL;
	ok &= expect_access_err(t, "SME_VLS after FINALIZE", SME_VLS, ENOENT);
	return result(ok);
}

/* Register access and its errors: abi-view-*, abi-onereg-*, abi-payload-* */

static int test_za_row_rw(struct smekvm_conf_ctx *t)
{
	if (!finalize(t) || !set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	/* Rows 0 and last both written before either is read again. */
	return result(sample(t, SVCR_ZA, RC(ZA), WRITE, 1, "") &&
		      sample(t, SVCR_ZA, RC(ZA), KEPT, 1,
			     " (after writing both)"));
}

/*
 * After FINALIZE, in SVCR state @svcr: @id reads and writes at the model's
 * size when the vcpu has it, and is ENOENT when a hidden feature (@why)
 * takes it away.
 */
static int rw_or_enoent(struct smekvm_conf_ctx *t, __u64 svcr, __u64 id,
			const char *what, const char *why)
{
	size_t len;
	char desc[64];

	if (!finalize(t) || !set_svcr(t, svcr))
		return KSFT_FAIL;
	len = smekvm_model_state_bytes(&t->m, svcr, id);
	if (len)
		return result(expect_rw(t, what, id, len, 1));
	snprintf(desc, sizeof(desc), "%s without %s", what, why);
	return result(expect_access_err(t, desc, id, ENOENT));
}

static int test_zt0_iff_sme2(struct smekvm_conf_ctx *t)
{
	return rw_or_enoent(t, SVCR_ZA, ZT0, "ZT0", "SME2");
}

static int test_streaming_z_p_rw(struct smekvm_conf_ctx *t)
{
	if (!finalize(t) || !set_svcr(t, SVCR_SM))
		return KSFT_FAIL;
	return result(sample(t, SVCR_SM, VEC_REGS, WRITE, 1, " (SM=1)"));
}

static int test_streaming_ffr_iff_fa64(struct smekvm_conf_ctx *t)
{
	return rw_or_enoent(t, SVCR_SM, FFR, "FFR (SM=1)", "FA64");
}

/* SVE+SME with SM=0: Z/P/FFR at the SVE VL, V never a core register. */
static int test_nonstreaming_z_p_ffr_rw(struct smekvm_conf_ctx *t)
{
	bool ok;

	if (!finalize(t))
		return KSFT_FAIL;
	ok = sample(t, 0, VEC_REGS, WRITE, 1, " (SM=0)");
	ok &= expect_access_err(t, "V0 (SM=0)", SMEKVM_VREG(0), EINVAL);
	return result(ok);
}

/* SME without SVE, SM=0: no Z/P/FFR, V registers are core registers. */
static int test_sm0_z_enoent_v_core(struct smekvm_conf_ctx *t)
{
	bool ok;

	if (!finalize(t))
		return KSFT_FAIL;
	ok = expect_access_err(t, "Z0 (SM=0)", ZREG(0), ENOENT);
	ok &= expect_access_err(t, "P0 (SM=0)", PREG(0), ENOENT);
	ok &= expect_access_err(t, "FFR (SM=0)", FFR, ENOENT);
	ok &= sample(t, 0, VEC_REGS, WRITE, 1, " (SM=0)");
	return result(ok);
}

static int test_v_reg_einval_when_sm1(struct smekvm_conf_ctx *t)
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
static int test_sme_bad_id_enoent(struct smekvm_conf_ctx *t)
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
static int test_za_row_out_of_range_einval(struct smekvm_conf_ctx *t)
{
	bool top = t->m.sme_vq == KVM_ARM64_SME_VQ_MAX;
	unsigned int rows;
	bool ok;

	if (top && !smekvm_vls_prev(&t->sme_vls, t->m.sme_vq))
		return smekvm_conf_skip(t, "only SVL 2048 is offered: every row index is valid");
	if ((top && !lower_svl(t, t->m.sme_vq)) || !finalize(t))
		return KSFT_FAIL;

	rows = SMEKVM_ZA_ROWS(t->m.sme_vq);
	ok = expect_access_err(t, "ZA row SVL/8 with ZA=0", ZA_ROW(rows),
			       EINVAL);
	if (!set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	ok &= expect_access_err(t, "ZA row SVL/8", ZA_ROW(rows), EINVAL);
	ok &= expect_access_err(t, "ZA row 255", ZA_ROW(255), EINVAL);
	ok &= sample(t, SVCR_ZA, RC(ZA), WRITE, 1, "");
	return result(ok);
}

static int test_za_row_ebusy_when_za_off(struct smekvm_conf_ctx *t)
{
	bool ok;

	if (!finalize(t))
		return KSFT_FAIL;
	ok = smekvm_expect_reg(t->vcpu, "SVCR", SMEKVM_SVCR, 0);
	ok &= sample(t, SVCR_ZA, RC(ZA), FAILS, EBUSY, " with ZA=0");
	ok &= expect_access_err(t, "ZT0", ZT0, model_errno(t, 0, true, ZT0));
	return result(ok);
}

static int test_vector_regs_efault(struct smekvm_conf_ctx *t)
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
	if (smekvm_model_state_bytes(&t->m, SVCR_SM | SVCR_ZA, ZT0))
		ok &= expect_access_err_at(t, "ZT0", ZT0, bad, EFAULT);
	ok &= smekvm_expect_err("get SME_VLS",
				__smekvm_get_reg(t->vcpu, SME_VLS, bad),
				EFAULT);
	munmap(bad, size);
	return result(ok);
}

/* Userspace writes of SVCR: abi-svcr-* */

/* SVCR @from, the vector registers written, FPSR 0, then SVCR @to. */
static bool sm_change(struct smekvm_conf_ctx *t, __u64 from, __u64 to,
		      unsigned int seed)
{
	return set_svcr(t, from) &&
	       sample(t, from, VEC_REGS, WRITE, seed, "") &&
	       expect_set(t, "FPSR", SMEKVM_FPSR, 0, 0) && set_svcr(t, to);
}

static int test_svcr_sm_change_zeroes_vector_regs(struct smekvm_conf_ctx *t)
{
	bool ok;

	if (!finalize(t) || !sm_change(t, SVCR_SM, 0, 1))
		return KSFT_FAIL;
	ok = sample(t, 0, VEC_REGS, ZERO, 0, " after SM 1->0");
	ok &= smekvm_expect_reg(t->vcpu, "FPSR after SM 1->0", SMEKVM_FPSR,
			 SMEKVM_FPSR_AFTER_SM_CHANGE);

	if (!sm_change(t, 0, SVCR_SM, 10))
		return KSFT_FAIL;
	ok &= sample(t, SVCR_SM, VEC_REGS, ZERO, 0, " after SM 0->1");
	ok &= smekvm_expect_reg(t->vcpu, "FPSR after SM 0->1", SMEKVM_FPSR,
			 SMEKVM_FPSR_AFTER_SM_CHANGE);
	return result(ok);
}

/* Finalise, turn ZA on and write ZA rows and ZT0 (patterns from 1). */
static bool za_written(struct smekvm_conf_ctx *t)
{
	return finalize(t) && set_svcr(t, SVCR_ZA) &&
	       sample(t, SVCR_ZA, ZA_REGS, WRITE, 1, "");
}

static int test_svcr_sm_change_keeps_za(struct smekvm_conf_ctx *t)
{
	bool ok;

	if (!za_written(t) || !set_svcr(t, SVCR_ZA | SVCR_SM))
		return KSFT_FAIL;
	ok = sample(t, SVCR_ZA, ZA_REGS, KEPT, 1, " after SM 0->1");
	if (!set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	ok &= sample(t, SVCR_ZA, ZA_REGS, KEPT, 1, " after SM 1->0");
	return result(ok);
}

static int test_svcr_za_on_zeroes_za_zt0(struct smekvm_conf_ctx *t)
{
	if (!za_written(t) || !set_svcr(t, 0) || !set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	return result(sample(t, SVCR_ZA, ZA_REGS, ZERO, 0,
			     " after ZA 1->0->1"));
}

static int test_svcr_za_off_ebusy(struct smekvm_conf_ctx *t)
{
	if (!za_written(t) || !set_svcr(t, 0))
		return KSFT_FAIL;
	return result(sample(t, SVCR_ZA, ZA_REGS, FAILS, EBUSY,
			     " after ZA 1->0"));
}

static int test_svcr_res0_einval(struct smekvm_conf_ctx *t)
{
	bool ok;

	if (!set_svcr(t, SVCR_ZA))
		return KSFT_FAIL;
	ok = expect_set(t, "SVCR", SMEKVM_SVCR, SVCR_ZA | BIT(2), EINVAL);
	ok &= expect_set(t, "SVCR", SMEKVM_SVCR, SVCR_ZA | BIT(63), EINVAL);
	ok &= smekvm_expect_reg(t->vcpu, "SVCR after rejected writes", SMEKVM_SVCR, SVCR_ZA);
	return result(ok);
}

/* KVM_GET_REG_LIST: abi-reglist-* */

struct reg_census {
	unsigned int n[SMEKVM_NR_REG_CLASSES];	/* well-formed IDs, by class */
	unsigned int other;	/* malformed IDs of the SVE and SME groups */
	unsigned int smcr, smpri, tpidr2;
	__u64 first;
	bool za_row[KVM_ARM64_SME_NUM_ZAHREGS];
};

/* What KVM_GET_REG_LIST lists, by the model's register classes. */
static bool take_census(struct smekvm_conf_ctx *t, struct reg_census *c)
{
	char name[SMEKVM_REG_NAME_MAX];
	struct kvm_reg_list *list;
	enum smekvm_reg_class rc;
	unsigned int idx;
	__u64 i, id;
	int err;

	list = smekvm_reg_list(t->vcpu, &err);
	if (!smekvm_expect_err("KVM_GET_REG_LIST", err, 0))
		return false;
	memset(c, 0, sizeof(*c));
	c->first = list->n ? list->reg[0] : 0;
	for (i = 0; i < list->n; i++) {
		id = list->reg[i];
		rc = smekvm_model_reg_class(id, &idx);
		if (smekvm_model_id_canonical(id)) {
			c->n[rc]++;
			if (rc == SMEKVM_RC_ZA)
				c->za_row[idx] = true;
		} else if (smekvm_reg_is_sve(id) || smekvm_reg_is_sme(id)) {
			c->other++;
			smekvm_report("unexpected register %s listed",
				      smekvm_reg_name(id, name, sizeof(name)));
		}
		c->smcr += id == SMEKVM_SMCR_EL1;
		c->smpri += id == SMEKVM_SMPRI_EL1;
		c->tpidr2 += id == SMEKVM_TPIDR2_EL0;
	}
	free(list);
	return true;
}

static bool expect_count(const char *what, unsigned int got,
			 unsigned int want)
{
	if (got == want)
		return true;
	smekvm_report("%s: listed %u times, expected %u", what, got, want);
	return false;
}

/*
 * The registers of @classes (RC() bits) that @c counted are, class by
 * class, as many as the model lists in SVCR state @svcr: the SVE and SME
 * blocks, and the V registers (abi-reglist-*, abi-view-*).
 */
static bool expect_listed(struct smekvm_conf_ctx *t,
			  const struct reg_census *c, __u64 svcr,
			  unsigned int classes, const char *when)
{
	unsigned int want[SMEKVM_NR_REG_CLASSES] = {}, rc;
	__u64 ids[SMEKVM_MODEL_MAX_STATE_REGS + 2];
	char what[48];
	bool ok = true;
	size_t i, n;

	n = smekvm_model_vec_reg_ids(&t->m, svcr, ids, ARRAY_SIZE(ids));
	for (i = 0; i < n; i++)
		want[smekvm_model_reg_class(ids[i], NULL)]++;
	n = smekvm_model_state_ids(&t->m, svcr, ids, ARRAY_SIZE(ids));
	for (i = 0; i < n; i++)
		want[SMEKVM_RC_V] += smekvm_model_reg_class(ids[i], NULL) ==
				     SMEKVM_RC_V;

	for (rc = 0; rc < SMEKVM_NR_REG_CLASSES; rc++) {
		if (!(classes & BIT(rc)))
			continue;
		snprintf(what, sizeof(what), "%s%s",
			 smekvm_reg_class_name(rc), when);
		ok &= expect_count(what, c->n[rc], want[rc]);
	}
	return ok;
}

static int test_reg_list_svcr_first(struct smekvm_conf_ctx *t)
{
	struct reg_census c;

	if (!smekvm_profile_has(SMEKVM_RULE_LIST_SVCR_FIRST))
		return smekvm_conf_skip(t, "%s",
			smekvm_profile_skip_reason(SMEKVM_RULE_LIST_SVCR_FIRST));
	if (!finalize(t) || !take_census(t, &c))
		return KSFT_FAIL;
	return result(smekvm_expect_u64("first KVM_GET_REG_LIST entry",
					c.first, SMEKVM_SVCR));
}

static int test_reg_list_sme_sysregs(struct smekvm_conf_ctx *t)
{
	struct reg_census c;
	bool ok;

	if (!finalize(t) || !take_census(t, &c))
		return KSFT_FAIL;
	ok = expect_count("SVCR", c.n[SMEKVM_RC_SVCR], 1);
	ok &= expect_count("SMCR_EL1", c.smcr, 1);
	ok &= expect_count("SMPRI_EL1", c.smpri, 1);
	ok &= expect_count("TPIDR2_EL0", c.tpidr2, 1);
	return result(ok);
}

static int test_reg_list_za_on(struct smekvm_conf_ctx *t)
{
	unsigned int n, rows = SMEKVM_ZA_ROWS(t->m.sme_vq);
	struct reg_census c;
	bool ok;

	if (!finalize(t) || !set_svcr(t, SVCR_ZA) || !take_census(t, &c))
		return KSFT_FAIL;
	ok = expect_listed(t, &c, SVCR_ZA, RC(SME_VLS) | ZA_REGS, "");
	for (n = 0; n < rows; n++) {
		if (!c.za_row[n]) {
			smekvm_report("ZA row %u not listed", n);
			ok = false;
			break;
		}
	}
	return result(ok && !c.other);
}

static int test_reg_list_za_off(struct smekvm_conf_ctx *t)
{
	struct reg_census c;

	if (!finalize(t) || !take_census(t, &c))
		return KSFT_FAIL;
	return result(expect_listed(t, &c, 0, RC(SME_VLS) | ZA_REGS,
				    " with ZA=0") && !c.other);
}

/* Z/P/FFR and V registers listed as the live SVCR.SM decides. */
static int test_reg_list_vector_view(struct smekvm_conf_ctx *t)
{
	struct reg_census c;
	bool ok = true;
	__u64 svcr;

	if (!finalize(t))
		return KSFT_FAIL;
	for (svcr = 0; svcr <= SVCR_SM; svcr += SVCR_SM) {
		if (!set_svcr(t, svcr) || !take_census(t, &c))
			return KSFT_FAIL;
		ok &= expect_listed(t, &c, svcr, VEC_REGS,
				    svcr ? " (SM=1)" : " (SM=0)");
	}
	return result(ok);
}

static int test_reg_list_no_sme(struct smekvm_conf_ctx *t)
{
	struct reg_census c;
	bool ok;

	if ((t->m.sve && !finalize(t)) || !take_census(t, &c))
		return KSFT_FAIL;
	ok = expect_listed(t, &c, 0, RC(SME_VLS) | ZA_REGS, "");
	ok &= expect_count("SVCR", c.n[SMEKVM_RC_SVCR], 0);
	ok &= expect_count("TPIDR2_EL0", c.tpidr2, 0);
	return result(ok && !c.other);
}

/* SMCR_EL1, SMPRI_EL1, ID registers: abi-smcr-*, abi-smpri-*, abi-idreg-* */

static int test_smcr_el1_write_masked(struct smekvm_conf_ctx *t)
{
	__u64 want = SMCR_ELx_LEN_MASK;

	if (t->m.fa64)
		want |= SMCR_ELx_FA64_MASK;
	if (t->m.sme2)
		want |= SMCR_ELx_EZT0_MASK;
	if (!expect_set(t, "SMCR_EL1", SMEKVM_SMCR_EL1, ~0ULL, 0))
		return KSFT_FAIL;
	return result(smekvm_expect_reg(t->vcpu, "SMCR_EL1 after writing all ones",
				 SMEKVM_SMCR_EL1, want));
}

static int test_smpri_el1_nonzero_einval(struct smekvm_conf_ctx *t)
{
	bool ok;

	ok = expect_set(t, "SMPRI_EL1", SMEKVM_SMPRI_EL1, 1, EINVAL);
	ok &= expect_set(t, "SMPRI_EL1", SMEKVM_SMPRI_EL1, 0, 0);
	ok &= smekvm_expect_reg(t->vcpu, "SMPRI_EL1", SMEKVM_SMPRI_EL1, 0);
	return result(ok);
}

static int test_pfr1_sme_zero_einval(struct smekvm_conf_ctx *t)
{
	__u64 before = vcpu_get_reg(t->vcpu, SMEKVM_ID_AA64PFR1_EL1);
	bool ok;

	ok = smekvm_expect_err("setting ID_AA64PFR1_EL1.SME to 0",
			       __smekvm_set_id_field(t->vcpu,
						     SMEKVM_ID_AA64PFR1_EL1,
						     ID_AA64PFR1_EL1_SME_MASK,
						     0),
			       EINVAL);
	ok &= smekvm_expect_reg(t->vcpu, "ID_AA64PFR1_EL1 after the rejected write",
			 SMEKVM_ID_AA64PFR1_EL1, before);
	return result(ok);
}

static int test_smfr0_fa64_clear(struct smekvm_conf_ctx *t)
{
	static const struct smekvm_vcpu_cfg hide = { .hide_fa64 = true };
	__u64 before = vcpu_get_reg(t->vcpu, SMEKVM_ID_AA64SMFR0_EL1);
	const char *why = smekvm_cfg_host_lacks(&hide);

	if (why)
		return smekvm_conf_skip(t, "%s", why);
	if (!smekvm_expect_err("clearing ID_AA64SMFR0_EL1.FA64",
			       __smekvm_set_id_field(t->vcpu,
						     SMEKVM_ID_AA64SMFR0_EL1,
						     ID_AA64SMFR0_EL1_FA64_MASK,
						     0),
			       0))
		return KSFT_FAIL;
	return result(smekvm_expect_reg(t->vcpu, "ID_AA64SMFR0_EL1", SMEKVM_ID_AA64SMFR0_EL1,
				 before & ~ID_AA64SMFR0_EL1_FA64_MASK));
}

/*
 * CASE: a fresh vcpu in the flavour's VM.  OWN_VM_CASE: a VM of its own,
 * for cases that change (or, with a bug, could change) ID registers, which
 * are VM-wide.  RAW_CASE: a VM of its own and no vcpu: the case initialises
 * one itself.  All vcpus of a VM must have the same features, so INIT with
 * other features than the flavour's would fail in a shared VM for that
 * reason alone.  KVM_CASE: "kvm/<case>", no vcpu at all.  "init" fails
 * the flavour's other cases when it fails (SMEKVM_CASE_PREREQ).
 */
#define CASE(n, fl)	{ #n, test_##n, fl }
#define OWN_VM_CASE(n, fl)	{ #n, test_##n, fl, SMEKVM_CASE_OWN_VM }
#define RAW_CASE(n, fl)							\
	{ #n, test_##n, fl, SMEKVM_CASE_RAW | SMEKVM_CASE_OWN_VM }
#define KVM_CASE(n)	{ #n, test_##n, 0, SMEKVM_CASE_KVM }

static const struct smekvm_conf_case cases[] = {
	/*
	 * abi-cap-*, abi-init-*, abi-pvm-*, abi-final-*, abi-reset-*; "init"
	 * comes first: the flavour's other cases need it.
	 */
	{ "init", test_init, SMEKVM_FL_SME,
	  SMEKVM_CASE_RAW | SMEKVM_CASE_OWN_VM | SMEKVM_CASE_PREREQ },
	KVM_CASE(cap_arm_sme),
	KVM_CASE(uapi_numbers),
	KVM_CASE(protected_vm_einval),
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

int main(void)
{
	smekvm_conf_main(cases, ARRAY_SIZE(cases),
			 "sme_abi_smoke: one quick case per area of the SME userspace ABI (doc/abi.md)");
}
