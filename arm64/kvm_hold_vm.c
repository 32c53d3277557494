// SPDX-License-Identifier: GPL-2.0-only
/*
 * kvm_hold_vm - keep one empty VM alive in the background.
 *
 * Not a test: the QEMU initramfs (scripts/init.sh) runs it before the
 * runner, so that the number of VMs in the L1 never drops to zero between
 * two tests or two VMs of one test.  Each time it goes from 0 to 1 and
 * back, KVM flips the static key of the scheduler's preempt notifiers,
 * and the kernel patches the branches of prepare_task_switch() and
 * finish_task_switch().  QEMU's multi-threaded TCG can keep executing the
 * old instruction on the other vCPU after that patch and its
 * synchronisation (cmodx_sync shows it; doc/known-issues.md): a vcpu is
 * then loaded without having been put, or put and never loaded again,
 * which under VHE ends in a KVM_BUG_ON, a refused entry or, without the
 * series' 0019, a CPU looping at EL2.  With a VM held, the key never
 * changes while the suite runs.  On hardware there is nothing to work
 * around, and nothing starts it.
 *
 * It creates the VM, then forks: the child keeps the VM's file open and
 * sleeps until killed, the parent says on stdout whether it holds one and
 * exits 0, so that the VM exists when the caller goes on.  Without
 * /dev/kvm there is nothing to hold: it says so and exits 0.
 */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
#include <sys/ioctl.h>
#include <linux/kvm.h>

int main(void)
{
	int kvm = open("/dev/kvm", O_RDWR | O_CLOEXEC);
	pid_t pid;
	int vm;

	if (kvm < 0) {
		printf("# kvm_hold_vm: no /dev/kvm, nothing to hold\n");
		return 0;
	}
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0) {
		perror("# kvm_hold_vm: KVM_CREATE_VM");
		return 0;
	}
	fflush(stdout);
	pid = fork();
	if (pid < 0) {
		perror("# kvm_hold_vm: fork");
		return 0;
	}
	if (!pid) {
		setsid();
		for (;;)
			pause();
	}
	printf("# kvm_hold_vm: holding one VM while the suite runs (pid %d)\n",
	       pid);
	return 0;
}
