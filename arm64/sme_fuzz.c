// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_fuzz - random sequences of vcpu calls, every call checked against
 * the reference model (lib/sme_model.h, lib/sme_model_sys.h), and a
 * failing sequence shrunk to a shortest one that still fails.
 *
 * The other programs check each rule of doc/abi.md in the states their
 * authors thought of.  This one walks long random histories of a few
 * vcpus in a few VMs, so that rules meet in combinations nobody wrote a
 * case for: an SVCR write on a vcpu whose SVL was lowered, in a VM whose
 * SME2 was hidden, after a second INIT; a faulting write between two of
 * those.  Its operations are ioctls only, on barebones VMs:
 *
 *  - KVM_ARM_VCPU_INIT with the VM's features (none, SVE, SME, both),
 *    another set, an unknown bit, SME with AArch32 or with EL2, first or
 *    again;
 *  - KVM_ARM_VCPU_FINALIZE(KVM_ARM_VCPU_VEC), twice, or of another value;
 *  - KVM_GET_ONE_REG and KVM_SET_ONE_REG of vector, matrix, VLS, FP and
 *    SME system registers, of IDs with a bad slice, row, size or index,
 *    and of registers the vcpu's features or ID registers hide, from and
 *    into a good buffer, NULL, a kernel address, a PROT_NONE page or a
 *    buffer that runs into one; SVCR with all four SM/ZA values and RES0
 *    bits; SVE_VLS and SME_VLS with truncations and invalid sets;
 *  - writes of ID_AA64PFR1_EL1.SME and ID_AA64SMFR0_EL1.FA64 that hide
 *    SME2 and FA64 (or show them again, or are refused), on VMs that never
 *    ran, as the ABI allows;
 *  - KVM_GET_REG_LIST, compared with the model's view, and the VM's
 *    KVM_ARM_GET_REG_WRITABLE_MASKS;
 *  - a new vcpu in a slot, a new VM in a slot.
 *
 * Every call's errno, every value read (the whole payload, the padding
 * beyond the VL included) and, after each write, the registers it must
 * or must not change (a sample after a refused write, the effects after
 * an SVCR write) are compared with the model; the generator chooses only
 * from the model's state, never from the kernel's answers, so a seed
 * makes the same sequence on every kernel.  Each check is tagged with the
 * rules of doc/abi.md that decide it (lib/sme_rule_tags.h, the one
 * place of those tags); a case ends with how many calls it checked, at
 * what rate, and how many of the table's rules its sequences exercised.
 *
 * On the first mismatch the case says what differed (operation, call,
 * values, rules), how to replay that sequence (SMEKVM_FUZZ_SEQ=<n>
 * SMEKVM_FUZZ_LEN=<operations> with the run's --seed), cuts it after the
 * failing operation, drops what the failure does not need (the other
 * VM's operations, the other vcpus', then delta debugging,
 * lib/sme_shrink.h, within a budget of replays and seconds, as long as
 * the same kind of operation fails on a rule of the same check), and
 * prints the shortest sequence and the command that replays exactly it:
 * SMEKVM_FUZZ_REPLAY=<operations> ./run_tests.sh sme_fuzz/<case> on the
 * target (run_tests.sh passes its environment on).
 *
 * Budgets are counts, never times, so no verdict depends on the machine's
 * speed: calls per case (SMEKVM_ITERS; CI tier 30000, full tier 300000,
 * so a run of the four cases checks 1.2 million calls) in sequences of
 * 15000 calls (full tier 25000), each making at most three barebones VMs
 * (two slots, one replacement): VMs are shared by the thousands of calls
 * of a sequence.  The calls per second are printed, not judged.  Only
 * shrinking, after a failure, stops at a time (30 s a case, full tier
 * 120 s) as well as at a number of replays.
 *
 * Cases, one per shape of the first VM: "<flavour>/sequences" for
 * no_vec, sve_only, sme_only and sve_sme (the second VM's shape is drawn
 * from those the host offers); SMEKVM_CASE=<flavour>/sequences runs one.
 * The program skips without SME in KVM, flavours the host lacks skip with
 * the reason, and every case skips under a profile other than "ours"
 * (SMEKVM_PROFILE): the model's predictions are that profile's.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <asm/hwcap.h>
#include <linux/bits.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "sme_clock.h"
#include "sme_conf.h"
#include "sme_fault_buf.h"
#include "sme_flavour.h"
#include "sme_model.h"
#include "sme_model_sys.h"
#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_profile.h"
#include "sme_rule_tags.h"
#include "sme_settings.h"
#include "sme_shrink.h"
#include "sme_uapi.h"
#include "sme_vcpu.h"

#define NR_VMS		2	/* VM slots of a sequence */
#define NR_VCPUS	3	/* vcpu slots of a VM */

/* Operations */

enum op_kind {
	OP_INIT, OP_FINALIZE, OP_GET, OP_SET, OP_IDREG, OP_REG_LIST,
	OP_AUDIT, OP_NEW_VCPU, OP_NEW_VM, OP_MASKS, NR_OP_KINDS
};

/* Letters of the replay encoding, in the order of enum op_kind. */
static const char op_letter[] = "IFGSDLAVMW";

struct op {
	__u8 kind, vm, vcpu, buf;	/* buf: enum smekvm_buf_kind */
	__u64 arg;	/* features, FINALIZE value, register ID, ID field */
	__u64 val;	/* value written, or the tag of its pattern */
};

/* The world a sequence runs in: its VMs, their vcpus, their models. */
struct fvcpu {
	struct kvm_vcpu *vcpu;		/* NULL: not created yet */
	struct smekvm_model_vcpu v;
	struct smekvm_model *m;
};

struct fvm {
	struct kvm_vm *vm;		/* NULL: not created yet */
	struct smekvm_model_vm mvm;
	__u32 next_id;
	struct fvcpu c[NR_VCPUS];
};

struct world {
	struct fvm vm[NR_VMS];
	bool quiet;		/* a replay while shrinking: say nothing */
	bool count;		/* count the checks in the coverage */
	unsigned long calls, vms;
	size_t cur;		/* index of the operation running */
	const struct op *cur_op;
	/* The first mismatch */
	bool failed;
	size_t fail_op;
	unsigned int said;	/* mismatches reported */
	struct smekvm_tags fail_tags;
};

static struct smekvm_model_host host;

/* Coverage of the running case and of the program. */
static unsigned long cov[SMEKVM_NR_TAGS], cov_all[SMEKVM_NR_TAGS];

static const char *errname(int err)
{
	return smekvm_errno_name(err);
}

static const char *regname(__u64 id)
{
	static char buf[4][SMEKVM_REG_NAME_MAX + 24];
	static unsigned int next;
	char *b = buf[next++ % 4];

	return smekvm_reg_name(id, b, sizeof(buf[0]));
}

static const char *op_str(const struct op *op, char *buf, size_t size);

/* The check that failed last, for fail(). */
static struct world *failing;
static struct smekvm_tags failing_tags;

/* A check of the rules @t: counted, and recorded when @ok is false. */
static bool counted(struct world *w, const struct smekvm_tags *t, bool ok)
{
	if (w->count)
		smekvm_tags_count(cov, t);
	if (ok)
		return true;
	if (!w->failed) {
		w->failed = true;
		w->fail_op = w->cur;
		w->fail_tags = *t;
	}
	failing = w;
	failing_tags = *t;
	return false;
}

/* Say what differed in the check that failed last. */
static bool __printf(1, 2) fail(const char *fmt, ...)
{
	char msg[256], rules[512], desc[160];
	struct world *w = failing;
	va_list ap;

	/* The first few say enough: the sequence stops after its operation. */
	if (w->quiet || ++w->said > 4)
		return false;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	smekvm_report("op %zu (%s): %s [rules:%s]", w->cur,
		      op_str(w->cur_op, desc, sizeof(desc)), msg,
		      smekvm_tags_str(&failing_tags, rules, sizeof(rules)));
	return false;
}

/*
 * One check exercising the rules @t: counted, and when @ok is false
 * recorded and said (the message is made only then).
 */
#define CHECK(w, t, ok, fmt, ...)					\
	(counted(w, t, ok) || fail(fmt, ##__VA_ARGS__))

static bool check_err(struct world *w, const struct smekvm_tags *t,
		      const char *what, int got, int want)
{
	return CHECK(w, t, got == want, "%s: %s, expected %s", what,
		     errname(got), errname(want));
}

/* The world's VMs and vcpus, made when first used */

static void vm_slot_free(struct fvm *v)
{
	unsigned int j;

	if (v->vm)
		kvm_vm_free(v->vm);
	v->vm = NULL;
	v->next_id = 0;
	memset(&v->mvm, 0, sizeof(v->mvm));
	for (j = 0; j < NR_VCPUS; j++) {
		v->c[j].vcpu = NULL;
		memset(&v->c[j].v, 0, sizeof(v->c[j].v));
		memset(v->c[j].m, 0, sizeof(*v->c[j].m));
	}
}

static void world_init(struct world *w, bool quiet)
{
	unsigned int i, j;
	struct fvcpu *c;

	for (i = 0; i < NR_VMS; i++) {
		for (j = 0; j < NR_VCPUS; j++) {
			c = &w->vm[i].c[j];
			if (!c->m)
				c->m = calloc(1, sizeof(*c->m));
			TEST_ASSERT(c->m, "out of memory");
		}
	}
	for (i = 0; i < NR_VMS; i++)
		vm_slot_free(&w->vm[i]);
	w->quiet = quiet;
	w->count = !quiet;
	w->calls = 0;
	w->vms = 0;
	w->failed = false;
	w->said = 0;
}

static void world_free(struct world *w)
{
	unsigned int i;

	for (i = 0; i < NR_VMS; i++)
		vm_slot_free(&w->vm[i]);
}

static struct fvcpu *slot(struct world *w, const struct op *op)
{
	struct fvm *v = &w->vm[op->vm];
	struct fvcpu *c = &v->c[op->vcpu];

	if (!v->vm) {
		v->vm = vm_create_barebones();
		w->vms++;
	}
	if (!c->vcpu) {
		c->vcpu = __vm_vcpu_add(v->vm, v->next_id++);
		memset(&c->v, 0, sizeof(c->v));
	}
	return c;
}

/* The model's view of a vcpu */

static bool has_vec(const struct fvcpu *c)
{
	return c->m->cfg.sve || c->m->cfg.sme;
}

static unsigned int za_rows(const struct fvcpu *c)
{
	return c->m->cfg.sme ? SMEKVM_ZA_ROWS(c->m->cfg.sme_vq) : 16;
}

static bool idfield_of(__u64 id, enum smekvm_model_idfield *f)
{
	for (*f = 0; *f < SMEKVM_NR_IDFIELDS; (*f)++)
		if (id == smekvm_model_idfield_reg(*f))
			return true;
	return false;
}

/* The model's side of a GET: errno, value (@want), what to compare. */
static int predict_get(struct fvm *v, struct fvcpu *c, __u64 id, bool bad,
		       void *want, bool *known, __u64 *mask,
		       struct smekvm_tags *t)
{
	struct smekvm_model_access a = {
		.cfg = &c->m->cfg, .svcr = c->m->svcr,
		.finalized = c->m->finalized, .bad_ptr = bad,
	};
	enum smekvm_model_idfield f;
	unsigned int rows;
	__u64 val;
	int err;

	*known = true;
	*mask = ~0ULL;
	if (!c->v.inited)
		return SMEKVM_MODEL_UNINIT_ERRNO;
	if (smekvm_model_sysreg_is(id)) {
		err = smekvm_model_sysreg_get(&host, c->m, &c->v, id, &val,
					      known);
		smekvm_tags_sysreg(t, c->m, &c->v, id, false, 0);
		memcpy(want, &val, sizeof(val));
		if (!err && bad) {
			smekvm_tags_add(t, SMEKVM_TAG_EFAULT);
			err = EFAULT;
		}
		return err;
	}
	if (idfield_of(id, &f)) {
		*mask = smekvm_model_idfield_mask(f);
		val = (__u64)smekvm_model_idfield_get(&v->mvm, f) <<
		      __builtin_ctzll(*mask);
		memcpy(want, &val, sizeof(val));
		if (!c->m->cfg.sme)
			smekvm_tags_add(t, SMEKVM_TAG_IDREG_NOSME_ZERO);
		return bad ? EFAULT : 0;
	}
	rows = smekvm_model_access_rows(&a, id);
	smekvm_tags_access(t, c->m, id, false, rows);
	if (rows)
		return smekvm_model_rows_errno(rows);
	if (KVM_REG_SIZE(id) <= SMEKVM_REG_MAX_BYTES) {
		smekvm_model_get(c->m, id, want);
		if (smekvm_model_reg_class(id, NULL) >= SMEKVM_RC_V &&
		    smekvm_model_reg_class(id, NULL) <= SMEKVM_RC_ZT0 &&
		    smekvm_is_zero(want, KVM_REG_SIZE(id)))
			smekvm_tags_add(t, SMEKVM_TAG_ISO_VCPUS);
	}
	return 0;
}

/* A value that differs: where, and whether it is padding. */
static bool compare(struct world *w, const struct smekvm_tags *t,
		    struct fvcpu *c, __u64 id, const __u8 *got,
		    const __u8 *want, __u64 mask)
{
	size_t size = KVM_REG_SIZE(id), i, valid;
	__u64 g = 0, x = 0;

	if (mask != ~0ULL) {
		memcpy(&g, got, sizeof(g));
		memcpy(&x, want, sizeof(x));
		return CHECK(w, t, !((g ^ x) & mask),
			     "%s reads 0x%llx, expected 0x%llx in bits 0x%llx",
			     regname(id), g, x, mask);
	}
	for (i = 0; i < size && got[i] == want[i]; i++)
		;
	if (i == size)
		return CHECK(w, t, true, "%s", "");
	if (size <= sizeof(g)) {
		memcpy(&g, got, size);
		memcpy(&x, want, size);
		return CHECK(w, t, false, "%s reads 0x%llx, expected 0x%llx",
			     regname(id), g, x);
	}
	valid = smekvm_model_reg_bytes(c->m, id);
	if (i >= valid)
		return CHECK(w, t, false,
			     "%s: byte %zu, beyond the %zu bytes of the current VL, is 0x%02x, expected 0x%02x",
			     regname(id), i, valid, got[i], want[i]);
	return CHECK(w, t, false,
		     "%s: byte %zu is 0x%02x, expected 0x%02x (%s expected)",
		     regname(id), i, got[i], want[i],
		     smekvm_is_zero(want, valid) ? "zero" : "a value written");
}

/*
 * KVM_GET_ONE_REG of @id into a buffer of kind @bk, its errno and value
 * compared with the model's; @extra: rules the caller checks with it.
 */
static bool check_get(struct world *w, struct fvm *v, struct fvcpu *c,
		      __u64 id, enum smekvm_buf_kind bk,
		      const struct smekvm_tags *extra)
{
	__u8 got[SMEKVM_REG_MAX_BYTES], want[SMEKVM_REG_MAX_BYTES] = {};
	size_t size = KVM_REG_SIZE(id);
	struct smekvm_tags t = *extra;
	__u64 mask;
	bool known;
	int err, exp;

	memset(got, 0xa5, size);
	err = __smekvm_get_reg(c->vcpu, id, smekvm_fault_buf(bk, got, size));
	w->calls++;
	exp = predict_get(v, c, id, bk != SMEKVM_BUF_GOOD, want, &known,
			  &mask, &t);
	if (!CHECK(w, &t, err == exp, "get %s: %s, expected %s",
		   regname(id), errname(err), errname(exp)))
		return false;
	if (err || !known)
		return true;
	return compare(w, &t, c, id, got, want, mask);
}

static const struct smekvm_tags no_tags;

/*
 * The registers to read after a write: the one written and a sample of
 * every kind of state (all of it when @full).
 */
static bool audit(struct world *w, struct fvm *v, struct fvcpu *c, __u64 id,
		  bool full, const struct smekvm_tags *t)
{
	static const __u64 fixed[] = {
		SMEKVM_SVCR, SMEKVM_FPSR, SMEKVM_SMCR_EL1,
		KVM_REG_ARM64_SME_VLS, KVM_REG_ARM64_SVE_VLS,
		KVM_REG_ARM64_SVE_FFR(0), KVM_REG_ARM64_SME_ZT0,
	};
	static const __u64 more[] = {
		SMEKVM_FPCR, SMEKVM_FPMR_ID, SMEKVM_SMPRI_EL1,
		SMEKVM_TPIDR2_EL0, SMEKVM_SMIDR_EL1, SMEKVM_ID_AA64PFR1_EL1,
		SMEKVM_ID_AA64SMFR0_EL1,
	};
	unsigned int i, n = full ? 32 : 1, rows = za_rows(c);
	bool ok = true;

	if (id)
		ok &= check_get(w, v, c, id, SMEKVM_BUF_GOOD, t);
	for (i = 0; i < ARRAY_SIZE(fixed); i++)
		ok &= check_get(w, v, c, fixed[i], SMEKVM_BUF_GOOD, t);
	for (i = 0; i < n; i++) {
		ok &= check_get(w, v, c, SMEKVM_VREG(i), SMEKVM_BUF_GOOD, t);
		ok &= check_get(w, v, c, KVM_REG_ARM64_SVE_ZREG(i, 0),
				SMEKVM_BUF_GOOD, t);
		if (i < 16)
			ok &= check_get(w, v, c, KVM_REG_ARM64_SVE_PREG(i, 0),
					SMEKVM_BUF_GOOD, t);
	}
	/* ZA: the first and the last row, or every row and one more. */
	for (i = 0; i <= rows && i < KVM_ARM64_SME_NUM_ZAHREGS; i++)
		if (full || i == 0 || i == rows - 1)
			ok &= check_get(w, v, c,
					KVM_REG_ARM64_SME_ZAHREG(i, 0),
					SMEKVM_BUF_GOOD, t);
	for (i = 0; full && i < ARRAY_SIZE(more); i++)
		ok &= check_get(w, v, c, more[i], SMEKVM_BUF_GOOD, t);
	return ok;
}

/* VLS sets as VQ masks: bit VQ - 1, VQ 1 to 32. */
static __u32 vls_mask(const __u64 *vls)
{
	return (__u32)vls[0];
}

/*
 * The model's side of a SET of @id from @buf: its errno, applied to the
 * model when it is 0; *@efault_ok when EFAULT is right too.
 */
static int predict_set(struct fvcpu *c, __u64 id, bool bad, const void *buf,
		       bool *efault_ok, struct smekvm_tags *t)
{
	struct smekvm_model_access a = {
		.cfg = &c->m->cfg, .svcr = c->m->svcr,
		.finalized = c->m->finalized, .set = true, .bad_ptr = bad,
	};
	enum smekvm_reg_class rc = smekvm_model_reg_class(id, NULL);
	unsigned int rows;
	__u64 val = 0;

	*efault_ok = false;
	if (!c->v.inited)
		return SMEKVM_MODEL_UNINIT_ERRNO;
	*efault_ok = bad && smekvm_model_set_efault_first(id);
	memcpy(&val, buf, KVM_REG_SIZE(id) < 8 ? KVM_REG_SIZE(id) : 8);
	if (smekvm_model_sysreg_is(id)) {
		smekvm_tags_sysreg(t, c->m, &c->v, id, true, val);
		if (bad) {
			smekvm_tags_add(t, SMEKVM_TAG_EFAULT);
			return c->m->cfg.sme ? EFAULT : ENOENT;
		}
		return smekvm_model_sysreg_set(&host, c->m, &c->v, id, val);
	}
	rows = smekvm_model_access_rows(&a, id);
	smekvm_tags_access(t, c->m, id, true, rows);
	if (rows)
		return smekvm_model_rows_errno(rows);
	if (rc == SMEKVM_RC_SVCR)
		smekvm_tags_svcr(t, c->m, c->m->svcr, val);
	else if (rc == SMEKVM_RC_SVE_VLS)
		smekvm_tags_vls(t, vls_mask(host.sve_vls), (__u32)val, false);
	else if (rc == SMEKVM_RC_SME_VLS)
		smekvm_tags_vls(t, vls_mask(host.sme_vls), (__u32)val, true);
	return smekvm_model_set(c->m, id, buf);
}

/* The value of a SET: a pattern for the vector state, else @op->val. */
static void set_value(const struct op *op, __u8 *buf)
{
	size_t size = KVM_REG_SIZE(op->arg);
	__u64 vls[KVM_ARM64_SVE_VLS_WORDS] = { (__u32)op->val };
	enum smekvm_reg_class rc = smekvm_model_reg_class(op->arg, NULL);

	memset(buf, 0, SMEKVM_REG_MAX_BYTES);
	if (rc == SMEKVM_RC_SVE_VLS || rc == SMEKVM_RC_SME_VLS)
		memcpy(buf, vls, size < sizeof(vls) ? size : sizeof(vls));
	else if (size <= sizeof(op->val))
		memcpy(buf, &op->val, size);
	else
		smekvm_pattern_fill(buf, size,
				    smekvm_id_tag(op->arg, (__u32)op->val));
}

static bool exec_set(struct world *w, struct fvm *v, struct fvcpu *c,
		     const struct op *op)
{
	__u8 buf[SMEKVM_REG_MAX_BYTES];
	enum smekvm_reg_class rc = smekvm_model_reg_class(op->arg, NULL);
	size_t size = KVM_REG_SIZE(op->arg);
	struct smekvm_tags t = {}, after = {};
	bool efault_ok, bad, ok;
	int err, exp;

	set_value(op, buf);
	err = __smekvm_set_reg(c->vcpu, op->arg,
			       smekvm_fault_buf(op->buf, buf, size));
	w->calls++;
	bad = smekvm_fault_buf_mapped(op->buf, size) <
	      smekvm_model_set_reads(c->m, op->arg);
	exp = predict_set(c, op->arg, bad, buf, &efault_ok, &t);
	ok = CHECK(w, &t, err == exp || (efault_ok && err == EFAULT),
		   "set: %s, expected %s", errname(err), errname(exp));
	if (!ok || !c->v.inited)
		return ok;

	if (exp) {
		/* A refused write changes nothing. */
		smekvm_tags_add(&after, SMEKVM_TAG_ONEREG_UNCHANGED);
		if (rc == SMEKVM_RC_SVE_VLS || rc == SMEKVM_RC_SME_VLS)
			smekvm_tags_add(&after,
					SMEKVM_TAG_VLS_REFUSED_UNCHANGED);
		if (rc == SMEKVM_RC_SVCR && exp == EINVAL)
			smekvm_tags_add(&after, SMEKVM_TAG_SVCR_RES0_UNCHANGED);
		return audit(w, v, c, op->arg, false, &after);
	}
	/*
	 * The value written reads back as the model stores it, under the
	 * rules of the write (predict_set() named them, an SVCR write's
	 * effects included); the effects of an SVCR write show in a sample.
	 */
	if (rc == SMEKVM_RC_SVCR)
		return audit(w, v, c, op->arg, false, &t);
	if (rc == SMEKVM_RC_SVE_VLS || rc == SMEKVM_RC_SME_VLS) {
		smekvm_tags_add(&t, SMEKVM_TAG_VLS_INDEPENDENT);
		return check_get(w, v, c, KVM_REG_ARM64_SVE_VLS,
				 SMEKVM_BUF_GOOD, &t) &
		       check_get(w, v, c, KVM_REG_ARM64_SME_VLS,
				 SMEKVM_BUF_GOOD, &t);
	}
	return check_get(w, v, c, op->arg, SMEKVM_BUF_GOOD, &t);
}

/* KVM_ARM_VCPU_INIT, and the reset values after it. */
static bool exec_init(struct world *w, struct fvm *v, struct fvcpu *c,
		      const struct op *op)
{
	static const __u64 reset_ids[] = {
		SMEKVM_SVCR, SMEKVM_SMCR_EL1, SMEKVM_FPSR, SMEKVM_VREG(0),
		KVM_REG_ARM64_SVE_ZREG(0, 0), KVM_REG_ARM64_SVE_PREG(0, 0),
		KVM_REG_ARM64_SVE_FFR(0), KVM_REG_ARM64_SVE_VLS,
		KVM_REG_ARM64_SME_VLS, SMEKVM_ID_AA64PFR1_EL1,
		SMEKVM_ID_AA64SMFR0_EL1,
	};
	__u32 features = op->arg;
	bool sme = features & BIT(KVM_ARM_VCPU_SME), ok = true;
	struct smekvm_tags t = {};
	unsigned int i;
	int err, exp;

	err = __smekvm_vcpu_init(c->vcpu, features);
	w->calls++;
	exp = smekvm_model_init_err(&host, &v->mvm, &c->v, features);
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
	if (!check_err(w, &t, "INIT", err, exp))
		return false;
	if (exp)	/* a refused INIT changes nothing */
		return !c->v.inited || audit(w, v, c, 0, false, &no_tags);

	smekvm_model_vcpu_init(&host, &v->mvm, &c->v, c->m, features);
	t = (struct smekvm_tags){};
	smekvm_tags_add(&t, SMEKVM_TAG_RESET_SVCR);
	smekvm_tags_add(&t, SMEKVM_TAG_RESET_VECTOR);
	smekvm_tags_add(&t, SMEKVM_TAG_RESET_SMCR);
	smekvm_tags_either(&t, c->m->finalized,
			   SMEKVM_TAG_FINAL_BOTH,
			   SMEKVM_TAG_VLS_INIT_OFFERED);
	if (c->m->cfg.sve && c->m->cfg.sme &&
	    !(vls_mask(host.sve_vls) & vls_mask(host.sme_vls)))
		smekvm_tags_add(&t, SMEKVM_TAG_VLS_DISJOINT_OK);
	for (i = 0; i < ARRAY_SIZE(reset_ids); i++)
		ok &= check_get(w, v, c, reset_ids[i], SMEKVM_BUF_GOOD, &t);
	return ok;
}

static bool exec_finalize(struct world *w, struct fvcpu *c,
			  const struct op *op)
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
		if (!has_vec(c)) {
			smekvm_tags_add(&t, SMEKVM_TAG_FINAL_NO_VEC_FAILS);
			smekvm_tags_add(&t, SMEKVM_TAG_FINAL_NO_VEC_EINVAL);
		} else {
			smekvm_tags_either(&t, exp,
					   SMEKVM_TAG_FINAL_TWICE,
					   SMEKVM_TAG_CAP_VEC_ALIAS);
			smekvm_tags_add(&t, SMEKVM_TAG_FINAL_BOTH);
		}
	}
	return check_err(w, &t, "FINALIZE", err, exp);
}

/* ID register writes through a vcpu: read, change one field, read back. */
static bool exec_idreg(struct world *w, struct fvm *v, struct fvcpu *c,
		       const struct op *op)
{
	enum smekvm_model_idfield f = op->arg;
	__u64 id = smekvm_model_idfield_reg(f);
	__u64 mask = smekvm_model_idfield_mask(f), val = 0;
	unsigned int was = smekvm_model_idfield_get(&v->mvm, f), i;
	bool sme = c->m->cfg.sme;
	struct smekvm_tags t = {};
	int err, exp;

	if (!c->v.inited) {
		err = __smekvm_set_reg64(c->vcpu, id, op->val);
		w->calls++;
		return check_err(w, &t, "ID register write", err,
				 SMEKVM_MODEL_UNINIT_ERRNO);
	}
	err = __smekvm_get_reg64(c->vcpu, id, &val);
	w->calls++;
	if (!check_err(w, &t, "ID register read", err, 0))
		return false;
	val = (val & ~mask) | ((op->val << __builtin_ctzll(mask)) & mask);
	err = __smekvm_set_reg64(c->vcpu, id, val);
	w->calls++;
	exp = smekvm_model_idfield_set(&host, &v->mvm, f, op->val);
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
	if (!CHECK(w, &t, err == exp, "%s: %s, expected %s", regname(id),
		   errname(err), errname(exp)))
		return false;
	/* Every vcpu of the VM sees the new value. */
	for (i = 0; !exp && i < NR_VCPUS; i++)
		if (v->c[i].v.inited)
			smekvm_model_vm_apply(&v->mvm, v->c[i].m);
	return check_get(w, v, c, id, SMEKVM_BUF_GOOD, &t);
}

/* Whether the VM's writable masks show the SME fields as the model says. */
static bool exec_masks(struct world *w, struct fvm *v)
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
	if (!check_err(w, &t, "KVM_ARM_GET_REG_WRITABLE_MASKS", err, 0))
		return false;
	pfr1 = masks[KVM_ARM_FEATURE_ID_RANGE_IDX(3, 0, 0, 4, 1)] &
	       smekvm_model_idfield_mask(SMEKVM_IDF_PFR1_SME);
	smfr0 = masks[KVM_ARM_FEATURE_ID_RANGE_IDX(3, 0, 0, 4, 5)];
	return CHECK(w, &t, !!pfr1 == want && !!smfr0 == want,
		     "writable: ID_AA64PFR1_EL1.SME 0x%llx, ID_AA64SMFR0_EL1 0x%llx; expected %s",
		     pfr1, smfr0, want ? "both" : "neither");
}

static bool exec_reg_list(struct world *w, struct fvcpu *c)
{
	static const __u64 sme_sysregs[] = {
		SMEKVM_SVCR, SMEKVM_SMCR_EL1, SMEKVM_TPIDR2_EL0,
		SMEKVM_SMPRI_EL1, SMEKVM_SMIDR_EL1,
	};
	__u64 ids[2 + SMEKVM_MODEL_MAX_STATE_REGS];
	const struct smekvm_model_cfg *cfg = &c->m->cfg;
	struct kvm_reg_list probe = { .n = 0 }, *list;
	struct smekvm_tags t = {};
	size_t n, i, k = 0;
	int err, exp = 0;
	bool ok = true, vregs;

	if (!c->v.inited)
		exp = SMEKVM_MODEL_UNINIT_ERRNO;
	else if (has_vec(c) && !c->m->finalized)
		exp = EPERM;
	if (exp == EPERM) {
		smekvm_tags_add(&t, SMEKVM_TAG_FINAL_REGLIST);
		smekvm_tags_add(&t, SMEKVM_TAG_FINAL_REGLIST_EPERM);
	}
	err = __vcpu_ioctl(c->vcpu, KVM_GET_REG_LIST, &probe) ? errno : 0;
	w->calls++;
	if (!check_err(w, &t, "KVM_GET_REG_LIST", err, exp ? exp : E2BIG))
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
	if (!check_err(w, &t, "KVM_GET_REG_LIST", err, 0))
		goto out;

	/* The vector and matrix registers, in the model's order. */
	n = smekvm_model_vec_reg_ids(cfg, c->m->svcr, ids, ARRAY_SIZE(ids));
	for (i = 0; i < list->n && ok; i++) {
		if (!smekvm_reg_is_sve(list->reg[i]) &&
		    !smekvm_reg_is_sme(list->reg[i]))
			continue;
		if (k == n)
			ok = CHECK(w, &t, false, "register list has %s too",
				   regname(list->reg[i]));
		else
			ok = CHECK(w, &t, list->reg[i] == ids[k],
				   "register list entry %zu is %s, expected %s",
				   i, regname(list->reg[i]), regname(ids[k]));
		k++;
	}
	if (ok && k < n)
		ok = CHECK(w, &t, false, "register list lacks %s",
			   regname(ids[k]));
	vregs = smekvm_model_has_core_vregs(cfg, c->m->svcr);
	ok = ok && CHECK(w, &t,
			 smekvm_reg_list_has(list, SMEKVM_VREG(0)) == vregs,
			 "register list %s V0", vregs ? "lacks" : "has");

	/* SVCR first, and the SME system registers iff SME. */
	t = (struct smekvm_tags){};
	if (cfg->sme) {
		smekvm_tags_add(&t, SMEKVM_TAG_REGLIST_SVCR_FIRST);
		ok = ok && CHECK(w, &t, list->n && list->reg[0] == SMEKVM_SVCR,
				 "register list starts with %s, not SVCR",
				 list->n ? regname(list->reg[0]) : "nothing");
	}
	t = (struct smekvm_tags){};
	smekvm_tags_either(&t, cfg->sme,
			   SMEKVM_TAG_SYSREG_SMCR,
			   SMEKVM_TAG_SYSREG_ABSENT);
	for (i = 0; ok && i < ARRAY_SIZE(sme_sysregs); i++)
		ok = CHECK(w, &t, smekvm_reg_list_has(list, sme_sysregs[i]) ==
			   cfg->sme, "register list %s %s",
			   cfg->sme ? "lacks" : "has", regname(sme_sysregs[i]));
out:
	free(list);
	return ok;
}

/* Operations: what they say, running them */

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

static const char *op_str(const struct op *op, char *buf, size_t size)
{
	int n = snprintf(buf, size, "vm%u/vcpu%u: ", op->vm, op->vcpu);
	char f[48];

	switch (op->kind) {
	case OP_INIT:
		snprintf(buf + n, size - n, "INIT features %s",
			 features_str(op->arg, f, sizeof(f)));
		break;
	case OP_FINALIZE:
		snprintf(buf + n, size - n, "FINALIZE(%llu)", op->arg);
		break;
	case OP_GET:
		snprintf(buf + n, size - n, "get %s, %s buffer",
			 regname(op->arg),
			 smekvm_buf_kind_name(op->buf));
		break;
	case OP_SET:
		snprintf(buf + n, size - n,
			 "set %s = %s0x%llx, %s buffer", regname(op->arg),
			 KVM_REG_SIZE(op->arg) > 8 &&
			 smekvm_model_reg_class(op->arg, NULL) !=
			 SMEKVM_RC_SVE_VLS &&
			 smekvm_model_reg_class(op->arg, NULL) !=
			 SMEKVM_RC_SME_VLS ? "pattern " : "", op->val,
			 smekvm_buf_kind_name(op->buf));
		break;
	case OP_IDREG:
		snprintf(buf + n, size - n, "%s.%s <- %llu",
			 regname(smekvm_model_idfield_reg(op->arg)),
			 op->arg == SMEKVM_IDF_PFR1_SME ? "SME" : "FA64",
			 op->val);
		break;
	case OP_REG_LIST:
		snprintf(buf + n, size - n, "KVM_GET_REG_LIST");
		break;
	case OP_AUDIT:
		snprintf(buf + n, size - n, "read every register");
		break;
	case OP_NEW_VCPU:
		snprintf(buf + n, size - n, "a new vcpu in this slot");
		break;
	case OP_MASKS:
		snprintf(buf, size, "vm%u: KVM_ARM_GET_REG_WRITABLE_MASKS",
			 op->vm);
		break;
	default:
		snprintf(buf, size, "vm%u: a new VM in this slot", op->vm);
		break;
	}
	return buf;
}

/* Run operation @i; false when a check failed. */
static bool exec_op(struct world *w, const struct op *op, size_t i)
{
	struct fvm *v = &w->vm[op->vm];
	struct fvcpu *c;

	w->cur = i;
	w->cur_op = op;
	if (op->kind == OP_NEW_VM) {
		vm_slot_free(v);
		return true;
	}
	if (op->kind == OP_NEW_VCPU) {
		v->c[op->vcpu].vcpu = NULL;
		memset(&v->c[op->vcpu].v, 0, sizeof(v->c[op->vcpu].v));
		memset(v->c[op->vcpu].m, 0, sizeof(*v->c[op->vcpu].m));
		return true;
	}
	c = slot(w, op);
	switch (op->kind) {
	case OP_INIT:
		return exec_init(w, v, c, op);
	case OP_FINALIZE:
		return exec_finalize(w, c, op);
	case OP_GET:
		return check_get(w, v, c, op->arg, op->buf, &no_tags);
	case OP_SET:
		return exec_set(w, v, c, op);
	case OP_IDREG:
		return exec_idreg(w, v, c, op);
	case OP_REG_LIST:
		return exec_reg_list(w, c);
	case OP_MASKS:
		return exec_masks(w, v);
	default:
		return audit(w, v, c, 0, true, &no_tags);
	}
}

/* The generator: choices from the model's state and the seed only */

struct gen {
	__u64 rng;
	__u32 shape[NR_VMS];	/* the features a VM's INITs mostly ask */
	unsigned int new_vms;	/* NEW_VM operations still allowed */
};

static __u64 rnd64(struct gen *g)
{
	__u64 z = (g->rng += 0x9e3779b97f4a7c15ULL);

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static unsigned int rnd(struct gen *g, unsigned int n)
{
	return rnd64(g) % n;
}

/*
 * The features of a flavour the host offers, at random, other than
 * @other (there are two at least: none and SME).
 */
static __u32 rnd_shape(struct gen *g, __u32 other)
{
	static const __u32 shapes[] = {
		0, BIT(KVM_ARM_VCPU_SVE), BIT(KVM_ARM_VCPU_SME),
		BIT(KVM_ARM_VCPU_SVE) | BIT(KVM_ARM_VCPU_SME),
	};
	__u32 f;

	do
		f = shapes[rnd(g, ARRAY_SIZE(shapes))];
	while (((f & BIT(KVM_ARM_VCPU_SVE)) && !host.sve) || f == other);
	return f;
}

static __u32 gen_features(struct gen *g, unsigned int vm)
{
	unsigned int r = rnd(g, 100);

	if (r < 80)
		return g->shape[vm];
	if (r < 92)
		return rnd_shape(g, ~0U) ^
		       (rnd(g, 8) ? 0 : BIT(KVM_ARM_VCPU_SVE));
	if (r < 96)
		return g->shape[vm] | BIT(KVM_ARM_VCPU_SME + 1 + rnd(g, 6));
	return BIT(KVM_ARM_VCPU_SME) |
	       BIT(rnd(g, 2) ? KVM_ARM_VCPU_EL1_32BIT : KVM_ARM_VCPU_HAS_EL2);
}

/* A register ID: well-formed, malformed, hidden or unknown. */
static __u64 gen_id(struct gen *g, const struct fvcpu *c, bool set)
{
	static const __u64 sizes[] = {
		KVM_REG_SIZE_U32, KVM_REG_SIZE_U64, KVM_REG_SIZE_U128,
		KVM_REG_SIZE_U256, KVM_REG_SIZE_U512, KVM_REG_SIZE_U1024,
		KVM_REG_SIZE_U2048,
	};
	static const __u64 sysregs[] = {
		SMEKVM_SVCR, SMEKVM_FPSR, SMEKVM_FPCR, SMEKVM_FPMR_ID,
		SMEKVM_SMCR_EL1, SMEKVM_SMPRI_EL1, SMEKVM_TPIDR2_EL0,
		SMEKVM_SMIDR_EL1, KVM_REG_ARM64_SVE_VLS, KVM_REG_ARM64_SME_VLS,
		SMEKVM_ID_AA64PFR1_EL1, SMEKVM_ID_AA64SMFR0_EL1,
		KVM_ARM64_SYS_REG(sys_reg(3, 7, 15, 15, 7)),
	};
	unsigned int rows = za_rows(c), n, r = rnd(g, 32);
	__u64 id;

	switch (r) {
	case 0 ... 4:
		return KVM_REG_ARM64_SVE_ZREG(rnd(g, 32), 0);
	case 5 ... 6:
		return KVM_REG_ARM64_SVE_PREG(rnd(g, 16), 0);
	case 7:
		return KVM_REG_ARM64_SVE_FFR(0);
	case 8 ... 9:
		return SMEKVM_VREG(rnd(g, 32));
	case 10 ... 14:
		n = rnd(g, 10);
		n = n < 6 ? rnd(g, rows) : n < 8 ? rows : rnd(g, 256);
		return KVM_REG_ARM64_SME_ZAHREG(n % 256, 0);
	case 15 ... 16:
		return KVM_REG_ARM64_SME_ZT0;
	case 17 ... 19:
		return SMEKVM_SVCR;
	case 20 ... 24:
		id = sysregs[rnd(g, ARRAY_SIZE(sysregs))];
		if (set && (id == SMEKVM_ID_AA64PFR1_EL1 ||
			    id == SMEKVM_ID_AA64SMFR0_EL1 ||
			    (id == SMEKVM_SMIDR_EL1 && !host.smidr_known)))
			id = SMEKVM_SVCR;
		return id;
	case 25 ... 26:
		/* A slice beyond 0 */
		n = 1 + rnd(g, 31);
		switch (rnd(g, 4)) {
		case 0:
			return KVM_REG_ARM64_SVE_ZREG(rnd(g, 32), n);
		case 1:
			return KVM_REG_ARM64_SVE_PREG(rnd(g, 16), n);
		case 2:
			return KVM_REG_ARM64_SVE_FFR(n);
		default:
			return KVM_REG_ARM64_SME_ZAHREG(rnd(g, rows), n);
		}
	case 27 ... 28:
		/* A register of another size */
		switch (rnd(g, 5)) {
		case 0:
			id = KVM_REG_ARM64_SVE_ZREG(rnd(g, 32), 0);
			break;
		case 1:
			id = KVM_REG_ARM64_SME_ZAHREG(rnd(g, rows), 0);
			break;
		case 2:
			id = KVM_REG_ARM64_SME_ZT0;
			break;
		case 3:
			id = rnd(g, 2) ? KVM_REG_ARM64_SME_VLS :
					 KVM_REG_ARM64_SVE_VLS;
			break;
		default:
			/*
			 * Smaller only: a larger V register may run past
			 * struct kvm_regs, which Linux answers with ENOENT
			 * before the model's EINVAL of a wrong size.
			 */
			return (SMEKVM_VREG(rnd(g, 32)) & ~KVM_REG_SIZE_MASK) |
			       sizes[rnd(g, 2)];
		}
		return (id & ~KVM_REG_SIZE_MASK) |
		       sizes[rnd(g, ARRAY_SIZE(sizes))];
	case 29 ... 30:
		/* An index that names no register */
		id = KVM_REG_ARM64 | sizes[rnd(g, ARRAY_SIZE(sizes))] |
		     (rnd(g, 2) ? KVM_REG_ARM64_SME : KVM_REG_ARM64_SVE);
		switch (rnd(g, 4)) {
		case 0:
			return id | 0x601;
		case 1:
			return id | (0x2000 + rnd(g, 0x400));
		case 2:
			return id | 0xfffd;
		default:
			return id | rnd(g, 0x10000);
		}
	default:
		/* ZA row 48 and ZT0: the same index, told apart by size */
		return rnd(g, 2) ? KVM_REG_ARM64_SME_ZAHREG(48, 0) :
				   KVM_REG_ARM64_SME_ZT0;
	}
}

static __u32 gen_vls(struct gen *g, __u32 offered)
{
	unsigned int max = offered ? 32 - __builtin_clz(offered) : 1, vq;
	__u32 v;

	switch (rnd(g, 10)) {
	case 0 ... 4:	/* truncated at a member */
		do
			vq = 1 + rnd(g, max);
		while (offered && !(offered & BIT(vq - 1)));
		return offered & GENMASK(vq - 1, 0);
	case 5:
		return 0;
	case 6:
		return offered | BIT(16);	/* VQ 17 */
	case 7:		/* above the maximum */
		return max < 32 ? offered | BIT(max + rnd(g, 32 - max)) :
				  offered;
	case 8:		/* a hole */
		v = offered & ~BIT(__builtin_ctz(offered | BIT(31)));
		return v ? v : offered;
	default:	/* a VQ not offered below the maximum */
		v = ~offered & GENMASK(max - 1, 0);
		return v ? offered | BIT(__builtin_ctz(v)) :
			   offered | BIT(rnd(g, 32));
	}
}

/* The value of a SET of @id. */
static __u64 gen_value(struct gen *g, const struct fvcpu *c, __u64 id)
{
	unsigned int r = rnd(g, 100);

	switch (smekvm_model_reg_class(id, NULL)) {
	case SMEKVM_RC_SVCR:
		if (r < 60)
			return rnd(g, 4);
		if (r < 75)
			return c->m->svcr;
		return rnd(g, 4) | BIT_ULL(2 + rnd(g, 62));
	case SMEKVM_RC_SVE_VLS:
		return gen_vls(g, vls_mask(host.sve_vls));
	case SMEKVM_RC_SME_VLS:
		return gen_vls(g, vls_mask(host.sme_vls));
	case SMEKVM_RC_FPSR:
	case SMEKVM_RC_FPCR:
		return (__u32)rnd64(g);
	default:
		break;
	}
	if (id == SMEKVM_SMCR_EL1)
		return rnd(g, 16) | (r < 70 ? (__u64)rnd(g, 4) << 30 :
				     rnd64(g));
	if (id == SMEKVM_SMPRI_EL1)
		return r < 50 ? 0 : rnd64(g);
	if (id == SMEKVM_SMIDR_EL1)
		return r < 60 ? host.smidr : host.smidr ^ BIT_ULL(rnd(g, 64));
	return KVM_REG_SIZE(id) > 8 ? (__u32)rnd64(g) : rnd64(g);
}

static enum smekvm_buf_kind gen_buf(struct gen *g)
{
	unsigned int r = rnd(g, 100);

	return r < 85 ? SMEKVM_BUF_GOOD : 1 + r % (SMEKVM_NR_BUF_KINDS - 1);
}

/* ID_AA64PFR1_EL1.SME values: hide SME2, show it, 0, above the host. */
static const unsigned int pfr1_sme_values[10] = {
	1, 1, 1, 1, 2, 2, 2, 0, 0, 3,
};

static void gen_op(struct gen *g, const struct world *w, struct op *op)
{
	const struct fvcpu *c;
	unsigned int r;

	memset(op, 0, sizeof(*op));
	op->vm = rnd(g, 4) ? 0 : 1;
	op->vcpu = rnd(g, NR_VCPUS);
	c = &w->vm[op->vm].c[op->vcpu];
	r = rnd(g, 1000);
	if (!c->v.inited && r < 700)
		r = 0;
	else if (c->v.inited && has_vec(c) && !c->m->finalized && r < 150)
		r = 40;
	else if (c->v.inited && has_vec(c) && !c->m->finalized && r < 400)
		r = 2000;	/* a VLS write before finalisation */
	else if (c->v.inited && has_vec(c) && !c->m->finalized && r < 430)
		r = 90;		/* the register list before it */

	if (r < 30) {
		op->kind = OP_INIT;
		op->arg = gen_features(g, op->vm);
	} else if (r < 60) {
		op->kind = OP_FINALIZE;
		op->arg = rnd(g, 10) ? KVM_ARM_VCPU_VEC : rnd(g, 16);
	} else if (r < 85) {
		op->kind = OP_IDREG;
		op->arg = rnd(g, SMEKVM_NR_IDFIELDS);
		if (op->arg == SMEKVM_IDF_SMFR0_FA64)
			op->val = rnd(g, 2);
		else
			op->val = pfr1_sme_values[rnd(g, 10)];
	} else if (r < 105) {
		op->kind = OP_REG_LIST;
	} else if (r < 108) {
		op->kind = OP_AUDIT;
	} else if (r < 118) {
		op->kind = OP_NEW_VCPU;
	} else if (r < 121 && g->new_vms) {
		op->kind = OP_NEW_VM;
		g->new_vms--;
		if (op->vm)
			g->shape[op->vm] = rnd_shape(g, g->shape[0]);
	} else if (r < 128) {
		op->kind = OP_MASKS;
	} else if (r == 2000) {
		op->kind = OP_SET;
		op->arg = c->m->cfg.sme && (!c->m->cfg.sve || rnd(g, 2)) ?
			  KVM_REG_ARM64_SME_VLS : KVM_REG_ARM64_SVE_VLS;
		op->val = gen_value(g, c, op->arg);
		op->buf = rnd(g, 10) ? SMEKVM_BUF_GOOD : gen_buf(g);
	} else if (r < 560) {
		op->kind = OP_GET;
		op->arg = gen_id(g, c, false);
		op->buf = gen_buf(g);
	} else {
		op->kind = OP_SET;
		op->arg = gen_id(g, c, true);
		op->val = gen_value(g, c, op->arg);
		op->buf = gen_buf(g);
	}
}

/* Sequences */

struct budget {
	unsigned long calls;		/* per case */
	unsigned long seq_calls;	/* per sequence */
	unsigned long seq_ops;		/* SMEKVM_FUZZ_LEN, 0: no limit */
	unsigned int new_vms;		/* NEW_VM operations a sequence */
	unsigned int shrink_attempts;
	double shrink_seconds;
};

/*
 * Generate and run a sequence into @ops (room for @max), until
 * @max_calls calls or a failed check, then read every vcpu in full;
 * returns how many operations ran (the failing one last).
 */
static size_t run_sequence(struct world *w, struct gen *g, struct op *ops,
			   size_t max, unsigned long max_calls)
{
	size_t n = 0;
	unsigned int i, j;

	while (n + NR_VMS * NR_VCPUS < max && w->calls < max_calls) {
		gen_op(g, w, &ops[n]);
		if (!exec_op(w, &ops[n], n))
			return n + 1;
		n++;
	}
	for (i = 0; i < NR_VMS; i++) {
		for (j = 0; j < NR_VCPUS; j++) {
			if (!w->vm[i].c[j].v.inited)
				continue;
			ops[n] = (struct op){ .kind = OP_AUDIT, .vm = i,
					      .vcpu = j };
			if (!exec_op(w, &ops[n], n))
				return n + 1;
			n++;
		}
	}
	return n;
}

/* What a failure is, so that shrinking keeps the same one. */
struct failure {
	struct world *w;
	enum op_kind kind;
	struct smekvm_tags tags;
	unsigned int replays;
};

static bool replay(struct world *w, const struct op *ops, size_t n,
		   bool quiet, bool count)
{
	size_t i;

	world_init(w, quiet);
	w->count = count;
	for (i = 0; i < n && !w->failed; i++)
		exec_op(w, &ops[i], i);
	return w->failed;
}

static bool still_fails(const void *items, size_t n, void *ctx)
{
	struct failure *f = ctx;
	const struct op *ops = items;
	bool same;

	same = replay(f->w, ops, n, true, false) &&
	       ops[f->w->fail_op].kind == f->kind &&
	       smekvm_tags_meet(&f->w->fail_tags, &f->tags);
	f->replays++;
	world_free(f->w);
	return same;
}

/* Keep the operations @keep says, if the failure stays. */
static size_t keep_only(struct failure *f, struct op *ops, size_t n,
			bool (*keep)(const struct op *op,
				     const struct op *last))
{
	struct op *tmp = calloc(n, sizeof(*tmp));
	size_t i, k = 0;

	TEST_ASSERT(tmp, "out of memory");
	for (i = 0; i < n; i++)
		if (keep(&ops[i], &ops[n - 1]))
			tmp[k++] = ops[i];
	if (k < n && still_fails(tmp, k, f)) {
		memcpy(ops, tmp, k * sizeof(*ops));
		n = k;
	}
	free(tmp);
	return n;
}

static bool same_vm(const struct op *op, const struct op *last)
{
	return op->vm == last->vm;
}

static bool same_vcpu(const struct op *op, const struct op *last)
{
	return op->vm == last->vm &&
	       (op->vcpu == last->vcpu || op->kind == OP_IDREG ||
		op->kind == OP_NEW_VM);
}

/* The replay encoding of @n operations, into a new string (free() it). */
static char *encode(const struct op *ops, size_t n)
{
	size_t size = n * 48 + 1, len = 0, i;
	char *s = malloc(size);

	TEST_ASSERT(s, "out of memory");
	s[0] = '\0';
	for (i = 0; i < n; i++)
		len += snprintf(s + len, size - len, "%s%c%u%u%u.%llx.%llx",
				i ? "," : "", op_letter[ops[i].kind],
				ops[i].vm, ops[i].vcpu, ops[i].buf,
				ops[i].arg, ops[i].val);
	return s;
}

/* Parse SMEKVM_FUZZ_REPLAY into @ops (room for @max); -1 if malformed. */
static long decode(const char *s, struct op *ops, size_t max)
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
		if (!k || !letter || vm >= NR_VMS || vcpu >= NR_VCPUS ||
		    buf >= SMEKVM_NR_BUF_KINDS)
			return -1;
		ops[n++] = (struct op){ .kind = k - op_letter, .vm = vm,
					.vcpu = vcpu, .buf = buf, .arg = arg,
					.val = val };
		s += used;
		if (*s == ',')
			s++;
		else if (*s)
			return -1;
	}
	return *s ? -1 : (long)n;
}

static void print_ops(const struct op *ops, size_t n)
{
	char desc[160];
	size_t i;

	for (i = 0; i < n; i++)
		smekvm_report("  %zu: %s", i, op_str(&ops[i], desc,
						     sizeof(desc)));
}

/*
 * Shrink the failing sequence @ops (@n operations, the last failed) and
 * say how to replay what is left.
 */
static void shrink_and_report(struct world *w, struct op *ops, size_t n,
			      const struct budget *b)
{
	struct failure f = {
		.w = w, .kind = ops[n - 1].kind, .tags = w->fail_tags,
	};
	struct smekvm_shrink s = {
		.item_size = sizeof(*ops), .fails = still_fails, .ctx = &f,
		.max_attempts = b->shrink_attempts,
		.max_seconds = b->shrink_seconds,
	};
	size_t before = n;
	char *enc;

	world_free(w);
	if (!still_fails(ops, n, &f)) {
		smekvm_report("not shrunk: its replay (%zu operations) passes",
			      n);
		return;
	}
	n = keep_only(&f, ops, n, same_vm);
	n = keep_only(&f, ops, n, same_vcpu);
	n = smekvm_shrink(&s, ops, n);
	smekvm_report("shrunk from %zu to %zu operations: %u replays, %.1f s%s",
		      before, n, f.replays, s.seconds,
		      s.cut_short ? " (budget spent: not minimal)" : "");
	print_ops(ops, n);
	/* Say again what differs, in the short sequence. */
	replay(w, ops, n, false, false);
	world_free(w);
	enc = encode(ops, n);
	smekvm_report("replay: SMEKVM_FUZZ_REPLAY=%s ./run_tests.sh %s%s",
		      enc, "sme_fuzz/", smekvm_conf_cur);
	free(enc);
}

/* Cases */

/* The host as the model sees it, from what the frame probed. */
static void setup_host(void)
{
	static const char smidr_file[] =
		"/sys/devices/system/cpu/cpu0/regs/identification/smidr_el1";
	unsigned long long smidr;
	static bool done;
	FILE *f;

	if (done)
		return;
	done = true;
	host.sve = smekvm_host.sve;
	host.sme = true;
	host.sme2 = smekvm_host.sme2;
	host.fa64 = smekvm_host.fa64;
	host.fpmr = getauxval(AT_HWCAP2) & HWCAP2_FPMR;
	memcpy(host.sve_vls, smekvm_host.sve_vls.w, sizeof(host.sve_vls));
	memcpy(host.sme_vls, smekvm_host.sme_vls.w, sizeof(host.sme_vls));
	/* abi-smidr-value: the boot CPU's SMIDR_EL1 without SMPS. */
	f = fopen(smidr_file, "r");
	if (f && fscanf(f, "%llx", &smidr) == 1) {
		host.smidr = smidr & ~BIT_ULL(15);
		host.smidr_known = true;
	}
	if (f)
		fclose(f);
	if (!host.smidr_known)
		ksft_print_msg("%s unreadable: SMIDR_EL1 values not checked\n",
			       smidr_file);
}

static struct world world;
static unsigned long total_calls;
static double total_seconds;

/* SMEKVM_FUZZ_REPLAY: run those operations, nothing else. */
static int run_replay(struct smekvm_conf_ctx *t, const char *enc)
{
	size_t max = strlen(enc) / 10 + 1;
	struct op *ops = calloc(max, sizeof(*ops));
	long n;
	bool failed;

	TEST_ASSERT(ops, "out of memory");
	n = decode(enc, ops, max);
	if (n < 0) {
		free(ops);
		smekvm_report("SMEKVM_FUZZ_REPLAY: not operations");
		return KSFT_FAIL;
	}
	smekvm_report("replaying %ld operations of SMEKVM_FUZZ_REPLAY", n);
	print_ops(ops, n);
	failed = replay(&world, ops, n, false, true);
	smekvm_report("%lu calls checked: %s", world.calls,
		      failed ? "a check failed" : "every check held");
	world_free(&world);
	free(ops);
	return failed ? KSFT_FAIL : KSFT_PASS;
}

/* Sequence @s failed at its last operation @n - 1: how to run it again. */
static void say_failed_sequence(const struct smekvm_conf_ctx *t,
				unsigned long s, size_t n)
{
	smekvm_report("sequence %lu failed at its operation %zu", s, n - 1);
	smekvm_report("replay: SMEKVM_FUZZ_SEQ=%lu SMEKVM_FUZZ_LEN=%zu ./run_tests.sh --seed %llu sme_fuzz/%s",
		      s, n, smekvm_seed(), t->name);
}

static void set_budget(struct budget *b)
{
	bool full = smekvm_tier_full();

	b->calls = smekvm_iters(30000, 300000, 1);
	b->seq_calls = full ? 25000 : 15000;
	b->seq_ops = smekvm_setting_uint("SMEKVM_FUZZ_LEN", 0, 1, 1000000);
	b->new_vms = 1;
	b->shrink_attempts = full ? 2000 : 400;
	b->shrink_seconds = full ? 120 : 30;
}

static int test_sequences(struct smekvm_conf_ctx *t)
{
	const char *enc = smekvm_setting("SMEKVM_FUZZ_REPLAY");
	unsigned long calls = 0, vms = 0, max_ops, s, first, end;
	unsigned int seqs = 0;
	struct budget b;
	size_t n, nops = 0;
	double start = smekvm_now(), secs;
	struct op *ops;
	struct gen g;
	__u64 seed;
	bool failed = false;

	if (smekvm_profile() != SMEKVM_PROFILE_OURS)
		return smekvm_conf_skip(t, "profile %s: the model is ours's",
					smekvm_profile_name());
	setup_host();
	memset(cov, 0, sizeof(cov));
	if (enc)
		return run_replay(t, enc);

	set_budget(&b);
	seed = smekvm_seed() * 0x100000001b3ULL + t->f;
	max_ops = b.seq_ops ? b.seq_ops + NR_VMS * NR_VCPUS :
			      b.seq_calls + NR_VMS * NR_VCPUS;
	ops = calloc(max_ops, sizeof(*ops));
	TEST_ASSERT(ops, "out of memory");

	/* Sequence s alone with SMEKVM_FUZZ_SEQ=s: each has its own seed. */
	first = smekvm_setting_uint("SMEKVM_FUZZ_SEQ", 0, 0, ~0UL);
	end = smekvm_setting("SMEKVM_FUZZ_SEQ") ? first + 1 :
	      DIV_ROUND_UP(b.calls, b.seq_calls);
	for (s = first; s < end && !failed; s++) {
		memset(&g, 0, sizeof(g));
		g.rng = seed + 0x9e3779b97f4a7c15ULL * (s + 1);
		g.shape[0] = smekvm_cfg_features(&t->cfg);
		g.shape[1] = rnd_shape(&g, g.shape[0]);
		g.new_vms = b.new_vms;
		world_init(&world, false);
		n = run_sequence(&world, &g, ops, max_ops, b.seq_calls);
		calls += world.calls;
		vms += world.vms;
		nops += n;
		seqs++;
		if (world.failed) {
			failed = true;
			say_failed_sequence(t, s, n);
			shrink_and_report(&world, ops, n, &b);
		}
		world_free(&world);
	}
	free(ops);

	secs = smekvm_now() - start;
	total_calls += calls;
	total_seconds += secs;
	for (n = 0; n < SMEKVM_NR_TAGS; n++)
		cov_all[n] += cov[n];
	ksft_print_msg("%s: %lu calls checked, %.1f s: %.0f calls/s\n",
		       t->name, calls, secs, calls / secs);
	ksft_print_msg("%s: %u sequences, %zu operations, %lu VMs\n",
		       t->name, seqs, nops, vms);
	smekvm_tags_print_coverage(t->name, cov, false);
	ksft_print_msg("all cases so far: %lu calls, %.0f calls/s\n",
		       total_calls, total_calls / total_seconds);
	smekvm_tags_print_coverage("all cases so far", cov_all, true);
	return failed ? KSFT_FAIL : KSFT_PASS;
}

#define SHAPES	(SMEKVM_FL_NO_SME | SMEKVM_FL_SME_BASE)

static const struct smekvm_conf_case cases[] = {
	{ "sequences", test_sequences, SHAPES, SMEKVM_CASE_NO_VM },
};

int main(void)
{
	smekvm_conf_main(cases, ARRAY_SIZE(cases),
			 "sme_fuzz: random sequences of calls, checked by the model");
}
