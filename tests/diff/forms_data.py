"""Instruction forms that compute on data: moves, ALU, shifts and rotates,
multiply and divide, bit operations, setcc/cmovcc and the exchange family.
Each family returns [(form, Case)]; `u` is the per-form case unit (--count)."""

import random

from case import Case, SIZE_WORD, L, MODE, reg_name, value, signed
from masks import undefined_flags, shift_undefined

SIZES = (8, 16, 32)
ALU = ['add', 'adc', 'sub', 'sbb', 'and', 'or', 'xor', 'cmp']
SHIFTS = ['rol', 'ror', 'rcl', 'rcr', 'shl', 'shr', 'sar']
# Every condition code with the flags it reads (SDM vol. 1, appendix B).
CONDITIONS = {
    'o': 'OF', 'no': 'OF', 'b': 'CF', 'ae': 'CF', 'e': 'ZF', 'ne': 'ZF',
    'be': 'CF ZF', 'a': 'CF ZF', 's': 'SF', 'ns': 'SF', 'p': 'PF', 'np': 'PF',
    'l': 'SF OF', 'ge': 'SF OF', 'le': 'ZF SF OF', 'g': 'ZF SF OF',
}


def new(rng, form, k, out):
    """Yields k fresh cases of a form, appending them to out. Forms run in
    16-bit code are named c16_<form>."""
    if MODE['code16']:
        form = 'c16_' + form
    assert len(form) <= L['NAME_LEN'], form
    for i in range(max(k, 1)):
        c = Case(rng)
        out.append((form, c))
        yield c, i


def imm(v, bits):
    return 'strict %s 0x%x' % (SIZE_WORD[bits], v)


def operand(c, bits, mem_share=0.5, v=None):
    """A register or (with probability mem_share) memory operand."""
    return c.memop(bits, v) if c.rng.random() < mem_share else c.reg(bits, v)


def fam_mov(rng, u):
    out = []
    for bits in SIZES:
        for c, _ in new(rng, 'mov%d_rr' % bits, u, out):
            d, s = c.reg(bits), c.reg(bits)
            c.emit('mov %s, %s' % (d, s))
        for c, _ in new(rng, 'mov%d_rm' % bits, u // 2, out):
            d = c.reg(bits)
            c.emit('mov %s, %s' % (d, c.memop(bits)))
        for c, _ in new(rng, 'mov%d_mr' % bits, u // 2, out):
            m = c.memop(bits)
            c.emit('mov %s, %s' % (m, c.reg(bits)))
        for c, _ in new(rng, 'mov%d_ri' % bits, u // 2, out):
            c.emit('mov %s, %s' % (c.reg(bits), imm(value(rng, bits), bits)))
        for c, _ in new(rng, 'mov%d_mi' % bits, u // 2, out):
            c.emit('mov %s, %s' % (c.memop(bits), imm(value(rng, bits), bits)))
        for c, i in new(rng, 'mov%d_moffs' % bits, u // 2, out):
            a = c.data_addr(bits)
            c.init_mem(a, bits // 8)
            acc = c.reg(bits, name=reg_name('eax', bits))
            m = '[dword 0x%08x]' % a
            c.emit('mov %s, %s' % (m, acc) if i % 2 else 'mov %s, %s' % (acc, m))
    for ext in ('movzx', 'movsx'):
        for dbits, sbits in ((32, 8), (32, 16), (16, 8)):
            for c, _ in new(rng, '%s%d_%d' % (ext, dbits, sbits), u, out):
                s = operand(c, sbits, 0.4)
                c.emit('%s %s, %s' % (ext, c.reg(dbits), s))
    for c, _ in new(rng, 'lea32', u, out):
        d = c.reg(32)
        c.emit('lea %s, %s' % (d, c.address(rng.getrandbits(32))))
    for c, _ in new(rng, 'lea16', u // 2, out):
        d = c.reg(16)
        c.emit('lea %s, %s' % (d, c.address(rng.getrandbits(32))))
    for c, _ in new(rng, 'lea_a16', u, out):
        modes = ['bx+si', 'bx+di', 'bp+si', 'bp+di', 'si', 'di', 'bp', 'bx']
        d = rng.choice(['eax', 'ecx', 'edx', 'ax', 'cx'])
        c.emit('lea %s, [%s%+d]' % (d, rng.choice(modes), rng.randrange(-0x8000, 0x8000)))
    for bits in SIZES:
        for c, _ in new(rng, 'xchg%d_rr' % bits, u // 2, out):
            c.emit('xchg %s, %s' % (c.reg(bits), c.reg(bits)))
        for c, _ in new(rng, 'xchg%d_rm' % bits, u // 2, out):
            m = c.memop(bits)
            c.emit('xchg %s, %s' % (c.reg(bits), m) if rng.random() < 0.5 else
                   'xchg %s, %s' % (m, c.reg(bits)))
    for c, _ in new(rng, 'xchg_acc', u // 2, out):
        bits = rng.choice((16, 32))
        acc = c.reg(bits, name=reg_name('eax', bits))
        c.emit('xchg %s, %s' % (acc, c.reg(bits)))
    return out


def fam_alu(rng, u):
    out = []
    for op in ALU:
        undef = undefined_flags(op)
        for bits in SIZES:
            for c, i in new(rng, '%s%d_rr' % (op, bits), 2 * u, out):
                d = c.reg(bits)
                s = d if i % 10 == 9 else c.reg(bits)
                c.emit('%s %s, %s' % (op, d, s))
                c.undef = undef
            for c, _ in new(rng, '%s%d_rm' % (op, bits), u // 2, out):
                d = c.reg(bits)
                c.emit('%s %s, %s' % (op, d, c.memop(bits)))
                c.undef = undef
            for c, _ in new(rng, '%s%d_mr' % (op, bits), u // 2, out):
                m = c.memop(bits)
                c.emit('%s %s, %s' % (op, m, c.reg(bits)))
                c.undef = undef
            for c, i in new(rng, '%s%d_ri' % (op, bits), u // 2, out):
                # Alternates accumulator short forms, full immediates and, for
                # 16/32 bits, the sign-extended imm8 encoding.
                d = c.reg(bits, name=reg_name('eax', bits) if i % 3 == 0 else None)
                if bits > 8 and i % 3 == 2:
                    c.emit('%s %s, byte %d' % (op, d, rng.randrange(-128, 128)))
                else:
                    c.emit('%s %s, %s' % (op, d, imm(value(rng, bits), bits)))
                c.undef = undef
            for c, _ in new(rng, '%s%d_mi' % (op, bits), u // 2, out):
                c.emit('%s %s, %s' % (op, c.memop(bits), imm(value(rng, bits), bits)))
                c.undef = undef
    for bits in SIZES:
        for c, i in new(rng, 'test%d_rr' % bits, u, out):
            d = c.reg(bits)
            c.emit('test %s, %s' % (d, d if i % 4 == 3 else c.reg(bits)))
            c.undef = undefined_flags('test')
        for c, i in new(rng, 'test%d_ri' % bits, u // 2, out):
            d = operand(c, bits, 0.3) if i % 2 else c.reg(bits, name=reg_name('eax', bits))
            c.emit('test %s, %s' % (d, imm(value(rng, bits), bits)))
            c.undef = undefined_flags('test')
        for c, _ in new(rng, 'test%d_mr' % bits, u // 2, out):
            m = c.memop(bits)
            c.emit('test %s, %s' % (m, c.reg(bits)))
            c.undef = undefined_flags('test')
        for op in ('inc', 'dec', 'neg', 'not'):
            for c, _ in new(rng, '%s%d' % (op, bits), u, out):
                c.emit('%s %s' % (op, operand(c, bits, 0.25)))
    return out


def shift_case(c, op, bits, count, dest, source=None, by='cl'):
    """Emits one shift/rotate (or shld/shrd with source) and its masks."""
    undef, result_undefined = shift_undefined(op, bits, count)
    c.undef = undef
    if result_undefined:
        if dest.split()[0] in SIZE_WORD.values():
            for a in c.dump:
                c.mem_ignore[a] = 0xffffffff
        else:
            c.ignore_reg(dest)
    srcpart = ', %s' % source if source else ''
    c.emit('%s %s%s, %s' % (op, dest, srcpart, by))


def fam_shift(rng, u):
    out = []
    rep = max(1, u // 8)
    for op in SHIFTS + ['shld', 'shrd']:
        double = op in ('shld', 'shrd')
        for bits in ((16, 32) if double else SIZES):
            # Every count 0..33 through CL and as an immediate (a translator
            # may special-case constant counts), then a few larger ones.
            for c, i in new(rng, '%s%d_cl' % (op, bits), 34 * rep + 2, out):
                count = i % 34 if i < 34 * rep else rng.randrange(34, 256)
                c.reg(8, count, name='cl')
                d = c.reg(bits)
                shift_case(c, op, bits, count, d, c.reg(bits) if double else None)
            for c, i in new(rng, '%s%d_i' % (op, bits), 34 * rep + 2, out):
                count = i % 34 if i < 34 * rep else rng.randrange(34, 256)
                d = c.reg(bits)
                shift_case(c, op, bits, count, d, c.reg(bits) if double else None,
                           by=('%d' if double else 'byte %d') % count)
            for c, i in new(rng, '%s%d_m' % (op, bits), u // 2, out):
                count = rng.randrange(34)
                c.reg(8, count, name='cl')
                m = c.memop(bits)
                shift_case(c, op, bits, count, m, c.reg(bits) if double else None)
            if not double:
                for c, _ in new(rng, '%s%d_1' % (op, bits), u // 2, out):
                    shift_case(c, op, bits, 1, operand(c, bits, 0.3), by='1')
    return out


def divide_operands(rng, bits, is_signed):
    """(dividend, divisor) whose quotient fits in `bits`: no #DE."""
    lim = 1 << bits
    while True:
        d, q = value(rng, bits), value(rng, bits)
        if d == 0:
            continue
        if not is_signed:
            n = q * d + rng.randrange(d)
            if n < lim * lim:
                return n, d
            continue
        sd, sq = signed(d, bits), signed(q, bits)
        r = rng.randrange(abs(sd))
        n = sq * sd + (r if sq * sd > 0 or (sq * sd == 0 and rng.random() < 0.5) else -r)
        quot = abs(n) // abs(sd) * (1 if (n < 0) == (sd < 0) else -1)
        if -lim * lim // 2 <= n < lim * lim // 2 and -lim // 2 <= quot < lim // 2:
            return n & (lim * lim - 1), d


def set_dividend(c, bits, n):
    if bits == 8:
        c.reg(16, n, name='ax')
    else:
        c.reg(bits, n & ((1 << bits) - 1), name=reg_name('eax', bits))
        c.reg(bits, n >> bits, name=reg_name('edx', bits))


def fam_muldiv(rng, u):
    out = []
    for bits in SIZES:
        for op in ('mul', 'imul'):
            for c, _ in new(rng, '%s%d' % (op, bits), u, out):
                c.reg(bits, name=reg_name('eax', bits))
                c.emit('%s %s' % (op, operand(c, bits, 0.3)))
                c.undef = undefined_flags(op)
        for op in ('div', 'idiv'):
            for c, _ in new(rng, '%s%d' % (op, bits), u, out):
                n, d = divide_operands(rng, bits, op == 'idiv')
                set_dividend(c, bits, n)
                c.emit('%s %s' % (op, operand(c, bits, 0.3, d)))
                c.undef = undefined_flags(op)
    for bits in (16, 32):
        for c, _ in new(rng, 'imul%d_rr' % bits, u, out):
            d = c.reg(bits)
            c.emit('imul %s, %s' % (d, operand(c, bits, 0.3)))
            c.undef = undefined_flags('imul')
        for c, i in new(rng, 'imul%d_rri' % bits, u, out):
            d = c.reg(bits)
            k = ('byte %d' % rng.randrange(-128, 128)) if i % 2 else imm(value(rng, bits), bits)
            c.emit('imul %s, %s, %s' % (d, operand(c, bits, 0.3), k))
            c.undef = undefined_flags('imul')
    return out


def fam_divide_error(rng, u):
    """#DE cases (divide by zero, quotient overflow, aam 0): kept apart until
    mimic delivers exceptions. The shims resume them at [RESUME]: the flat one
    from its IDT's #DE handler, the Linux one from a SIGFPE handler."""
    out = []
    for bits in SIZES:
        for op in ('div', 'idiv'):
            for c, i in new(rng, 'de_%s%d' % (op, bits), u // 2, out):
                lim = 1 << bits
                if i % 2:
                    n, d = rng.randrange(lim * lim), 0
                elif op == 'div':
                    d = rng.randrange(1, lim)
                    n = d * lim + rng.randrange(lim)
                else:
                    n, d = (lim * lim // 2), lim - 1        # -2^(2n-1) / -1
                set_dividend(c, bits, n)
                c.emit('mov dword [RESUME], .resume', '%s %s' % (op, operand(c, bits, 0.3, d)),
                       '.resume:')
    for c, _ in new(rng, 'de_aam', 2, out):
        c.emit('mov dword [RESUME], .resume', 'aam 0', '.resume:')
    return out


def bit_memory_case(c, op, bits, off):
    """bt* on memory with a register bit offset: the offset is signed and may
    reach far from the operand's address (SDM: "bit base" addressing)."""
    base = L['DATA'] + 0x800
    ea = base + (bits // 8) * (off >> (bits.bit_length() - 1))
    c.init_mem(ea - 4, 12)
    m = '%s %s' % (SIZE_WORD[bits], c.address(base))
    c.emit('%s %s, %s' % (op, m, c.reg(bits, off & ((1 << bits) - 1))))


def fam_bit(rng, u):
    out = []
    for op in ('bt', 'bts', 'btr', 'btc'):
        for bits in (16, 32):
            undef = undefined_flags(op)
            for c, _ in new(rng, '%s%d_rr' % (op, bits), u, out):
                d = c.reg(bits)
                c.emit('%s %s, %s' % (op, d, c.reg(bits)))
                c.undef = undef
            for c, _ in new(rng, '%s%d_ri' % (op, bits), u // 2, out):
                c.emit('%s %s, byte %d' % (op, operand(c, bits, 0.4), rng.getrandbits(8)))
                c.undef = undef
            for c, i in new(rng, '%s%d_mr' % (op, bits), u, out):
                off = rng.choice([0, 1, bits - 1, bits, -1, -bits, -bits - 1]) if i % 3 == 0 \
                    else rng.randrange(-4000, 4000)
                bit_memory_case(c, op, bits, off)
                c.undef = undef
    for op in ('bsf', 'bsr'):
        for bits in (16, 32):
            for c, i in new(rng, '%s%d' % (op, bits), u, out):
                v = 0 if i % 3 == 0 else (value(rng, bits) if i % 3 == 1 else 1 << rng.randrange(bits))
                d = c.reg(bits)
                c.emit('%s %s, %s' % (op, d, operand(c, bits, 0.3, v)))
                c.undef = undefined_flags(op)
                if v == 0:
                    # "If the content of the source operand is 0, the content of
                    # the destination operand is undefined."
                    c.ignore_reg(d)
    for cc in CONDITIONS:
        for c, _ in new(rng, 'set%s' % cc, u // 2, out):
            c.emit('set%s %s' % (cc, operand(c, 8, 0.3)))
        for c, _ in new(rng, 'cmov%s' % cc, u // 2, out):
            bits = rng.choice((16, 32))
            d = c.reg(bits)
            c.emit('cmov%s %s, %s' % (cc, d, operand(c, bits, 0.3)))
    for bits in SIZES:
        for c, i in new(rng, 'cmpxchg%d' % bits, u, out):
            c.reg(bits, name=reg_name('eax', bits))
            av = c.regs['eax'] & ((1 << bits) - 1)
            d = operand(c, bits, 0.5, av if i % 2 else None)
            c.emit('cmpxchg %s, %s' % (d, c.reg(bits)))
        for c, _ in new(rng, 'xadd%d' % bits, u, out):
            d = operand(c, bits, 0.5)
            c.emit('xadd %s, %s' % (d, c.reg(bits)))
    for c, i in new(rng, 'cmpxchg8b', u, out):
        for r in ('eax', 'edx', 'ebx', 'ecx'):
            c.claim(r)
        a = c.data_addr(32) & ~7
        c.init_mem(a, 8)
        if i % 2:
            c.poke(a, c.regs['eax'], 32)
            c.poke(a + 4, c.regs['edx'], 32)
        c.emit('cmpxchg8b qword %s' % c.address(a))
    for c, _ in new(rng, 'bswap', u, out):
        c.emit('bswap %s' % c.reg(32))
    for form, text in (('lock_add32', 'lock add %s, %s'), ('lock_xadd32', 'lock xadd %s, %s'),
                       ('lock_cmpxchg32', 'lock cmpxchg %s, %s')):
        for c, _ in new(rng, form, u // 2, out):
            m = c.memop(32)
            c.emit(text % (m, c.reg(32)))
            c.undef = undefined_flags('add')
    # F3 0F BC is BSF on a CPU without BMI1 (mimic's: Linux's __ffs is
    # "rep; bsf") and TZCNT on one with it (the host may be either): both
    # give the lowest set bit's index and ZF = 0 when the source is even and
    # not zero, so only such sources are compared, under BSF's flag rules.
    # These forms came late: they draw from a stream of their own, so the
    # cases of every form generated after them stay what they were.
    own = random.Random('rep_bsf')
    for bits in (16, 32):
        for c, _ in new(own, 'rep_bsf%d' % bits, u // 2, out):
            v = value(own, bits) & ~1 or 1 << own.randrange(1, bits)
            d = c.reg(bits)
            c.emit('db 0xf3', 'bsf %s, %s' % (d, operand(c, bits, 0.3, v)))
            c.undef = undefined_flags('bsf')
    return out
