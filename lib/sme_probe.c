// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_probe.c - KVM_ARM_VCPU_INIT probe on a scratch VM.
 */
#include <errno.h>
#include <stddef.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#include "sme_probe.h"

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
