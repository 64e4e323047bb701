# Device models: they build into the kernel through KERNEL_SRCS (devices/*.c).
# Here: the extra sources each host unit test links besides its own device.

$(B)/unit/devices/debugport_test: devices/ioport.c
$(B)/unit/devices/i8259_test: devices/ioport.c devices/devlog.c
$(B)/unit/devices/i8254_test: devices/ioport.c
$(B)/unit/devices/mc146818_test: devices/ioport.c devices/devlog.c devices/calendar.c
$(B)/unit/devices/uart16550_test: devices/ioport.c
$(B)/unit/devices/i8042_test: devices/ioport.c devices/devlog.c
$(B)/unit/devices/port92_test: devices/ioport.c
$(B)/unit/devices/pc_test: $(filter-out devices/pc.c,$(wildcard devices/*.c))
$(B)/unit/devices/pci_test: devices/ioport.c
$(B)/unit/devices/i440fx_test: devices/pci.c devices/ioport.c
$(B)/unit/devices/piix3_test: devices/pci.c devices/ioport.c
