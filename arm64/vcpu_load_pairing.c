// SPDX-License-Identifier: GPL-2.0-only
/*
 * vcpu_load_pairing - a vcpu is put on every reschedule of its thread and
 * loaded again on the next, even right after the first VM of the host is
 * created.
 *
 * KVM puts a vcpu (its system registers, FP ownership, timer, vgic) when
 * its thread is scheduled out inside KVM_RUN and loads it when the thread
 * runs again, through the scheduler's preempt notifiers.  Those sit behind
 * a static key that KVM enables when the host's VM count goes from 0 to 1
 * and disables when it drops back, so the kernel patches the scheduler's
 * text at each such change.  If a CPU misses a put or a load, the vcpu is
 * loaded twice (VHE: KVM_BUG_ON in kvm_vcpu_load_debug(), the VM is dead)
 * or entered unloaded (VHE: the series' 0020 refuses the entry, with a
 * warning; before it, a hyp panic or a CPU looping at EL2).
 *
 * The program creates VMs one after the other, none alive in between, so
 * that each creation is such a change.  Each VM runs one vcpu through
 * SMEKVM_EXITS exits (default 40) to userspace; between exits its thread
 * yields or moves to another CPU, while two processes per CPU switch to
 * each other all the time, so that the vcpu thread is preempted inside
 * KVM_RUN and every CPU runs the scheduler when the text changes.  Case
 * churn/put_load_paired: every KVM_RUN of every VM succeeded and the guest
 * counted every exit.  Under the suite's QEMU initramfs a VM held for the
 * whole run (bin/kvm_hold_vm) keeps the count above 0, so the key does not
 * change; with smekvm.hold_vm=0 on the kernel command line it does, at
 * every VM, which is how QEMU's stale code reached KVM (doc/known-issues.md;
 * too rare to reproduce on demand: 2000 VMs did not).  mutations/73 shows
 * that a missed load fails the case.
 *
 * VMs created: 10, 200 in the full tier, or SMEKVM_ITERS; exits per VM:
 * SMEKVM_EXITS (default 40).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <sched.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>
#include <sys/prctl.h>
#include <sys/wait.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>
#include <ucall_common.h>

#include "sme_cpu.h"
#include "sme_settings.h"

#define MAX_SWITCHERS	16

static unsigned int exits_per_vm = 40;

static void guest_code(void)
{
	unsigned int i;

	for (i = 0; i < exits_per_vm; i++)
		GUEST_SYNC(i);
	GUEST_DONE();
}

/* A process pinned to @cpu that ping-pongs a byte with its peer forever. */
static pid_t start_switcher(int cpu, int rfd, int wfd)
{
	pid_t pid = fork();
	char c = 0;

	TEST_ASSERT(pid >= 0, "fork");
	if (pid)
		return pid;
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	smekvm_move_to_cpu(cpu);
	for (;;) {
		if (read(rfd, &c, 1) != 1 || write(wfd, &c, 1) != 1)
			_exit(0);
	}
}

static unsigned int start_switchers(pid_t *pids)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	unsigned int n = 0;
	int a[2], b[2];
	long c;

	for (c = 0; c < cpus && n + 2 <= MAX_SWITCHERS; c++) {
		TEST_ASSERT(!pipe(a) && !pipe(b), "pipe");
		pids[n++] = start_switcher(c, a[0], b[1]);
		pids[n++] = start_switcher(c, b[0], a[1]);
		TEST_ASSERT(write(a[1], "x", 1) == 1, "start the ping-pong");
		close(a[0]);
		close(a[1]);
		close(b[0]);
		close(b[1]);
	}
	return n;
}

/*
 * VMs alive before the first of ours, from KVM's debugfs (a directory
 * "<pid>-<fd>" each), or -1 when it cannot be read.  With one or more,
 * our VMs do not change the static key.
 */
static int vms_alive(void)
{
	DIR *d = opendir("/sys/kernel/debug/kvm");
	struct dirent *e;
	int n = 0;

	if (!d)
		return -1;
	while ((e = readdir(d)))
		n += e->d_type == DT_DIR && strchr(e->d_name, '-');
	closedir(d);
	return n;
}

/* Run one fresh VM to its end; false, with the reason printed, if not. */
static bool run_one_vm(unsigned int v, unsigned long *exits)
{
	struct kvm_vcpu *vcpu;
	struct kvm_vm *vm;
	struct ucall uc;
	unsigned int seen = 0;
	bool ok = false;
	int rc;

	vm = vm_create_with_one_vcpu(&vcpu, guest_code);
	sync_global_to_guest(vm, exits_per_vm);
	for (;;) {
		rc = _vcpu_run(vcpu);
		if (rc) {
			ksft_print_msg("VM %u: KVM_RUN failed after %u exits: errno %d, exit reason %u\n",
				       v, seen, errno, vcpu->run->exit_reason);
			break;
		}
		(*exits)++;
		if (get_ucall(vcpu, &uc) == UCALL_DONE) {
			ok = seen == exits_per_vm;
			if (!ok)
				ksft_print_msg("VM %u: %u exits, %u expected\n",
					       v, seen, exits_per_vm);
			break;
		}
		if (uc.cmd != UCALL_SYNC || uc.args[1] != seen) {
			ksft_print_msg("VM %u: exit %u: exit reason %u, ucall %lu, argument %lu\n",
				       v, seen, vcpu->run->exit_reason, uc.cmd,
				       uc.args[1]);
			break;
		}
		seen++;
		if (seen % 4)
			sched_yield();
		else
			smekvm_move_to_cpu(v + seen / 4);
	}
	kvm_vm_free(vm);
	return ok;
}

int main(void)
{
	unsigned int vms, v, good = 0;
	unsigned long exits = 0;
	pid_t pids[MAX_SWITCHERS];
	unsigned int n, i;
	int alive;

	ksft_print_header();
	ksft_set_plan(1);
	vms = smekvm_iters(10, 200, 1);
	exits_per_vm = smekvm_setting_uint("SMEKVM_EXITS", 40, 1, 100000);

	alive = vms_alive();
	ksft_print_msg("VMs alive before ours: %d%s\n", alive,
		       alive > 0 ? " (the preempt notifiers' key stays on)" : "");
	n = start_switchers(pids);
	for (v = 0; v < vms; v++)
		good += run_one_vm(v, &exits);
	for (i = 0; i < n; i++)
		kill(pids[i], SIGKILL);
	while (wait(NULL) > 0)
		;

	ksft_print_msg("%u VMs, %u ran to their end, %lu exits, %u switcher processes\n",
		       vms, good, exits, n);
	ksft_test_result(good == vms, "churn/put_load_paired\n");
	ksft_finished();
}
