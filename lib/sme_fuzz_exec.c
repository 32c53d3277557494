// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_fuzz_exec.c - run one of sme_fuzz's operations and check it
 * against the model (see sme_fuzz_exec.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <linux/bits.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "sme_fuzz_exec.h"
#include "sme_fuzz_onereg.h"
#include "sme_fuzz_run.h"
#include "sme_model.h"
#include "sme_model_sys.h"
#include "sme_names.h"
#include "sme_uapi.h"
#include "sme_vcpu.h"

static const struct smekvm_tags no_tags;

/* KVM_ARM_VCPU_INIT, and the reset values after it. */
static bool exec_init(struct smekvm_fuzz_world *w, struct smekvm_fuzz_vm *v,
		      struct smekvm_fuzz_vcpu *c,
		      const struct smekvm_fuzz_op *op)
{
	static const __u64 reset_ids[] = {
		SMEKVM_SVCR, SMEKVM_SMCR_EL1, SMEKVM_FPSR, SMEKVM_VREG(0),
		KVM_REG_ARM64_SVE_ZREG(0, 0), KVM_REG_ARM64_SVE_PREG(0, 0),
		KVM_REG_ARM64_SVE_FFR(0), KVM_REG_ARM64_SVE_VLS,
		KVM_REG_ARM64_SME_VLS, SMEKVM_ID_AA64PFR1_EL1,
		SMEKVM_ID_AA64SMFR0_EL1,
	};
	const struct smekvm_model_host *h = w->host;
	__u32 features = op->arg;
	bool sme = features & BIT(KVM_ARM_VCPU_SME), ok = true;
	struct smekvm_tags t = {};
	unsigned int i;
	int err, exp;

	err = __smekvm_vcpu_init(c->vcpu, features);
	w->calls++;
	exp = smekvm_model_init_err(h, &v->mvm, &c->v, features);
	if (exp == ENOENT)
		smekvm_tags_add(&t, SMEKVM_TAG_INIT_UNKNOWN_BIT);
	else if (sme && (features & BIT(KVM_ARM_VCPU_EL1_32BIT)))
		smekvm_tags_add(&t, SMEKVM_TAG_INIT_EL1_32BIT);
	else if (sme && (features & BIT(KVM_ARM_VCPU_HAS_EL2)))
		smekvm_tags_add(&t, SMEKVM_TAG_NV_EL2_INIT);
	else if (!exp && sme)
		smekvm_tags_add(&t, SMEKVM_TAG_CAP_GATES_INIT);
	if (!exp && sme)
		smekvm_tags_add(&t, SMEKVM_TAG_INIT_SVE_OPTIONAL);
	if (!smekvm_fuzz_check_err(w, &t, "INIT", err, exp))
		return false;
	if (exp)	/* a refused INIT changes nothing */
		return !c->v.inited ||
		       smekvm_fuzz_audit(w, v, c, 0, false, &no_tags);

	smekvm_model_vcpu_init(h, &v->mvm, &c->v, c->m, features);
	smekvm_fuzz_run_setup(v, c);
	t = (struct smekvm_tags){};
	smekvm_tags_add(&t, SMEKVM_TAG_RESET_SVCR);
	smekvm_tags_add(&t, SMEKVM_TAG_RESET_VECTOR);
	smekvm_tags_add(&t, SMEKVM_TAG_RESET_SMCR);
	smekvm_tags_either(&t, c->m->finalized,
			   SMEKVM_TAG_FINAL_BOTH,
			   SMEKVM_TAG_VLS_INIT_OFFERED);
	if (c->m->cfg.sve && c->m->cfg.sme &&
	    !(smekvm_fuzz_vls_mask(h->sve_vls) &
	      smekvm_fuzz_vls_mask(h->sme_vls)))
		smekvm_tags_add(&t, SMEKVM_TAG_VLS_DISJOINT_OK);
	for (i = 0; i < ARRAY_SIZE(reset_ids); i++)
		ok &= smekvm_fuzz_check_get(w, v, c, reset_ids[i],
					    SMEKVM_BUF_GOOD, &t);
	return ok;
}

static bool exec_finalize(struct smekvm_fuzz_world *w,
			  struct smekvm_fuzz_vcpu *c,
			  const struct smekvm_fuzz_op *op)
{
	int what = op->arg, err, exp;
	struct smekvm_tags t = {};

	err = __vcpu_ioctl(c->vcpu, KVM_ARM_VCPU_FINALIZE, &what) ? errno : 0;
	w->calls++;
	if (!c->v.inited) {
		exp = SMEKVM_MODEL_UNINIT_ERRNO;
	} else if (what != KVM_ARM_VCPU_VEC) {
		exp = EINVAL;
		smekvm_tags_add(&t, SMEKVM_TAG_FINAL_UNKNOWN);
	} else {
		exp = smekvm_model_finalize(c->m);
		if (!smekvm_fuzz_has_vec(c)) {
			smekvm_tags_add(&t, SMEKVM_TAG_FINAL_NO_VEC_FAILS);
			smekvm_tags_add(&t, SMEKVM_TAG_FINAL_NO_VEC_EINVAL);
		} else {
			smekvm_tags_either(&t, exp,
					   SMEKVM_TAG_FINAL_TWICE,
					   SMEKVM_TAG_CAP_VEC_ALIAS);
			smekvm_tags_add(&t, SMEKVM_TAG_FINAL_BOTH);
		}
	}
	return smekvm_fuzz_check_err(w, &t, "FINALIZE", err, exp);
}

/* ID register writes through a vcpu: read, change one field, read back. */
static bool exec_idreg(struct smekvm_fuzz_world *w, struct smekvm_fuzz_vm *v,
		       struct smekvm_fuzz_vcpu *c,
		       const struct smekvm_fuzz_op *op)
{
	enum smekvm_model_idfield f = op->arg;
	__u64 id = smekvm_model_idfield_reg(f);
	__u64 mask = smekvm_model_idfield_mask(f), val = 0;
	unsigned int was = smekvm_model_idfield_get(&v->mvm, f), i;
	struct smekvm_model_vm early;
	bool sme = c->m->cfg.sme;
	struct smekvm_tags t = {};
	int err, exp, early_exp;

	if (!c->v.inited) {
		err = __smekvm_set_reg64(c->vcpu, id, op->val);
		w->calls++;
		return smekvm_fuzz_check_err(w, &t, "ID register write", err,
					     SMEKVM_MODEL_UNINIT_ERRNO);
	}
	err = __smekvm_get_reg64(c->vcpu, id, &val);
	w->calls++;
	if (!smekvm_fuzz_check_err(w, &t, "ID register read", err, 0))
		return false;
	val = (val & ~mask) | ((op->val << __builtin_ctzll(mask)) & mask);
	err = __smekvm_set_reg64(c->vcpu, id, val);
	w->calls++;
	early = v->mvm;
	early.ran = false;
	early_exp = smekvm_model_idfield_set(w->host, &early, f, op->val);
	exp = smekvm_model_idfield_set(w->host, &v->mvm, f, op->val);
	if (exp)
		smekvm_tags_add(&t, SMEKVM_TAG_IDREG_REFUSED);
	if (!sme) {
		smekvm_tags_add(&t, SMEKVM_TAG_IDREG_NOSME_ZERO);
	} else if (f == SMEKVM_IDF_PFR1_SME) {
		if (!op->val)
			smekvm_tags_add(&t, SMEKVM_TAG_IDREG_SME_ZERO);
		else if (exp)
			smekvm_tags_add(&t, SMEKVM_TAG_IDREG_ABOVE_HOST);
		else if (op->val == 1 && was == 2)
			smekvm_tags_add(&t, SMEKVM_TAG_IDREG_SME2_TO_1);
	} else {
		if (exp)
			smekvm_tags_add(&t, SMEKVM_TAG_IDREG_ABOVE_HOST);
		else if (!op->val && was)
			smekvm_tags_add(&t, SMEKVM_TAG_IDREG_FA64_CLEAR);
		if (!exp && (!op->val || op->val == was))
			smekvm_tags_add(&t, SMEKVM_TAG_IDREG_SMFR0_VALUES);
	}
	/*
	 * Fixed since the VM ran (Linux, no rule of doc/abi.md): EBUSY, or
	 * the EINVAL of a value refused before the run, checked first or not.
	 */
	if (v->mvm.ran) {
		t = (struct smekvm_tags){};
		if (exp == EBUSY && early_exp && err == early_exp)
			exp = early_exp;
	}
	if (!SMEKVM_FUZZ_CHECK(w, &t, err == exp, "%s: %s, expected %s",
			       smekvm_fuzz_reg_name(id),
			       smekvm_errno_name(err), smekvm_errno_name(exp)))
		return false;
	/* Every vcpu of the VM sees the new value. */
	for (i = 0; !exp && i < SMEKVM_FUZZ_NR_VCPUS; i++)
		if (v->c[i].v.inited)
			smekvm_model_vm_apply(&v->mvm, v->c[i].m);
	return smekvm_fuzz_check_get(w, v, c, id, SMEKVM_BUF_GOOD, &t);
}

/* Whether the VM's writable masks show the SME fields as the model says. */
static bool exec_masks(struct smekvm_fuzz_world *w, struct smekvm_fuzz_vm *v)
{
	__u64 masks[KVM_ARM_FEATURE_ID_RANGE_SIZE] = {}, pfr1, smfr0;
	struct reg_mask_range range = { .addr = (__u64)masks };
	bool want = smekvm_model_sme_fields_writable(&v->mvm);
	struct smekvm_tags t = {};
	int err;

	smekvm_tags_add(&t, SMEKVM_TAG_IDREG_WRITABLE_MASKS);
	err = __vm_ioctl(v->vm, KVM_ARM_GET_REG_WRITABLE_MASKS, &range) ?
	      errno : 0;
	w->calls++;
	if (!smekvm_fuzz_check_err(w, &t, "KVM_ARM_GET_REG_WRITABLE_MASKS",
				   err, 0))
		return false;
	pfr1 = masks[KVM_ARM_FEATURE_ID_RANGE_IDX(3, 0, 0, 4, 1)] &
	       smekvm_model_idfield_mask(SMEKVM_IDF_PFR1_SME);
	smfr0 = masks[KVM_ARM_FEATURE_ID_RANGE_IDX(3, 0, 0, 4, 5)];
	return SMEKVM_FUZZ_CHECK(w, &t, !!pfr1 == want && !!smfr0 == want,
				 "writable: ID_AA64PFR1_EL1.SME 0x%llx, ID_AA64SMFR0_EL1 0x%llx; expected %s",
				 pfr1, smfr0, want ? "both" : "neither");
}

/*
 * The registers of a KVM_GET_REG_LIST (@list) as the model says: the
 * vector and matrix ones in its order, V0, SVCR first, and the SME
 * system registers iff SME.
 */
static bool check_reg_list(struct smekvm_fuzz_world *w,
			   struct smekvm_fuzz_vcpu *c,
			   const struct kvm_reg_list *list,
			   struct smekvm_tags *t)
{
	static const __u64 sme_sysregs[] = {
		SMEKVM_SVCR, SMEKVM_SMCR_EL1, SMEKVM_TPIDR2_EL0,
		SMEKVM_SMPRI_EL1, SMEKVM_SMIDR_EL1,
	};
	__u64 ids[2 + SMEKVM_MODEL_MAX_STATE_REGS], reg;
	const struct smekvm_model_cfg *cfg = &c->m->cfg;
	size_t n, i, k = 0;
	bool ok = true, vregs, has;

	n = smekvm_model_vec_reg_ids(cfg, c->m->svcr, ids, ARRAY_SIZE(ids));
	for (i = 0; i < list->n && ok; i++) {
		reg = list->reg[i];
		if (!smekvm_reg_is_sve(reg) && !smekvm_reg_is_sme(reg))
			continue;
		if (k == n)
			ok = SMEKVM_FUZZ_CHECK(w, t, false,
					       "register list has %s too",
					       smekvm_fuzz_reg_name(reg));
		else
			ok = SMEKVM_FUZZ_CHECK(w, t, reg == ids[k],
					       "register list entry %zu is %s, expected %s",
					       i, smekvm_fuzz_reg_name(reg),
					       smekvm_fuzz_reg_name(ids[k]));
		k++;
	}
	if (ok && k < n)
		ok = SMEKVM_FUZZ_CHECK(w, t, false, "register list lacks %s",
				       smekvm_fuzz_reg_name(ids[k]));
	vregs = smekvm_model_has_core_vregs(cfg, c->m->svcr);
	has = smekvm_reg_list_has(list, SMEKVM_VREG(0));
	ok = ok && SMEKVM_FUZZ_CHECK(w, t, has == vregs, "register list %s V0",
				     vregs ? "lacks" : "has");

	/* SVCR first, and the SME system registers iff SME. */
	*t = (struct smekvm_tags){};
	if (cfg->sme) {
		smekvm_tags_add(t, SMEKVM_TAG_REGLIST_SVCR_FIRST);
		reg = list->n ? list->reg[0] : 0;
		ok = ok && SMEKVM_FUZZ_CHECK(w, t, reg == SMEKVM_SVCR,
					     "register list starts with %s, not SVCR",
					     list->n ?
					     smekvm_fuzz_reg_name(reg) : "nothing");
	}
	*t = (struct smekvm_tags){};
	smekvm_tags_either(t, cfg->sme,
			   SMEKVM_TAG_SYSREG_SMCR,
			   SMEKVM_TAG_SYSREG_ABSENT);
	for (i = 0; ok && i < ARRAY_SIZE(sme_sysregs); i++) {
		has = smekvm_reg_list_has(list, sme_sysregs[i]);
		ok = SMEKVM_FUZZ_CHECK(w, t, has == cfg->sme,
				       "register list %s %s",
				       cfg->sme ? "lacks" : "has",
				       smekvm_fuzz_reg_name(sme_sysregs[i]));
	}
	return ok;
}

/* KVM_GET_REG_LIST: its errno, then its registers. */
static bool exec_reg_list(struct smekvm_fuzz_world *w,
			  struct smekvm_fuzz_vcpu *c)
{
	struct kvm_reg_list probe = { .n = 0 }, *list;
	struct smekvm_tags t = {};
	int err, exp = 0;
	bool ok;

	if (!c->v.inited)
		exp = SMEKVM_MODEL_UNINIT_ERRNO;
	else if (smekvm_fuzz_has_vec(c) && !c->m->finalized)
		exp = EPERM;
	if (exp == EPERM) {
		smekvm_tags_add(&t, SMEKVM_TAG_FINAL_REGLIST);
		smekvm_tags_add(&t, SMEKVM_TAG_FINAL_REGLIST_EPERM);
	}
	err = __vcpu_ioctl(c->vcpu, KVM_GET_REG_LIST, &probe) ? errno : 0;
	w->calls++;
	if (!smekvm_fuzz_check_err(w, &t, "KVM_GET_REG_LIST", err,
				   exp ? exp : E2BIG))
		return false;
	if (exp)
		return true;

	list = calloc(1, sizeof(*list) + probe.n * sizeof(__u64));
	TEST_ASSERT(list, "out of memory");
	list->n = probe.n;
	err = __vcpu_ioctl(c->vcpu, KVM_GET_REG_LIST, list) ? errno : 0;
	w->calls++;
	smekvm_tags_add(&t, SMEKVM_TAG_REGLIST_ACCESSIBLE);
	smekvm_tags_add(&t, SMEKVM_TAG_REGLIST_LISTED);
	smekvm_tags_add(&t, SMEKVM_TAG_REGLIST_ORDER);
	smekvm_tags_add(&t, SMEKVM_TAG_VIEW_LIVE_SVCR);
	ok = smekvm_fuzz_check_err(w, &t, "KVM_GET_REG_LIST", err, 0) &&
	     check_reg_list(w, c, list, &t);
	free(list);
	return ok;
}

bool smekvm_fuzz_exec(struct smekvm_fuzz_world *w,
		      const struct smekvm_fuzz_op *op, size_t i)
{
	struct smekvm_fuzz_vm *v = &w->vm[op->vm];
	struct smekvm_fuzz_vcpu *c;

	w->cur = i;
	w->cur_op = op;
	if (op->kind == SMEKVM_FUZZ_NEW_VM) {
		smekvm_fuzz_vm_reset(v);
		return true;
	}
	if (op->kind == SMEKVM_FUZZ_NEW_VCPU) {
		smekvm_fuzz_vcpu_reset(&v->c[op->vcpu]);
		return true;
	}
	c = smekvm_fuzz_slot(w, op);
	switch (op->kind) {
	case SMEKVM_FUZZ_INIT:
		return exec_init(w, v, c, op);
	case SMEKVM_FUZZ_FINALIZE:
		return exec_finalize(w, c, op);
	case SMEKVM_FUZZ_GET:
		return smekvm_fuzz_check_get(w, v, c, op->arg, op->buf,
					     &no_tags);
	case SMEKVM_FUZZ_SET:
		return smekvm_fuzz_exec_set(w, v, c, op);
	case SMEKVM_FUZZ_IDREG:
		return exec_idreg(w, v, c, op);
	case SMEKVM_FUZZ_REG_LIST:
		return exec_reg_list(w, c);
	case SMEKVM_FUZZ_MASKS:
		return exec_masks(w, v);
	case SMEKVM_FUZZ_RUN:
		return smekvm_fuzz_exec_run(w, v, c, op);
	default:
		return smekvm_fuzz_audit(w, v, c, 0, true, &no_tags);
	}
}
