"""What SeaBIOS and SYSLINUX show on COM1 while they boot the guest's disk
(build/linux/disk.img): "Booting from Hard Disk...", SYSLINUX's two
banners, each file it loads reported twice (its SERIAL console and its
screen, which SeaBIOS shows on the same COM1, interleaved as timing has
it under qemu-system-i386 as in mimic), then the kernel's real-mode setup
code.  The disk targets compare this part of their transcripts with
qemu-system-i386's, by characters rather than order."""
import re

SYSLINUX_BANNER = ["SYSLINUX 6.04 EDD 20210613 Copyright (C) 1994-2015 H. Peter Anvin et al",
                   "SYSLINUX 6.04 20210613 Copyright (C) 1994-2015 H. Peter Anvin et al"]
BOOTING = "Booting from Hard Disk..."
# The Linux kernel's real-mode setup code, entered by SYSLINUX, says this
# first: the kernel and initramfs were read from the disk.
KERNEL_SETUP = "Probing EDD (edd=off to disable)... "
LOADED = ["Loading /vmlinuz... ok", "Loading /initrd.img... ok"]


def guest_text(text):
    """The transcript without ANSI escape sequences (SeaBIOS's screen on
    COM1 moves the cursor) and without mimic's own 'devices:' lines."""
    text = re.sub(r"\x1b(\[[0-9;?]*[A-Za-z]|c)", "", text)
    return re.sub(r"devices: [^\n]*\n", "", text)


def loaded_twice(text):
    """Between SYSLINUX's banner and the kernel's setup code, each LOADED
    message twice (its console and its screen), in any interleaving: the
    same characters, whitespace aside."""
    start = text.find(SYSLINUX_BANNER[1])
    end = text.find(KERNEL_SETUP)
    if start < 0 or end < start:
        return False
    between = text[start + len(SYSLINUX_BANNER[1]):end]
    return sorted("".join(between.split())) == sorted("".join("".join(LOADED * 2).split()))


def screen(transcript):
    """What the checks compare: SeaBIOS's boot line, the banner lines, the
    loaded files, the kernel's setup message."""
    text = guest_text(transcript)
    lines = text.splitlines()
    return {"booting": BOOTING in lines,
            "banner": all(b in lines for b in SYSLINUX_BANNER),
            "loaded": loaded_twice(text),
            "setup": KERNEL_SETUP in text}
