"""Packs a direct Linux boot for mimic into one file, the initrd the
firmware hands over (kernel/linuxbundle.h): a newc cpio with the members
vmlinuz, initrd and cmdline.
Usage: bundle.py OUT VMLINUZ INITRD CMDLINE_FILE"""
import os
import sys

sys.path.insert(0, os.path.dirname(__file__))
from initramfs import Cpio  # noqa: E402

MEMBERS = ("vmlinuz", "initrd", "cmdline")


def main(args):
    if len(args) != 1 + len(MEMBERS):
        sys.exit(__doc__)
    a = Cpio()
    for name, path in zip(MEMBERS, args[1:]):
        with open(path, "rb") as f:
            a.file(name, f.read(), 0o644)
    a.write(args[0])


if __name__ == "__main__":
    main(sys.argv[1:])
