// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_fuzz_op.c - sme_fuzz's operations in words and in the replay
 * encoding (see sme_fuzz_op.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <linux/bits.h>

#include <kvm_util.h>
#include <test_util.h>

#include "sme_conf.h"
#include "sme_fault_buf.h"
#include "sme_fuzz_op.h"
#include "sme_fuzz_run.h"
#include "sme_model.h"
#include "sme_model_sys.h"
#include "sme_names.h"

/* Letters of the replay encoding, in the order of enum smekvm_fuzz_kind. */
static const char op_letter[] = "IFGSDLAVMWR";

const char *smekvm_fuzz_reg_name(__u64 id)
{
	static char buf[4][SMEKVM_REG_NAME_MAX + 24];
	static unsigned int next;
	char *b = buf[next++ % 4];

	return smekvm_reg_name(id, b, sizeof(buf[0]));
}

static const char *features_str(__u32 f, char *buf, size_t size)
{
	snprintf(buf, size, "0x%x%s%s%s%s%s", f,
		 f & BIT(KVM_ARM_VCPU_SVE) ? " SVE" : "",
		 f & BIT(KVM_ARM_VCPU_SME) ? " SME" : "",
		 f & BIT(KVM_ARM_VCPU_EL1_32BIT) ? " EL1_32BIT" : "",
		 f & BIT(KVM_ARM_VCPU_HAS_EL2) ? " HAS_EL2" : "",
		 f & ~SMEKVM_MODEL_VALID_FEATURES ? " unknown" : "");
	return buf;
}

/* Whether a SET of @id writes a pattern rather than @op->val itself. */
static bool set_writes_pattern(__u64 id)
{
	enum smekvm_reg_class rc = smekvm_model_reg_class(id, NULL);

	return KVM_REG_SIZE(id) > 8 && rc != SMEKVM_RC_SVE_VLS &&
	       rc != SMEKVM_RC_SME_VLS;
}

const char *smekvm_fuzz_op_str(const struct smekvm_fuzz_op *op, char *buf,
			       size_t size)
{
	int n = snprintf(buf, size, "vm%u/vcpu%u: ", op->vm, op->vcpu);
	char f[48];
	__u64 id;

	switch (op->kind) {
	case SMEKVM_FUZZ_INIT:
		snprintf(buf + n, size - n, "INIT features %s",
			 features_str(op->arg, f, sizeof(f)));
		break;
	case SMEKVM_FUZZ_FINALIZE:
		snprintf(buf + n, size - n, "FINALIZE(%llu)", op->arg);
		break;
	case SMEKVM_FUZZ_GET:
		snprintf(buf + n, size - n, "get %s, %s buffer",
			 smekvm_fuzz_reg_name(op->arg),
			 smekvm_buf_kind_name(op->buf));
		break;
	case SMEKVM_FUZZ_SET:
		snprintf(buf + n, size - n,
			 "set %s = %s0x%llx, %s buffer",
			 smekvm_fuzz_reg_name(op->arg),
			 set_writes_pattern(op->arg) ? "pattern " : "",
			 op->val, smekvm_buf_kind_name(op->buf));
		break;
	case SMEKVM_FUZZ_IDREG:
		id = smekvm_model_idfield_reg(op->arg);
		snprintf(buf + n, size - n, "%s.%s <- %llu",
			 smekvm_fuzz_reg_name(id),
			 op->arg == SMEKVM_IDF_PFR1_SME ? "SME" : "FA64",
			 op->val);
		break;
	case SMEKVM_FUZZ_REG_LIST:
		snprintf(buf + n, size - n, "KVM_GET_REG_LIST");
		break;
	case SMEKVM_FUZZ_AUDIT:
		snprintf(buf + n, size - n, "read every register");
		break;
	case SMEKVM_FUZZ_NEW_VCPU:
		snprintf(buf + n, size - n, "a new vcpu in this slot");
		break;
	case SMEKVM_FUZZ_MASKS:
		snprintf(buf, size, "vm%u: KVM_ARM_GET_REG_WRITABLE_MASKS",
			 op->vm);
		break;
	case SMEKVM_FUZZ_RUN:
		snprintf(buf + n, size - n,
			 "run the guest into SM %u ZA %u%s, pattern %llu, TPIDR2 0x%llx",
			 !!(op->arg & SMEKVM_FUZZ_RUN_SM),
			 !!(op->arg & SMEKVM_FUZZ_RUN_ZA),
			 op->arg & SMEKVM_FUZZ_RUN_FP_FIRST ?
			 ", FP first" : "", op->val & 0xff, op->val);
		break;
	default:
		snprintf(buf, size, "vm%u: a new VM in this slot", op->vm);
		break;
	}
	return buf;
}

void smekvm_fuzz_print_ops(const struct smekvm_fuzz_op *ops, size_t n)
{
	char desc[SMEKVM_FUZZ_OP_STR_MAX];
	size_t i;

	for (i = 0; i < n; i++)
		smekvm_report("  %zu: %s", i,
			      smekvm_fuzz_op_str(&ops[i], desc, sizeof(desc)));
}

char *smekvm_fuzz_encode(const struct smekvm_fuzz_op *ops, size_t n)
{
	size_t size = n * 48 + 1, len = 0, i;
	char *s = malloc(size);

	TEST_ASSERT(s, "out of memory");
	s[0] = '\0';
	for (i = 0; i < n; i++)
		len += snprintf(s + len, size - len, "%s%c%u%u%u.%llx.%llx",
				i ? ":" : "", op_letter[ops[i].kind],
				ops[i].vm, ops[i].vcpu, ops[i].buf,
				ops[i].arg, ops[i].val);
	return s;
}

long smekvm_fuzz_decode(const char *s, struct smekvm_fuzz_op *ops,
			size_t max)
{
	unsigned int vm, vcpu, buf;
	unsigned long long arg, val;
	const char *k;
	size_t n = 0;
	char letter;
	int used;

	while (*s && n < max) {
		if (sscanf(s, "%c%1u%1u%1u.%llx.%llx%n", &letter, &vm, &vcpu,
			   &buf, &arg, &val, &used) != 6)
			return -1;
		k = strchr(op_letter, letter);
		if (!k || !letter || vm >= SMEKVM_FUZZ_NR_VMS ||
		    vcpu >= SMEKVM_FUZZ_NR_VCPUS || buf >= SMEKVM_NR_BUF_KINDS)
			return -1;
		ops[n++] = (struct smekvm_fuzz_op){
			.kind = k - op_letter, .vm = vm, .vcpu = vcpu,
			.buf = buf, .arg = arg, .val = val,
		};
		s += used;
		if (*s == ':')
			s++;
		else if (*s)
			return -1;
	}
	return *s ? -1 : (long)n;
}
