// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_names.c - the names the suite prints (see sme_names.h).
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <linux/kernel.h>
#include <linux/kvm.h>

#include "reg_sublists.h"
#include "sme_names.h"

const char *smekvm_errno_name(int err)
{
	static const char * const names[] = {
		[0]		= "success",
		[EPERM]		= "EPERM",
		[ENOENT]	= "ENOENT",
		[ENOEXEC]	= "ENOEXEC",
		[EFAULT]	= "EFAULT",
		[EBUSY]		= "EBUSY",
		[EINVAL]	= "EINVAL",
		[E2BIG]		= "E2BIG",
	};

	if (err >= 0 && err < (int)ARRAY_SIZE(names) && names[err])
		return names[err];
	return strerror(err);
}

static const char * const reg_class_names[SMEKVM_NR_REG_CLASSES] = {
	[SMEKVM_RC_NONE]	= "other",
	[SMEKVM_RC_V]		= "V",
	[SMEKVM_RC_Z]		= "Z",
	[SMEKVM_RC_P]		= "P",
	[SMEKVM_RC_FFR]		= "FFR",
	[SMEKVM_RC_ZA]		= "ZA",
	[SMEKVM_RC_ZT0]		= "ZT0",
	[SMEKVM_RC_SVCR]	= "SVCR",
	[SMEKVM_RC_FPSR]	= "FPSR",
	[SMEKVM_RC_FPCR]	= "FPCR",
	[SMEKVM_RC_FPMR]	= "FPMR",
	[SMEKVM_RC_SVE_VLS]	= "SVE_VLS",
	[SMEKVM_RC_SME_VLS]	= "SME_VLS",
};

const char *smekvm_reg_class_name(enum smekvm_reg_class rc)
{
	if (rc < 0 || rc >= SMEKVM_NR_REG_CLASSES)
		return "?";
	return reg_class_names[rc];
}

const char * const smekvm_svcr_names[4] = {
	"sm0za0", "sm1za0", "sm0za1", "sm1za1",
};

const char *smekvm_pattern_cls_name(enum smekvm_pattern_class cls)
{
	switch (cls) {
	case SMEKVM_CLS_V:	return "V";
	case SMEKVM_CLS_Z:	return "Z";
	case SMEKVM_CLS_P:	return "P";
	case SMEKVM_CLS_FFR:	return "FFR";
	case SMEKVM_CLS_ZA:	return "ZA row ";
	case SMEKVM_CLS_ZT0:	return "ZT0";
	default:		return "?";
	}
}

/* A register of model class @rc (not SMEKVM_RC_NONE), number @idx. */
static void model_reg_name(__u64 id, enum smekvm_reg_class rc,
			   unsigned int idx, char *buf, size_t size)
{
	size_t len;

	switch (rc) {
	case SMEKVM_RC_V:
	case SMEKVM_RC_Z:
	case SMEKVM_RC_P:
		snprintf(buf, size, "%s%u", reg_class_names[rc], idx);
		break;
	case SMEKVM_RC_ZA:
		snprintf(buf, size, "ZA row %u", idx);
		break;
	default:
		snprintf(buf, size, "%s", reg_class_names[rc]);
		break;
	}
	/* A malformed ID of a class: add the raw ID. */
	if (!smekvm_model_id_canonical(id)) {
		len = strlen(buf);
		snprintf(buf + len, size - len, " (0x%llx)",
			 (unsigned long long)id);
	}
}

#define SYSREG_FIELD(id, f)						\
	((unsigned int)(((id) & KVM_REG_ARM64_SYSREG_##f##_MASK) >>	\
			KVM_REG_ARM64_SYSREG_##f##_SHIFT))

/* A register no name is known for, by its encoding. */
static void spell_reg(__u64 id, char *buf, size_t size)
{
	unsigned int lo = id & 0xffff;

	if ((id & KVM_REG_ARCH_MASK) != KVM_REG_ARM64) {
		snprintf(buf, size, "register 0x%llx", (unsigned long long)id);
		return;
	}
	switch (id & KVM_REG_ARM_COPROC_MASK) {
	case KVM_REG_ARM64_SYSREG:
		snprintf(buf, size, "S%u_%u_C%u_C%u_%u",
			 SYSREG_FIELD(id, OP0), SYSREG_FIELD(id, OP1),
			 SYSREG_FIELD(id, CRN), SYSREG_FIELD(id, CRM),
			 SYSREG_FIELD(id, OP2));
		break;
	case KVM_REG_ARM_CORE:
		snprintf(buf, size, "CORE[0x%x]", lo);
		break;
	case KVM_REG_ARM_FW:
		snprintf(buf, size, "FW[%u]", lo);
		break;
	case KVM_REG_ARM_FW_FEAT_BMAP:
		snprintf(buf, size, "FW_FEAT_BMAP[%u]", lo);
		break;
	case KVM_REG_ARM_DEMUX:
		snprintf(buf, size, "CCSIDR[%u]", lo & 0xff);
		break;
	default:
		snprintf(buf, size, "register 0x%llx", (unsigned long long)id);
	}
}

const char *smekvm_reg_name(__u64 id, char *buf, size_t size)
{
	const struct grl_reg *r;
	enum smekvm_reg_class rc;
	unsigned int idx;

	rc = smekvm_model_reg_class(id, &idx);
	if (rc != SMEKVM_RC_NONE) {
		model_reg_name(id, rc, idx, buf, size);
		return buf;
	}
	r = grl_reg_find(id, NULL);
	if (r)
		snprintf(buf, size, "%s", r->name);
	else
		spell_reg(id, buf, size);
	return buf;
}
