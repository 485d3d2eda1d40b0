// SPDX-License-Identifier: GPL-2.0
/*
 * Interrupt delivery: MSI-X vectors and INTx, each to the eventfd the VFIO
 * user assigned (VFIO_DEVICE_SET_IRQS). The personality raises interrupts
 * from any context; all state here is under the device's irq_lock.
 *
 * INTx follows vfio-pci: it is automasked when it fires and stays masked
 * until the user unmasks it; Command.INTX_DISABLE holds it back and the
 * Status register's Interrupt Status bit shows it was raised.
 */
#include <linux/eventfd.h>
#include <linux/export.h>
#include <linux/pci_regs.h>

#include "fe.h"

static void irq_signal(struct nitro_dev *dev, struct eventfd_ctx *ctx)
{
	lockdep_assert_held(&dev->irq_lock);
	if (!ctx) {
		atomic64_inc(&dev->stats.irqs_dropped);
		return;
	}
	eventfd_signal(ctx, 1);
	atomic64_inc(&dev->stats.irqs);
}

static bool intx_disabled(struct nitro_dev *dev)
{
	return nitro_fe_config_read16(&dev->cfg, PCI_COMMAND) &
	       PCI_COMMAND_INTX_DISABLE;
}

static void intx_deliver(struct nitro_dev *dev)
{
	lockdep_assert_held(&dev->irq_lock);
	if (dev->intx_masked || intx_disabled(dev) ||
	    !(dev->cfg.bytes[PCI_STATUS] & PCI_STATUS_INTERRUPT))
		return;
	dev->intx_masked = true;
	irq_signal(dev, dev->intx_trigger);
}

/**
 * nitro_dev_irq() - raise an interrupt of the device
 * @dev: the device
 * @vector: MSI-X vector; ignored while the device uses INTx
 *
 * A masked MSI-X vector becomes pending and fires when unmasked. Any
 * context.
 */
void nitro_dev_irq(struct nitro_dev *dev, u16 vector)
{
	unsigned long flags;

	spin_lock_irqsave(&dev->irq_lock, flags);
	if (READ_ONCE(dev->gone)) {
		atomic64_inc(&dev->stats.irqs_dropped);
		goto out;
	}
	switch (dev->irq_mode) {
	case NITRO_FE_IRQ_MSIX:
		if (nitro_fe_msix_raise(&dev->msix, vector))
			irq_signal(dev, dev->msix_trigger[vector]);
		else if (vector < dev->msix.nr)
			atomic64_inc(&dev->stats.irqs_pending);
		else
			atomic64_inc(&dev->stats.irqs_dropped);
		break;
	case NITRO_FE_IRQ_INTX:
		nitro_fe_config_set_intx_status(&dev->cfg, true);
		intx_deliver(dev);
		break;
	default:
		atomic64_inc(&dev->stats.irqs_dropped);
		break;
	}
out:
	spin_unlock_irqrestore(&dev->irq_lock, flags);
}
EXPORT_SYMBOL_GPL(nitro_dev_irq);

/* Deliver what became deliverable: unmasked pending vectors, INTx. */
void nitro_fe_irq_signal_pending(struct nitro_dev *dev)
{
	unsigned long flags;
	u16 v = 0;

	spin_lock_irqsave(&dev->irq_lock, flags);
	if (dev->irq_mode == NITRO_FE_IRQ_MSIX) {
		while ((v = nitro_fe_msix_next_unmasked_pending(&dev->msix, v)) <
		       dev->msix.nr)
			irq_signal(dev, dev->msix_trigger[v++]);
	} else if (dev->irq_mode == NITRO_FE_IRQ_INTX) {
		intx_deliver(dev);
	}
	spin_unlock_irqrestore(&dev->irq_lock, flags);
}

/* Close and the MSI-X/INTx disable paths: drop every eventfd. */
void nitro_fe_irq_disable_all(struct nitro_dev *dev)
{
	struct eventfd_ctx *put_intx, *put_req;
	unsigned long flags;
	u16 v;

	spin_lock_irqsave(&dev->irq_lock, flags);
	for (v = 0; v < dev->msix.nr; v++) {
		if (dev->msix_trigger[v])
			eventfd_ctx_put(dev->msix_trigger[v]);
		dev->msix_trigger[v] = NULL;
		nitro_fe_msix_set_mask(&dev->msix, v, true);
	}
	put_intx = dev->intx_trigger;
	put_req = dev->req_trigger;
	dev->intx_trigger = NULL;
	dev->req_trigger = NULL;
	dev->intx_masked = false;
	dev->irq_mode = NITRO_FE_IRQ_NONE;
	spin_unlock_irqrestore(&dev->irq_lock, flags);

	if (put_intx)
		eventfd_ctx_put(put_intx);
	if (put_req)
		eventfd_ctx_put(put_req);
}
