// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_vls_finalize - vector lengths, finalisation and INIT of vcpus with
 * SME (doc/abi.md: abi-vls-*, abi-final-*, abi-init-*, abi-reset-*), host
 * side only.
 *
 * The two vector length registers decide every payload size, and
 * finalisation freezes them, so each rule is checked exhaustively:
 *
 *  - SVE_VLS and SME_VLS read, after INIT, the VLs a host task may use
 *    (probed with prctl, capped at VQ 16): the best set the host offers;
 *  - every valid truncation of either set is accepted, reads back, leaves
 *    the other set alone, and after finalising gives payloads of that VL
 *    (ZA rows: SVL/8 of them, SVL/8 bytes zero-padded to 256 on read and
 *    truncated on write; streaming and non-streaming Z and P);
 *  - every invalid write is EINVAL and changes nothing: the empty set, a
 *    VQ above the host's maximum, a hole below the maximum, a VQ the host
 *    does not offer, bits beyond VQ 16 (SME) or far beyond (SVE);
 *  - after finalising, VLS writes are EPERM and a second FINALIZE is
 *    EPERM; FINALIZE without SVE or SME, or with another argument, is
 *    EINVAL; before finalising, KVM_RUN, KVM_GET_REG_LIST and vector or
 *    matrix register accesses are EPERM (the last in the order of the
 *    error table, as the model has it: smekvm_model_access_rows()),
 *    while SVCR may be written;
 *  - a second INIT resets SVCR, SMCR_EL1, SMPRI_EL1 and the vector
 *    registers to their reset values (abi-reset-*);
 *  - INIT errors: SME with EL1_32BIT, with HAS_EL2 ([ours]), in a
 *    protected VM ([ours]), and the first unknown feature bit.
 *
 * Case names carry the VL in bits where there is one
 * ("sve_sme/sme_vls_truncate_512"); VLs the host does not offer skip with
 * that reason.  The whole program skips when KVM cannot offer SME.
 * KVM_RUN of a finalised vcpu with SME is not checked here (the run-time
 * part of the series decides it).  SMEKVM_CASE=<flavour>/<case> runs one.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>

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

#define SVE_VLS		KVM_REG_ARM64_SVE_VLS
#define SME_VLS		KVM_REG_ARM64_SME_VLS
#define ZA_ROW(n)	KVM_REG_ARM64_SME_ZAHREG(n, 0)
#define ZREG(n)		KVM_REG_ARM64_SVE_ZREG(n, 0)
#define PREG(n)		KVM_REG_ARM64_SVE_PREG(n, 0)
#define ZA_SM		(SMEKVM_SVCR_SM | SMEKVM_SVCR_ZA)

static int result(bool ok)
{
	return ok ? KSFT_PASS : KSFT_FAIL;
}

/* The host's set for @id: what KVM must offer after INIT. */
static const struct smekvm_vls *host_vls(__u64 id)
{
	return id == SME_VLS ? &smekvm_host.sme_vls : &smekvm_host.sve_vls;
}

/*
 * Write @v to VLS register @id expecting @want; the register then reads
 * @v on success and what it read before otherwise.
 */
static bool vls_write(struct kvm_vcpu *vcpu, __u64 id,
		      const struct smekvm_vls *v, int want, const char *what)
{
	struct smekvm_vls before, after;
	char desc[160], str[128];
	char reg[SMEKVM_REG_NAME_MAX];
	bool ok;

	smekvm_reg_name(id, reg, sizeof(reg));
	smekvm_get_vls(vcpu, id, &before);
	snprintf(desc, sizeof(desc), "write %s {%s} (%s)", reg,
		 smekvm_vls_str(v, str, sizeof(str)), what);
	ok = smekvm_expect_err(desc, __smekvm_set_vls(vcpu, id, v), want);
	smekvm_get_vls(vcpu, id, &after);
	snprintf(desc, sizeof(desc), "%s after the write (%s)", reg, what);
	return ok & smekvm_expect_vls(desc, &after, want ? &before : v);
}

/* The sets after INIT: abi-vls-init-offered, abi-vls-format */

static int test_vls_after_init(struct smekvm_conf_ctx *t, __u64 id)
{
	struct smekvm_vls got;
	char desc[64];
	char reg[SMEKVM_REG_NAME_MAX];

	smekvm_get_vls(t->vcpu, id, &got);
	snprintf(desc, sizeof(desc), "%s after INIT",
		 smekvm_reg_name(id, reg, sizeof(reg)));
	return result(smekvm_expect_vls(desc, &got, host_vls(id)));
}

static int test_sme_vls_after_init(struct smekvm_conf_ctx *t)
{
	return test_vls_after_init(t, SME_VLS);
}

static int test_sve_vls_after_init(struct smekvm_conf_ctx *t)
{
	return test_vls_after_init(t, SVE_VLS);
}

/*
 * Valid truncations and the payloads they give: abi-vls-truncate-ok,
 * abi-vls-independent, abi-payload-*, abi-view-za-rows
 */

/*
 * @id reads back the pattern written to all its 256 (or 32) bytes for
 * its first @len bytes and zero after: payloads follow the VL, are
 * truncated on write and zero-padded on read.
 */
static bool payload_is(struct smekvm_conf_ctx *t, const char *what, __u64 id,
		       size_t len, unsigned int seed)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES], want[SMEKVM_REG_MAX_BYTES];
	size_t size = KVM_REG_SIZE(id), same, nz;
	int err;

	smekvm_pattern_fill(want, size, seed);
	err = __smekvm_set_reg(t->vcpu, id, want);
	if (!smekvm_expect_err(what, err, 0))
		return false;
	memset(buf, 0x5a, sizeof(buf));
	err = __smekvm_get_reg(t->vcpu, id, buf);
	if (!smekvm_expect_err(what, err, 0))
		return false;
	for (same = 0; same < size && buf[same] == want[same]; same++)
		;
	for (nz = size; nz > 0 && !buf[nz - 1]; nz--)
		;
	if (same >= len && nz <= len)
		return true;
	smekvm_report("%s: %zu bytes as written, data to byte %zu; want %zu, zero to %zu",
		      what, same < len ? same : len, nz, len, size);
	return false;
}

/*
 * After finalising at SVL @svq (and SVE VL @vq): payload sizes, the VL
 * that applies in each SVCR state being the model's.
 */
static bool payloads_follow_vl(struct smekvm_conf_ctx *t)
{
	unsigned int rows = SMEKVM_ZA_ROWS(t->m.sme_vq);
	__u8 buf[SMEKVM_REG_MAX_BYTES] = {};
	bool ok = true;

	if (smekvm_model_has_zp(&t->m, 0)) {
		if (t->m.sme)
			smekvm_set_svcr(t->vcpu, 0);
		ok &= payload_is(t, "Z0 (SM=0)", ZREG(0),
				 smekvm_model_state_bytes(&t->m, 0, ZREG(0)), 1);
		ok &= payload_is(t, "P0 (SM=0)", PREG(0),
				 smekvm_model_state_bytes(&t->m, 0, PREG(0)), 2);
	}
	if (!t->m.sme)
		return ok;

	smekvm_set_svcr(t->vcpu, ZA_SM);
	ok &= payload_is(t, "Z31 (SM=1)", ZREG(31),
			 smekvm_model_state_bytes(&t->m, ZA_SM, ZREG(31)), 3);
	ok &= payload_is(t, "P15 (SM=1)", PREG(15),
			 smekvm_model_state_bytes(&t->m, ZA_SM, PREG(15)), 4);
	ok &= payload_is(t, "ZA row 0", ZA_ROW(0),
			 smekvm_model_state_bytes(&t->m, ZA_SM, ZA_ROW(0)), 5);
	ok &= payload_is(t, "last ZA row", ZA_ROW(rows - 1),
			 smekvm_model_state_bytes(&t->m, ZA_SM,
						  ZA_ROW(rows - 1)), 6);
	if (rows < 256)
		ok &= smekvm_expect_err("get of the ZA row after the last",
					__smekvm_get_reg(t->vcpu,
							 ZA_ROW(rows), buf),
					EINVAL);
	return ok;
}

/* The parameter of a truncation case, as a VQ the host offers. */
static int truncation_vq(struct smekvm_conf_ctx *t, __u64 id,
			 unsigned int *vq)
{
	char reg[SMEKVM_REG_NAME_MAX];

	*vq = t->param / 128;
	if (!smekvm_vls_has(id == SME_VLS ? &t->sme_vls : &t->sve_vls, *vq))
		return smekvm_conf_skip(t, "%s: VL %lu not offered by this host",
					smekvm_reg_name(id, reg, sizeof(reg)),
					t->param);
	return 0;
}

static int test_vls_truncate(struct smekvm_conf_ctx *t, __u64 id)
{
	__u64 other = id == SME_VLS ? SVE_VLS : SME_VLS;
	bool has_other = id == SME_VLS ? t->m.sve : t->m.sme;
	struct smekvm_vls v, other_before, got;
	unsigned int vq;
	bool ok;

	if (truncation_vq(t, id, &vq))
		return KSFT_SKIP;
	if (has_other)
		smekvm_get_vls(t->vcpu, other, &other_before);

	smekvm_get_vls(t->vcpu, id, &v);
	smekvm_vls_truncate(&v, vq);
	ok = vls_write(t->vcpu, id, &v, 0, "truncated");
	if (has_other) {
		smekvm_get_vls(t->vcpu, other, &got);
		ok &= smekvm_expect_vls("the other VLS register", &got,
					&other_before);
	}
	if (!ok)
		return KSFT_FAIL;

	if (!smekvm_expect_err("FINALIZE", __smekvm_vcpu_finalize(t->vcpu), 0))
		return KSFT_FAIL;
	smekvm_get_vls(t->vcpu, id, &got);
	ok = smekvm_expect_vls("after FINALIZE", &got, &v);
	smekvm_conf_refresh_vq(t);
	return result(ok & payloads_follow_vl(t));
}

static int test_sme_vls_truncate(struct smekvm_conf_ctx *t)
{
	return test_vls_truncate(t, SME_VLS);
}

static int test_sve_vls_truncate(struct smekvm_conf_ctx *t)
{
	return test_vls_truncate(t, SVE_VLS);
}

/*
 * Invalid writes: abi-vls-empty-einval, abi-vls-above-max-einval,
 * abi-vls-range, abi-vls-hole-einval, abi-vls-unoffered-einval, each with
 * abi-vls-refused-unchanged
 */

static int test_vls_empty(struct smekvm_conf_ctx *t, __u64 id)
{
	struct smekvm_vls v = {};

	return result(vls_write(t->vcpu, id, &v, EINVAL, "empty"));
}

static int test_sme_vls_empty_einval(struct smekvm_conf_ctx *t)
{
	return test_vls_empty(t, SME_VLS);
}

static int test_sve_vls_empty_einval(struct smekvm_conf_ctx *t)
{
	return test_vls_empty(t, SVE_VLS);
}

/* Every VQ above the host's maximum, up to @last, added to the set. */
static int test_vls_above_max(struct smekvm_conf_ctx *t, __u64 id,
			      unsigned int last)
{
	const struct smekvm_vls *cur = id == SME_VLS ? &t->sme_vls : &t->sve_vls;
	unsigned int max = smekvm_vls_max(cur), vq;
	struct smekvm_vls v;
	char what[48];
	bool ok = true;

	if (max >= last)
		return smekvm_conf_skip(t, "host offers VQ %u: none up to %u above it",
					max, last);
	for (vq = max + 1; vq <= last; vq++) {
		v = *cur;
		smekvm_vls_add(&v, vq);
		snprintf(what, sizeof(what), "VQ %u above the maximum", vq);
		ok &= vls_write(t->vcpu, id, &v, EINVAL, what);
		v = (struct smekvm_vls){};
		smekvm_vls_add(&v, vq);
		snprintf(what, sizeof(what), "only VQ %u", vq);
		ok &= vls_write(t->vcpu, id, &v, EINVAL, what);
	}
	return result(ok);
}

static int test_sme_vls_above_max_einval(struct smekvm_conf_ctx *t)
{
	return test_vls_above_max(t, SME_VLS, KVM_ARM64_SME_VQ_MAX);
}

static int test_sve_vls_above_max_einval(struct smekvm_conf_ctx *t)
{
	return test_vls_above_max(t, SVE_VLS, KVM_ARM64_SME_VQ_MAX);
}

/* VQ t->param (beyond 16) with the offered set, and alone. */
static int test_vls_vq(struct smekvm_conf_ctx *t, __u64 id)
{
	struct smekvm_vls v = id == SME_VLS ? t->sme_vls : t->sve_vls;
	bool ok;

	smekvm_vls_add(&v, t->param);
	ok = vls_write(t->vcpu, id, &v, EINVAL, "offered set and the VQ");
	v = (struct smekvm_vls){};
	smekvm_vls_add(&v, t->param);
	return result(ok & vls_write(t->vcpu, id, &v, EINVAL, "the VQ alone"));
}

static int test_sme_vls_vq_einval(struct smekvm_conf_ctx *t)
{
	return test_vls_vq(t, SME_VLS);
}

static int test_sve_vls_vq_einval(struct smekvm_conf_ctx *t)
{
	return test_vls_vq(t, SVE_VLS);
}

/* The offered set without VL t->param, below the maximum. */
static int test_vls_hole(struct smekvm_conf_ctx *t, __u64 id)
{
	struct smekvm_vls v = id == SME_VLS ? t->sme_vls : t->sve_vls;
	unsigned int vq = t->param / 128;
	char reg[SMEKVM_REG_NAME_MAX];

	smekvm_reg_name(id, reg, sizeof(reg));
	if (!smekvm_vls_has(&v, vq))
		return smekvm_conf_skip(t, "%s: VL %lu not offered by this host",
					reg, t->param);
	if (vq == smekvm_vls_max(&v))
		return smekvm_conf_skip(t, "%s: VL %lu is the maximum, no hole below it",
					reg, t->param);
	smekvm_vls_del(&v, vq);
	return result(vls_write(t->vcpu, id, &v, EINVAL, "hole"));
}

static int test_sme_vls_hole_einval(struct smekvm_conf_ctx *t)
{
	return test_vls_hole(t, SME_VLS);
}

static int test_sve_vls_hole_einval(struct smekvm_conf_ctx *t)
{
	return test_vls_hole(t, SVE_VLS);
}

/* Every VQ below the maximum that the host does not offer, added. */
static int test_vls_unoffered(struct smekvm_conf_ctx *t, __u64 id)
{
	const struct smekvm_vls *cur = id == SME_VLS ? &t->sme_vls : &t->sve_vls;
	unsigned int max = smekvm_vls_max(cur), vq, n = 0;
	char what[48], reg[SMEKVM_REG_NAME_MAX];
	struct smekvm_vls v;
	bool ok = true;

	for (vq = 1; vq < max; vq++) {
		if (smekvm_vls_has(cur, vq))
			continue;
		v = *cur;
		smekvm_vls_add(&v, vq);
		snprintf(what, sizeof(what), "VQ %u not offered", vq);
		ok &= vls_write(t->vcpu, id, &v, EINVAL, what);
		n++;
	}
	if (!n)
		return smekvm_conf_skip(t, "%s: the host offers every VQ below its maximum",
					smekvm_reg_name(id, reg, sizeof(reg)));
	return result(ok);
}

static int test_sme_vls_unoffered_einval(struct smekvm_conf_ctx *t)
{
	return test_vls_unoffered(t, SME_VLS);
}

static int test_sve_vls_unoffered_einval(struct smekvm_conf_ctx *t)
{
	return test_vls_unoffered(t, SVE_VLS);
}

/*
 * Finalisation and what depends on it: abi-final-*, abi-vls-final-eperm,
 * abi-onereg-eperm-unfinalized, abi-svcr-before-final
 */

static int test_vls_after_finalize_eperm(struct smekvm_conf_ctx *t)
{
	struct smekvm_vls v;
	bool ok;

	smekvm_vcpu_finalize(t->vcpu);
	ok = true;
	if (t->m.sme) {
		v = t->sme_vls;
		ok &= vls_write(t->vcpu, SME_VLS, &v, EPERM, "same set");
		smekvm_vls_truncate(&v, smekvm_vls_min(&v));
		ok &= vls_write(t->vcpu, SME_VLS, &v, EPERM, "truncated");
	}
	if (t->m.sve) {
		v = t->sve_vls;
		ok &= vls_write(t->vcpu, SVE_VLS, &v, EPERM, "same set");
		smekvm_vls_truncate(&v, smekvm_vls_min(&v));
		ok &= vls_write(t->vcpu, SVE_VLS, &v, EPERM, "truncated");
	}
	return result(ok);
}

static int test_vls_enoent(struct smekvm_conf_ctx *t, __u64 id)
{
	struct smekvm_vls v = {};
	bool ok;

	ok = smekvm_expect_err("get", __smekvm_get_vls(t->vcpu, id, &v),
			       ENOENT);
	smekvm_vls_add(&v, 1);
	return result(ok & smekvm_expect_err("set", __smekvm_set_vls(t->vcpu,
								      id, &v),
					     ENOENT));
}

static int test_sme_vls_enoent(struct smekvm_conf_ctx *t)
{
	return test_vls_enoent(t, SME_VLS);
}

static int test_sve_vls_enoent(struct smekvm_conf_ctx *t)
{
	return test_vls_enoent(t, SVE_VLS);
}

static int finalize_what(struct kvm_vcpu *vcpu, int what)
{
	return __vcpu_ioctl(vcpu, KVM_ARM_VCPU_FINALIZE, &what) ? errno : 0;
}

static int test_finalize_twice_eperm(struct smekvm_conf_ctx *t)
{
	bool ok;

	ok = smekvm_expect_err("first FINALIZE",
			       __smekvm_vcpu_finalize(t->vcpu), 0);
	return result(ok & smekvm_expect_err("second FINALIZE",
					     __smekvm_vcpu_finalize(t->vcpu),
					     EPERM));
}

static int test_finalize_no_vec_einval(struct smekvm_conf_ctx *t)
{
	return result(smekvm_expect_err("FINALIZE(VEC) without SVE or SME",
					__smekvm_vcpu_finalize(t->vcpu),
					EINVAL));
}

/* Other arguments than KVM_ARM_VCPU_VEC are EINVAL and finalise nothing. */
static int test_finalize_other_feature_einval(struct smekvm_conf_ctx *t)
{
	bool ok;

	ok = smekvm_expect_err("FINALIZE(KVM_ARM_VCPU_SME)",
			       finalize_what(t->vcpu, KVM_ARM_VCPU_SME),
			       EINVAL);
	ok &= smekvm_expect_err("FINALIZE(0)", finalize_what(t->vcpu, 0),
				EINVAL);
	ok &= smekvm_expect_err("FINALIZE(-1)", finalize_what(t->vcpu, -1),
				EINVAL);
	return result(ok & smekvm_expect_err("FINALIZE(VEC) after them",
					     __smekvm_vcpu_finalize(t->vcpu),
					     0));
}

static int test_run_before_finalize_eperm(struct smekvm_conf_ctx *t)
{
	int err = __vcpu_run(t->vcpu) ? errno : 0;

	return result(smekvm_expect_err("KVM_RUN before FINALIZE", err, EPERM));
}

static int test_reg_list_before_finalize_eperm(struct smekvm_conf_ctx *t)
{
	struct kvm_reg_list *list;
	int err;

	list = smekvm_reg_list(t->vcpu, &err);
	free(list);
	return result(smekvm_expect_err("KVM_GET_REG_LIST before FINALIZE",
					err, EPERM));
}

/*
 * Before finalising: each vector and matrix register, in each SVCR
 * state, gives what the model's error rows say (EPERM where it exists).
 */
static int test_vec_regs_before_finalize(struct smekvm_conf_ctx *t)
{
	static const __u64 ids[] = {
		ZREG(0), ZREG(31), PREG(0), PREG(15),
		KVM_REG_ARM64_SVE_FFR(0), SMEKVM_VREG(0), ZA_ROW(0),
		KVM_REG_ARM64_SME_ZT0,
	};
	static const __u64 states[] = { 0, SMEKVM_SVCR_SM, SMEKVM_SVCR_ZA,
					ZA_SM };
	__u8 buf[SMEKVM_REG_MAX_BYTES];
	struct smekvm_model_access a = { .cfg = &t->m };
	unsigned int s, i;
	char desc[96], name[32];
	bool ok = true;
	int err;

	for (s = 0; s < ARRAY_SIZE(states); s++) {
		a.svcr = states[s];
		ok &= smekvm_expect_err("SVCR write before FINALIZE",
					__smekvm_set_reg64(t->vcpu, SMEKVM_SVCR,
							   a.svcr), 0);
		for (i = 0; i < ARRAY_SIZE(ids); i++) {
			smekvm_reg_name(ids[i], name, sizeof(name));
			a.set = false;
			memset(buf, 0, sizeof(buf));
			err = __smekvm_get_reg(t->vcpu, ids[i], buf);
			snprintf(desc, sizeof(desc), "get %s with SVCR=%llu",
				 name, a.svcr);
			ok &= smekvm_expect_err(desc, err,
				smekvm_model_rows_errno(smekvm_model_access_rows(&a, ids[i])));
			a.set = true;
			err = __smekvm_set_reg(t->vcpu, ids[i], buf);
			snprintf(desc, sizeof(desc), "set %s with SVCR=%llu",
				 name, a.svcr);
			ok &= smekvm_expect_err(desc, err,
				smekvm_model_rows_errno(smekvm_model_access_rows(&a, ids[i])));
		}
	}
	return result(ok);
}

/* SVCR written before finalising holds, and finds zeroed registers. */
static int test_svcr_before_finalize(struct smekvm_conf_ctx *t)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];
	__u64 svcr;
	bool ok;

	ok = smekvm_expect_err("SVCR=SM|ZA before FINALIZE",
			       __smekvm_set_reg64(t->vcpu, SMEKVM_SVCR, ZA_SM),
			       0);
	ok &= smekvm_expect_err("SVCR with a RES0 bit before FINALIZE",
				__smekvm_set_reg64(t->vcpu, SMEKVM_SVCR,
						   ZA_SM | 4), EINVAL);
	smekvm_vcpu_finalize(t->vcpu);
	svcr = smekvm_get_svcr(t->vcpu);
	ok &= smekvm_expect_u64("SVCR after FINALIZE", svcr, ZA_SM);
	memset(buf, 0x5a, sizeof(buf));
	ok &= smekvm_expect_err("get Z0", __smekvm_get_reg(t->vcpu, ZREG(0),
							   buf), 0);
	if (!smekvm_is_zero(buf, KVM_REG_SIZE(ZREG(0)))) {
		smekvm_report("streaming Z0 is not zero after FINALIZE");
		ok = false;
	}
	memset(buf, 0x5a, sizeof(buf));
	ok &= smekvm_expect_err("get ZA row 0",
				__smekvm_get_reg(t->vcpu, ZA_ROW(0), buf), 0);
	if (!smekvm_is_zero(buf, KVM_REG_SIZE(ZA_ROW(0)))) {
		smekvm_report("ZA row 0 is not zero after FINALIZE");
		ok = false;
	}
	return result(ok);
}

/* A second INIT: abi-reset-* */

static void set_pattern(struct kvm_vcpu *vcpu, __u64 id, unsigned int seed)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];

	smekvm_pattern_fill(buf, KVM_REG_SIZE(id), seed);
	smekvm_set_reg(vcpu, id, buf);
}

static int test_reinit_resets_state(struct smekvm_conf_ctx *t)
{
	struct kvm_vcpu *vcpu = t->vcpu, *fresh;
	__u32 fpsr, fpcr, fresh_fpsr, fresh_fpcr;
	bool ok;

	smekvm_vcpu_finalize(vcpu);
	/*
	 * Non-streaming state first (changing SM would zero it): the
	 * registers the model has with SM=0.
	 */
	if (smekvm_model_has_zp(&t->m, 0)) {
		set_pattern(vcpu, ZREG(0), 1);
		set_pattern(vcpu, PREG(0), 2);
	}
	if (smekvm_model_has_ffr(&t->m, 0))
		set_pattern(vcpu, KVM_REG_ARM64_SVE_FFR(0), 3);
	if (smekvm_model_has_core_vregs(&t->m, 0))
		set_pattern(vcpu, SMEKVM_VREG(0), 4);
	fpsr = 0x08000010;
	fpcr = 0x00c00000;
	smekvm_set_reg(vcpu, SMEKVM_FPSR, &fpsr);
	smekvm_set_reg(vcpu, SMEKVM_FPCR, &fpcr);
	vcpu_set_reg(vcpu, SMEKVM_SMCR_EL1, 1);
	vcpu_set_reg(vcpu, SMEKVM_SVCR, SMEKVM_SVCR_ZA);
	set_pattern(vcpu, ZA_ROW(0), 5);

	if (!smekvm_expect_err("second KVM_ARM_VCPU_INIT",
			       __smekvm_vcpu_init(vcpu,
						  smekvm_cfg_features(&t->cfg)),
			       0))
		return KSFT_FAIL;

	ok = smekvm_expect_reg(vcpu, "SVCR", SMEKVM_SVCR, 0);
	ok &= smekvm_expect_reg(vcpu, "SMCR_EL1", SMEKVM_SMCR_EL1, 0);
	ok &= smekvm_expect_reg(vcpu, "SMPRI_EL1", SMEKVM_SMPRI_EL1, 0);
	if (smekvm_model_has_zp(&t->m, 0)) {
		ok &= smekvm_expect_zero(vcpu, "Z0", ZREG(0));
		ok &= smekvm_expect_zero(vcpu, "P0", PREG(0));
	}
	if (smekvm_model_has_ffr(&t->m, 0))
		ok &= smekvm_expect_zero(vcpu, "FFR", KVM_REG_ARM64_SVE_FFR(0));
	if (smekvm_model_has_core_vregs(&t->m, 0))
		ok &= smekvm_expect_zero(vcpu, "V0", SMEKVM_VREG(0));

	/* FPSR and FPCR as on a vcpu that was never used. */
	fresh = smekvm_vcpu_add(t->vm, 1, &t->cfg, NULL);
	smekvm_get_reg(fresh, SMEKVM_FPSR, &fresh_fpsr);
	smekvm_get_reg(fresh, SMEKVM_FPCR, &fresh_fpcr);
	smekvm_get_reg(vcpu, SMEKVM_FPSR, &fpsr);
	smekvm_get_reg(vcpu, SMEKVM_FPCR, &fpcr);
	ok &= smekvm_expect_u64("FPSR (as on a fresh vcpu)", fpsr, fresh_fpsr);
	ok &= smekvm_expect_u64("FPCR (as on a fresh vcpu)", fpcr, fresh_fpcr);
	return result(ok);
}

/* INIT errors: abi-init-*, abi-pvm-init-einval, abi-nv-el2-init-einval */

static int init_err(struct smekvm_conf_ctx *t, __u32 extra)
{
	struct kvm_vcpu *vcpu = __vm_vcpu_add(t->vm, t->vcpu_id);

	return __smekvm_vcpu_init(vcpu, smekvm_cfg_features(&t->cfg) | extra);
}

static int test_init_el1_32bit_einval(struct smekvm_conf_ctx *t)
{
	if (!smekvm_host.el1_32bit)
		return smekvm_conf_skip(t, "host has no AArch32 EL1: EL1_32BIT is EINVAL anyway");
	return result(smekvm_expect_err("INIT with SME and EL1_32BIT",
					init_err(t, 1U << KVM_ARM_VCPU_EL1_32BIT),
					EINVAL));
}

static int test_init_has_el2(struct smekvm_conf_ctx *t)
{
	int err;

	if (!smekvm_host.el2)
		return smekvm_conf_skip(t, "host offers no guest hypervisors (KVM_CAP_ARM_EL2)");
	err = init_err(t, 1U << KVM_ARM_VCPU_HAS_EL2);
	if (smekvm_profile_has(SMEKVM_RULE_NESTED_SME_EINVAL))
		return result(smekvm_expect_err("INIT with SME and HAS_EL2",
						err, EINVAL));
	if (err == EINVAL)
		return smekvm_conf_skip(t, "SME for guest hypervisors not offered (INIT: EINVAL)");
	return result(smekvm_expect_err("INIT with SME and HAS_EL2", err, 0));
}

static int test_init_protected_vm_einval(struct smekvm_conf_ctx *t)
{
	struct kvm_vcpu_init init;
	int kvm_fd, vm_fd, vcpu_fd, err;

	if (!smekvm_profile_has(SMEKVM_RULE_PROTECTED_VM_EINVAL))
		return smekvm_conf_skip(t, "%s",
			smekvm_profile_skip_reason(SMEKVM_RULE_PROTECTED_VM_EINVAL));
	kvm_fd = open_kvm_dev_path_or_exit();
	vm_fd = ioctl(kvm_fd, KVM_CREATE_VM, KVM_VM_TYPE_ARM_PROTECTED);
	if (vm_fd < 0) {
		close(kvm_fd);
		return smekvm_conf_skip(t, "host offers no protected VMs (kvm-arm.mode=protected)");
	}
	vcpu_fd = ioctl(vm_fd, KVM_CREATE_VCPU, 0);
	TEST_ASSERT(vcpu_fd >= 0, "KVM_CREATE_VCPU: %s", strerror(errno));
	TEST_ASSERT(!ioctl(vm_fd, KVM_ARM_PREFERRED_TARGET, &init),
		    "KVM_ARM_PREFERRED_TARGET: %s", strerror(errno));
	init.features[0] |= smekvm_cfg_features(&t->cfg);
	err = ioctl(vcpu_fd, KVM_ARM_VCPU_INIT, &init) ? errno : 0;
	close(vcpu_fd);
	close(vm_fd);
	close(kvm_fd);
	return result(smekvm_expect_err("INIT of a protected vcpu with SME",
					err, EINVAL));
}

/* Feature bit 9 is the last: bit 10 is unknown (ENOENT). */
static int test_init_bit10_enoent(struct smekvm_conf_ctx *t)
{
	return result(smekvm_expect_err("INIT with SME and bit 10",
					init_err(t, 1U << 10), ENOENT));
}

#define CASE(n, fl)	{ #n, test_##n, fl }
#define RAW_CASE(n, fl)							\
	{ #n, test_##n, fl, SMEKVM_CASE_RAW | SMEKVM_CASE_OWN_VM }

static const unsigned long sme_vls_bits[] = { 128, 256, 512, 1024, 2048 };
static const unsigned long sve_vls_bits[] = {
	128, 256, 384, 512, 640, 768, 896, 1024,
	1152, 1280, 1408, 1536, 1664, 1792, 1920, 2048,
};

static const unsigned long beyond_vq16[] = { 17, 32, 64, 65, 512 };
static const unsigned long sve_beyond[] = { 17, 64, 512 };

static const struct smekvm_conf_case cases[] = {
	/* abi-vls-* */
	CASE(sme_vls_after_init,		SMEKVM_FL_SME_BASE),
	CASE(sve_vls_after_init,		SMEKVM_FL_SVE),
	{ "sme_vls_truncate_%lu", test_sme_vls_truncate, SMEKVM_FL_SME_BASE, 0,
	  sme_vls_bits, ARRAY_SIZE(sme_vls_bits) },
	/* Every SVE VL: with SME only (plain SVE is upstream's to test) */
	{ "sve_vls_truncate_%lu", test_sve_vls_truncate, SMEKVM_FL(SVE_SME), 0,
	  sve_vls_bits, ARRAY_SIZE(sve_vls_bits) },
	CASE(sme_vls_empty_einval,		SMEKVM_FL_SME_BASE),
	CASE(sve_vls_empty_einval,		SMEKVM_FL_SVE),
	CASE(sme_vls_above_max_einval,		SMEKVM_FL_SME_BASE),
	CASE(sve_vls_above_max_einval,		SMEKVM_FL_SVE),
	{ "sme_vls_vq%lu_einval", test_sme_vls_vq_einval, SMEKVM_FL_SME_BASE, 0,
	  beyond_vq16, ARRAY_SIZE(beyond_vq16) },
	{ "sve_vls_vq%lu_einval", test_sve_vls_vq_einval, SMEKVM_FL_SVE, 0,
	  sve_beyond, ARRAY_SIZE(sve_beyond) },
	{ "sme_vls_hole_%lu_einval", test_sme_vls_hole_einval,
	  SMEKVM_FL_SME_BASE, 0, sme_vls_bits, ARRAY_SIZE(sme_vls_bits) - 1 },
	{ "sve_vls_hole_%lu_einval", test_sve_vls_hole_einval,
	  SMEKVM_FL(SVE_SME), 0,
	  sve_vls_bits, ARRAY_SIZE(sve_vls_bits) - 1 },
	CASE(sme_vls_unoffered_einval,		SMEKVM_FL_SME_BASE),
	CASE(sve_vls_unoffered_einval,		SMEKVM_FL_SVE),
	CASE(vls_after_finalize_eperm,		SMEKVM_FL_SME_BASE |
						SMEKVM_FL_SVE),
	CASE(sme_vls_enoent,			SMEKVM_FL_NO_SME),
	CASE(sve_vls_enoent,			SMEKVM_FL(NO_VEC) |
						SMEKVM_FL_SME_NO_SVE),
	/* Finalisation (abi-final-*) and a second INIT (abi-reset-*) */
	CASE(finalize_twice_eperm,		SMEKVM_FL_SME | SMEKVM_FL_SVE),
	CASE(finalize_no_vec_einval,		SMEKVM_FL(NO_VEC)),
	CASE(finalize_other_feature_einval,	SMEKVM_FL_SME_BASE),
	CASE(run_before_finalize_eperm,		SMEKVM_FL_SME | SMEKVM_FL_SVE),
	CASE(reg_list_before_finalize_eperm,	SMEKVM_FL_SME),
	CASE(vec_regs_before_finalize,		SMEKVM_FL_SME),
	CASE(svcr_before_finalize,		SMEKVM_FL_SME),
	{ "reinit_resets_state", test_reinit_resets_state, SMEKVM_FL_SME_BASE,
	  SMEKVM_CASE_OWN_VM },
	/* INIT: abi-init-*, abi-pvm-init-einval, abi-nv-el2-init-einval */
	/* SVE alone already refuses EL1_32BIT: SME only shows SME's rule */
	RAW_CASE(init_el1_32bit_einval,		SMEKVM_FL(SME_ONLY)),
	RAW_CASE(init_has_el2,			SMEKVM_FL(SME_ONLY)),
	RAW_CASE(init_protected_vm_einval,	SMEKVM_FL(SME_ONLY)),
	/* Unknown bits are refused before the VM's features are compared */
	{ "init_bit10_enoent", test_init_bit10_enoent, SMEKVM_FL(SME_ONLY),
	  SMEKVM_CASE_RAW },
};

int main(void)
{
	smekvm_conf_main(cases, ARRAY_SIZE(cases),
			 "sme_vls_finalize: vector lengths, finalisation and INIT (doc/abi.md: abi-vls-*, abi-final-*)");
}
