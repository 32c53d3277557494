// SPDX-License-Identifier: GPL-2.0-only
/*
 * reg_sublists.c - the registers each vcpu feature adds to
 * KVM_GET_REG_LIST, as data (see reg_sublists.h).
 *
 * One sublist per feature, one line per register (or per numbered family
 * of registers).  Authored from `sme_get_reg_list --list` on Linux 7.2
 * under QEMU -cpu max; doc/get-reg-list.md says how to extend it.  The
 * order of the lines does not matter: the generator sorts the expected
 * list as abi-reglist-svcr-first and abi-reglist-order say.
 */
#include <stdio.h>
#include <string.h>

#include <kvm_util.h>
#include <processor.h>

#include "reg_sublists.h"
#include "sme_names.h"
#include "sme_uapi.h"

/* A system register by its sysreg-defs.h name. */
#define SR(n)	{ .id = KVM_ARM64_SYS_REG(SYS_##n), .name = #n }
/* One that has no name there (unallocated ID register space). */
#define SR_RAW(op0, op1, crn, crm, op2)					\
	{ .id = ARM64_SYS_REG(op0, op1, crn, crm, op2),			\
	  .name = "S" #op0 "_" #op1 "_C" #crn "_C" #crm "_" #op2 }
/* Numbered families: SYS_<fam>n_<el>(n), named <fam><n>_<el>. */
#define SR_N(fam, el, n)						\
	{ .id = KVM_ARM64_SYS_REG(SYS_##fam##n_##el(n)),		\
	  .name = #fam #n "_" #el }
/* Gated by an ID register field: present when idreg.field >= min. */
#define SR_GATED(n, idreg, field, min)					\
	{ .id = KVM_ARM64_SYS_REG(SYS_##n), .name = #n,			\
	  .gate_id = KVM_ARM64_SYS_REG(SYS_##idreg),			\
	  .gate_shift = idreg##_##field##_SHIFT,			\
	  .gate_min = idreg##_##field##_##min,				\
	  .gate_name = #idreg "." #field ">=" #min }
/* A register whose uAPI ID has a name of its own. */
#define UAPI(id_, name_, flags_)					\
	{ .id = (id_), .name = (name_), .flags = (flags_) }
/* Core registers, with their size. */
#define CORE(sz, field, name_)						\
	{ .id = KVM_REG_ARM64 | KVM_REG_SIZE_##sz | KVM_REG_ARM_CORE |	\
		KVM_REG_ARM_CORE_REG(field),				\
	  .name = (name_) }
#define CORE_X(n)	CORE(U64, regs.regs[n], "X" #n)
#define CORE_V(n)	CORE(U128, fp_regs.vregs[n], "V" #n)

/* Every vcpu: general-purpose and FP control core registers. */
static struct grl_reg base_regs[] = {
	CORE_X(0), CORE_X(1), CORE_X(2), CORE_X(3), CORE_X(4), CORE_X(5),
	CORE_X(6), CORE_X(7), CORE_X(8), CORE_X(9), CORE_X(10), CORE_X(11),
	CORE_X(12), CORE_X(13), CORE_X(14), CORE_X(15), CORE_X(16),
	CORE_X(17), CORE_X(18), CORE_X(19), CORE_X(20), CORE_X(21),
	CORE_X(22), CORE_X(23), CORE_X(24), CORE_X(25), CORE_X(26),
	CORE_X(27), CORE_X(28), CORE_X(29), CORE_X(30),
	CORE(U64, regs.sp, "SP_EL0"),
	CORE(U64, regs.pc, "PC"),
	CORE(U64, regs.pstate, "PSTATE"),
	CORE(U64, sp_el1, "SP_EL1"),
	CORE(U64, elr_el1, "ELR_EL1"),
	CORE(U64, spsr[0], "SPSR_EL1"),
	CORE(U64, spsr[1], "SPSR_ABT"),
	CORE(U64, spsr[2], "SPSR_UND"),
	CORE(U64, spsr[3], "SPSR_IRQ"),
	CORE(U64, spsr[4], "SPSR_FIQ"),
	CORE(U32, fp_regs.fpsr, "FPSR"),
	CORE(U32, fp_regs.fpcr, "FPCR"),

	/* Firmware pseudo-registers. */
	UAPI(KVM_REG_ARM_PSCI_VERSION, "PSCI_VERSION", 0),
	UAPI(KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_1, "SMCCC_ARCH_WORKAROUND_1", 0),
	UAPI(KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_2, "SMCCC_ARCH_WORKAROUND_2", 0),
	UAPI(KVM_REG_ARM_SMCCC_ARCH_WORKAROUND_3, "SMCCC_ARCH_WORKAROUND_3", 0),
	UAPI(KVM_REG_ARM_STD_BMAP, "STD_BMAP", 0),
	UAPI(KVM_REG_ARM_STD_HYP_BMAP, "STD_HYP_BMAP", 0),
	UAPI(KVM_REG_ARM_VENDOR_HYP_BMAP, "VENDOR_HYP_BMAP", 0),
	UAPI(KVM_REG_ARM_VENDOR_HYP_BMAP_2, "VENDOR_HYP_BMAP_2", 0),

	/*
	 * The virtual timer.  The uAPI names of CVAL and CNT have each
	 * other's encodings (uapi/asm/kvm.h): the IDs are what counts.
	 */
	UAPI(KVM_REG_ARM_TIMER_CTL, "TIMER_CTL", 0),
	UAPI(KVM_REG_ARM_TIMER_CVAL, "TIMER_CVAL", 0),
	UAPI(KVM_REG_ARM_TIMER_CNT, "TIMER_CNT", GRL_VOLATILE),

	/* Identification. */
	SR(MIDR_EL1), SR(REVIDR_EL1), SR(MPIDR_EL1), SR(CLIDR_EL1),
	SR(AIDR_EL1), SR(CTR_EL0),
	SR(ID_PFR0_EL1), SR(ID_PFR1_EL1), SR(ID_PFR2_EL1),
	SR(ID_DFR0_EL1), SR(ID_DFR1_EL1), SR(ID_AFR0_EL1),
	SR(ID_MMFR0_EL1), SR(ID_MMFR1_EL1), SR(ID_MMFR2_EL1),
	SR(ID_MMFR3_EL1), SR(ID_MMFR4_EL1), SR(ID_MMFR5_EL1),
	SR(ID_ISAR0_EL1), SR(ID_ISAR1_EL1), SR(ID_ISAR2_EL1),
	SR(ID_ISAR3_EL1), SR(ID_ISAR4_EL1), SR(ID_ISAR5_EL1),
	SR(ID_ISAR6_EL1),
	SR(MVFR0_EL1), SR(MVFR1_EL1), SR(MVFR2_EL1),
	SR_RAW(3, 0, 0, 3, 3), SR_RAW(3, 0, 0, 3, 7),
	SR(ID_AA64PFR0_EL1), SR(ID_AA64PFR1_EL1), SR(ID_AA64PFR2_EL1),
	SR_RAW(3, 0, 0, 4, 3),
	SR(ID_AA64ZFR0_EL1), SR(ID_AA64SMFR0_EL1),
	SR_RAW(3, 0, 0, 4, 6),
	SR(ID_AA64FPFR0_EL1),
	SR(ID_AA64DFR0_EL1), SR(ID_AA64DFR1_EL1), SR(ID_AA64DFR2_EL1),
	SR_RAW(3, 0, 0, 5, 3),
	SR(ID_AA64AFR0_EL1), SR(ID_AA64AFR1_EL1),
	SR_RAW(3, 0, 0, 5, 6), SR_RAW(3, 0, 0, 5, 7),
	SR(ID_AA64ISAR0_EL1), SR(ID_AA64ISAR1_EL1), SR(ID_AA64ISAR2_EL1),
	SR(ID_AA64ISAR3_EL1),
	SR_RAW(3, 0, 0, 6, 4), SR_RAW(3, 0, 0, 6, 5),
	SR_RAW(3, 0, 0, 6, 6), SR_RAW(3, 0, 0, 6, 7),
	SR(ID_AA64MMFR0_EL1), SR(ID_AA64MMFR1_EL1), SR(ID_AA64MMFR2_EL1),
	SR(ID_AA64MMFR3_EL1), SR(ID_AA64MMFR4_EL1),
	SR_RAW(3, 0, 0, 7, 5), SR_RAW(3, 0, 0, 7, 6), SR_RAW(3, 0, 0, 7, 7),

	/* Debug. */
	SR_N(DBGBVR, EL1, 0), SR_N(DBGBCR, EL1, 0),
	SR_N(DBGWVR, EL1, 0), SR_N(DBGWCR, EL1, 0),
	SR_N(DBGBVR, EL1, 1), SR_N(DBGBCR, EL1, 1),
	SR_N(DBGWVR, EL1, 1), SR_N(DBGWCR, EL1, 1),
	SR_N(DBGBVR, EL1, 2), SR_N(DBGBCR, EL1, 2),
	SR_N(DBGWVR, EL1, 2), SR_N(DBGWCR, EL1, 2),
	SR_N(DBGBVR, EL1, 3), SR_N(DBGBCR, EL1, 3),
	SR_N(DBGWVR, EL1, 3), SR_N(DBGWCR, EL1, 3),
	SR_N(DBGBVR, EL1, 4), SR_N(DBGBCR, EL1, 4),
	SR_N(DBGWVR, EL1, 4), SR_N(DBGWCR, EL1, 4),
	SR_N(DBGBVR, EL1, 5), SR_N(DBGBCR, EL1, 5),
	SR_N(DBGWVR, EL1, 5), SR_N(DBGWCR, EL1, 5),
	SR_N(DBGBVR, EL1, 6), SR_N(DBGBCR, EL1, 6),
	SR_N(DBGWVR, EL1, 6), SR_N(DBGWCR, EL1, 6),
	SR_N(DBGBVR, EL1, 7), SR_N(DBGBCR, EL1, 7),
	SR_N(DBGWVR, EL1, 7), SR_N(DBGWCR, EL1, 7),
	SR_N(DBGBVR, EL1, 8), SR_N(DBGBCR, EL1, 8),
	SR_N(DBGWVR, EL1, 8), SR_N(DBGWCR, EL1, 8),
	SR_N(DBGBVR, EL1, 9), SR_N(DBGBCR, EL1, 9),
	SR_N(DBGWVR, EL1, 9), SR_N(DBGWCR, EL1, 9),
	SR_N(DBGBVR, EL1, 10), SR_N(DBGBCR, EL1, 10),
	SR_N(DBGWVR, EL1, 10), SR_N(DBGWCR, EL1, 10),
	SR_N(DBGBVR, EL1, 11), SR_N(DBGBCR, EL1, 11),
	SR_N(DBGWVR, EL1, 11), SR_N(DBGWCR, EL1, 11),
	SR_N(DBGBVR, EL1, 12), SR_N(DBGBCR, EL1, 12),
	SR_N(DBGWVR, EL1, 12), SR_N(DBGWCR, EL1, 12),
	SR_N(DBGBVR, EL1, 13), SR_N(DBGBCR, EL1, 13),
	SR_N(DBGWVR, EL1, 13), SR_N(DBGWCR, EL1, 13),
	SR_N(DBGBVR, EL1, 14), SR_N(DBGBCR, EL1, 14),
	SR_N(DBGWVR, EL1, 14), SR_N(DBGWCR, EL1, 14),
	SR_N(DBGBVR, EL1, 15), SR_N(DBGBCR, EL1, 15),
	SR_N(DBGWVR, EL1, 15), SR_N(DBGWCR, EL1, 15),
	SR(MDCCINT_EL1), SR(MDSCR_EL1), SR(OSLSR_EL1), SR(DBGVCR32_EL2),

	/* EL1 and EL0 state. */
	SR(SCTLR_EL1), SR(ACTLR_EL1), SR(CPACR_EL1),
	SR(TTBR0_EL1), SR(TTBR1_EL1), SR(TCR_EL1),
	SR(AFSR0_EL1), SR(AFSR1_EL1), SR(ESR_EL1), SR(FAR_EL1),
	SR(PAR_EL1), SR(MAIR_EL1), SR(AMAIR_EL1), SR(VBAR_EL1),
	SR(DISR_EL1), SR(CONTEXTIDR_EL1), SR(TPIDR_EL1), SR(CNTKCTL_EL1),
	SR(CSSELR_EL1), SR(TPIDR_EL0), SR(TPIDRRO_EL0),
	UAPI(KVM_ARM64_SYS_REG(SYS_CNTPCT_EL0), "CNTPCT_EL0", GRL_VOLATILE),
	SR(CNTP_CTL_EL0), SR(CNTP_CVAL_EL0),
	/* AArch32 state kept for 32-bit EL0. */
	SR(DACR32_EL2), SR(IFSR32_EL2), SR(FPEXC32_EL2),
};

/* EL1 and EL0 registers that exist when the VM's ID registers say so. */
static struct grl_reg id_gated_regs[] = {
	SR_GATED(SCTLR2_EL1, ID_AA64MMFR3_EL1, SCTLRX, IMP),
	SR_GATED(TCR2_EL1, ID_AA64MMFR3_EL1, TCRX, IMP),
	SR_GATED(PIRE0_EL1, ID_AA64MMFR3_EL1, S1PIE, IMP),
	SR_GATED(PIR_EL1, ID_AA64MMFR3_EL1, S1PIE, IMP),
	SR_GATED(POR_EL1, ID_AA64MMFR3_EL1, S1POE, IMP),
	SR_GATED(POR_EL0, ID_AA64MMFR3_EL1, S1POE, IMP),
	SR_GATED(FPMR, ID_AA64PFR2_EL1, FPMR, IMP),
};

/* FPSIMD V0-V31 as core registers (when sme_model.h says they are). */
static struct grl_reg vregs[] = {
	CORE_V(0), CORE_V(1), CORE_V(2), CORE_V(3), CORE_V(4), CORE_V(5),
	CORE_V(6), CORE_V(7), CORE_V(8), CORE_V(9), CORE_V(10), CORE_V(11),
	CORE_V(12), CORE_V(13), CORE_V(14), CORE_V(15), CORE_V(16),
	CORE_V(17), CORE_V(18), CORE_V(19), CORE_V(20), CORE_V(21),
	CORE_V(22), CORE_V(23), CORE_V(24), CORE_V(25), CORE_V(26),
	CORE_V(27), CORE_V(28), CORE_V(29), CORE_V(30), CORE_V(31),
};

static struct grl_reg pmu_regs[] = {
	SR(PMINTENSET_EL1), SR(PMINTENCLR_EL1),
	SR(PMCR_EL0), SR(PMCNTENSET_EL0), SR(PMCNTENCLR_EL0),
	SR(PMOVSCLR_EL0), SR(PMOVSSET_EL0), SR(PMSWINC_EL0),
	SR(PMSELR_EL0), SR(PMCCNTR_EL0), SR(PMUSERENR_EL0),
	SR(PMCCFILTR_EL0),
	SR_N(PMEVCNTR, EL0, 0), SR_N(PMEVTYPER, EL0, 0),
	SR_N(PMEVCNTR, EL0, 1), SR_N(PMEVTYPER, EL0, 1),
	SR_N(PMEVCNTR, EL0, 2), SR_N(PMEVTYPER, EL0, 2),
	SR_N(PMEVCNTR, EL0, 3), SR_N(PMEVTYPER, EL0, 3),
	SR_N(PMEVCNTR, EL0, 4), SR_N(PMEVTYPER, EL0, 4),
	SR_N(PMEVCNTR, EL0, 5), SR_N(PMEVTYPER, EL0, 5),
	SR_N(PMEVCNTR, EL0, 6), SR_N(PMEVTYPER, EL0, 6),
	SR_N(PMEVCNTR, EL0, 7), SR_N(PMEVTYPER, EL0, 7),
	SR_N(PMEVCNTR, EL0, 8), SR_N(PMEVTYPER, EL0, 8),
	SR_N(PMEVCNTR, EL0, 9), SR_N(PMEVTYPER, EL0, 9),
	SR_N(PMEVCNTR, EL0, 10), SR_N(PMEVTYPER, EL0, 10),
	SR_N(PMEVCNTR, EL0, 11), SR_N(PMEVTYPER, EL0, 11),
	SR_N(PMEVCNTR, EL0, 12), SR_N(PMEVTYPER, EL0, 12),
	SR_N(PMEVCNTR, EL0, 13), SR_N(PMEVTYPER, EL0, 13),
	SR_N(PMEVCNTR, EL0, 14), SR_N(PMEVTYPER, EL0, 14),
	SR_N(PMEVCNTR, EL0, 15), SR_N(PMEVTYPER, EL0, 15),
	SR_N(PMEVCNTR, EL0, 16), SR_N(PMEVTYPER, EL0, 16),
	SR_N(PMEVCNTR, EL0, 17), SR_N(PMEVTYPER, EL0, 17),
	SR_N(PMEVCNTR, EL0, 18), SR_N(PMEVTYPER, EL0, 18),
	SR_N(PMEVCNTR, EL0, 19), SR_N(PMEVTYPER, EL0, 19),
	SR_N(PMEVCNTR, EL0, 20), SR_N(PMEVTYPER, EL0, 20),
	SR_N(PMEVCNTR, EL0, 21), SR_N(PMEVTYPER, EL0, 21),
	SR_N(PMEVCNTR, EL0, 22), SR_N(PMEVTYPER, EL0, 22),
	SR_N(PMEVCNTR, EL0, 23), SR_N(PMEVTYPER, EL0, 23),
	SR_N(PMEVCNTR, EL0, 24), SR_N(PMEVTYPER, EL0, 24),
	SR_N(PMEVCNTR, EL0, 25), SR_N(PMEVTYPER, EL0, 25),
	SR_N(PMEVCNTR, EL0, 26), SR_N(PMEVTYPER, EL0, 26),
	SR_N(PMEVCNTR, EL0, 27), SR_N(PMEVTYPER, EL0, 27),
	SR_N(PMEVCNTR, EL0, 28), SR_N(PMEVTYPER, EL0, 28),
	SR_N(PMEVCNTR, EL0, 29), SR_N(PMEVTYPER, EL0, 29),
	SR_N(PMEVCNTR, EL0, 30), SR_N(PMEVTYPER, EL0, 30),
};

/* SVE system registers; SVE_VLS, Z, P and FFR come from sme_model.h. */
static struct grl_reg sve_regs[] = {
	SR(ZCR_EL1),
	UAPI(KVM_REG_ARM64_SVE_VLS, "SVE_VLS", GRL_FROM_MODEL | GRL_REJECTS_SET),
};

/* SME system registers; SME_VLS, ZA and ZT0 come from sme_model.h. */
static struct grl_reg sme_regs[] = {
	SR(SVCR), SR(SMCR_EL1), SR(SMPRI_EL1), SR(SMIDR_EL1), SR(TPIDR2_EL0),
	UAPI(KVM_REG_ARM64_SME_VLS, "SME_VLS", GRL_FROM_MODEL | GRL_REJECTS_SET),
};

static struct grl_reg pauth_address_regs[] = {
	SR(APIAKEYLO_EL1), SR(APIAKEYHI_EL1),
	SR(APIBKEYLO_EL1), SR(APIBKEYHI_EL1),
	SR(APDAKEYLO_EL1), SR(APDAKEYHI_EL1),
	SR(APDBKEYLO_EL1), SR(APDBKEYHI_EL1),
};

static struct grl_reg pauth_generic_regs[] = {
	SR(APGAKEYLO_EL1), SR(APGAKEYHI_EL1),
};

/* A guest hypervisor's EL2 state. */
static struct grl_reg el2_regs[] = {
	SR(VPIDR_EL2), SR(VMPIDR_EL2), SR(SCTLR_EL2), SR(ACTLR_EL2),
	SR(HCR_EL2), SR(MDCR_EL2), SR(CPTR_EL2), SR(HSTR_EL2),
	SR(HACR_EL2), SR(TTBR0_EL2), SR(TTBR1_EL2), SR(TCR_EL2),
	SR(VTTBR_EL2), SR(VTCR_EL2), SR(SPSR_EL2), SR(ELR_EL2),
	SR(AFSR0_EL2), SR(AFSR1_EL2), SR(ESR_EL2), SR(FAR_EL2),
	SR(HPFAR_EL2), SR(MAIR_EL2), SR(AMAIR_EL2), SR(VBAR_EL2),
	SR(CONTEXTIDR_EL2), SR(TPIDR_EL2), SR(CNTVOFF_EL2),
	SR(CNTHCTL_EL2), SR(CNTHP_CTL_EL2), SR(CNTHP_CVAL_EL2), SR(SP_EL2),
	SR_GATED(SCTLR2_EL2, ID_AA64MMFR3_EL1, SCTLRX, IMP),
	SR_GATED(TCR2_EL2, ID_AA64MMFR3_EL1, TCRX, IMP),
	SR_GATED(PIRE0_EL2, ID_AA64MMFR3_EL1, S1PIE, IMP),
	SR_GATED(PIR_EL2, ID_AA64MMFR3_EL1, S1PIE, IMP),
	SR_GATED(POR_EL2, ID_AA64MMFR3_EL1, S1POE, IMP),
	SR_GATED(HCRX_EL2, ID_AA64MMFR1_EL1, HCX, IMP),
	SR_GATED(HFGRTR_EL2, ID_AA64MMFR0_EL1, FGT, IMP),
	SR_GATED(HFGWTR_EL2, ID_AA64MMFR0_EL1, FGT, IMP),
	SR_GATED(HFGITR_EL2, ID_AA64MMFR0_EL1, FGT, IMP),
	SR_GATED(HDFGRTR_EL2, ID_AA64MMFR0_EL1, FGT, IMP),
	SR_GATED(HDFGWTR_EL2, ID_AA64MMFR0_EL1, FGT, IMP),
	SR_GATED(HAFGRTR_EL2, ID_AA64MMFR0_EL1, FGT, IMP),
	SR_GATED(HFGRTR2_EL2, ID_AA64MMFR0_EL1, FGT, FGT2),
	SR_GATED(HFGWTR2_EL2, ID_AA64MMFR0_EL1, FGT, FGT2),
	SR_GATED(HFGITR2_EL2, ID_AA64MMFR0_EL1, FGT, FGT2),
	SR_GATED(HDFGRTR2_EL2, ID_AA64MMFR0_EL1, FGT, FGT2),
	SR_GATED(HDFGWTR2_EL2, ID_AA64MMFR0_EL1, FGT, FGT2),
	SR_GATED(ZCR_EL2, ID_AA64PFR0_EL1, SVE, IMP),
	SR_GATED(VDISR_EL2, ID_AA64PFR0_EL1, RAS, IMP),
	SR_GATED(VSESR_EL2, ID_AA64PFR0_EL1, RAS, IMP),
	SR_GATED(VNCR_EL2, ID_AA64MMFR4_EL1, NV_frac, NV2_ONLY),
	SR_GATED(CNTHV_CTL_EL2, ID_AA64MMFR1_EL1, VH, IMP),
	SR_GATED(CNTHV_CVAL_EL2, ID_AA64MMFR1_EL1, VH, IMP),
};

/* A guest hypervisor limited to E2H RES0: nothing of its own. */
static struct grl_reg el2_e2h0_regs[] = {};

/* SME of a guest hypervisor (not offered by our kernel: those skip). */
static struct grl_reg sme_el2_regs[] = {
	SR(SMCR_EL2), SR(SMPRIMAP_EL2),
};

struct grl_sublist grl_sublists[] = {
	{ .name = "base", .needs = 0, .when = GRL_WHEN_ALL,
	  .regs = base_regs, .nr = ARRAY_SIZE(base_regs) },
	{ .name = "id_gated", .needs = 0, .when = GRL_WHEN_ALL,
	  .regs = id_gated_regs, .nr = ARRAY_SIZE(id_gated_regs) },
	{ .name = "vregs", .needs = 0, .when = GRL_WHEN_CORE_VREGS,
	  .regs = vregs, .nr = ARRAY_SIZE(vregs) },
	{ .name = "pmu", .needs = GRL_F_PMU, .when = GRL_WHEN_ALL,
	  .regs = pmu_regs, .nr = ARRAY_SIZE(pmu_regs) },
	{ .name = "sve", .needs = GRL_F_SVE, .when = GRL_WHEN_ALL,
	  .regs = sve_regs, .nr = ARRAY_SIZE(sve_regs) },
	{ .name = "sme", .needs = GRL_F_SME, .when = GRL_WHEN_ALL,
	  .regs = sme_regs, .nr = ARRAY_SIZE(sme_regs) },
	{ .name = "pauth_address", .needs = GRL_F_PAUTH, .when = GRL_WHEN_ALL,
	  .regs = pauth_address_regs, .nr = ARRAY_SIZE(pauth_address_regs) },
	{ .name = "pauth_generic", .needs = GRL_F_PAUTH, .when = GRL_WHEN_ALL,
	  .regs = pauth_generic_regs, .nr = ARRAY_SIZE(pauth_generic_regs) },
	{ .name = "el2", .needs = GRL_F_EL2, .when = GRL_WHEN_ALL,
	  .regs = el2_regs, .nr = ARRAY_SIZE(el2_regs) },
	{ .name = "el2_e2h0",
	  .needs = GRL_F_EL2 | GRL_F_E2H0, .when = GRL_WHEN_ALL,
	  .regs = el2_e2h0_regs, .nr = ARRAY_SIZE(el2_e2h0_regs) },
	{ .name = "sme_el2",
	  .needs = GRL_F_SME | GRL_F_EL2, .when = GRL_WHEN_ALL,
	  .regs = sme_el2_regs, .nr = ARRAY_SIZE(sme_el2_regs) },
};

const size_t grl_nr_sublists = ARRAY_SIZE(grl_sublists);

struct grl_sublist *grl_sublist_find(const char *name)
{
	size_t i;

	for (i = 0; i < grl_nr_sublists; i++)
		if (!strcmp(grl_sublists[i].name, name))
			return &grl_sublists[i];
	return NULL;
}

const struct grl_reg *grl_reg_find(__u64 id, const struct grl_sublist **s)
{
	size_t i, j;

	for (i = 0; i < grl_nr_sublists; i++) {
		for (j = 0; j < grl_sublists[i].nr; j++) {
			if (grl_sublists[i].regs[j].id != id)
				continue;
			if (s)
				*s = &grl_sublists[i];
			return &grl_sublists[i].regs[j];
		}
	}
	return NULL;
}

#define SYSREG_FIELD(id, f)						\
	((unsigned int)(((id) & KVM_REG_ARM64_SYSREG_##f##_MASK) >>	\
			KVM_REG_ARM64_SYSREG_##f##_SHIFT))

void grl_print_data_line(__u64 id, const char *comment)
{
	const struct grl_sublist *s;
	const struct grl_reg *r = grl_reg_find(id, &s);
	char name[64];

	if (r) {
		printf("\t/* %s: in sublist %s */\n", r->name, s->name);
		return;
	}
	smekvm_reg_name(id, name, sizeof(name));
	if ((id & KVM_REG_ARM_COPROC_MASK) == KVM_REG_ARM64_SYSREG)
		/* SR(<name>) when sysreg-defs.h has a name for it */
		printf("\tSR_RAW(%u, %u, %u, %u, %u),\t/* %s%s */\n",
		       SYSREG_FIELD(id, OP0), SYSREG_FIELD(id, OP1),
		       SYSREG_FIELD(id, CRN), SYSREG_FIELD(id, CRM),
		       SYSREG_FIELD(id, OP2), name, comment);
	else
		printf("\tUAPI(0x%llx, \"%s\", 0),\t/*%s */\n",
		       (unsigned long long)id, name, comment);
}
