/* Checks a user's boot disk image before the PC starts, so that a wrong
 * file gets a message instead of the BIOS's "not a bootable disk". */
#include "kernel/diskimage.h"

#define BOOT_SIGNATURE_AT 510	/* 0x55, 0xAA: the BIOS boots only these */

const char *diskimage_check(const uint8_t *image, size_t len)
{
	if (!image || !len)
		return "no disk image was handed over: give it as the initrd "
		       "(make run DISK=file.img)";
	if (len % DISKIMAGE_SECTOR)
		return "the disk image is not a whole number of 512-byte sectors "
		       "(a raw image is; convert others with qemu-img convert -O raw)";
	if (len > DISKIMAGE_MAX_BYTES)
		return "the disk image is larger than 128 GB, the most 28-bit LBA reaches";
	if (image[BOOT_SIGNATURE_AT] != 0x55 || image[BOOT_SIGNATURE_AT + 1] != 0xaa)
		return "sector 0 of the disk image does not end in the boot signature 55 AA: "
		       "the BIOS would not boot it (is it a raw disk image with a boot loader?)";
	return NULL;
}
