"""Writes the guest's initramfs: an uncompressed newc cpio holding busybox,
its applet links, /init and the device nodes the kernel needs before init
mounts devtmpfs.  Every time stamp is 0, so the archive is reproducible.
Usage: initramfs.py OUT BUSYBOX INIT APPLETS
(APPLETS: busybox --list-full output, one path per line)."""
import stat
import sys

TRAILER = "TRAILER!!!"


class Cpio:
    def __init__(self):
        self.data = bytearray()
        self.ino = 0

    def _pad(self):
        self.data += b"\0" * (-len(self.data) % 4)

    def add(self, name, mode, body=b"", rdev=(0, 0)):
        self.ino += 1
        fields = [self.ino, mode, 0, 0, 1, 0, len(body), 0, 0,
                  rdev[0], rdev[1], len(name) + 1, 0]
        self.data += b"070701" + "".join(f"{v:08X}" for v in fields).encode()
        self.data += name.encode() + b"\0"
        self._pad()
        self.data += body
        self._pad()

    def dir(self, name):
        self.add(name, stat.S_IFDIR | 0o755)

    def file(self, name, body, perm=0o755):
        self.add(name, stat.S_IFREG | perm, body)

    def link(self, name, target):
        self.add(name, stat.S_IFLNK | 0o777, target.encode())

    def chardev(self, name, major, minor, perm=0o600):
        self.add(name, stat.S_IFCHR | perm, rdev=(major, minor))

    def close(self):
        self.add(TRAILER, 0)
        self.data += b"\0" * (-len(self.data) % 512)
        return bytes(self.data)

    def write(self, path):
        """Ends the archive and writes it to path."""
        with open(path, "wb") as f:
            f.write(self.close())


def main(out, busybox, init, applets):
    a = Cpio()
    for d in ("bin", "sbin", "usr", "usr/bin", "usr/sbin", "dev", "proc",
              "sys", "tmp", "root"):
        a.dir(d)
    a.chardev("dev/console", 5, 1)
    a.chardev("dev/null", 1, 3, 0o666)
    a.chardev("dev/ttyS0", 4, 64)
    with open(busybox, "rb") as f:
        a.file("bin/busybox", f.read())
    with open(init, "rb") as f:
        a.file("init", f.read())
    with open(applets) as f:
        for path in sorted(set(f.read().split())):
            if path != "bin/busybox":
                a.link(path, "/bin/busybox")
    a.write(out)


if __name__ == "__main__":
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    main(*sys.argv[1:])
