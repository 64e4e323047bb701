"""x87 forms: each case clears the register file, loads a control word
(exceptions masked, random precision and rounding control) and its operands,
runs one instruction and dumps the FPU state with fnsave.  The instruction
and operand pointers and the image's reserved halves are not compared (the
host CPU may leave FCS/FDS/FOP/FDP out)."""

from case import L
from forms_data import new

SAVE_AREA = 0xe00       # fnsave image, DATA + this (clear of the operand area)
J = 1 << 63

EDGES = [
    (0, 0), (0x8000, 0), (0x3fff, J), (0xbfff, J), (0x3fff, J | J >> 1), (0x3ffe, (1 << 64) - 1),
    (0x0000, 1), (0x8000, 0x4000000000000000), (0x0001, J), (0x7ffe, (1 << 64) - 1),
    (0x7fff, J), (0xffff, J), (0x7fff, J | J >> 1), (0xffff, J | 1), (0x4000, 0xc90fdaa22168c235),
    (0x3fff, J | 1 << 39), (0x3fff, J | 1 << 10), (0x403e, J | 12345), (0x3ffd, J | 3),
]


def f80(rng, near=None):
    """An 80-bit value as (sign/exponent, significand): edges, or random
    with the exponent near 1.0 or near another operand's."""
    if rng.random() < 0.2:
        return rng.choice(EDGES)
    base = near if near is not None and rng.random() < 0.5 else 0x3fff
    exp = max(1, min(0x7ffe, (base & 0x7fff) + rng.randrange(-70, 70)))
    sig = rng.getrandbits(64) | J
    if rng.random() < 0.3:
        sig &= ~((1 << rng.randrange(64)) - 1)
    return (exp | (0x8000 if rng.random() < 0.5 else 0), sig)


def operand_addr(c, nbytes):
    """A fresh operand slot: slots of a case never overlap."""
    c.x87_slot = getattr(c, 'x87_slot', c.rng.randrange(0, 0x100) * 4) + 0x18
    a = L['DATA'] + 0x400 + c.x87_slot + (c.rng.randrange(1, 4) if c.rng.random() < 0.2 else 0)
    c.init_mem(a - 4, nbytes + 8)
    return a


def poke80(c, addr, v):
    c.poke(addr, v[1], 64)
    c.poke(addr + 8, v[0], 16)


# NaNs of both signs: signalling (quiet bit clear) and quiet.
NANS = [(0x7fff, J | 1), (0xffff, J | 0x1234), (0x7fff, J | J >> 1), (0xffff, J | J >> 1 | 5)]


def prologue(c, loads, ie_unmasked=False):
    """Empty registers holding +0, a random PC/RC, then push loads (last on top)."""
    cw = 0x037f & ~0xf00 | c.rng.choice([0, 2, 3]) << 8 | c.rng.randrange(4) << 10
    if c.rng.random() < 0.15:
        cw = c.rng.getrandbits(16)      # some exceptions unmasked, reserved bits set
    if ie_unmasked:
        cw &= ~1
    cwa = operand_addr(c, 2)
    c.poke(cwa, cw, 16)
    c.emit('fninit', *['fldz'] * 8, 'fninit', 'fldcw [0x%08x]' % cwa)
    for v in loads:
        a = operand_addr(c, 10)
        poke80(c, a, v)
        c.emit('fld tword [0x%08x]' % a)


def epilogue(c):
    save = L['DATA'] + SAVE_AREA
    c.init_mem(save, 108)
    for off in (0, 4, 8):
        c.mem_ignore[save + off] = 0xffff0000
    for off in (12, 16, 20, 24):
        c.mem_ignore[save + off] = 0xffffffff
    c.emit('fnsave [0x%08x]' % save)


def mem_value(c, kind):
    """A memory source: (nasm size, bytes, value)."""
    rng = c.rng
    if kind == 'm32':
        return 'dword', 4, rng.getrandbits(32) if rng.random() < 0.5 else \
            (rng.choice([0x3f800000, 0x00000001, 0x7f800000, 0x7fc00000, 0x7f800001, 0x80000000])
             ^ (rng.getrandbits(20) if rng.random() < 0.5 else 0))
    if kind == 'm64':
        return 'qword', 8, rng.getrandbits(64) if rng.random() < 0.3 else \
            (0x3ff0000000000000 + rng.getrandbits(52) - (rng.randrange(-200, 200) << 52)) % (1 << 64)
    if kind == 'i16':
        return 'word', 2, rng.getrandbits(16)
    if kind == 'i32':
        return 'dword', 4, rng.getrandbits(32)
    if kind == 'i64':
        return 'qword', 8, rng.getrandbits(64) >> rng.randrange(64)
    digits = rng.randrange(10 ** 18)
    v = sum((digits // 10 ** i % 10) << (4 * i) for i in range(18))
    return 'tword', 10, v | (rng.getrandbits(1) << 79)


def fam_x87(rng, u):
    out = []

    def case(form, nloads, body, k=u):
        for c, _ in new(rng, form, k, out):
            a = f80(rng)
            loads = [f80(rng, a[0]), a][-nloads:] if nloads else []
            prologue(c, loads)
            body(c)
            epilogue(c)

    for op in ('fadd', 'fsub', 'fsubr', 'fmul', 'fdiv', 'fdivr'):
        case('%s_st' % op, 2, lambda c, op=op: c.emit('%s st0, st1' % op))
        case('%sp' % op, 2, lambda c, op=op: c.emit('%sp st1, st0' % op))
        for kind in ('m32', 'm64', 'i16', 'i32'):
            iop = op if kind[0] == 'm' else 'fi' + op[1:]

            def body(c, iop=iop, kind=kind):
                size, n, v = mem_value(c, kind)
                a = operand_addr(c, n)
                c.poke(a, v, 8 * n)
                c.emit('%s %s %s' % (iop, size, c.address(a)))
            case('%s_%s' % (op, kind), 1, body, u // 2)
    # The transcendentals are not exactly rounded: tests/x87 measures them.
    for op in ('fsqrt', 'frndint', 'fchs', 'fabs', 'fxam', 'ftst', 'fxtract', 'fincstp', 'fdecstp'):
        case(op, 1, lambda c, op=op: c.emit(op))
    for op in ('fscale', 'fprem', 'fprem1', 'fcompp', 'fucompp'):
        case(op, 2, lambda c, op=op: c.emit(op))
    for op in ('fcom', 'fcomp', 'fucom', 'fucomp', 'fxch'):
        case(op, 2, lambda c, op=op: c.emit('%s st1' % op))
    for op in ('fcomi', 'fucomi', 'fcomip', 'fucomip'):
        case(op, 2, lambda c, op=op: c.emit('%s st0, st1' % op))
    # A NaN operand or an empty ST(1), with IE masked or not: unordered in
    # C3 C2 C0 (or ZF PF CF) either way; unmasked, nothing is popped.
    for op, text in (('fcom', 'fcom st1'), ('fcomp', 'fcomp st1'), ('fucom', 'fucom st1'),
                     ('fucomp', 'fucomp st1'), ('fcompp', 'fcompp'), ('fucompp', 'fucompp'),
                     ('fcomi', 'fcomi st0, st1'), ('fucomi', 'fucomi st0, st1'),
                     ('fcomip', 'fcomip st0, st1'), ('fucomip', 'fucomip st0, st1')):
        for c, i in new(rng, op + '_nan', u, out):
            other = f80(rng)
            loads = [other] if i % 4 == 3 else \
                [rng.choice(NANS), other][::rng.choice([1, -1])]
            prologue(c, loads, ie_unmasked=i % 2 == 0)
            c.emit(text)
            epilogue(c)
    for cc in ('b', 'e', 'be', 'u', 'nb', 'ne', 'nbe', 'nu'):
        case('fcmov%s' % cc, 2, lambda c, cc=cc: c.emit('fcomi st0, st1', 'fcmov%s st0, st1' % cc), u // 2)
    for op in ('fld1', 'fldl2t', 'fldl2e', 'fldpi', 'fldlg2', 'fldln2', 'fldz'):
        case(op, 0, lambda c, op=op: c.emit(op), u // 2)
    case('fnstsw_ax', 2, lambda c: (c.reg(16, name='ax'), c.emit('fcom st1', 'fnstsw ax')))
    for kind, op in (('m32', 'fld'), ('m64', 'fld'), ('i16', 'fild'), ('i32', 'fild'),
                     ('i64', 'fild'), ('bcd', 'fbld')):
        def body(c, kind=kind, op=op):
            size, n, v = mem_value(c, kind)
            a = operand_addr(c, n)
            c.poke(a, v, 8 * n)
            c.emit('%s %s %s' % (op, size, c.address(a)))
        case('%s_%s' % (op, kind), 0, body)
    for op, size, n in (('fst', 'dword', 4), ('fstp', 'qword', 8), ('fstp', 'tword', 10),
                        ('fist', 'word', 2), ('fistp', 'dword', 4), ('fistp', 'qword', 8),
                        ('fbstp', 'tword', 10)):
        def body(c, op=op, size=size, n=n):
            a = operand_addr(c, n)
            c.emit('%s %s %s' % (op, size, c.address(a)))
        case('%s_%s' % (op, size), 1, body)
    return out
