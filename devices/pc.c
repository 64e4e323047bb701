/* Wires the PC's devices together: who drives which IRQ, which ports each
 * owns, and the CMOS bytes and fw_cfg items the BIOS expects. Ref: IBM
 * PC/AT technical reference (IRQ and I/O maps, CMOS layout); QEMU
 * docs/specs/fw_cfg.rst (items). */
#include "devices/pc.h"

#include "libc/bytes.h"

/* CMOS 0x14: math coprocessor present, PS/2 mouse, VGA (video bits 00). */
#define PC_EQUIPMENT    0x06
/* SeaBIOS boot order from CMOS: hard disk, floppy, CD-ROM. */
#define PC_BOOT_ORDER_12 0x12
#define PC_BOOT_ORDER_3  0x30
#define PC_E820_RAM      1
#define PC_4G            0x100000000ull

/* RAM below and above 4 GB as e820 entries; the BIOS carves its own
 * reserved areas out of them. Returns the table's size. */
static uint32_t build_e820(struct pc_devices *pc, const struct pc_config *cfg)
{
	uint8_t *e = pc->e820;

	le_put(e, 0, 8);
	le_put(e + 8, cfg->ram_below_4g, 8);
	le_put(e + 16, PC_E820_RAM, 4);
	if (!cfg->ram_above_4g)
		return PC_E820_ENTRY;
	e += PC_E820_ENTRY;
	le_put(e, PC_4G, 8);
	le_put(e + 8, cfg->ram_above_4g, 8);
	le_put(e + 16, PC_E820_RAM, 4);
	return 2 * PC_E820_ENTRY;
}

static bool setup_fwcfg(struct pc_devices *pc, const struct pc_config *cfg)
{
	struct fwcfg_state *fw = &pc->fwcfg;

	fwcfg_init(fw, cfg->dma);
	le_put(pc->sercon_port, UART_COM1_BASE, 2);
	if (cfg->bios_screen_on_com1 &&
	    !fwcfg_add_file(fw, "etc/sercon-port", pc->sercon_port, 2))
		return false;
	return fwcfg_add_int(fw, FWCFG_RAM_SIZE,
			     cfg->ram_below_4g + cfg->ram_above_4g, 8) &&
	       fwcfg_add_int(fw, FWCFG_NB_CPUS, 1, 2) &&
	       fwcfg_add_int(fw, FWCFG_MAX_CPUS, 1, 2) &&
	       /* the PIT's IRQ0 is I/O APIC pin 2: SeaBIOS's MADT and MP table say so */
	       fwcfg_add_int(fw, FWCFG_IRQ0_OVERRIDE, 1, 4) &&
	       fwcfg_add_file(fw, "etc/e820", pc->e820, build_e820(pc, cfg));
}

/* ISA IRQ n: 8259 input n and I/O APIC pin n (IRQ0: pin 2). */
static void isa_irq_set(void *opaque, int irq, int level)
{
	struct pc_devices *pc = opaque;

	pic_set_irq(&pc->pic, irq, level);
	ioapic_set_irq(&pc->ioapic, irq == PC_IRQ_PIT ? PC_IOAPIC_PIT_PIN : irq, level);
}

static struct irq_line isa_irq(struct pc_devices *pc, int irq)
{
	return (struct irq_line){ isa_irq_set, pc, irq };
}

/* The local APIC's ExtINT acknowledge is the 8259's INTA cycle. */
static uint8_t extint_ack(void *opaque)
{
	struct pc_devices *pc = opaque;

	return pic_get_interrupt(&pc->pic);
}

static void eoi_level(void *opaque, uint8_t vector)
{
	struct pc_devices *pc = opaque;

	ioapic_eoi(&pc->ioapic, vector);
}

static void ioapic_message(void *opaque, uint8_t dest, bool logical, int mode,
			   uint8_t vector, bool level)
{
	struct pc_devices *pc = opaque;

	lapic_deliver(&pc->lapic, dest, logical, mode, vector, level);
}

bool pc_devices_init(struct pc_devices *pc, const struct pc_config *cfg)
{
	ioport_init(&pc->bus);
	lapic_init(&pc->lapic, cfg->clock, cfg->intr,
		   (struct lapic_env){ extint_ack, eoi_level, pc });
	ioapic_init(&pc->ioapic, (struct ioapic_bus){ ioapic_message, pc });
	pic_init(&pc->pic, lapic_lint_line(&pc->lapic, 0));
	pit_init(&pc->pit, cfg->clock, isa_irq(pc, PC_IRQ_PIT));
	rtc_init(&pc->rtc, cfg->clock, cfg->rtc_epoch_ns,
		 isa_irq(pc, PC_IRQ_RTC));
	uart_init(&pc->com1, UART_COM1_BASE, cfg->com1_out,
		  isa_irq(pc, PC_IRQ_COM1));
	uart_init(&pc->com2, UART_COM2_BASE, cfg->com2_out,
		  isa_irq(pc, PC_IRQ_COM2));
	kbd_init(&pc->kbd, isa_irq(pc, PC_IRQ_KBD),
		 isa_irq(pc, PC_IRQ_MOUSE), cfg->ctl);
	port92_init(&pc->port92, cfg->ctl);
	fpuerr_init(&pc->fpuerr, isa_irq(pc, PC_IRQ_FPU));
	debugport_init(&pc->debug, cfg->debugcon, cfg->seabios_log);
	pci_bus_init(&pc->pci, cfg->ctl);
	ata_init(&pc->ide0, ATA_PRIMARY_CMD, ATA_PRIMARY_CTL,
		 isa_irq(pc, PC_IRQ_IDE0), cfg->disk0,
		 (struct ata_disk){ 0 });

	rtc_set_memory(&pc->rtc, cfg->ram_below_4g, cfg->ram_above_4g);
	rtc_cmos_set(&pc->rtc, CMOS_EQUIPMENT, PC_EQUIPMENT);
	rtc_cmos_set(&pc->rtc, CMOS_BOOT_ORDER_12, PC_BOOT_ORDER_12);
	rtc_cmos_set(&pc->rtc, CMOS_BOOT_ORDER_3, PC_BOOT_ORDER_3);

	return setup_fwcfg(pc, cfg) &&
	       i440fx_init(&pc->i440fx, &pc->pci, cfg->pam) &&
	       piix3_init(&pc->piix3, &pc->pci, isa_irq(pc, 0)) &&
	       piixide_init(&pc->piixide, &pc->pci) &&
	       piix4pm_init(&pc->pm, &pc->pci, &pc->bus, cfg->clock,
			    isa_irq(pc, PC_IRQ_SCI), cfg->ctl) &&
	       pic_attach(&pc->pic, &pc->bus) &&
	       pit_attach(&pc->pit, &pc->bus) &&
	       rtc_attach(&pc->rtc, &pc->bus) &&
	       uart_attach(&pc->com1, &pc->bus) &&
	       (!cfg->com2_out.put || uart_attach(&pc->com2, &pc->bus)) &&
	       kbd_attach(&pc->kbd, &pc->bus) &&
	       port92_attach(&pc->port92, &pc->bus) &&
	       fpuerr_attach(&pc->fpuerr, &pc->bus) &&
	       debugport_attach(&pc->debug, &pc->bus) &&
	       pci_bus_attach(&pc->pci, &pc->bus) &&
	       fwcfg_attach(&pc->fwcfg, &pc->bus) &&
	       ata_attach(&pc->ide0, &pc->bus);
}

void pc_devices_reset(struct pc_devices *pc)
{
	lapic_reset(&pc->lapic);
	ioapic_reset(&pc->ioapic);
	pic_reset(&pc->pic);
	pit_reset(&pc->pit);
	rtc_reset(&pc->rtc);
	uart_reset(&pc->com1);
	uart_reset(&pc->com2);
	kbd_reset(&pc->kbd);
	port92_reset(&pc->port92);
	fpuerr_reset(&pc->fpuerr);
	debugport_reset(&pc->debug);
	pci_bus_reset(&pc->pci);
	i440fx_reset(&pc->i440fx);
	piix3_reset(&pc->piix3);
	piixide_reset(&pc->piixide);
	piix4pm_reset(&pc->pm);
	ata_reset(&pc->ide0);
	fwcfg_reset(&pc->fwcfg);
}

void pc_devices_update(struct pc_devices *pc)
{
	lapic_update(&pc->lapic);
	pit_update(&pc->pit);
	rtc_update(&pc->rtc);
	piix4pm_update(&pc->pm);
}

uint64_t pc_devices_next_deadline(struct pc_devices *pc)
{
	uint64_t pit = pit_next_deadline(&pc->pit);
	uint64_t rtc = rtc_next_deadline(&pc->rtc);
	uint64_t pm = piix4pm_next_deadline(&pc->pm);
	uint64_t lapic = lapic_next_deadline(&pc->lapic);
	uint64_t first = pit < rtc ? pit : rtc;

	first = pm < first ? pm : first;
	return lapic < first ? lapic : first;
}
