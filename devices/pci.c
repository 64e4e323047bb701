/* PCI configuration mechanism #1 on bus 0: the address register, the data
 * window and masked config-space writes. Other buses and absent functions
 * read as all ones (master abort). Ref: PCI Local Bus Specification 2.1,
 * 3.7.4.1 and chapter 6; Intel PIIX3 datasheet (RCR at 0xCF9). */
#include "devices/pci.h"

#include <string.h>

void pci_bus_init(struct pci_bus *bus, struct sys_ctl ctl)
{
	memset(bus, 0, sizeof(*bus));
	bus->ctl = ctl;
}

void pci_bus_reset(struct pci_bus *bus)
{
	bus->config_address = 0;
	bus->rcr = 0;
}

bool pci_add_function(struct pci_bus *bus, int devfn, struct pci_function *f)
{
	if (bus->fn[devfn])
		return false;
	bus->fn[devfn] = f;
	return true;
}

void pci_function_init(struct pci_function *f, const char *name,
		       uint16_t vendor, uint16_t device, uint8_t revision,
		       uint32_t class_code, uint8_t header_type)
{
	memset(f, 0, sizeof(*f));
	f->name = name;
	f->config[PCI_VENDOR_ID] = (uint8_t)vendor;
	f->config[PCI_VENDOR_ID + 1] = (uint8_t)(vendor >> 8);
	f->config[PCI_DEVICE_ID] = (uint8_t)device;
	f->config[PCI_DEVICE_ID + 1] = (uint8_t)(device >> 8);
	f->config[PCI_REVISION_ID] = revision;
	f->config[PCI_CLASS_PROG] = (uint8_t)class_code;
	f->config[PCI_CLASS_PROG + 1] = (uint8_t)(class_code >> 8);
	f->config[PCI_CLASS_PROG + 2] = (uint8_t)(class_code >> 16);
	f->config[PCI_HEADER_TYPE] = header_type;
	f->wmask[PCI_COMMAND] = 0xff;
	f->wmask[PCI_COMMAND + 1] = 0x03;	/* bits 15-10 reserved */
	f->w1cmask[PCI_STATUS + 1] = PCI_STATUS_ERRORS >> 8;
	f->wmask[PCI_INTERRUPT_LINE] = 0xff;
}

void pci_set_byte(struct pci_function *f, uint8_t reg, uint8_t val,
		  uint8_t wmask)
{
	f->config[reg] = val;
	f->wmask[reg] = wmask;
}

uint32_t pci_config_read(struct pci_function *f, uint8_t reg, int size)
{
	uint32_t v = 0;

	for (int i = 0; i < size && reg + i < 256; i++)
		v |= (uint32_t)f->config[reg + i] << (8 * i);
	return v;
}

void pci_config_write(struct pci_function *f, uint8_t reg, uint32_t val,
		      int size)
{
	for (int i = 0; i < size && reg + i < 256; i++) {
		uint8_t b = (uint8_t)(val >> (8 * i)), r = (uint8_t)(reg + i);

		f->config[r] = (uint8_t)((f->config[r] & ~f->wmask[r]) |
					 (b & f->wmask[r]));
		f->config[r] &= (uint8_t)~(b & f->w1cmask[r]);
	}
	if (f->written)
		f->written(f->opaque, f, reg, size);
}

/* The function the address register selects, or NULL (master abort). */
static struct pci_function *selected(const struct pci_bus *bus)
{
	uint32_t a = bus->config_address;

	if (!(a & PCI_ADDR_ENABLE) || ((a >> 16) & 0xff) != 0)
		return NULL;
	return bus->fn[(a >> 8) & 0xff];
}

uint32_t pci_read(struct pci_bus *bus, uint16_t port, int size)
{
	struct pci_function *f;

	if (port == PCI_CONFIG_ADDRESS && size == 4)
		return bus->config_address;
	if (port == PCI_RESET_CONTROL && size == 1)
		return bus->rcr;
	if (port < PCI_CONFIG_DATA)
		return 0xffffffffu;	/* byte/word at 0xCF8: not decoded */
	f = selected(bus);
	if (!f)
		return 0xffffffffu;
	return pci_config_read(f, (uint8_t)((bus->config_address & 0xfc) +
					    (port & 3)), size);
}

void pci_write(struct pci_bus *bus, uint16_t port, uint32_t val, int size)
{
	struct pci_function *f;

	if (port == PCI_CONFIG_ADDRESS && size == 4) {
		bus->config_address = val & 0x80fffffcu;	/* reserved 0 */
		return;
	}
	if (port == PCI_RESET_CONTROL && size == 1) {
		uint8_t old = bus->rcr;

		bus->rcr = (uint8_t)(val & (PCI_RCR_SYS_RST | PCI_RCR_RST_CPU));
		if (bus->rcr & ~old & PCI_RCR_RST_CPU)
			sysctl_reset(&bus->ctl);
		return;
	}
	if (port < PCI_CONFIG_DATA)
		return;
	f = selected(bus);
	if (f)
		pci_config_write(f, (uint8_t)((bus->config_address & 0xfc) +
					      (port & 3)), val, size);
}

static uint32_t io_read(void *opaque, uint16_t port, int size)
{
	return pci_read(opaque, port, size);
}

static void io_write(void *opaque, uint16_t port, uint32_t val, int size)
{
	pci_write(opaque, port, val, size);
}

bool pci_bus_attach(struct pci_bus *bus, struct ioport_bus *io)
{
	return ioport_register(io, PCI_CONFIG_ADDRESS, 8, 4, "pci", io_read,
			       io_write, bus);
}
