// SPDX-License-Identifier: GPL-2.0-only
/*
 * sme_state_img.c - tagged register images for the state payloads, laid
 * out as the model says (smekvm_img_geom()).
 */
#include "sme_state_img.h"

struct smekvm_img_geom smekvm_img_geom(const struct smekvm_model_cfg *cfg,
				       __u64 svcr)
{
	struct smekvm_img_geom g = {
		.svl = SMEKVM_ZA_ROW_BYTES(cfg->sme_vq),
	};

	if (svcr & SMEKVM_SVCR_SM)
		g.flags |= SMEKVM_SL_SM;
	if (smekvm_model_has_zp(cfg, svcr))
		g.flags |= SMEKVM_SL_ZP;
	if (smekvm_model_has_core_vregs(cfg, svcr))
		g.flags |= SMEKVM_SL_V;
	if (smekvm_model_has_ffr(cfg, svcr))
		g.flags |= SMEKVM_SL_FFR;
	if (smekvm_model_has_za(cfg, svcr))
		g.flags |= SMEKVM_SL_ZA;
	if (smekvm_model_has_zt0(cfg, svcr))
		g.flags |= SMEKVM_SL_ZT0;
	g.zbytes = smekvm_model_state_bytes(cfg, svcr,
					    g.flags & SMEKVM_SL_ZP ?
					    KVM_REG_ARM64_SVE_ZREG(0, 0) :
					    SMEKVM_VREG(0));
	return g;
}

unsigned int smekvm_img_classes(const struct smekvm_img_geom *g,
				struct smekvm_img_class *c)
{
	/* P and FFR at the VQ of Z (sme_model.h) */
	size_t pbytes = SMEKVM_PREG_BYTES(g->zbytes / 16);
	unsigned int n = 0;

	if (g->flags & SMEKVM_SL_ZP) {
		c[n++] = (struct smekvm_img_class){ SMEKVM_CLS_Z, 32,
						    g->zbytes };
		c[n++] = (struct smekvm_img_class){ SMEKVM_CLS_P, 16, pbytes };
	} else if (g->flags & SMEKVM_SL_V) {
		c[n++] = (struct smekvm_img_class){ SMEKVM_CLS_V, 32,
						    SMEKVM_VREG_BYTES };
	}
	if (g->flags & SMEKVM_SL_FFR)
		c[n++] = (struct smekvm_img_class){ SMEKVM_CLS_FFR, 1, pbytes };
	if (g->flags & SMEKVM_SL_ZA)
		c[n++] = (struct smekvm_img_class){ SMEKVM_CLS_ZA, g->svl,
						    g->svl };
	if (g->flags & SMEKVM_SL_ZT0)
		c[n++] = (struct smekvm_img_class){ SMEKVM_CLS_ZT0, 1,
						    SMEKVM_ZT0_BYTES };
	return n;
}

__u8 *smekvm_img_slot(struct smekvm_gregs *img, enum smekvm_pattern_class cls,
		      unsigned int reg)
{
	switch (cls) {
	case SMEKVM_CLS_V:
	case SMEKVM_CLS_Z:
		return img->z[reg];
	case SMEKVM_CLS_P:
		return img->p[reg];
	case SMEKVM_CLS_FFR:
		return img->ffr;
	case SMEKVM_CLS_ZA:
		return img->za[reg];
	default:
		return img->zt0;
	}
}

__u32 smekvm_img_tag(const struct smekvm_img_owner *o,
		     enum smekvm_pattern_class cls, unsigned int reg)
{
	return smekvm_tag(o->vcpu, o->gen, cls, (o->vm & 0xf) << 12 | reg);
}

void smekvm_img_expected(void *buf, size_t bytes,
			 const struct smekvm_img_owner *o,
			 enum smekvm_pattern_class cls, unsigned int reg)
{
	smekvm_pattern_fill_reg(buf, bytes, cls, smekvm_img_tag(o, cls, reg));
}

void smekvm_img_fill(struct smekvm_gregs *img, const struct smekvm_img_geom *g,
		     const struct smekvm_img_owner *o)
{
	struct smekvm_img_class c[SMEKVM_IMG_MAX_CLASSES];
	unsigned int i, n, reg;

	n = smekvm_img_classes(g, c);
	for (i = 0; i < n; i++)
		for (reg = 0; reg < c[i].count; reg++)
			smekvm_img_expected(smekvm_img_slot(img, c[i].cls, reg),
					    c[i].bytes, o, c[i].cls, reg);
}

bool smekvm_img_check(struct smekvm_gregs *img,
		      const struct smekvm_img_geom *g,
		      const struct smekvm_img_owner *o,
		      struct smekvm_img_diff *d)
{
	static const __u8 zero[SMEKVM_GREGS_ZSLOT];
	struct smekvm_img_class c[SMEKVM_IMG_MAX_CLASSES];
	__u8 pattern[SMEKVM_GREGS_ZSLOT];
	const __u8 *want = o ? pattern : zero;
	unsigned int i, n, reg;
	__u8 *got;
	long off;

	n = smekvm_img_classes(g, c);
	for (i = 0; i < n; i++) {
		for (reg = 0; reg < c[i].count; reg++) {
			got = smekvm_img_slot(img, c[i].cls, reg);
			if (o)
				smekvm_img_expected(pattern, c[i].bytes, o,
						    c[i].cls, reg);
			off = smekvm_first_diff(got, want, c[i].bytes);
			if (off < 0)
				continue;
			d->cls = c[i].cls;
			d->reg = reg;
			d->off = off;
			d->got = got[off];
			d->want = want[off];
			return false;
		}
	}
	return true;
}

/* The model's class of each pattern class. */
static const enum smekvm_reg_class model_class[] = {
	[SMEKVM_CLS_V] = SMEKVM_RC_V, [SMEKVM_CLS_Z] = SMEKVM_RC_Z,
	[SMEKVM_CLS_P] = SMEKVM_RC_P, [SMEKVM_CLS_FFR] = SMEKVM_RC_FFR,
	[SMEKVM_CLS_ZA] = SMEKVM_RC_ZA, [SMEKVM_CLS_ZT0] = SMEKVM_RC_ZT0,
};

__u64 smekvm_img_reg_id(enum smekvm_pattern_class cls, unsigned int reg)
{
	return smekvm_model_reg_id(model_class[cls], reg);
}
