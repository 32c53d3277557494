// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_vmm.c - save and restore of a vcpu's FP/SVE/SME state in a safe
 * order (see sme_vmm.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "sme_model.h"
#include "sme_names.h"
#include "sme_vmm.h"

static char vmm_error[256];

static void set_error(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(vmm_error, sizeof(vmm_error), fmt, ap);
	va_end(ap);
}

const char *smekvm_vmm_error(void)
{
	return vmm_error;
}

bool smekvm_vmm_is_config_reg(__u64 id)
{
	__u64 enc;

	if ((id & (KVM_REG_ARCH_MASK | KVM_REG_ARM_COPROC_MASK)) !=
	    (KVM_REG_ARM64 | KVM_REG_ARM64_SYSREG))
		return false;
	if (id == SMEKVM_SMIDR_EL1)
		return true;
	enc = id & 0xffff;
	/* op0 == 3, op1 == 0, CRn == 0: the ID register space. */
	return (enc >> 14) == 3 && ((enc >> 11) & 7) == 0 &&
	       ((enc >> 7) & 0xf) == 0;
}

int smekvm_vmm_discover_vls(struct kvm_vcpu *vcpu, struct smekvm_vmm_vls *vls)
{
	unsigned int i;
	int err;

	memset(vls, 0, sizeof(*vls));
	err = __smekvm_get_vls(vcpu, KVM_REG_ARM64_SVE_VLS, &vls->sve);
	if (err && err != ENOENT) {
		set_error("reading SVE_VLS: %s", strerror(err));
		return err;
	}
	vls->has_sve = !err;
	if (err)
		memset(&vls->sve, 0, sizeof(vls->sve));

	err = __smekvm_get_vls(vcpu, KVM_REG_ARM64_SME_VLS, &vls->sme);
	if (err && err != ENOENT) {
		set_error("reading SME_VLS: %s", strerror(err));
		return err;
	}
	vls->has_sme = !err;
	if (err)
		memset(&vls->sme, 0, sizeof(vls->sme));

	for (i = 0; i < KVM_ARM64_SVE_VLS_WORDS; i++)
		vls->common.w[i] = vls->sve.w[i] & vls->sme.w[i];
	return 0;
}

void smekvm_vmm_state_free(struct smekvm_vmm_state *st)
{
	free(st->ids);
	free(st->offsets);
	free(st->data);
	memset(st, 0, sizeof(*st));
}

int smekvm_vmm_save(struct kvm_vcpu *vcpu, struct smekvm_vmm_state *st)
{
	struct kvm_reg_list *list;
	char name[64];
	size_t size = 0;
	__u64 i;
	int err;

	memset(st, 0, sizeof(*st));
	st->features = vcpu->init.features[0];
	err = smekvm_vmm_discover_vls(vcpu, &st->vls);
	if (err)
		return err;

	list = vcpu_get_reg_list(vcpu);
	st->nr_regs = list->n;
	st->ids = calloc(list->n, sizeof(*st->ids));
	st->offsets = calloc(list->n, sizeof(*st->offsets));
	TEST_ASSERT(st->ids && st->offsets, "out of memory");
	for (i = 0; i < list->n; i++) {
		st->ids[i] = list->reg[i];
		st->offsets[i] = size;
		size += KVM_REG_SIZE(list->reg[i]);
	}
	free(list);

	st->data = calloc(1, size ? size : 1);
	TEST_ASSERT(st->data, "out of memory");
	for (i = 0; i < st->nr_regs; i++) {
		err = __smekvm_get_reg(vcpu, st->ids[i],
				       st->data + st->offsets[i]);
		if (err) {
			set_error("saving %s, listed by KVM_GET_REG_LIST: %s",
				  smekvm_reg_name(st->ids[i], name, sizeof(name)),
				  strerror(err));
			smekvm_vmm_state_free(st);
			return err;
		}
	}
	return 0;
}

const void *smekvm_vmm_state_reg(const struct smekvm_vmm_state *st, __u64 id)
{
	__u64 i;

	for (i = 0; i < st->nr_regs; i++)
		if (st->ids[i] == id)
			return st->data + st->offsets[i];
	return NULL;
}

/* Step 1 of a restore: same features, same vector lengths, or refuse. */
static int restore_vls(struct kvm_vcpu *vcpu, const struct smekvm_vmm_state *st)
{
	static const struct {
		const char *name;
		__u64 id;
	} regs[] = {
		{ "SVE_VLS", KVM_REG_ARM64_SVE_VLS },
		{ "SME_VLS", KVM_REG_ARM64_SME_VLS },
	};
	struct smekvm_vmm_vls now;
	char want[128], got[128];
	unsigned int i;
	int err, refused = EINVAL;

	if (vcpu->init.features[0] != st->features) {
		set_error("vcpu features 0x%x differ from the saved 0x%x",
			  vcpu->init.features[0], st->features);
		return refused;
	}
	err = smekvm_vmm_discover_vls(vcpu, &now);
	if (err)
		return err;
	if (now.has_sve != st->vls.has_sve || now.has_sme != st->vls.has_sme) {
		set_error("the vcpu %s SVE and %s SME, the saved one %s and %s",
			  now.has_sve ? "has" : "lacks",
			  now.has_sme ? "has" : "lacks",
			  st->vls.has_sve ? "had" : "lacked",
			  st->vls.has_sme ? "had" : "lacked");
		return refused;
	}

	for (i = 0; i < ARRAY_SIZE(regs); i++) {
		const struct smekvm_vls *saved = i ? &st->vls.sme :
						     &st->vls.sve;
		const struct smekvm_vls *cur = i ? &now.sme : &now.sve;

		if (!(i ? st->vls.has_sme : st->vls.has_sve))
			continue;
		err = __smekvm_set_vls(vcpu, regs[i].id, saved);
		if (err == EPERM && !memcmp(cur, saved, sizeof(*cur)))
			continue;	/* finalised already, with these VLs */
		if (err) {
			set_error("%s: saved {%s}, the vcpu %s {%s}: refused, not truncated",
				  regs[i].name,
				  smekvm_vls_str(saved, want, sizeof(want)),
				  err == EPERM ? "was finalised with" :
				  "cannot take it; it offers",
				  smekvm_vls_str(cur, got, sizeof(got)));
			return refused;
		}
	}
	return 0;
}

static int restore_one(struct kvm_vcpu *vcpu, const struct smekvm_vmm_state *st,
		       __u64 i, const char *when)
{
	char name[64];
	int err;

	err = __smekvm_set_reg(vcpu, st->ids[i], st->data + st->offsets[i]);
	if (err && !vmm_error[0])
		set_error("restoring %s (%s, entry %llu of the list): %s",
			  smekvm_reg_name(st->ids[i], name, sizeof(name)), when,
			  i, strerror(err));
	return err;
}

int smekvm_vmm_restore(struct kvm_vcpu *vcpu,
		       const struct smekvm_vmm_state *st,
		       enum smekvm_vmm_order order, bool keep_going)
{
	bool safe = order == SMEKVM_VMM_SAFE;
	int err, first = 0;
	__u64 i;

	vmm_error[0] = '\0';
	err = restore_vls(vcpu, st);
	if (err)
		return err;

	if (safe) {
		for (i = 0; i < st->nr_regs; i++) {
			if (!smekvm_vmm_is_config_reg(st->ids[i]))
				continue;
			err = restore_one(vcpu, st, i, "ID registers first");
			if (err && !keep_going)
				return err;
			first = first ? first : err;
		}
	}

	if (st->vls.has_sve || st->vls.has_sme) {
		err = __smekvm_vcpu_finalize(vcpu);
		if (err == EPERM)
			err = 0;	/* finalised by the caller */
		if (err) {
			set_error("KVM_ARM_VCPU_FINALIZE: %s", strerror(err));
			return err;
		}
	}

	if (safe) {
		for (i = 0; i < st->nr_regs; i++) {
			if (st->ids[i] != SMEKVM_SVCR)
				continue;
			err = restore_one(vcpu, st, i, "SVCR first");
			if (err && !keep_going)
				return err;
			first = first ? first : err;
		}
	}

	for (i = 0; i < st->nr_regs; i++) {
		__u64 id = st->ids[i];

		if (id == KVM_REG_ARM64_SVE_VLS || id == KVM_REG_ARM64_SME_VLS)
			continue;
		if (safe && (id == SMEKVM_SVCR || smekvm_vmm_is_config_reg(id)))
			continue;
		err = restore_one(vcpu, st, i, "in list order");
		if (err && !keep_going)
			return err;
		first = first ? first : err;
	}
	return first;
}

unsigned int smekvm_vls_sample(const struct smekvm_vls *v, unsigned int *vqs)
{
	unsigned int all[SMEKVM_VLS_MAX_VQ], n = 0, vq;

	for (vq = 1; vq <= SMEKVM_VLS_MAX_VQ; vq++)
		if (smekvm_vls_has(v, vq))
			all[n++] = vq;
	if (n <= 3) {
		memcpy(vqs, all, n * sizeof(*vqs));
		return n;
	}
	vqs[0] = all[0];
	vqs[1] = all[n / 2];
	vqs[2] = all[n - 1];
	return 3;
}
