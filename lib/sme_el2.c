// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_el2.c - whether a test runs SME guests at (virtual) EL2 too.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

#include "sme_el2.h"
#include "sme_probe.h"
#include "sme_uapi.h"

bool smekvm_el2_sme_wanted(const char **why)
{
	const char *nv = getenv("NV");
	const char *step;
	int kvm_fd, ret;

	*why = NULL;
	if (nv && !strcmp(nv, "0"))
		return false;
	kvm_fd = open("/dev/kvm", O_RDWR);
	if (kvm_fd < 0)
		return false;
	if (ioctl(kvm_fd, KVM_CHECK_EXTENSION, KVM_CAP_ARM_EL2) <= 0) {
		close(kvm_fd);
		return false;
	}
	ret = smekvm_probe_vcpu_init(kvm_fd, 1U << KVM_ARM_VCPU_SME |
				     1U << KVM_ARM_VCPU_HAS_EL2, &step);
	close(kvm_fd);
	if (ret == -EINVAL)
		*why = "nested SME not offered (INIT with SME and HAS_EL2: EINVAL)";
	else if (ret)
		*why = "INIT with SME and HAS_EL2 failed";
	else
		*why = "nested SME offered, but vEL2 guest cases are not written yet";
	return true;
}
