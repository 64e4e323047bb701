"""One differential case under construction: input registers, flags and memory,
the snippet, what to dump and what the SDM leaves undefined; plus the operand
pickers (registers, memory addressing modes, edge values) the forms share."""

from masks import CF, PF, AF, ZF, SF, DF, OF, IF, NT, AC, ID

REG32 = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi']   # pusha order
REG16 = ['ax', 'cx', 'dx', 'bx', 'sp', 'bp', 'si', 'di']
REG8 = ['al', 'cl', 'dl', 'bl', 'ah', 'ch', 'dh', 'bh']
SIZE_WORD = {8: 'byte', 16: 'word', 32: 'dword'}

# Filled from layout.inc by set_layout().
L = {}

# The code segment the cases being generated run in: forms.generate sets
# code16 for the groups that run with CS.D = 0, cpl0 for the groups that run
# only in the flat shim (CPL 0; every EFLAGS bit is input and compared).
MODE = {'code16': False, 'cpl0': False}

# 16-bit addressing modes: (base, index) registers, either may be absent.
MODES16 = [('bx', 'si'), ('bx', 'di'), ('bp', 'si'), ('bp', 'di'),
           ('si',), ('di',), ('bp',), ('bx',), ()]


def set_layout(names):
    L.update(names)


def reg_name(parent, bits, high=False):
    """The `bits`-wide name of a 32-bit register (high: ah..bh of eax..ebx)."""
    i = REG32.index(parent)
    if bits == 32:
        return parent
    if bits == 16:
        return REG16[i]
    return REG8[i + 4 if high else i]


def reg_lanes(name):
    """(parent, byte lanes) a register name occupies."""
    if name in REG32:
        return name, {0, 1, 2, 3}
    if name in REG16:
        return REG32[REG16.index(name)], {0, 1}
    i = REG8.index(name)
    return REG32[i % 4], ({1} if i >= 4 else {0})


def edges(bits):
    """Boundary values of a `bits`-wide operand."""
    m = (1 << bits) - 1
    vals = {0, 1, 2, m, m - 1, 0x7f, 0x80, 0x81, 0xff, 0x7fff, 0x8000, 0xffff,
            0x7fffffff, 0x80000000, 1 << (bits - 1), (1 << (bits - 1)) - 1}
    return sorted(v & m for v in vals)


def value(rng, bits):
    """An operand value: often a boundary, sometimes small, otherwise random."""
    r = rng.random()
    if r < 0.35:
        return rng.choice(edges(bits))
    if r < 0.5:
        return rng.randrange(0, 17)
    if r < 0.6:
        return (1 << bits) - 1 - rng.randrange(0, 17)
    return rng.getrandbits(bits)


def random_flags(rng):
    """Input EFLAGS: each status flag and DF independently set or clear."""
    f = 0x2
    for bit in (CF, PF, AF, ZF, SF, DF, OF):
        if rng.random() < 0.5:
            f |= bit
    return f


def system_flags(rng):
    """The EFLAGS bits only CPL 0 sets freely, each independently: IF, IOPL,
    NT, AC and ID (never TF or VM: a trap or v86 mode would follow). Not VIF
    and VIP: only iret sets them, and qemu-system-i386, the CPL 0 groups'
    reference, has an iret that leaves them alone (the SDM's loads them at
    CPL 0 with a 32-bit operand)."""
    f = rng.randrange(4) << 12
    for bit in (IF, NT, AC, ID):
        if rng.random() < 0.5:
            f |= bit
    return f


def signed(v, bits):
    v &= (1 << bits) - 1
    return v - (1 << bits) if v >> (bits - 1) else v


class Case:
    def __init__(self, rng):
        self.rng = rng
        self.regs = {r: (rng.getrandbits(32) if rng.random() < 0.7 else value(rng, 32))
                     for r in REG32}
        self.regs['esp'] = L['STACK']
        self.cpl0 = MODE['cpl0']
        self.ring3 = False      # a CPL 0 group's case that runs at CPL 3
        self.flags = random_flags(rng) | (system_flags(rng) if self.cpl0 else 0)
        self.mem = {}           # dword address -> initial value (int or label)
        self.dump = []          # dword addresses printed after the case
        self.asm = []
        self.undef = 0          # flags the SDM leaves undefined here
        self.reg_ignore = {}    # register -> bits with an undefined value
        self.mem_ignore = {}    # dumped dword -> bits with an undefined value
        self.claimed = {r: set() for r in REG32}
        self.claimed['esp'] = {0, 1, 2, 3}
        self.code16 = MODE['code16']

    def emit(self, *lines):
        self.asm.extend(lines)

    # Registers -----------------------------------------------------------

    def free(self, name):
        parent, lanes = reg_lanes(name)
        return not (self.claimed[parent] & lanes)

    def claim(self, name):
        parent, lanes = reg_lanes(name)
        self.claimed[parent] |= lanes

    def set_reg(self, name, v):
        """Put v into a register (8/16/32-bit name), keeping the other bits."""
        parent, lanes = reg_lanes(name)
        shift = 8 * min(lanes)
        mask = ((1 << (8 * len(lanes))) - 1) << shift
        if isinstance(v, str):
            self.regs[parent] = v
            return
        old = self.regs[parent] if isinstance(self.regs[parent], int) else 0
        self.regs[parent] = (old & ~mask) | ((v << shift) & mask)

    def reg(self, bits, v=None, name=None):
        """Claims a free register of `bits` (or the given one), sets it to v."""
        if name is None:
            pool = [n for n in {8: REG8, 16: REG16, 32: REG32}[bits] if self.free(n)]
            name = self.rng.choice(pool)
        self.claim(name)
        self.set_reg(name, value(self.rng, bits) if v is None else v)
        return name

    def ignore_reg(self, name):
        """The SDM leaves this register's value undefined."""
        parent, lanes = reg_lanes(name)
        mask = ((1 << (8 * len(lanes))) - 1) << (8 * min(lanes))
        self.reg_ignore[parent] = self.reg_ignore.get(parent, 0) | mask

    # Memory ---------------------------------------------------------------

    def init_mem(self, addr, nbytes, dump=True, values=None):
        """Gives every dword overlapping [addr, addr+nbytes) an initial value."""
        for a in range(addr & ~3, addr + nbytes, 4):
            if a not in self.mem:
                self.mem[a] = self.rng.getrandbits(32) if values is None else values(a)
            if dump and a not in self.dump:
                self.dump.append(a)
        self.dump.sort()

    def poke(self, addr, v, bits):
        """Stores a `bits`-wide value at addr into the initial memory image."""
        for i in range(bits // 8):
            a = addr + i
            base = a & ~3
            self.init_mem(base, 4, dump=False)
            shift = 8 * (a - base)
            self.mem[base] = (self.mem[base] & ~(0xff << shift)) | (((v >> (8 * i)) & 0xff) << shift)

    def address(self, addr):
        """An addressing mode whose effective address is addr, using free
        registers for base and index (their values are set accordingly).
        16-bit code also uses 16-bit addressing through FS (based at SCR)."""
        rng = self.rng
        if self.code16 and 0 <= addr - L['SCR'] < 0xfff0 and rng.random() < 0.4:
            return self.address16(addr - L['SCR'])
        pool = [r for r in REG32 if r != 'esp' and self.free(r)]
        mode = rng.randrange(6)
        if mode == 0 or len(pool) < 2:
            return ('[dword 0x%08x]' if self.code16 else '[0x%08x]') % addr
        base = rng.choice(pool)
        self.claim(base)
        if mode == 1:
            self.set_reg(base, addr)
            return '[%s]' % base
        if mode == 2:
            d = rng.randrange(-128, 128)
            self.set_reg(base, (addr - d) & 0xffffffff)
            return '[%s%+d]' % (base, d)
        pool.remove(base)
        index = rng.choice(pool)
        self.claim(index)
        scale = rng.choice([1, 2, 4, 8])
        iv = rng.randrange(-64, 64)
        self.set_reg(index, iv & 0xffffffff)
        if mode == 3:
            d = rng.randrange(-0x1000, 0x1000)
            self.set_reg(base, (addr - d - iv * scale) & 0xffffffff)
            return '[%s+%s*%d%+d]' % (base, index, scale, d)
        if mode == 4:
            self.set_reg(base, (addr - iv * scale) & 0xffffffff)
            return '[%s+%s*%d]' % (base, index, scale)
        self.claimed[base] = set()      # index only: base is not used after all
        return '[%s*%d+0x%08x]' % (index, scale, (addr - iv * scale) & 0xffffffff)

    def address16(self, offset):
        """FS: plus a 16-bit addressing mode whose offset is `offset`: the
        registers' low halves and the displacement add up to it modulo 64 KB
        (their high halves stay random: 16-bit addressing ignores them)."""
        rng = self.rng
        regs = rng.choice([m for m in MODES16 if all(self.free(REG32[REG16.index(r)]) for r in m)])
        disp = rng.choice([0, rng.randrange(-128, 128), rng.randrange(-0x8000, 0x8000)])
        if not regs or regs == ('bp',) and disp == 0:
            disp = rng.randrange(1, 0x10000) if regs else offset
        rest = offset - disp
        for r in regs:
            self.claim(REG32[REG16.index(r)])
            v = rest if r == regs[-1] else rng.getrandbits(16)
            self.set_reg(r, v & 0xffff)
            rest -= v
        if not regs:
            return '[fs:0x%04x]' % (disp & 0xffff)
        disp = ((disp + 0x8000) & 0xffff) - 0x8000
        return '[fs:%s%s]' % ('+'.join(regs), '%+d' % disp if disp else '')

    def data_addr(self, bits, spread=0x400):
        """A data address for a `bits`-wide operand, sometimes unaligned and
        sometimes straddling the 4 KB page boundary at DATA + 0x1000."""
        r = self.rng.random()
        if r < 0.1 and bits > 8:
            return L['DATA'] + 0x1000 - self.rng.randrange(1, bits // 8)
        a = L['DATA'] + 0x800 + self.rng.randrange(-spread, spread)
        if r < 0.75:
            a &= ~((bits // 8) - 1)
        return a

    def memop(self, bits, v=None, addr=None):
        """A memory operand of `bits` holding v, dumped after the case with a
        guard dword either side (a store of the wrong width shows there)."""
        if addr is None:
            addr = self.data_addr(bits)
        self.init_mem(addr - 4, bits // 8 + 8)
        self.poke(addr, value(self.rng, bits) if v is None else v, bits)
        return '%s %s' % (SIZE_WORD[bits], self.address(addr))
