// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_guest_arch - the SME architecture as a guest at EL1 sees it, at
 * every streaming vector length (SVL) the VM offers.
 *
 * doc/abi.md says a guest with SME gets the architecture at its
 * configured SVL (abi-guest-svl-select, abi-guest-sm-change,
 * abi-guest-za-enable, abi-guest-svcr-nochange, abi-guest-tpidr2).  For
 * each flavour of vcpu and each SVL the host offers, the test limits the
 * VM's SME_VLS to that SVL and the guest checks, in this order:
 *
 *  - svl_<n>/rdsvl: with SMCR_EL1.LEN=15, RDSVL is the configured SVL;
 *  - svl_<n>/<state>/smcr_len_select: for every LEN 0..15, RDSVL is the
 *    largest offered VL not above (LEN+1)*128, else the smallest offered
 *    (abi-guest-svl-select; sparse sets such as {512, 1024, 2048}
 *    included), with the guest's FP registers in each FP-ownership state
 *    (lib/fp_own.h) when it writes SMCR_EL1: first (the write is the
 *    first FP-class access after an exit to userspace, before any lazy
 *    load), fp, sve (sve_sme), streaming, za, kernel_exit, reentry,
 *    host_fp, migrated; the FPCR and D15 the guest wrote before must
 *    survive (D15 but in streaming mode, where an SVL change leaves it
 *    UNKNOWN);
 *  - svl_<n>/<step>/<from>: from each SVCR state (off, sm, za, sm_za) with
 *    every live register holding a pattern, SMSTART, SMSTART SM/ZA,
 *    SMSTOP, SMSTOP SM/ZA and MSR SVCR to each value zero exactly what the
 *    Arm ARM's SetPSTATE_SM and SetPSTATE_ZA say: a change of PSTATE.SM
 *    zeroes Z, P and FFR (or V) of the new mode and sets FPSR to
 *    0x0800009f; PSTATE.ZA 0->1 zeroes ZA and ZT0; a write that changes
 *    nothing zeroes nothing.  The registers are loaded, the step taken and
 *    the new state stored in guest_code/sme_state_step.S, with no
 *    compiled code in streaming mode; the host compares the stored image.
 *
 * At the largest SVL, per flavour:
 *  - tpidr2_el0_across_exits: a TPIDR2_EL0 the guest wrote is what
 *    ONE_REG reads at the exit, a value the host writes is what the guest
 *    reads after it, and an untouched one survives an exit (the vcpu
 *    thread changes host CPU between rounds);
 *  - smpri_el1_raz_wi: SMPRI_EL1 reads 0 in the guest, before and after
 *    the guest writes 0xf to it, and through ONE_REG;
 *  - id_aa64pfr1_el1_sme, id_aa64smfr0_el1: the guest reads what
 *    userspace configured, including SME2 hidden (PFR1.SME=1) and FA64
 *    hidden (SMFR0.FA64=0).
 *
 * Flavours: sve_sme and sme_only at every SVL; sme2_hidden and
 * fa64_hidden at the largest.  In protected mode, where a VM takes
 * seconds to create under TCG, sve_sme and sme_only run at the smallest
 * and largest SVL only (at all of them in the full tier or with
 * SMEKVM_ALL_VLS=1).  Case names: el1/<flavour>/svl_<bits>/... and
 * el1/<flavour>/...; in runs that allow guest hypervisors, el2/sme
 * says whether nested SME is offered (it skips otherwise).  Skips the
 * program when KVM cannot offer SME, and the run-time cases when KVM_RUN
 * refuses vcpus with SME.  SMEKVM_CASE=<name> runs one case.
 */
#include <string.h>
#include <linux/bitfield.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "fp_own.h"
#include "guest_code/guest_nofp.h"
#include "sme_cpu.h"
#include "sme_gframe.h"
#include "sme_step.h"

#define NR_TPIDR2_ROUNDS	4

enum {
	STAGE_RDSVL = 1, STAGE_LEN, STAGE_STEP_PRE,
	STAGE_STEP_POST, STAGE_TPIDR2_SET,
	STAGE_TPIDR2_GOT, STAGE_SMPRI, STAGE_ID,
};

/* The steps: an instruction, and for MSR SVCR the value written. */
struct step {
	const char *name;
	unsigned int op;
	__u64 target;
};

static const struct step steps[] = {
	{ "smstart",		SMEKVM_OP_SMSTART },
	{ "smstart_sm",		SMEKVM_OP_SMSTART_SM },
	{ "smstart_za",		SMEKVM_OP_SMSTART_ZA },
	{ "smstop",		SMEKVM_OP_SMSTOP },
	{ "smstop_sm",		SMEKVM_OP_SMSTOP_SM },
	{ "smstop_za",		SMEKVM_OP_SMSTOP_ZA },
	{ "msr_svcr_0",		SMEKVM_OP_MSR_SVCR, 0 },
	{ "msr_svcr_sm",	SMEKVM_OP_MSR_SVCR, SVCR_SM },
	{ "msr_svcr_za",	SMEKVM_OP_MSR_SVCR, SVCR_ZA },
	{ "msr_svcr_sm_za",	SMEKVM_OP_MSR_SVCR, SVCR_SM | SVCR_ZA },
};

static const char * const from_names[4] = {
	"from_off", "from_sm", "from_za", "from_sm_za",
};

#define NR_STEP_CASES	(ARRAY_SIZE(steps) * 4)

/* Step case @i: steps[i / 4] from SVCR state i % 4. */
static bool step_name(const struct smekvm_gf_vm *vm, unsigned int o,
		      unsigned int i, char *buf, size_t size)
{
	snprintf(buf, size, "%s/%s", steps[i / 4].name, from_names[i % 4]);
	return true;
}

/* The cases of a VM: per SVL, then per flavour (at the largest SVL). */
enum { G_RDSVL, G_LEN, G_STEP, G_FLAVOUR };
enum { X_TPIDR2, X_SMPRI, X_PFR1, X_SMFR0 };

static const char * const rdsvl_name[] = { "rdsvl" };
static const char * const len_name[] = { "smcr_len_select" };
static const char * const flavour_names[] = {
	[X_TPIDR2] = "tpidr2_el0_across_exits",
	[X_SMPRI] = "smpri_el1_raz_wi",
	[X_PFR1] = "id_aa64pfr1_el1_sme",
	[X_SMFR0] = "id_aa64smfr0_el1",
};

static const struct smekvm_gf_group groups[] = {
	[G_RDSVL] = { .inner = rdsvl_name, .nr_inner = 1 },
	[G_LEN] = { .flags = SMEKVM_GF_OWN, .inner = len_name, .nr_inner = 1 },
	[G_STEP] = { .nr_inner = NR_STEP_CASES, .name = step_name },
	[G_FLAVOUR] = { .flags = SMEKVM_GF_LARGEST, .inner = flavour_names,
			.nr_inner = ARRAY_SIZE(flavour_names) },
};

#define KIND(fl, vls) {							\
	.f = SMEKVM_FL_##fl, .vl = SMEKVM_GF_##vls, .groups = groups,	\
	.nr_groups = ARRAY_SIZE(groups),				\
}

static const struct smekvm_gf_kind kinds[] = {
	KIND(SVE_SME, SVL_EACH), KIND(SME_ONLY, SVL_EACH),
	KIND(SME2_HIDDEN, SVL_MAX), KIND(FA64_HIDDEN, SVL_MAX),
};

/* Guest memory. */
static struct smekvm_gregs g_in, g_out;

static struct {
	__u64 smcr;		/* SMCR_EL1 without LEN */
	__u64 sve;		/* the vcpu has SVE: set ZCR_EL1.LEN */
	__u64 rows;		/* SVL in bytes */
	__u64 extras;		/* run the per-flavour checks */
	__u64 nsteps;
	__u64 flags[NR_STEP_CASES];
	__u64 nown;		/* FP-ownership states of the LEN cases */
	__u64 own[SMEKVM_NR_OWN];
	__u64 svl_by_len[16];	/* guest: RDSVL for each LEN */
} g_arch;

static SMEKVM_GUEST_NOFP void guest_main(void)
{
	__u64 i, v, len, bad, prep, pattern;

	smekvm_gf_guest_start(g_arch.smcr | SMCR_ELx_LEN, g_arch.sve);
	GUEST_SYNC2(STAGE_RDSVL, smekvm_guest_rdsvl());

	/* Each LEN written in each FP-ownership state (lib/fp_own.h). */
	for (i = 0; i < g_arch.nown; i++) {
		for (len = 0, bad = 0; len < 16; len++) {
			pattern = smekvm_fp_own_pattern(len);
			prep = smekvm_fp_own_enter(g_arch.own[i], pattern);
			write_sysreg_s(g_arch.smcr | len, SYS_SMCR_EL1);
			isb();
			g_arch.svl_by_len[len] = smekvm_guest_rdsvl();
			bad |= smekvm_fp_own_leave(g_arch.own[i], pattern);
		}
		write_sysreg_s(g_arch.smcr | SMCR_ELx_LEN, SYS_SMCR_EL1);
		isb();
		GUEST_SYNC4(STAGE_LEN, g_arch.own[i], bad, prep);
	}

	for (i = 0; i < g_arch.nsteps; i++) {
		GUEST_SYNC2(STAGE_STEP_PRE, i);
		v = smekvm_state_step(&g_in, &g_out, NULL, g_arch.flags[i],
				      g_arch.rows);
		GUEST_SYNC3(STAGE_STEP_POST, i, v);
	}

	if (g_arch.extras) {
		for (i = 0; i < NR_TPIDR2_ROUNDS; i++) {
			v = 0x7e5700000000a000ULL | i << 32 | i;
			write_sysreg_s(v, SYS_TPIDR2_EL0);
			GUEST_SYNC3(STAGE_TPIDR2_SET, i, v);
			GUEST_SYNC3(STAGE_TPIDR2_GOT, i,
				    read_sysreg_s(SYS_TPIDR2_EL0));
		}

		v = read_sysreg_s(SYS_SMPRI_EL1);
		write_sysreg_s(0xf, SYS_SMPRI_EL1);
		isb();
		GUEST_SYNC3(STAGE_SMPRI, v, read_sysreg_s(SYS_SMPRI_EL1));

		GUEST_SYNC3(STAGE_ID, read_sysreg_s(SYS_ID_AA64PFR1_EL1),
			    read_sysreg_s(SYS_ID_AA64SMFR0_EL1));
	}
	GUEST_DONE();
}

/* The VM that runs: its registers as the step payload reaches them. */
static struct smekvm_step_vcpu sv;

static void check_rdsvl(struct smekvm_gf_vm *vm, __u64 bytes)
{
	/* RDSVL: SVL / 8, a streaming Z in bytes. */
	smekvm_gf_expect(smekvm_gf_case(vm, G_RDSVL, 0, 0),
			 bytes == SMEKVM_ZREG_BYTES(vm->vq),
			 "RDSVL %llu bytes with LEN=15", bytes);
}

/*
 * The LEN case of state @s: RDSVL for each LEN follows
 * abi-guest-svl-select, and the guest's FP registers and the host's are
 * what they must be (lib/fp_own.h).  A change of the SVL in streaming
 * mode leaves the Z registers (D15) UNKNOWN.
 */
static void check_len(struct smekvm_gf_vm *vm, unsigned int s, __u64 bad,
		      __u64 prep)
{
	struct smekvm_gf_case *c = smekvm_gf_case(vm, G_LEN, s, 0);
	const __u64 *got = g_arch.svl_by_len;
	unsigned int len, want;
	char buf[64];

	for (len = 0; len < 16; len++) {
		want = smekvm_vls_prev(&vm->vls, len + 2);
		if (!want)
			want = smekvm_vls_min(&vm->vls);
		if (got[len] == want * 16)
			continue;
		ksft_print_msg("%s: LEN=%u gives SVL %llu bits, expected %u (offered %s)\n",
			       c->name, len, got[len] * 8, want * 128,
			       smekvm_vls_str(&vm->vls, buf, sizeof(buf)));
		smekvm_gf_check(c, false);
	}
	smekvm_gf_check(c, smekvm_fp_own_check(c->name, s, bad, prep,
					       s == SMEKVM_OWN_STREAMING));
}

static void step_pre(struct smekvm_gf_vm *vm, unsigned int i)
{
	struct smekvm_gregs *in = addr_gva2hva(vm->vm, (gva_t)&g_in);
	struct smekvm_gregs *out = addr_gva2hva(vm->vm, (gva_t)&g_out);

	smekvm_step_fill(&sv, in, i % 4, i);
	smekvm_step_poison(out);
}

/* Step case @i: what the guest stored after it (lib/sme_step.h). */
static void step_post(struct smekvm_gf_vm *vm, unsigned int i, __u64 fpsr)
{
	struct smekvm_gregs *out = addr_gva2hva(vm->vm, (gva_t)&g_out);
	struct smekvm_gf_case *c = smekvm_gf_case(vm, G_STEP, 0, i);
	const struct step *s = &steps[i / 4];

	smekvm_gf_check(c, smekvm_step_check(&sv, out, i % 4, s->op, s->target,
					     i, fpsr, c->name));
}

static __u64 tpidr2_want;

static void check_tpidr2(struct smekvm_gf_vm *vm, int stage,
			 unsigned int round, __u64 val)
{
	struct smekvm_gf_case *c = smekvm_gf_case(vm, G_FLAVOUR, 0, X_TPIDR2);
	__u64 got = 0;
	int err;

	if (stage == STAGE_TPIDR2_SET) {
		err = __smekvm_get_reg64(vm->vcpu, SMEKVM_TPIDR2_EL0, &got);
		if (err || got != val)
			smekvm_gf_fail(c, "round %u: ONE_REG TPIDR2 0x%llx (%s), wrote 0x%llx",
				       round, got, strerror(err), val);
		tpidr2_want = val;
		if (round % 2) {	/* odd rounds: userspace changes it */
			tpidr2_want = ~val;
			vcpu_set_reg(vm->vcpu, SMEKVM_TPIDR2_EL0, tpidr2_want);
		}
		smekvm_move_to_cpu(round + 1);
		return;
	}
	smekvm_gf_expect(c, val == tpidr2_want,
			 "round %u: guest reads TPIDR2_EL0 0x%llx, expected 0x%llx",
			 round, val, tpidr2_want);
}

static void check_smpri(struct smekvm_gf_vm *vm, __u64 before, __u64 after)
{
	__u64 host = ~0ULL;
	int err = __smekvm_get_reg64(vm->vcpu, SMEKVM_SMPRI_EL1, &host);

	smekvm_gf_expect(smekvm_gf_case(vm, G_FLAVOUR, 0, X_SMPRI),
			 !before && !after && !err && !host,
			 "0x%llx, 0x%llx after 0xf; ONE_REG 0x%llx (%s)",
			 before, after, host, strerror(err));
}

static void check_id(struct smekvm_gf_vm *vm, __u64 pfr1, __u64 smfr0)
{
	__u64 host_pfr1 = vcpu_get_reg(vm->vcpu, SMEKVM_ID_AA64PFR1_EL1);
	__u64 host_smfr0 = vcpu_get_reg(vm->vcpu, SMEKVM_ID_AA64SMFR0_EL1);
	__u64 sme = FIELD_GET(ID_AA64PFR1_EL1_SME_MASK, pfr1);
	__u64 want = FIELD_GET(ID_AA64PFR1_EL1_SME_MASK, host_pfr1);

	if (vm->cfg.hide_sme2)
		want = ID_AA64PFR1_EL1_SME_IMP;
	smekvm_gf_expect(smekvm_gf_case(vm, G_FLAVOUR, 0, X_PFR1), sme == want,
			 "guest ID_AA64PFR1_EL1.SME %llu, configured %llu",
			 sme, want);
	smekvm_gf_expect(smekvm_gf_case(vm, G_FLAVOUR, 0, X_SMFR0),
			 smfr0 == host_smfr0 &&
			 !(vm->cfg.hide_fa64 &&
			   (smfr0 & ID_AA64SMFR0_EL1_FA64_MASK)),
			 "guest ID_AA64SMFR0_EL1 0x%llx, configured 0x%llx%s",
			 smfr0, host_smfr0,
			 vm->cfg.hide_fa64 ? " (FA64 hidden)" : "");
}

static void on_sync(struct smekvm_gf_vm *vm, enum smekvm_run_event ev,
		    struct ucall *uc)
{
	switch (uc->args[0]) {
	case STAGE_RDSVL:
		check_rdsvl(vm, uc->args[1]);
		break;
	case STAGE_LEN:
		sync_global_from_guest(vm->vm, g_arch);
		check_len(vm, uc->args[1], uc->args[2], uc->args[3]);
		break;
	case STAGE_STEP_PRE:
		step_pre(vm, uc->args[1]);
		break;
	case STAGE_STEP_POST:
		step_post(vm, uc->args[1], uc->args[2]);
		break;
	case STAGE_TPIDR2_SET:
	case STAGE_TPIDR2_GOT:
		check_tpidr2(vm, uc->args[0], uc->args[1], uc->args[2]);
		break;
	case STAGE_SMPRI:
		check_smpri(vm, uc->args[1], uc->args[2]);
		break;
	case STAGE_ID:
		check_id(vm, uc->args[1], uc->args[2]);
		break;
	default:
		TEST_FAIL("unknown stage %lu", uc->args[0]);
	}
}

static const char *run_vm(struct smekvm_gf_vm *vm)
{
	unsigned int i, from, n = 0;

	/* The guest sets FA64 and EZT0 whenever the VM has them. */
	sv = (struct smekvm_step_vcpu){ .cfg = vm->sv.cfg };
	g_arch.smcr = vm->sv.smcr & ~SMCR_ELx_LEN;
	g_arch.rows = SMEKVM_ZA_ROWS(vm->vq);
	g_arch.sve = vm->cfg.sve;
	g_arch.extras = vm->largest;
	for (i = 0; i < ARRAY_SIZE(steps); i++)
		for (from = 0; from < 4; from++)
			g_arch.flags[n++] = smekvm_step_flags(&sv, from,
							      steps[i].op,
							      steps[i].target);
	g_arch.nsteps = n;
	g_arch.nown = 0;
	for (i = 0; i < SMEKVM_NR_OWN; i++)
		if (smekvm_gf_runs(smekvm_gf_case(vm, G_LEN, i, 0)))
			g_arch.own[g_arch.nown++] = i;
	sync_global_to_guest(vm->vm, g_arch);
	return smekvm_gf_loop(vm, on_sync);
}

int main(void)
{
	smekvm_gf_main(&(struct smekvm_gf_prog){
		.prefix = "el1/", .kinds = kinds, .nr_kinds = ARRAY_SIZE(kinds),
		.flags = SMEKVM_GF_NEED_SME | SMEKVM_GF_EL2,
		.guest = guest_main, .run = run_vm,
	});
}
