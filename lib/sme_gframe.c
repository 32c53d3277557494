// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_gframe.c - the frame of the programs that run guests (see
 * sme_gframe.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <kvm_util.h>
#include <processor.h>
#include <test_util.h>

#include "case_filter.h"
#include "fp_own.h"
#include "guest_code/guest_nofp.h"
#include "guest_exc.h"
#include "host_sme_load.h"
#include "sme_el2.h"
#include "sme_gframe.h"
#include "sme_probe.h"
#include "sme_settings.h"

static const struct smekvm_gf_prog *prog;

/* What KVM offers: the VLs, and why no vcpu can have SME (or NULL). */
static struct smekvm_vls sme_vls, sve_vls;
static const char *no_sme;
static char no_sme_buf[96];
static bool all_vls, want_sme, want_sve;	/* the VLs are needed */

/* Why later VMs with SME skip: KVM_RUN refused an earlier one. */
static const char *refused;

static struct smekvm_gf_vm *vms;
static unsigned int nr_vms;

/* SMEKVM_GF_HOST_LOAD: the threads, NULL where the task may not use SME. */
static const char load_case[] = "host_sme_threads";
static struct smekvm_host_load *load;
static bool load_sel;		/* the case runs */

void smekvm_gf_report(const char *name, int result, const char *why)
{
	if (result == KSFT_SKIP)
		ksft_test_result_code(KSFT_SKIP, name, "%s", why);
	else
		ksft_test_result(result == KSFT_PASS, "%s\n", name);
}

static void gf_vfail(struct smekvm_gf_case *c, const char *fmt, va_list ap)
{
	if (!c->why[0])
		vsnprintf(c->why, sizeof(c->why), fmt, ap);
	smekvm_gf_check(c, false);
}

void smekvm_gf_fail(struct smekvm_gf_case *c, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	gf_vfail(c, fmt, ap);
	va_end(ap);
}

void smekvm_gf_expect(struct smekvm_gf_case *c, bool ok, const char *fmt, ...)
{
	va_list ap;

	if (ok) {
		smekvm_gf_check(c, true);
		return;
	}
	va_start(ap, fmt);
	gf_vfail(c, fmt, ap);
	va_end(ap);
}

SMEKVM_GUEST_NOFP void smekvm_gf_guest_start(__u64 smcr, bool sve)
{
	write_sysreg(read_sysreg(cpacr_el1) | CPACR_EL1_FPEN |
		     CPACR_EL1_ZEN | CPACR_EL1_SMEN, cpacr_el1);
	isb();
	if (smcr) {
		write_sysreg_s(smcr, SYS_SMCR_EL1);
		isb();
	}
	if (sve) {
		write_sysreg_s(ZCR_ELx_LEN, SYS_ZCR_EL1);
		isb();
	}
}

static unsigned int nr_outer(const struct smekvm_gf_group *gr)
{
	if (gr->flags & SMEKVM_GF_OWN)
		return SMEKVM_NR_OWN;
	return gr->outer ? gr->nr_outer : 1;
}

static unsigned int group_size(const struct smekvm_gf_group *gr)
{
	return nr_outer(gr) * gr->nr_inner;
}

struct smekvm_gf_case *smekvm_gf_case(struct smekvm_gf_vm *vm, unsigned int g,
				      unsigned int o, unsigned int i)
{
	const struct smekvm_gf_group *gr = &vm->kind->groups[g];
	unsigned int k, base = 0;

	TEST_ASSERT(g < vm->kind->nr_groups && o < nr_outer(gr) &&
		    i < gr->nr_inner, "no case %u/%u/%u", g, o, i);
	for (k = 0; k < g; k++)
		base += group_size(&vm->kind->groups[k]);
	return &vm->cases[base + o * gr->nr_inner + i];
}

/* Name case @c of @vm and tell whether it exists and is selected. */
static void name_case(struct smekvm_gf_vm *vm, struct smekvm_gf_case *c)
{
	const struct smekvm_gf_group *gr = &vm->kind->groups[c->g];
	const char *outer = "", *sep = "";
	char vl[16] = "", inner[64];
	bool exists = true;

	if (vm->vq && !(gr->flags & SMEKVM_GF_LARGEST))
		snprintf(vl, sizeof(vl), "%svl_%u/", vm->cfg.sme ? "s" : "",
			 vm->vq * 128);
	if (gr->flags & SMEKVM_GF_OWN) {
		outer = smekvm_fp_own[c->o].name;
		exists = smekvm_fp_own_applies(c->o, vm->cfg.sve, vm->cfg.sme);
	} else if (gr->outer) {
		outer = gr->outer[c->o];
	}
	if (*outer)
		sep = "/";
	if (gr->flags & SMEKVM_GF_LARGEST)
		exists &= vm->largest;
	if (gr->name)
		exists &= gr->name(vm, c->o, c->i, inner, sizeof(inner));
	else
		snprintf(inner, sizeof(inner), "%s", gr->inner[c->i]);
	snprintf(c->name, sizeof(c->name), "%s%s/%s%s%s%s", prog->prefix,
		 vm->name, vl, outer, sep, inner);
	c->sel = exists && smekvm_case_selected(c->name);
}

/* Add the VM of kind @k at VQ @vq; returns its selected cases. */
static unsigned int add_vm(const struct smekvm_gf_kind *k, unsigned int vq,
			   bool largest)
{
	struct smekvm_gf_vm *vm;
	unsigned int g, o, i, n = 0, sel = 0;

	vms = realloc(vms, (nr_vms + 1) * sizeof(*vms));
	TEST_ASSERT(vms, "out of memory");
	vm = &vms[nr_vms++];
	*vm = (struct smekvm_gf_vm){
		.kind = k, .cfg = k->cfg ? *k->cfg : smekvm_flavour(k->f)->cfg,
		.mix = smekvm_flavour(k->mix)->cfg, .vq = vq,
		.largest = largest,
	};
	snprintf(vm->name, sizeof(vm->name), "%s%s",
		 k->name ? k->name : smekvm_flavour_name(k->f),
		 k->suffix ? k->suffix : "");
	snprintf(vm->label, sizeof(vm->label), "%s", vm->name);
	if (vq)
		snprintf(vm->label, sizeof(vm->label), "%s %svl_%u", vm->name,
			 vm->cfg.sme ? "s" : "", vq * 128);
	for (g = 0; g < k->nr_groups; g++)
		vm->nr += group_size(&k->groups[g]);
	vm->cases = calloc(vm->nr, sizeof(*vm->cases));
	TEST_ASSERT(vm->cases, "out of memory");
	for (g = 0; g < k->nr_groups; g++) {
		for (o = 0; o < nr_outer(&k->groups[g]); o++) {
			for (i = 0; i < k->groups[g].nr_inner; i++, n++) {
				vm->cases[n].g = g;
				vm->cases[n].o = o;
				vm->cases[n].i = i;
				name_case(vm, &vm->cases[n]);
				sel += vm->cases[n].sel;
			}
		}
	}
	return sel;
}

/* Every VM of kind @k; returns their selected cases. */
static unsigned int add_kind(const struct smekvm_gf_kind *k)
{
	const struct smekvm_vls *v = k->vl == SMEKVM_GF_VL_ENDS ? &sve_vls :
							       &sme_vls;
	unsigned int vq, min = smekvm_vls_min(v), max = smekvm_vls_max(v);
	unsigned int plan = 0;
	bool at;

	if (k->vl == SMEKVM_GF_ONE)
		return add_vm(k, 0, true);
	for (vq = min; vq && vq <= max; vq++) {
		if (!smekvm_vls_has(v, vq))
			continue;
		if (k->vl == SMEKVM_GF_SVL_EACH)
			at = all_vls || vq == min || vq == max;
		else if (k->vl == SMEKVM_GF_SVL_MAX)
			at = vq == max;
		else
			at = vq == min || vq == max;
		if (at)
			plan += add_vm(k, vq, vq == max);
	}
	return plan;
}

/* The VLs KVM gives a vcpu of @cfg, read from a scratch VM. */
static void read_vls(struct smekvm_vcpu_cfg cfg, __u64 id,
		     struct smekvm_vls *v)
{
	struct kvm_vm *vm = vm_create(1);

	smekvm_get_vls(smekvm_vcpu_add(vm, 0, &cfg, NULL), id, v);
	kvm_vm_free(vm);
}

static void probe(void)
{
	const char *step;
	unsigned int i;
	int fd, ret;

	for (i = 0; i < prog->nr_kinds; i++) {
		want_sme |= prog->kinds[i].vl == SMEKVM_GF_SVL_EACH ||
			    prog->kinds[i].vl == SMEKVM_GF_SVL_MAX;
		want_sve |= prog->kinds[i].vl == SMEKVM_GF_VL_ENDS;
	}
	fd = open_kvm_dev_path_or_exit();
	ret = smekvm_probe_vcpu_init(fd, 1U << KVM_ARM_VCPU_SME, &step);
	close(fd);
	if (ret) {
		snprintf(no_sme_buf, sizeof(no_sme_buf),
			 "KVM cannot give a vcpu SME (%s with SME: %s)",
			 step, strerror(-ret));
		no_sme = no_sme_buf;
	}
	if (want_sme && !no_sme)
		read_vls((struct smekvm_vcpu_cfg){ .sme = true },
			 KVM_REG_ARM64_SME_VLS, &sme_vls);
	if (want_sve && kvm_has_cap(KVM_CAP_ARM_SVE))
		read_vls((struct smekvm_vcpu_cfg){ .sve = true },
			 KVM_REG_ARM64_SVE_VLS, &sve_vls);
	all_vls = smekvm_sweep_all_vls();
}

static void setup_vm(struct smekvm_gf_vm *vm)
{
	__u64 id = vm->cfg.sme ? KVM_REG_ARM64_SME_VLS : KVM_REG_ARM64_SVE_VLS;
	bool vec = vm->cfg.sve || vm->cfg.sme;

	if (vm->kind->lib_vcpu) {
		vm->vm = vm_create_with_one_vcpu(&vm->vcpu, prog->guest);
	} else {
		vm->vm = vm_create(1);
		vm->vcpu = smekvm_vcpu_add(vm->vm, 0, &vm->cfg, prog->guest);
		if (vm->vq) {
			smekvm_get_vls(vm->vcpu, id, &vm->vls);
			smekvm_vls_truncate(&vm->vls, vm->vq);
			smekvm_set_vls(vm->vcpu, id, &vm->vls);
		}
		if (vec)
			smekvm_vcpu_finalize(vm->vcpu);
		kvm_arch_vm_finalize_vcpus(vm->vm);
	}
	if (vec)
		smekvm_get_vls(vm->vcpu, id, &vm->vls);
	if (prog->flags & SMEKVM_GF_EXC) {
		smekvm_install_exc_recorder(vm->vm, vm->vcpu);
	} else {
		vm_init_descriptor_tables(vm->vm);
		vcpu_init_descriptor_tables(vm->vcpu);
	}
	smekvm_state_vcpu_probe(&vm->sv, vm->vcpu, &vm->cfg);
	vm->run = (struct smekvm_run){
		.vcpu = vm->vcpu, .who = vm->label, .may_refuse = vm->cfg.sme,
	};
}

/* Whether a vcpu of @vm, of its flavour or its mix, has SME. */
static bool vm_sme(const struct smekvm_gf_vm *vm)
{
	return vm->cfg.sme || vm->mix.sme;
}

/* Why the host cannot run @vm, or NULL. */
static const char *vm_lacks(const struct smekvm_gf_vm *vm)
{
	const char *why = smekvm_cfg_host_lacks(&vm->cfg);

	if (!why)
		why = smekvm_cfg_host_lacks(&vm->mix);
	if (!why && vm_sme(vm))
		why = no_sme;
	if (!why && prog->lacks)
		why = prog->lacks(vm);
	if (!why && vm_sme(vm))
		why = refused;
	return why;
}

/* Run @vm if any of its cases runs, and report them; whether it ran. */
static bool test_vm(struct smekvm_gf_vm *vm)
{
	const char *why = vm_lacks(vm);
	struct smekvm_gf_case *c, *end = vm->cases + vm->nr;
	bool own = prog->flags & SMEKVM_GF_OWN_VMS;
	bool any = false;

	for (c = vm->cases; c < end; c++) {
		if (!c->sel)
			continue;
		if (vm->kind->groups[c->g].flags & SMEKVM_GF_OWN)
			c->skip = smekvm_fp_own_host_lacks(c->o);
		any |= !c->skip;
	}
	/* The threads are checked while VMs run: alone, they run them all. */
	any |= load_sel;
	if (!why && any) {
		if (!own)
			setup_vm(vm);
		why = prog->run(vm);
		if (!own)
			kvm_vm_free(vm->vm);
		if (why) {
			ksft_print_msg("%s: %s\n", vm->label, why);
			if (vm_sme(vm))
				refused = why;
		}
	}

	for (c = vm->cases; c < end; c++) {
		if (!c->sel)
			continue;
		if (why || c->skip) {
			smekvm_gf_report(c->name, KSFT_SKIP, why ? why : c->skip);
			continue;
		}
		if (!c->ran)
			ksft_print_msg("%s: the guest did not get to it\n",
				       c->name);
		else if (c->why[0])
			ksft_print_msg("%s: %s\n", c->name, c->why);
		smekvm_gf_report(c->name, c->ran && !c->failed ? KSFT_PASS :
				 KSFT_FAIL, NULL);
	}
	return !why && any;
}

const char *smekvm_gf_loop(struct smekvm_gf_vm *vm,
			   void (*on)(struct smekvm_gf_vm *vm,
				      enum smekvm_run_event ev,
				      struct ucall *uc))
{
	enum smekvm_run_event ev;
	struct ucall uc;

	for (;;) {
		ev = smekvm_run_next(&vm->run, &uc);
		if (ev == SMEKVM_EV_REFUSED)
			return SMEKVM_RUN_REFUSED;
		vm->done = ev == SMEKVM_EV_DONE;
		if (ev != SMEKVM_EV_SYNC && ev != SMEKVM_EV_EXIT)
			return NULL;	/* done, or a guest exception (printed) */
		if (ev == SMEKVM_EV_EXIT || !smekvm_fp_own_exit(&uc))
			on(vm, ev, &uc);
	}
}

/* SMEKVM_GF_HOST_LOAD: stop the threads and report what they saw. */
static void report_load(void)
{
	unsigned long rounds, errors;
	unsigned int n;

	if (!load) {
		smekvm_gf_report(load_case, KSFT_SKIP,
				 "host task cannot use SME");
		return;
	}
	n = smekvm_host_load_stop(load, &rounds, &errors);
	ksft_print_msg("host SME threads: %u threads, %lu rounds, %lu corrupted\n",
		       n, rounds, errors);
	smekvm_gf_report(load_case, !errors && rounds ? KSFT_PASS : KSFT_FAIL,
			 NULL);
}

double smekvm_gf_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

void smekvm_gf_main(const struct smekvm_gf_prog *p)
{
	const char *el2_why = NULL;
	unsigned int i, plan = 0, ran = 0;
	char sme_fl[48], s[96];
	bool el2, sme_sel;
	double start;

	prog = p;
	if (p->flags & SMEKVM_GF_NEED_SME)
		smekvm_skip_unless_kvm_sme();
	probe();
	for (i = 0; i < p->nr_kinds; i++)
		plan += add_kind(&p->kinds[i]);
	for (i = 0; i < p->nr_lone; i++)
		plan += smekvm_case_selected(p->lone[i]);
	load_sel = (p->flags & SMEKVM_GF_HOST_LOAD) &&
		   smekvm_case_selected(load_case);
	snprintf(sme_fl, sizeof(sme_fl), "%ssme_flavours", p->prefix);
	sme_sel = (p->flags & SMEKVM_GF_SME_FLAVOURS) && no_sme &&
		  smekvm_case_selected(sme_fl);
	el2 = (p->flags & SMEKVM_GF_EL2) && smekvm_el2_sme_wanted(&el2_why) &&
	      smekvm_case_selected("el2/sme");
	plan += load_sel + sme_sel + el2;
	if (!plan)
		ksft_exit_skip("SMEKVM_CASE=%s: no such case\n",
			       smekvm_case_filter());

	ksft_print_header();
	ksft_set_plan(plan);
	if (want_sme)
		ksft_print_msg("SVLs offered: %s (VMs at %s)\n",
			       smekvm_vls_str(&sme_vls, s, sizeof(s)),
			       all_vls ? "all" : "the smallest and largest");
	if (want_sve)
		ksft_print_msg("SVE VLs offered: %s\n",
			       smekvm_vls_str(&sve_vls, s, sizeof(s)));
	if (p->start)
		p->start();
	if (load_sel)
		load = smekvm_host_load_start();
	start = smekvm_gf_now();
	for (i = 0; i < nr_vms; i++)
		ran += test_vm(&vms[i]);
	if (p->finish)
		p->finish();
	if (load_sel)
		report_load();
	if (sme_sel)
		smekvm_gf_report(sme_fl, KSFT_SKIP, no_sme);
	if (el2)
		smekvm_gf_report("el2/sme", KSFT_SKIP, el2_why);
	ksft_print_msg("%u %s in %.1f s\n", ran,
		       p->flags & SMEKVM_GF_OWN_VMS ? "runs" : "VMs",
		       smekvm_gf_now() - start);
	ksft_finished();
}
