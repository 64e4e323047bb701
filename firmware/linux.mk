# The Linux guest, built from Debian's i386 packages that scripts/setup.sh
# fetched (nothing of them is committed): the kernel, an initramfs of
# busybox, and a FAT disk that SYSLINUX boots with both.
#   $(LINUX)/vmlinuz         Debian's linux-image-6.1.0-*-686 bzImage
#   $(LINUX)/initramfs.cpio  busybox-static, its applet links, /init
#   $(LINUX)/disk.img        IDE disk: FAT16 + SYSLINUX + the two above
#   $(LINUX)/cmdline         the kernel command line both ways use
#   $(LINUX)/linuxboot.cpio  the three above packed for mimic's direct boot
#                            (kernel/linuxbundle.h: make run LINUX=...)
#   $(LINUX)/packages.txt    the Debian packages and versions they came from

LINUX          := $(B)/linux
LINUX_DEBS     := $(shell scripts/setup.sh --guest-dir)
LINUX_FETCHED  := $(LINUX_DEBS)/fetched.txt
LINUX_CMDLINE  := console=ttyS0
LINUX_DISK_KB  := 16384
LINUX_GUEST    := $(addprefix $(LINUX)/,vmlinuz initramfs.cpio disk.img cmdline packages.txt \
                                      linuxboot.cpio)

.PHONY: linux-guest run-linux-disk
linux-guest: $(LINUX_GUEST)
TEST_DEPS += $(LINUX_GUEST)

# SeaBIOS boots the SYSLINUX disk in mimic (boot option disk=initrd).
run-linux-disk: $(B)/.setup-done
	@$(MAKE) --no-print-directory all $(LINUX)/disk.img
	@scripts/run.sh $(B)/mimic.elf DISK=$(LINUX)/disk.img $(ARGS)

# A machine whose guest packages are missing fetches them first.
$(LINUX_FETCHED):
	@scripts/setup.sh --if-needed

$(LINUX)/packages.txt: $(LINUX_FETCHED)
	@mkdir -p $(@D)
	@cp $< $@

$(LINUX)/vmlinuz: $(LINUX_FETCHED)
	@echo "  DEB     $@"
	@mkdir -p $(@D)
	@dpkg-deb --fsys-tarfile $(LINUX_DEBS)/debs/linux-image-*.deb | \
	    tar -xO --wildcards './boot/vmlinuz-*' > $@.tmp
	@mv $@.tmp $@

$(LINUX)/busybox: $(LINUX_FETCHED)
	@mkdir -p $(@D)
	@dpkg-deb --fsys-tarfile $(LINUX_DEBS)/debs/busybox-static_*.deb | \
	    tar -xO ./bin/busybox > $@.tmp
	@chmod +x $@.tmp && mv $@.tmp $@

# The applet list comes from busybox itself, run under qemu-i386.
$(LINUX)/applets.txt: $(LINUX)/busybox
	@qemu-i386 $< --list-full > $@.tmp && mv $@.tmp $@

$(LINUX)/initramfs.cpio: firmware/linux/initramfs.py firmware/linux/init \
                         $(LINUX)/busybox $(LINUX)/applets.txt
	@echo "  CPIO    $@"
	@python3 $< $@ $(LINUX)/busybox firmware/linux/init $(LINUX)/applets.txt

$(LINUX)/cmdline: firmware/linux.mk
	@mkdir -p $(@D)
	@echo "$(LINUX_CMDLINE)" > $@

$(LINUX)/linuxboot.cpio: firmware/linux/bundle.py firmware/linux/initramfs.py \
                         $(LINUX)/vmlinuz $(LINUX)/initramfs.cpio $(LINUX)/cmdline
	@echo "  CPIO    $@"
	@python3 $< $@ $(LINUX)/vmlinuz $(LINUX)/initramfs.cpio $(LINUX)/cmdline

$(LINUX)/syslinux.cfg: firmware/linux/syslinux.cfg.in $(LINUX)/cmdline
	@sed "s|@CMDLINE@|$(LINUX_CMDLINE)|" $< > $@

# No root and no loop mount: mkfs.fat and syslinux work on the image file,
# mtools copies into it.
$(LINUX)/disk.img: $(LINUX)/vmlinuz $(LINUX)/initramfs.cpio $(LINUX)/syslinux.cfg
	@echo "  DISK    $@"
	@rm -f $@.tmp
	@mkfs.fat -C -n MIMIC -i 6d696d63 $@.tmp $(LINUX_DISK_KB) > /dev/null
	@syslinux --install $@.tmp
	@MTOOLS_SKIP_CHECK=1 mcopy -m -i $@.tmp $(LINUX)/syslinux.cfg ::/syslinux.cfg
	@MTOOLS_SKIP_CHECK=1 mcopy -m -i $@.tmp $(LINUX)/vmlinuz ::/vmlinuz
	@MTOOLS_SKIP_CHECK=1 mcopy -m -i $@.tmp $(LINUX)/initramfs.cpio ::/initrd.img
	@mv $@.tmp $@
