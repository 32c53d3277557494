// SPDX-License-Identifier: GPL-2.0-only
/*
 * fp_own.c - the FP-ownership states of a check (see fp_own.h).
 */
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <asm/hwcap.h>

#include <kvm_util.h>
#include <test_util.h>

#include "fp_own.h"
#include "host_sme.h"
#include "sme_cpu.h"
#include "sme_insn.h"
#include "sme_pattern.h"
#include "sme_vcpu.h"
#include "guest_code/guest_nofp.h"

/* arg0 of the guest's exit in smekvm_fp_own_enter(): no case index. */
#define FP_OWN_EXIT	0x5eed0f9a0e1dULL

const struct smekvm_fp_own smekvm_fp_own[SMEKVM_NR_OWN] = {
	[SMEKVM_OWN_FIRST] = {
		"first", .prep = smekvm_fp_own_prep_none, .exit = true },
	[SMEKVM_OWN_FP] = {
		"fp", .prep = smekvm_fp_own_prep_fp, .wrote = true },
	[SMEKVM_OWN_SVE] = {
		"sve", .need_sve = true, .prep = smekvm_fp_own_prep_sve,
		.wrote = true },
	[SMEKVM_OWN_STREAMING] = {
		"streaming", .need_sme = true,
		.prep = smekvm_fp_own_prep_streaming, .wrote = true,
		.smstop = true },
	[SMEKVM_OWN_ZA] = {
		"za", .need_sme = true, .prep = smekvm_fp_own_prep_za,
		.wrote = true, .smstop = true },
	[SMEKVM_OWN_KERNEL_EXIT] = {
		"kernel_exit", .prep = smekvm_fp_own_prep_kernel_exit,
		.wrote = true },
	[SMEKVM_OWN_REENTRY] = {
		"reentry", .prep = smekvm_fp_own_prep_fp, .exit = true,
		.wrote = true },
	[SMEKVM_OWN_HOST_FP] = {
		"host_fp", .prep = smekvm_fp_own_prep_fp, .exit = true,
		.wrote = true, .host = SMEKVM_OWN_HOST_USE_FP },
	[SMEKVM_OWN_MIGRATED] = {
		"migrated", .prep = smekvm_fp_own_prep_fp, .exit = true,
		.wrote = true, .host = SMEKVM_OWN_HOST_MOVE },
};

bool smekvm_fp_own_applies(unsigned int s, bool sve, bool sme)
{
	return (sve || !smekvm_fp_own[s].need_sve) &&
	       (sme || !smekvm_fp_own[s].need_sme);
}

const char *smekvm_fp_own_host_lacks(unsigned int s)
{
	if (smekvm_fp_own[s].host == SMEKVM_OWN_HOST_MOVE &&
	    sysconf(_SC_NPROCESSORS_ONLN) < 2)
		return "host has one CPU: the vcpu thread cannot move";
	return NULL;
}

SMEKVM_GUEST_NOFP __u64 smekvm_fp_own_enter(unsigned int s, __u64 pattern)
{
	const struct smekvm_fp_own *o = &smekvm_fp_own[s];
	__u64 ret = o->prep(pattern);

	if (o->exit)
		GUEST_SYNC2(FP_OWN_EXIT, s);
	return ret;
}

SMEKVM_GUEST_NOFP __u64 smekvm_fp_own_leave(unsigned int s, __u64 pattern)
{
	const struct smekvm_fp_own *o = &smekvm_fp_own[s];
	__u64 bad = o->wrote ? smekvm_fp_own_verify(pattern) : 0;

	if (o->smstop)
		smekvm_fp_own_smstop(0);
	return bad;
}

SMEKVM_GUEST_NOFP void smekvm_fp_own_warmed(void)
{
	GUEST_SYNC2(FP_OWN_EXIT, SMEKVM_NR_OWN);
}

/* The host task's ZA row 0 while the vcpu runs (host_fp). */
static struct {
	bool on;
	__u64 svl;
	__u8 row[SMEKVM_REG_MAX_BYTES];
} host_za;

static unsigned int next_cpu;

/* FP and SVE registers and ZA of the host task, left live for KVM_RUN. */
static void host_use_fp(void)
{
	register __u64 x0 asm("x0") = 0x4057f90000000000ULL;

	asm volatile("fmov d16, x0" : : "r" (x0) : "v16");
	if (getauxval(AT_HWCAP) & HWCAP_SVE)
		asm volatile(SMEKVM_INST(DUP_Z_X | 16) /* mov z16.d, x0 */
			     : : "r" (x0) : "v16");
	if (!(getauxval(AT_HWCAP2) & HWCAP2_SME) || host_za.on)
		return;
	host_za.svl = smekvm_host_rdsvl();
	TEST_ASSERT(host_za.svl <= sizeof(host_za.row), "SVL %llu bytes",
		    host_za.svl);
	smekvm_pattern_fill(host_za.row, host_za.svl, 0x5a);
	smekvm_host_za_start();
	smekvm_host_za_row_load(host_za.row, 0);
	host_za.on = true;
}

bool smekvm_fp_own_exit(struct ucall *uc)
{
	unsigned int s = uc->args[1];

	if (uc->cmd != UCALL_SYNC || uc->args[0] != FP_OWN_EXIT)
		return false;
	if (s == SMEKVM_NR_OWN)		/* smekvm_fp_own_warmed() */
		return true;
	TEST_ASSERT(s < SMEKVM_NR_OWN, "bad FP-ownership state %u", s);

	switch (smekvm_fp_own[s].host) {
	case SMEKVM_OWN_HOST_USE_FP:
		host_use_fp();
		break;
	case SMEKVM_OWN_HOST_MOVE:
		smekvm_move_to_cpu(++next_cpu);
		break;
	default:
		break;
	}
	return true;
}

/* The host task's ZA row is what host_use_fp() loaded; ends ZA. */
static bool host_za_check(const char *name)
{
	__u8 got[SMEKVM_REG_MAX_BYTES];
	bool ok = true;

	if (!host_za.on)
		return true;
	host_za.on = false;
	if (!(smekvm_host_svcr() & SVCR_ZA)) {
		ksft_print_msg("%s: the host task's PSTATE.ZA is 0 after KVM_RUN\n",
			       name);
		return false;
	}
	smekvm_host_za_row_store(got, 0);
	smekvm_host_za_stop();
	if (memcmp(got, host_za.row, host_za.svl)) {
		ksft_print_msg("%s: the host task's ZA row 0 changed across KVM_RUN\n",
			       name);
		ok = false;
	}
	return ok;
}

bool smekvm_fp_own_check(const char *name, unsigned int s, __u64 bad,
			 __u64 prep, bool zeroes)
{
	const char *st = smekvm_fp_own[s].name;
	bool ok = true;

	if (bad & SMEKVM_FP_OWN_BAD_FPCR) {
		ksft_print_msg("%s: the guest's FPCR lost what it wrote before (%s)\n",
			       name, st);
		ok = false;
	}
	if ((bad & SMEKVM_FP_OWN_BAD_D15) && !zeroes) {
		ksft_print_msg("%s: the guest's D15 lost what it wrote before (%s)\n",
			       name, st);
		ok = false;
	}
	if (s == SMEKVM_OWN_KERNEL_EXIT && (prep < 0x10000 || prep >> 31)) {
		ksft_print_msg("%s: SMCCC_VERSION returned 0x%llx: no exit to KVM\n",
			       name, prep);
		ok = false;
	}
	return host_za_check(name) && ok;
}
