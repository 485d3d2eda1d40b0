// SPDX-License-Identifier: GPL-2.0
/*
 * PCI configuration space of a front-end device: a type 0 header, BARs
 * sized from the personality's layout, and a capability chain PM -> MSI-X
 * -> PCI Express (version 2, endpoint, FLR capable). The extended space
 * (0x100-0xfff) holds no capability and reads as zero.
 *
 * Each byte carries a write mask and a write-1-to-clear mask, so the guest
 * can change only what real hardware lets it change; everything else is
 * read-only. Sizing a BAR works the usual way: write all ones, read back
 * ~(size - 1) with the type bits.
 */
#include <linux/bits.h>
#include <linux/pci_regs.h>
#include <linux/string.h>

#include "fe.h"

static void cfg_set(u8 *arr, u32 off, int size, u32 val)
{
	int i;

	for (i = 0; i < size; i++)
		arr[off + i] = val >> (8 * i);
}

static void cfg_init_bars(struct nitro_fe_config *cfg,
			  const struct nitro_personality *p)
{
	int i;

	for (i = 0; i < NITRO_DEV_NR_BARS; i++) {
		const struct nitro_bar_layout *b = &p->bars[i];
		u32 off = PCI_BASE_ADDRESS_0 + 4 * i;
		u32 flags = PCI_BASE_ADDRESS_SPACE_MEMORY;

		if (!b->size)
			continue;
		if (b->is_64bit)
			flags |= PCI_BASE_ADDRESS_MEM_TYPE_64;
		if (b->prefetchable)
			flags |= PCI_BASE_ADDRESS_MEM_PREFETCH;
		cfg_set(cfg->bytes, off, 4, flags);
		cfg_set(cfg->wmask, off, 4, ~(b->size - 1) & PCI_BASE_ADDRESS_MEM_MASK);
		if (b->is_64bit) {
			/* The high half: every bit, as the BAR is below 4 GiB. */
			cfg_set(cfg->wmask, off + 4, 4, 0xffffffff);
			i++;
		}
	}
}

static void cfg_init_caps(struct nitro_fe_config *cfg,
			  const struct nitro_personality *p)
{
	u8 after_pm = p->msix_vectors ? NITRO_FE_CAP_MSIX : NITRO_FE_CAP_PCIE;
	u32 pos;

	cfg_set(cfg->bytes, PCI_CAPABILITY_LIST, 1, NITRO_FE_CAP_PM);

	/* Power management: D0 and D3hot; D3hot -> D0 keeps the state. */
	pos = NITRO_FE_CAP_PM;
	cfg_set(cfg->bytes, pos + PCI_CAP_LIST_ID, 1, PCI_CAP_ID_PM);
	cfg_set(cfg->bytes, pos + PCI_CAP_LIST_NEXT, 1, after_pm);
	cfg_set(cfg->bytes, pos + PCI_PM_PMC, 2, 3);	/* version 1.2 */
	cfg_set(cfg->bytes, pos + PCI_PM_CTRL, 2, PCI_PM_CTRL_NO_SOFT_RESET);
	cfg_set(cfg->wmask, pos + PCI_PM_CTRL, 2, PCI_PM_CTRL_STATE_MASK);

	if (p->msix_vectors) {
		pos = NITRO_FE_CAP_MSIX;
		cfg_set(cfg->bytes, pos + PCI_CAP_LIST_ID, 1, PCI_CAP_ID_MSIX);
		cfg_set(cfg->bytes, pos + PCI_CAP_LIST_NEXT, 1, NITRO_FE_CAP_PCIE);
		cfg_set(cfg->bytes, pos + PCI_MSIX_FLAGS, 2, p->msix_vectors - 1);
		cfg_set(cfg->wmask, pos + PCI_MSIX_FLAGS, 2,
			PCI_MSIX_FLAGS_ENABLE | PCI_MSIX_FLAGS_MASKALL);
		cfg_set(cfg->bytes, pos + PCI_MSIX_TABLE, 4,
			p->msix_table_offset | p->msix_bar);
		cfg_set(cfg->bytes, pos + PCI_MSIX_PBA, 4,
			p->msix_pba_offset | p->msix_bar);
	}

	pos = NITRO_FE_CAP_PCIE;
	cfg_set(cfg->bytes, pos + PCI_CAP_LIST_ID, 1, PCI_CAP_ID_EXP);
	cfg_set(cfg->bytes, pos + PCI_CAP_LIST_NEXT, 1, 0);
	cfg_set(cfg->bytes, pos + PCI_EXP_FLAGS, 2,
		2 | (PCI_EXP_TYPE_ENDPOINT << 4));
	/* 128-byte payloads, role-based error reporting, FLR. */
	cfg_set(cfg->bytes, pos + PCI_EXP_DEVCAP, 4,
		PCI_EXP_DEVCAP_RBER | PCI_EXP_DEVCAP_FLR);
	/* Reset value of the spec: relaxed ordering, no snoop, 512 B reads. */
	cfg_set(cfg->bytes, pos + PCI_EXP_DEVCTL, 2,
		PCI_EXP_DEVCTL_RELAX_EN | PCI_EXP_DEVCTL_NOSNOOP_EN | 0x2000);
	cfg_set(cfg->wmask, pos + PCI_EXP_DEVCTL, 2, 0x7fff);
	cfg_set(cfg->w1c, pos + PCI_EXP_DEVSTA, 2, 0x000f);
	/* One lane at 2.5 GT/s, trained. */
	cfg_set(cfg->bytes, pos + PCI_EXP_LNKCAP, 4, 0x11);
	cfg_set(cfg->wmask, pos + PCI_EXP_LNKCTL, 2,
		PCI_EXP_LNKCTL_ASPMC | PCI_EXP_LNKCTL_CCC | PCI_EXP_LNKCTL_ES);
	cfg_set(cfg->bytes, pos + PCI_EXP_LNKSTA, 2, 0x11);
	cfg_set(cfg->wmask, pos + PCI_EXP_DEVCTL2, 2, PCI_EXP_DEVCTL2_COMP_TIMEOUT |
		PCI_EXP_DEVCTL2_COMP_TMOUT_DIS);
	cfg_set(cfg->bytes, pos + PCI_EXP_LNKCAP2, 4, PCI_EXP_LNKCAP2_SLS_2_5GB);
	cfg_set(cfg->bytes, pos + PCI_EXP_LNKCTL2, 2, 1);
}

/**
 * nitro_fe_config_init() - build the config space of a personality's device
 * @cfg: the config space
 * @p: a personality that passed nitro_fe_validate()
 */
void nitro_fe_config_init(struct nitro_fe_config *cfg,
			  const struct nitro_personality *p)
{
	memset(cfg, 0, sizeof(*cfg));

	cfg_set(cfg->bytes, PCI_VENDOR_ID, 2, p->id.vendor);
	cfg_set(cfg->bytes, PCI_DEVICE_ID, 2, p->id.device);
	cfg_set(cfg->wmask, PCI_COMMAND, 2,
		PCI_COMMAND_MEMORY | PCI_COMMAND_MASTER | PCI_COMMAND_PARITY |
		PCI_COMMAND_SERR | PCI_COMMAND_INTX_DISABLE);
	cfg_set(cfg->bytes, PCI_STATUS, 2, PCI_STATUS_CAP_LIST);
	cfg_set(cfg->w1c, PCI_STATUS, 2,
		PCI_STATUS_PARITY | PCI_STATUS_SIG_TARGET_ABORT |
		PCI_STATUS_REC_TARGET_ABORT | PCI_STATUS_REC_MASTER_ABORT |
		PCI_STATUS_SIG_SYSTEM_ERROR | PCI_STATUS_DETECTED_PARITY);
	cfg_set(cfg->bytes, PCI_CLASS_REVISION, 4,
		p->id.class_code << 8 | p->id.revision);
	cfg_set(cfg->wmask, PCI_CACHE_LINE_SIZE, 1, 0xff);
	cfg_set(cfg->bytes, PCI_HEADER_TYPE, 1, PCI_HEADER_TYPE_NORMAL);
	cfg_init_bars(cfg, p);
	cfg_set(cfg->bytes, PCI_SUBSYSTEM_VENDOR_ID, 2, p->id.subsys_vendor);
	cfg_set(cfg->bytes, PCI_SUBSYSTEM_ID, 2, p->id.subsys_device);
	cfg_set(cfg->wmask, PCI_INTERRUPT_LINE, 1, 0xff);
	cfg_set(cfg->bytes, PCI_INTERRUPT_PIN, 1, 1);	/* INTA# */
	cfg_init_caps(cfg, p);

	memcpy(cfg->reset, cfg->bytes, sizeof(cfg->reset));
}

/*
 * Function-level reset (or VFIO_DEVICE_RESET): everything returns to its
 * reset value but the BAR addresses and the interrupt line, which system
 * software assigned and does not expect to reprogram after an FLR.
 */
void nitro_fe_config_reset(struct nitro_fe_config *cfg)
{
	u8 keep[PCI_BASE_ADDRESS_5 + 4 - PCI_BASE_ADDRESS_0];
	u8 line = cfg->bytes[PCI_INTERRUPT_LINE];

	memcpy(keep, cfg->bytes + PCI_BASE_ADDRESS_0, sizeof(keep));
	memcpy(cfg->bytes, cfg->reset, sizeof(cfg->bytes));
	memcpy(cfg->bytes + PCI_BASE_ADDRESS_0, keep, sizeof(keep));
	cfg->bytes[PCI_INTERRUPT_LINE] = line;
}

/* @off + @size must be inside config space; the caller checked. */
u32 nitro_fe_config_read(const struct nitro_fe_config *cfg, u32 off, int size)
{
	u32 val = 0;
	int i;

	for (i = 0; i < size; i++)
		val |= (u32)cfg->bytes[off + i] << (8 * i);
	return val;
}

u16 nitro_fe_config_read16(const struct nitro_fe_config *cfg, u32 off)
{
	return nitro_fe_config_read(cfg, off, 2);
}

/**
 * nitro_fe_config_write() - a guest write to config space
 * @cfg: the config space
 * @off: byte offset; @off + @size inside config space (caller checked)
 * @size: 1, 2 or 4
 * @val: the value, little endian order of bytes
 *
 * Return: NITRO_FE_CFG_EV_* flags of what the write asks the device to do.
 */
u32 nitro_fe_config_write(struct nitro_fe_config *cfg, u32 off, int size,
			  u32 val)
{
	const u32 devctl = NITRO_FE_CAP_PCIE + PCI_EXP_DEVCTL;
	const u32 pmctrl = NITRO_FE_CAP_PM + PCI_PM_CTRL;
	u16 old_cmd = nitro_fe_config_read16(cfg, PCI_COMMAND);
	u16 old_msix = nitro_fe_config_read16(cfg, NITRO_FE_CAP_MSIX +
					      PCI_MSIX_FLAGS);
	u16 old_pm = nitro_fe_config_read16(cfg, pmctrl);
	u32 ev = 0;
	int i;

	for (i = 0; i < size; i++) {
		u32 o = off + i;
		u8 v = val >> (8 * i);
		u8 b = cfg->bytes[o];

		b = (b & ~cfg->wmask[o]) | (v & cfg->wmask[o]);
		b &= ~(v & cfg->w1c[o]);
		cfg->bytes[o] = b;
		/* Initiate FLR reads as zero: it is not stored. */
		if (o == devctl + 1 && (v & (PCI_EXP_DEVCTL_BCR_FLR >> 8)))
			ev |= NITRO_FE_CFG_EV_FLR;
	}

	/* D1 and D2 are not supported: such a write leaves the state alone. */
	switch (nitro_fe_config_read16(cfg, pmctrl) & PCI_PM_CTRL_STATE_MASK) {
	case 1:
	case 2:
		cfg_set(cfg->bytes, pmctrl, 2, old_pm);
		break;
	}

	if ((old_cmd ^ nitro_fe_config_read16(cfg, PCI_COMMAND)) &
	    PCI_COMMAND_INTX_DISABLE)
		ev |= NITRO_FE_CFG_EV_INTX;
	if (old_msix != nitro_fe_config_read16(cfg, NITRO_FE_CAP_MSIX +
					       PCI_MSIX_FLAGS))
		ev |= NITRO_FE_CFG_EV_MSIX;
	return ev;
}

/* The Interrupt Status bit of the Status register follows INTx. */
void nitro_fe_config_set_intx_status(struct nitro_fe_config *cfg, bool on)
{
	if (on)
		cfg->bytes[PCI_STATUS] |= PCI_STATUS_INTERRUPT;
	else
		cfg->bytes[PCI_STATUS] &= ~PCI_STATUS_INTERRUPT;
}
