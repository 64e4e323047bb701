# Device models: they build into the kernel through KERNEL_SRCS (devices/*.c).
# Here: the extra sources each host unit test links besides its own device.

DEV_BUS = devices/ioport.c devices/devlog.c

$(B)/unit/devices/ioport_test: devices/devlog.c
$(B)/unit/devices/debugport_test: $(DEV_BUS)
$(B)/unit/devices/i8259_test: $(DEV_BUS)
$(B)/unit/devices/i8254_test: $(DEV_BUS)
$(B)/unit/devices/mc146818_test: $(DEV_BUS) devices/calendar.c
$(B)/unit/devices/uart16550_test: $(DEV_BUS)
$(B)/unit/devices/i8042_test: $(DEV_BUS)
$(B)/unit/devices/port92_test: $(DEV_BUS)
$(B)/unit/devices/fpuerr_test: $(DEV_BUS)
$(B)/unit/devices/pc_test: $(filter-out devices/pc.c,$(wildcard devices/*.c))
$(B)/unit/devices/pci_test: $(DEV_BUS)
$(B)/unit/devices/i440fx_test: devices/pci.c $(DEV_BUS)
$(B)/unit/devices/piix3_test: devices/pci.c $(DEV_BUS)
$(B)/unit/devices/fwcfg_test: $(DEV_BUS)
$(B)/unit/devices/ata_test: $(DEV_BUS)
$(B)/unit/devices/piixide_test: devices/pci.c $(DEV_BUS)
$(B)/unit/devices/show_test: $(filter-out devices/show.c,$(wildcard devices/*.c))
$(B)/unit/devices/linuxboot_test: devices/fwcfg.c $(DEV_BUS)
$(B)/unit/devices/piix4pm_test: devices/pci.c $(DEV_BUS)
$(B)/unit/devices/lapic_test: devices/devlog.c
