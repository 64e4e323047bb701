/* Wires the PC/AT's ISA devices together: who drives which IRQ, which
 * ports each owns, and the CMOS bytes the BIOS expects. Ref: IBM PC/AT
 * technical reference (IRQ and I/O maps, CMOS layout). */
#include "devices/pc.h"

/* CMOS 0x14: math coprocessor present, PS/2 mouse, VGA (video bits 00). */
#define PC_EQUIPMENT    0x06
/* SeaBIOS boot order from CMOS: hard disk, floppy, CD-ROM. */
#define PC_BOOT_ORDER_12 0x12
#define PC_BOOT_ORDER_3  0x30

bool pc_devices_init(struct pc_devices *pc, const struct pc_config *cfg)
{
	ioport_init(&pc->bus);
	pic_init(&pc->pic, cfg->intr);
	pit_init(&pc->pit, cfg->clock, pic_irq_line(&pc->pic, PC_IRQ_PIT));
	rtc_init(&pc->rtc, cfg->clock, cfg->rtc_epoch_ns,
		 pic_irq_line(&pc->pic, PC_IRQ_RTC));
	uart_init(&pc->com1, UART_COM1_BASE, cfg->com1_out,
		  pic_irq_line(&pc->pic, PC_IRQ_COM1));
	kbd_init(&pc->kbd, pic_irq_line(&pc->pic, PC_IRQ_KBD),
		 pic_irq_line(&pc->pic, PC_IRQ_MOUSE), cfg->ctl);
	port92_init(&pc->port92, cfg->ctl);
	debugport_init(&pc->debug, cfg->debugcon, cfg->seabios_log);

	rtc_set_memory(&pc->rtc, cfg->ram_below_4g, cfg->ram_above_4g);
	rtc_cmos_set(&pc->rtc, CMOS_EQUIPMENT, PC_EQUIPMENT);
	rtc_cmos_set(&pc->rtc, CMOS_BOOT_ORDER_12, PC_BOOT_ORDER_12);
	rtc_cmos_set(&pc->rtc, CMOS_BOOT_ORDER_3, PC_BOOT_ORDER_3);

	return pic_attach(&pc->pic, &pc->bus) &&
	       pit_attach(&pc->pit, &pc->bus) &&
	       rtc_attach(&pc->rtc, &pc->bus) &&
	       uart_attach(&pc->com1, &pc->bus) &&
	       kbd_attach(&pc->kbd, &pc->bus) &&
	       port92_attach(&pc->port92, &pc->bus) &&
	       debugport_attach(&pc->debug, &pc->bus);
}

void pc_devices_reset(struct pc_devices *pc)
{
	pic_reset(&pc->pic);
	pit_reset(&pc->pit);
	rtc_reset(&pc->rtc);
	uart_reset(&pc->com1);
	kbd_reset(&pc->kbd);
	port92_reset(&pc->port92);
	debugport_reset(&pc->debug);
}

void pc_devices_update(struct pc_devices *pc)
{
	pit_update(&pc->pit);
	rtc_update(&pc->rtc);
}

uint64_t pc_devices_next_deadline(struct pc_devices *pc)
{
	uint64_t pit = pit_next_deadline(&pc->pit);
	uint64_t rtc = rtc_next_deadline(&pc->rtc);

	return pit < rtc ? pit : rtc;
}
