// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_caps - print what the host and KVM offer for SVE and SME.
 *
 * Not a test: the runner calls it before the tests so that every log says
 * what it ran on.  It prints KTAP diagnostic lines ("# ...") only and
 * always exits 0: the kernel release, the SVE/SME hwcaps, the SVE and SME
 * vector lengths the host grants a task (probed with prctl, as
 * tools/testing/selftests/arm64/fp/sve-probe-vls.c does), SMIDR_EL1 (from
 * sysfs, else from EL0 if it can read it), the KVM capabilities that matter for SME guests, and what
 * KVM_ARM_VCPU_INIT says to a vcpu asking for SME.
 *
 * It does not link the KVM selftests library, whose constructor exits
 * when /dev/kvm is missing.
 */
#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/prctl.h>
#include <sys/utsname.h>
#include <asm/hwcap.h>
#include <asm/sigcontext.h>

#include "kselftest.h"
#include "sme_probe.h"
#include "sme_uapi.h"

struct hwcap_bit {
	const char *name;
	int at;
	unsigned long bit;
};

static const struct hwcap_bit hwcaps[] = {
	{ "SVE",	AT_HWCAP,	HWCAP_SVE },
	{ "SVE2",	AT_HWCAP2,	HWCAP2_SVE2 },
	{ "SME",	AT_HWCAP2,	HWCAP2_SME },
	{ "SME2",	AT_HWCAP2,	HWCAP2_SME2 },
	{ "SME2P1",	AT_HWCAP2,	HWCAP2_SME2P1 },
	{ "SME_FA64",	AT_HWCAP2,	HWCAP2_SME_FA64 },
};

#define KVM_CAP(cap)	{ #cap, cap }

static const struct {
	const char *name;
	int cap;
} kvm_caps[] = {
	KVM_CAP(KVM_CAP_ARM_SVE),
	KVM_CAP(KVM_CAP_ARM_SME),
	KVM_CAP(KVM_CAP_ARM_PTRAUTH_ADDRESS),
	KVM_CAP(KVM_CAP_ARM_PTRAUTH_GENERIC),
	KVM_CAP(KVM_CAP_ARM_PMU_V3),
	KVM_CAP(KVM_CAP_ARM_EL1_32BIT),
	KVM_CAP(KVM_CAP_ARM_EL2),
	KVM_CAP(KVM_CAP_ARM_EL2_E2H0),
};

static void print_hwcaps(void)
{
	char line[128] = "";
	int i;

	for (i = 0; i < ARRAY_SIZE(hwcaps); i++) {
		if (!(getauxval(hwcaps[i].at) & hwcaps[i].bit))
			continue;
		strcat(line, " ");
		strcat(line, hwcaps[i].name);
	}
	ksft_print_msg("hwcaps:%s\n", *line ? line : " none");
}

/*
 * Print the vector lengths (in bits) a task may use.  Ask for each VQ from
 * the largest down: the kernel grants the largest supported VL not above
 * the request, so continue below the granted one.  A grant above the
 * request means that no smaller VL exists (SME may lack the small ones).
 */
static void print_vls(const char *what, int set, int get, int len_mask)
{
	static bool have[SVE_VQ_MAX + 1];
	char line[256] = "";
	int vq, vl, orig;

	orig = prctl(get);
	if (orig < 0) {
		ksft_print_msg("%s VLs: unknown (%s)\n", what, strerror(errno));
		return;
	}

	memset(have, 0, sizeof(have));
	for (vq = SVE_VQ_MAX; vq > 0; vq--) {
		vl = prctl(set, vq * 16);
		if (vl < 0) {
			ksft_print_msg("%s VLs: setting VL %d failed (%s)\n",
				       what, vq * 128, strerror(errno));
			break;
		}
		vl &= len_mask;
		if (!vl || vl % 16 || vl / 16 > vq)
			break;
		vq = vl / 16;
		have[vq] = true;
	}
	prctl(set, orig & (len_mask | PR_SVE_VL_INHERIT));

	for (vq = 1; vq <= SVE_VQ_MAX; vq++)
		if (have[vq])
			snprintf(line + strlen(line), sizeof(line) - strlen(line),
				 " %d", vq * 128);
	ksft_print_msg("%s VLs (bits):%s\n", what, *line ? line : " none");
}

static sigjmp_buf sigill_jmp;

static void sigill_handler(int sig)
{
	siglongjmp(sigill_jmp, 1);
}

#define SMIDR_SYSFS "/sys/devices/system/cpu/cpu0/regs/identification/smidr_el1"

/*
 * The kernel publishes the boot CPU's SMIDR_EL1 in sysfs (with SMPS
 * cleared); EL0 reads of the register itself normally trap.
 */
static void print_smidr(void)
{
	struct sigaction sa = { .sa_handler = sigill_handler };
	struct sigaction old;
	unsigned long val;
	FILE *f;

	f = fopen(SMIDR_SYSFS, "r");
	if (f) {
		int n = fscanf(f, "%lx", &val);

		fclose(f);
		if (n == 1) {
			ksft_print_msg("SMIDR_EL1: 0x%016lx (sysfs, SMPS hidden)\n",
				       val);
			return;
		}
	}

	sigaction(SIGILL, &sa, &old);
	if (!sigsetjmp(sigill_jmp, 1)) {
		asm volatile("mrs %0, S3_1_C0_C0_6" : "=r" (val));	/* SMIDR_EL1 */
		ksft_print_msg("SMIDR_EL1: 0x%016lx\n", val);
	} else {
		ksft_print_msg("SMIDR_EL1: not readable at EL0\n");
	}
	sigaction(SIGILL, &old, NULL);
}

static const char *init_result(int ret)
{
	switch (ret) {
	case 0:
		return "ok";
	case -ENOENT:
		return "ENOENT (kernel does not know SME)";
	case -EINVAL:
		return "EINVAL (SME not offered)";
	default:
		return strerror(-ret);
	}
}

static void print_init_probe(int kvm_fd, const char *what, __u32 features)
{
	const char *step;
	int ret;

	ret = smekvm_probe_vcpu_init(kvm_fd, features, &step);
	if (ret && strcmp(step, "KVM_ARM_VCPU_INIT"))
		ksft_print_msg("%s: %s failed: %s\n", what, step,
			       strerror(-ret));
	else
		ksft_print_msg("%s: %s\n", what, init_result(ret));
}

static void print_kvm(void)
{
	int kvm_fd, vm_fd, fd, i;

	kvm_fd = open("/dev/kvm", O_RDWR);
	if (kvm_fd < 0) {
		ksft_print_msg("/dev/kvm: not available (%s)\n",
			       strerror(errno));
		return;
	}

	/* Some capabilities are per VM: ask a VM when one can be made. */
	vm_fd = ioctl(kvm_fd, KVM_CREATE_VM, 0);
	fd = vm_fd >= 0 ? vm_fd : kvm_fd;
	if (vm_fd < 0)
		ksft_print_msg("KVM_CREATE_VM failed (%s): capabilities of /dev/kvm\n",
			       strerror(errno));

	for (i = 0; i < ARRAY_SIZE(kvm_caps); i++)
		ksft_print_msg("%s (%d): %d\n", kvm_caps[i].name,
			       kvm_caps[i].cap,
			       ioctl(fd, KVM_CHECK_EXTENSION, kvm_caps[i].cap));

	print_init_probe(kvm_fd, "KVM_ARM_VCPU_INIT with SME (bit 9)",
			 1U << KVM_ARM_VCPU_SME);
	if (ioctl(fd, KVM_CHECK_EXTENSION, KVM_CAP_ARM_EL2) > 0)
		print_init_probe(kvm_fd,
				 "KVM_ARM_VCPU_INIT with SME and HAS_EL2",
				 1U << KVM_ARM_VCPU_SME |
				 1U << KVM_ARM_VCPU_HAS_EL2);

	if (vm_fd >= 0)
		close(vm_fd);
	close(kvm_fd);
}

int main(void)
{
	struct utsname uts;

	if (!uname(&uts))
		ksft_print_msg("kernel: %s %s %s\n", uts.sysname, uts.release,
			       uts.machine);

	print_hwcaps();
	if (getauxval(AT_HWCAP) & HWCAP_SVE)
		print_vls("SVE", PR_SVE_SET_VL, PR_SVE_GET_VL,
			  PR_SVE_VL_LEN_MASK);
	else
		ksft_print_msg("SVE VLs: none (no SVE)\n");
	if (getauxval(AT_HWCAP2) & HWCAP2_SME)
		print_vls("SME", PR_SME_SET_VL, PR_SME_GET_VL,
			  PR_SME_VL_LEN_MASK);
	else
		ksft_print_msg("SME VLs: none (no SME)\n");
	print_smidr();
	print_kvm();

	return 0;
}
