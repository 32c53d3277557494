/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * sme_state_img.h - tagged register images for the state payloads.
 *
 * A register image (struct smekvm_gregs) holds what a payload of
 * guest_code/sme_state_loop.h loads or stores.  These helpers fill one
 * with patterns of lib/sme_pattern.h and find the first byte that differs
 * from them, for whichever registers a set of SMEKVM_SL_* flags selects.
 * The tag names the VM (high bits of the register number), the vcpu, the
 * generation, the class and the register or ZA row, so that a byte found
 * in the wrong place tells where it came from.
 *
 * Which registers an SVCR state has, and their sizes, come from the
 * model (smekvm_img_geom(), lib/sme_model.h).
 *
 * Plain C: the guest uses it as well as the host (never in streaming
 * mode).
 */
#ifndef SMEKVM_SME_STATE_IMG_H
#define SMEKVM_SME_STATE_IMG_H

#include <stdbool.h>
#include <stddef.h>
#include <linux/types.h>

#include "sme_model.h"
#include "sme_pattern.h"
#include "guest_code/sme_state_loop.h"

/* Who a pattern belongs to. */
struct smekvm_img_owner {
	unsigned int vm;	/* 0..15 */
	unsigned int vcpu;	/* 0..15 */
	unsigned int gen;	/* 0..255 used */
};

/* The vector lengths an image is laid out for, in bytes. */
struct smekvm_img_geom {
	__u64 flags;		/* SMEKVM_SL_* */
	__u64 zbytes;		/* Z (16 for V registers) */
	__u64 svl;		/* ZA row bytes and number of rows */
};

/*
 * The geometry of the registers that hold state in SVCR state @svcr of a
 * vcpu (or of the host's CPU) with @cfg, as the model has them: the
 * SMEKVM_SL_SM, _ZP, _V, _FFR, _ZA and _ZT0 flags of the registers that
 * exist, @zbytes the size of Z (or V) and @svl that of a ZA row.  @svcr:
 * as for smekvm_model_has_zp().  Guest code may call it too (the model is
 * plain C).
 */
struct smekvm_img_geom smekvm_img_geom(const struct smekvm_model_cfg *cfg,
				       __u64 svcr);

/* One class of registers of an image. */
struct smekvm_img_class {
	enum smekvm_pattern_class cls;
	unsigned int count;
	size_t bytes;
};

#define SMEKVM_IMG_MAX_CLASSES	6

/* The classes @g selects, in load order; returns how many. */
unsigned int smekvm_img_classes(const struct smekvm_img_geom *g,
				struct smekvm_img_class *c);

/* Where register @reg of @cls is in @img. */
__u8 *smekvm_img_slot(struct smekvm_gregs *img, enum smekvm_pattern_class cls,
		      unsigned int reg);

/* The ONE_REG ID of register @reg of @cls (smekvm_model_reg_id()). */
__u64 smekvm_img_reg_id(enum smekvm_pattern_class cls, unsigned int reg);

/* The tag of register @reg of @cls of @o. */
__u32 smekvm_img_tag(const struct smekvm_img_owner *o,
		     enum smekvm_pattern_class cls, unsigned int reg);

/* The expected @bytes of one register of @o. */
void smekvm_img_expected(void *buf, size_t bytes,
			 const struct smekvm_img_owner *o,
			 enum smekvm_pattern_class cls, unsigned int reg);

/* Fill every register @g selects with @o's patterns. */
void smekvm_img_fill(struct smekvm_gregs *img, const struct smekvm_img_geom *g,
		     const struct smekvm_img_owner *o);

/* The first wrong byte of an image. */
struct smekvm_img_diff {
	enum smekvm_pattern_class cls;
	unsigned int reg;
	long off;
	__u8 got, want;
};

/*
 * Compare every register @g selects with @o's patterns (with zero when @o
 * is NULL); false and the first wrong byte in @d if one differs.
 */
bool smekvm_img_check(struct smekvm_gregs *img,
		      const struct smekvm_img_geom *g,
		      const struct smekvm_img_owner *o,
		      struct smekvm_img_diff *d);

#endif /* SMEKVM_SME_STATE_IMG_H */
