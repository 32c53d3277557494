// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_probe.c - KVM_ARM_VCPU_INIT probe on a scratch VM.
 */
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#include <kselftest.h>

#include "sme_probe.h"
#include "sme_uapi.h"

int smekvm_probe_vcpu_init(int kvm_fd, __u32 features, const char **step)
{
	struct kvm_vcpu_init init = {};
	const char *failed = NULL;
	int vm_fd, vcpu_fd = -1;
	int ret = 0;

	vm_fd = ioctl(kvm_fd, KVM_CREATE_VM, 0);
	if (vm_fd < 0) {
		failed = "KVM_CREATE_VM";
		ret = -errno;
		goto out;
	}

	if (ioctl(vm_fd, KVM_ARM_PREFERRED_TARGET, &init)) {
		failed = "KVM_ARM_PREFERRED_TARGET";
		ret = -errno;
		goto out;
	}

	vcpu_fd = ioctl(vm_fd, KVM_CREATE_VCPU, 0);
	if (vcpu_fd < 0) {
		failed = "KVM_CREATE_VCPU";
		ret = -errno;
		goto out;
	}

	init.features[0] |= features;
	if (ioctl(vcpu_fd, KVM_ARM_VCPU_INIT, &init)) {
		failed = "KVM_ARM_VCPU_INIT";
		ret = -errno;
	}

out:
	if (vcpu_fd >= 0)
		close(vcpu_fd);
	if (vm_fd >= 0)
		close(vm_fd);
	if (step)
		*step = failed;
	return ret;
}

void smekvm_skip_unless_kvm_sme(void)
{
	const char *step;
	int kvm_fd, cap, ret;

	kvm_fd = open("/dev/kvm", O_RDWR);
	if (kvm_fd < 0)
		ksft_exit_skip("/dev/kvm: %s\n", strerror(errno));
	cap = ioctl(kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_ARM_SME);
	ret = smekvm_probe_vcpu_init(kvm_fd, 1U << KVM_ARM_VCPU_SME, &step);
	close(kvm_fd);

	if (ret == -ENOENT && !strcmp(step, "KVM_ARM_VCPU_INIT"))
		ksft_exit_skip("kernel does not know KVM_ARM_VCPU_SME (KVM_ARM_VCPU_INIT with bit 9: ENOENT)\n");
	if (ret == -EINVAL && !strcmp(step, "KVM_ARM_VCPU_INIT") && cap <= 0)
		ksft_exit_skip("host cannot offer SME (KVM_ARM_VCPU_INIT with bit 9: EINVAL, KVM_CAP_ARM_SME %d absent)\n",
			       KVM_CAP_ARM_SME);
	if (ret)
		ksft_exit_fail_msg("%s of a vcpu with SME: %s, KVM_CAP_ARM_SME (%d) is %d\n",
				   step, strerror(-ret), KVM_CAP_ARM_SME, cap);
}
