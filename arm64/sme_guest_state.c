// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_guest_state - a guest in streaming mode with ZA on exits to
 * userspace, userspace reads and rewrites that live state through ONE_REG,
 * and the guest continues with exactly what userspace wrote.
 *
 * This is the minimal run-time check of KVM's SME support
 * (abi-rt-onereg-live, abi-rt-preserve): the guest enables SME (with FA64
 * and EZT0 when the VM has them), asks for the largest SVL, fills
 * streaming Z0-Z31, P0-P15, FFR, every ZA row and ZT0 with patterns that
 * name vcpu, register, row, byte and generation, and exits while
 * PSTATE.SM and PSTATE.ZA are still 1 (guest_code/sme_exit_roundtrip.S:
 * an MMIO store from assembly, so no compiled code runs in streaming
 * mode).  The host then checks:
 *
 *  - SVCR reads SM=1,ZA=1, and every register holds the guest's pattern at
 *    the SVL, zero-padded (KVM saved the live state, all of it);
 *  - after it writes the next generation's patterns and resumes, the guest
 *    stores its registers and finds exactly those values, still in
 *    streaming mode with ZA on (KVM restored what userspace wrote).
 *
 * Which registers move (FFR with FA64, ZT0 with SME2) and their sizes are
 * the reference model's, on both sides (rt_geom(), lib/sme_model.h).
 *
 * The round trip repeats while the vcpu thread moves between host CPUs and
 * host threads use SME themselves on every CPU, so that the state is
 * saved and restored across preemption and host SME use too.  The vcpu
 * thread keeps ZA on with a pattern of its own and a TPIDR2_EL0 value
 * around every KVM_RUN: afterwards both must be intact and PSTATE.SM 0
 * (abi-host-za-kept, abi-host-tpidr2-kept, abi-host-sm-clear; KVM_RUN is
 * a syscall).
 *
 * Flavours: SVE+SME, SME only, SME2 hidden (no ZT0, EZT0 clear) and FA64
 * hidden (no streaming FFR), each skipped when the host lacks the feature.
 * Cases per flavour: <flavour>/rdsvl_max, <flavour>/exit_streaming_za,
 * <flavour>/host_task_state; host_sme_threads for the host threads
 * (lib/host_sme_load.h).
 * Skips the whole program when KVM cannot offer SME, and the run-time
 * cases when KVM_RUN refuses SME vcpus (a kernel with only the ABI).
 * Round trips per flavour: 6, 200 in the full tier, or SMEKVM_ITERS.
 * SMEKVM_HOST_SME=0 keeps the host task and its threads out of SME (the
 * host-side cases then skip), to tell host SME use from guest faults.
 */
#include <string.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "guest_code/guest_nofp.h"
#include "guest_code/sme_exit_roundtrip.h"
#include "host_sme.h"
#include "host_sme_load.h"
#include "sme_cpu.h"
#include "sme_gframe.h"
#include "sme_model.h"
#include "sme_names.h"
#include "sme_pattern.h"
#include "sme_settings.h"
#include "sme_state_img.h"

#define ITERS_DEFAULT	6
#define ITERS_FULL	200	/* --tier full */

enum { STAGE_SVL = 1, STAGE_ROUND };

enum { C_RDSVL, C_EXIT, C_HOST, NR_CASES };
static const char * const case_names[NR_CASES] = {
	"rdsvl_max", "exit_streaming_za", "host_task_state",
};

static const struct smekvm_gf_group group = {
	.inner = case_names, .nr_inner = NR_CASES,
};

#define KIND(fl)	{ .f = SMEKVM_FL_##fl, .groups = &group, .nr_groups = 1 }

static const struct smekvm_gf_kind kinds[] = {
	KIND(SVE_SME), KIND(SME_ONLY), KIND(SME2_HIDDEN), KIND(FA64_HIDDEN),
};

/* Guest memory (each VM loads its own copy of the program). */
static struct smekvm_gregs g_in, g_out;

static struct {
	__u64 *exit_addr;
	struct smekvm_model_cfg m;	/* the vcpu; sme_vq: RDSVL decides */
	__u64 flags;		/* SMEKVM_RT_* */
	__u64 smcr;		/* SMCR_EL1 the guest writes */
	__u32 vcpu;
	__u32 iters;
} g_params;

/* The guest's verdict on one round trip, read by the host. */
static struct {
	__u32 bad;		/* 0: all registers as the host wrote them */
	__u32 cls, reg;
	__s64 off;
	__u8 got, want;
	__u64 svcr;
} g_result;

/*
 * The registers the round trip moves: those of SVCR.SM=ZA=1, as the model
 * has them, at the SVL of @svl bytes.  Guest and host tag each with the
 * vcpu (the flavour's number), the generation, its class and its number
 * (smekvm_img_expected()).
 */
static struct smekvm_img_geom rt_geom(const struct smekvm_model_cfg *vcpu,
				      __u64 svl)
{
	struct smekvm_model_cfg m = *vcpu;

	m.sme_vq = svl / 16;
	return smekvm_img_geom(&m, SMEKVM_SVCR_SM | SMEKVM_SVCR_ZA);
}

static void guest_fill(struct smekvm_gregs *r,
		       const struct smekvm_img_geom *g, unsigned int gen)
{
	struct smekvm_img_owner o = { .vcpu = g_params.vcpu, .gen = gen };

	smekvm_img_fill(r, g, &o);
}

/* Record the first register of @r that is not generation @gen. */
static void guest_verify(struct smekvm_gregs *r,
			 const struct smekvm_img_geom *g, unsigned int gen)
{
	struct smekvm_img_owner o = { .vcpu = g_params.vcpu, .gen = gen };
	struct smekvm_img_diff d;

	g_result.bad = 0;
	g_result.svcr = r->svcr;
	if (smekvm_img_check(r, g, &o, &d))
		return;
	g_result = (typeof(g_result)){
		.bad = 1, .cls = d.cls, .reg = d.reg, .off = d.off,
		.got = d.got, .want = d.want, .svcr = r->svcr,
	};
}

static SMEKVM_GUEST_NOFP void guest_main(void)
{
	struct smekvm_img_geom g;
	__u64 svl;
	__u32 i;

	smekvm_gf_guest_start(g_params.smcr, false);
	svl = smekvm_guest_rdsvl();
	GUEST_SYNC2(STAGE_SVL, svl);
	g = rt_geom(&g_params.m, svl);

	for (i = 0; i < g_params.iters; i++) {
		guest_fill(&g_in, &g, 2 * i);
		smekvm_exit_roundtrip(&g_in, &g_out, g_params.exit_addr,
				      g_params.flags, svl);
		guest_verify(&g_out, &g, 2 * i + 1);
		GUEST_SYNC2(STAGE_ROUND, i);
	}
	GUEST_DONE();
}

/* The flavour that runs: its VM, the host's view. */
static struct {
	struct smekvm_gf_vm *vm;
	const char *name;		/* of the flavour */
	unsigned int id;		/* of the flavour in kinds[] */
	struct smekvm_img_geom geom;	/* its registers, at its SVL */
	unsigned int gen;
	bool svl_ok;		/* RDSVL gave the SVL */
	bool state_bad;		/* a round trip failed */
	bool host_bad;		/* the host task's state changed */
} cur;

/* Host: check generation @gen in the live registers, write @gen + 1. */
static bool host_check_and_rewrite(unsigned int gen)
{
	struct smekvm_img_owner o = { .vcpu = cur.id, .gen = gen };
	struct smekvm_img_owner next = { .vcpu = cur.id, .gen = gen + 1 };
	struct smekvm_img_class l[SMEKVM_IMG_MAX_CLASSES];
	struct smekvm_gregs *in = addr_gva2hva(cur.vm->vm, (gva_t)&g_in);
	struct kvm_vcpu *vcpu = cur.vm->vcpu;
	__u8 buf[SMEKVM_REG_MAX_BYTES], want[SMEKVM_REG_MAX_BYTES];
	unsigned int i, n, reg;
	bool ok = true;
	__u64 svcr, id;
	long off;
	int err;

	svcr = smekvm_get_svcr(vcpu);
	if (svcr != (SVCR_SM | SVCR_ZA)) {
		ksft_print_msg("%s: SVCR 0x%llx at the exit, expected SM=1,ZA=1\n",
			       cur.name, svcr);
		return false;
	}

	n = smekvm_img_classes(&cur.geom, l);
	for (i = 0; i < n; i++) {
		for (reg = 0; reg < l[i].count; reg++) {
			id = smekvm_img_reg_id(l[i].cls, reg);
			memset(want, 0, sizeof(want));
			smekvm_img_expected(want, l[i].bytes, &o, l[i].cls, reg);
			err = __smekvm_get_reg(vcpu, id, buf);
			off = err ? 0 : smekvm_first_diff(buf, want,
							  KVM_REG_SIZE(id));
			if (err) {
				ksft_print_msg("%s: generation %u: reading %s%u: %s\n",
					       cur.name, gen, smekvm_pattern_cls_name(l[i].cls),
					       reg, strerror(err));
				ok = false;
			} else if (off >= 0 && ok) {
				ksft_print_msg("%s: generation %u: %s%u byte %ld is 0x%02x, expected 0x%02x%s\n",
					       cur.name, gen, smekvm_pattern_cls_name(l[i].cls),
					       reg, off, buf[off], want[off],
					       (size_t)off >= l[i].bytes ?
					       " (padding)" : "");
				if ((size_t)off < l[i].bytes)
					ksft_print_msg("%s: the guest loaded it from 0x%02x\n",
						       cur.name,
						       smekvm_img_slot(in, l[i].cls,
								       reg)[off]);
				ok = false;
			}

			memset(want, 0, sizeof(want));
			smekvm_img_expected(want, l[i].bytes, &next, l[i].cls,
					    reg);
			err = __smekvm_set_reg(vcpu, id, want);
			if (err) {
				ksft_print_msg("%s: writing %s%u: %s\n", cur.name,
					       smekvm_pattern_cls_name(l[i].cls), reg,
					       strerror(err));
				ok = false;
			}
		}
	}
	return ok;
}

/* The vcpu thread's own ZA row 0 and TPIDR2_EL0 around KVM_RUN. */
static bool host_sme;	/* the host task can use SME itself */
static __u8 host_row[SMEKVM_GREGS_ZSLOT];
static __u64 host_svl;
#define HOST_TPIDR2	0x7e57000000001234ULL

static void host_task_state_set(void)
{
	smekvm_pattern_fill(host_row, host_svl,
			    smekvm_tag(14, 0, SMEKVM_CLS_ZA, 0));
	smekvm_host_za_start();
	smekvm_host_za_row_load(host_row, 0);
	smekvm_host_set_tpidr2(HOST_TPIDR2);
}

static bool host_task_state_same(void)
{
	__u8 got[SMEKVM_GREGS_ZSLOT];
	__u64 svcr = smekvm_host_svcr();
	__u64 tp = smekvm_host_tpidr2();

	if (svcr != SVCR_ZA) {
		ksft_print_msg("%s: host SVCR 0x%llx after KVM_RUN, expected ZA=1,SM=0\n",
			       cur.name, svcr);
		return false;
	}
	smekvm_host_za_row_store(got, 0);
	if (memcmp(got, host_row, host_svl)) {
		ksft_print_msg("%s: host ZA row 0 changed by KVM_RUN (byte %ld)\n",
			       cur.name,
			       smekvm_first_diff(got, host_row, host_svl));
		return false;
	}
	if (tp != HOST_TPIDR2) {
		ksft_print_msg("%s: host TPIDR2_EL0 0x%llx after KVM_RUN, expected 0x%llx\n",
			       cur.name, tp, HOST_TPIDR2);
		return false;
	}
	return true;
}

/* After every KVM_RUN: the host task's own state is intact. */
static void host_task_state_check(void)
{
	if (host_sme && !cur.host_bad && !host_task_state_same())
		cur.host_bad = true;
}

static unsigned int iters;

static void on_event(struct smekvm_gf_vm *vm, enum smekvm_run_event ev,
		     struct ucall *uc)
{
	host_task_state_check();
	if (ev == SMEKVM_EV_EXIT) {
		if (!host_check_and_rewrite(cur.gen))
			cur.state_bad = true;
		return;
	}
	if (uc->args[0] == STAGE_SVL) {
		cur.svl_ok = uc->args[1] == cur.geom.svl;
		if (!cur.svl_ok)
			ksft_print_msg("%s: RDSVL %lu bytes, expected %llu\n",
				       cur.name, uc->args[1], cur.geom.svl);
		return;
	}
	sync_global_from_guest(vm->vm, g_result);
	if (g_result.bad || g_result.svcr != (SVCR_SM | SVCR_ZA)) {
		cur.state_bad = true;
		if (g_result.bad)
			ksft_print_msg("%s: round trip %lu: guest found %s%u byte %lld 0x%02x, expected 0x%02x\n",
				       cur.name, uc->args[1],
				       smekvm_pattern_cls_name(g_result.cls),
				       g_result.reg, g_result.off,
				       g_result.got, g_result.want);
		else
			ksft_print_msg("%s: round trip %lu: guest SVCR 0x%llx after the exit\n",
				       cur.name, uc->args[1], g_result.svcr);
	}
	cur.gen += 2;
	smekvm_move_to_cpu(uc->args[1]);
}

static const char *run_vm(struct smekvm_gf_vm *vm)
{
	const struct smekvm_model_cfg *m = &vm->sv.cfg;
	const char *why;

	cur = (typeof(cur)){ .vm = vm, .name = vm->name, .id = vm->kind - kinds };
	cur.geom = rt_geom(m, SMEKVM_ZA_ROW_BYTES(m->sme_vq));

	/* Only the streaming view is moved: the SVE VL does not matter. */
	g_params.exit_addr = (__u64 *)smekvm_map_exit_page(vm->vm, 0,
							   &vm->run.exit_gpa);
	vm->run.has_exit_page = true;
	g_params.m = *m;
	g_params.flags = (cur.geom.flags & SMEKVM_SL_FFR ? SMEKVM_RT_FFR : 0) |
			 (cur.geom.flags & SMEKVM_SL_ZT0 ? SMEKVM_RT_ZT0 : 0);
	g_params.smcr = vm->sv.smcr;
	g_params.vcpu = cur.id;
	g_params.iters = iters;
	sync_global_to_guest(vm->vm, g_params);
	ksft_print_msg("%s: SVL %llu bits, FFR %s, ZT0 %s, %u round trips\n",
		       cur.name, cur.geom.svl * 8, m->fa64 ? "yes" : "no",
		       m->sme2 ? "yes" : "no", iters);

	if (host_sme)
		host_task_state_set();
	why = smekvm_gf_loop(vm, on_event);
	if (!why)
		host_task_state_check();
	if (host_sme)
		smekvm_host_za_stop();
	if (why)
		return why;

	smekvm_gf_check(smekvm_gf_case(vm, 0, 0, C_RDSVL), cur.svl_ok);
	smekvm_gf_check(smekvm_gf_case(vm, 0, 0, C_EXIT), vm->done &&
			!cur.state_bad && cur.gen == 2 * iters);
	if (!host_sme)
		smekvm_gf_skip(smekvm_gf_case(vm, 0, 0, C_HOST),
			       "host task cannot use SME (no HWCAP2_SME)");
	smekvm_gf_check(smekvm_gf_case(vm, 0, 0, C_HOST), !cur.host_bad);
	return NULL;
}

static void start(void)
{
	ksft_print_msg("host task SME: %s\n", host_sme ? "yes" : "no");
}

int main(void)
{
	iters = smekvm_iters(ITERS_DEFAULT, ITERS_FULL, 1);
	host_sme = smekvm_host_task_sme();
	if (host_sme)
		host_svl = smekvm_host_rdsvl();

	smekvm_gf_main(&(struct smekvm_gf_prog){
		.prefix = "", .kinds = kinds, .nr_kinds = ARRAY_SIZE(kinds),
		.flags = SMEKVM_GF_NEED_SME | SMEKVM_GF_HOST_LOAD,
		.guest = guest_main, .run = run_vm, .start = start,
	});
}
