"""Flag producer/consumer pairs: cmp/test/ALU/shift results read by jcc, setcc,
cmovcc, adc/sbb and lahf in the next instruction, across a zero-count shift that
must keep them, across a translation-block boundary, and random chains of flag
writers and readers. These catch lazy-flag and cmp+jcc fusion bugs that single
instructions read back by pushfd cannot."""

import masks
from case import value, random_flags
from forms_ctl import popped_flags
from forms_data import new, CONDITIONS, ALU
from masks import undefined_flags, shift_undefined, CF, PF, AF, ZF, SF, OF, STATUS

# (kind, bits) producers of the *_jcc forms.
PRODUCERS = [('cmp', 8), ('cmp', 16), ('cmp', 32), ('test', 8), ('test', 32),
             ('sub', 32), ('add', 32), ('and', 32), ('or', 8), ('xor', 16),
             ('adc', 32), ('sbb', 32), ('inc', 32), ('dec', 16), ('neg', 32),
             ('shl', 32), ('shr', 8), ('sar', 16), ('imul', 32), ('bt', 32)]


def related(rng, a, bits):
    """A second operand close to a in the ways conditions care about: equal,
    one apart, the other sign, or anything."""
    m = (1 << bits) - 1
    return rng.choice([a, a + 1, a - 1, a ^ (1 << (bits - 1)), ~a, value(rng, bits)]) & m


def condition_mask(cc):
    mask = 0
    for name in CONDITIONS[cc].split():
        mask |= getattr(masks, name)
    return mask


def produce(c, kind, bits):
    """Emits a flag-producing instruction; returns the flags it leaves undefined."""
    rng = c.rng
    if kind in ALU or kind == 'test':
        a = value(rng, bits)
        d = c.reg(bits, a)
        s = c.memop(bits, related(rng, a, bits)) if rng.random() < 0.2 else \
            c.reg(bits, related(rng, a, bits))
        c.emit('%s %s, %s' % (kind, d, s))
        return undefined_flags(kind)
    if kind in ('inc', 'dec', 'neg'):
        c.emit('%s %s' % (kind, c.reg(bits)))
        return 0
    if kind in ('shl', 'shr', 'sar'):
        count = rng.randrange(bits + 2)
        c.reg(8, count, name='cl')
        c.emit('%s %s, cl' % (kind, c.reg(bits)))
        return shift_undefined(kind, bits, count)[0]
    if kind in ('imul', 'bt'):
        d = c.reg(bits)
        c.emit('%s %s, %s' % (kind, d, c.reg(bits)))
        return undefined_flags(kind)
    raise ValueError(kind)


def consumer_cc(rng, undef):
    """A condition that reads only flags the producer defines."""
    return rng.choice([cc for cc in CONDITIONS if not condition_mask(cc) & undef])


def fam_pairs(rng, u):
    out = []
    for kind, bits in PRODUCERS:
        for c, _ in new(rng, '%s%d_jcc' % (kind, bits), 2 * u, out):
            c.undef = produce(c, kind, bits)
            c.emit('j%s .t' % consumer_cc(rng, c.undef), 'mov %s, 1' % c.reg(32), '.t:')
    for bits in (8, 32):
        for c, _ in new(rng, 'cmp%d_setcc' % bits, u, out):
            c.undef = produce(c, 'cmp', bits)
            c.emit('set%s %s' % (consumer_cc(rng, 0), c.reg(8)))
    for kind in ('cmp', 'test', 'sub'):
        for c, _ in new(rng, '%s32_cmovcc' % kind, u, out):
            c.undef = produce(c, kind, 32)
            d = c.reg(32)
            c.emit('cmov%s %s, %s' % (consumer_cc(rng, c.undef), d, c.reg(32)))
    for form, lines in (('add_adc64', ('add eax, ecx', 'adc edx, ebx')),
                        ('sub_sbb64', ('sub eax, ecx', 'sbb edx, ebx')),
                        ('cmp_sbb_mask', ('cmp eax, ecx', 'sbb edx, edx')),
                        ('cmp_adc_zero', ('cmp eax, ecx', 'adc edx, 0')),
                        ('add_dec_adc', ('add eax, ecx', 'dec ebx', 'adc edx, esi')),
                        ('stc_inc_jc', ('stc', 'inc eax', 'jc .t', 'mov edi, 1', '.t:')),
                        ('clc_dec_jnc', ('clc', 'dec eax', 'jnc .t', 'mov edi, 1', '.t:'))):
        for c, _ in new(rng, form, u, out):
            a = value(rng, 32)
            c.reg(32, a, name='eax')
            c.reg(32, related(rng, a, 32), name='ecx')
            c.emit(*lines)
    for c, i in new(rng, 'shift0_keeps', 2 * u, out):
        # A shift or rotate whose masked count is 0 leaves every flag alone.
        c.undef = produce(c, 'cmp', 32)
        c.reg(8, [0, 32, 64, 96][i % 4], name='cl')
        op = rng.choice(['shl', 'shr', 'sar', 'rol', 'ror', 'rcl', 'rcr'])
        c.emit('%s %s, cl' % (op, c.reg(32)),
               'j%s .t' % consumer_cc(rng, 0), 'mov %s, 1' % c.reg(32), '.t:')
    for c, _ in new(rng, 'flags_tb', 2 * u, out):
        # The producer ends its block; pushfd reads the flags in the next one.
        c.undef = produce(c, rng.choice(ALU + ['inc', 'neg', 'shl', 'imul']), 32)
        c.emit('jmp short .n', '.n:')
    for c, _ in new(rng, 'flags_tb_jcc', 2 * u, out):
        c.undef = produce(c, rng.choice(['cmp', 'sub', 'add', 'test']), rng.choice((8, 16, 32)))
        c.emit('jmp short .n', '.n:', 'j%s .t' % consumer_cc(rng, c.undef),
               'mov %s, 1' % c.reg(32), '.t:')
    for c, _ in new(rng, 'dec_jnz_loop', u, out):
        c.reg(32, rng.randrange(1, 21), name='ecx')
        c.emit('.l:', 'add %s, byte 3' % c.reg(32), 'dec ecx', 'jnz .l')
    for c, _ in new(rng, 'cmp_lahf', u, out):
        c.undef = produce(c, 'cmp', rng.choice((8, 16, 32)))
        c.emit('lahf')
    for c, _ in new(rng, 'cmp_jcc_back', u, out):
        bits = rng.choice((8, 32))
        c.emit('jmp short .s', '.b:', 'mov %s, 2' % c.reg(32), 'jmp short .d', '.s:')
        c.undef = produce(c, 'cmp', bits)
        c.emit('j%s .b' % consumer_cc(rng, 0), 'mov %s, 1' % c.reg(32), '.d:')
    for c, _ in new(rng, 'flag_chain', 10 * u, out):
        chain(c, rng.randrange(3, 7))
    for c, _ in new(rng, 'sahf_jcc', u, out):
        # Flags written whole by sahf (and popfd below), then read by a jcc.
        c.reg(8, random_flags(rng) & 0xff, name='ah')
        c.emit('sahf', 'j%s .t' % consumer_cc(rng, 0), 'mov %s, 1' % c.reg(32), '.t:')
    for c, _ in new(rng, 'popfd_jcc', u, out):
        c.reg(32, popped_flags(rng), name='ebx')
        c.emit('push ebx', 'popfd', 'j%s .t' % consumer_cc(rng, 0), 'mov %s, 1' % c.reg(32), '.t:')
    return out


# Steps of a flag chain: (template, flags read, flags written, of those the ones
# left undefined). {a} {b} are 32-bit registers, {a8} {b8} their low bytes.
CHAIN_STEPS = [
    ('add {a}, {b}', 0, STATUS, 0), ('sub {a}, {b}', 0, STATUS, 0),
    ('cmp {a}, {b}', 0, STATUS, 0), ('cmp {a8}, {b8}', 0, STATUS, 0),
    ('adc {a}, {b}', CF, STATUS, 0), ('sbb {a8}, {b8}', CF, STATUS, 0),
    ('neg {a}', 0, STATUS, 0), ('xor {a}, {a}', 0, STATUS, AF),
    ('and {a}, {b}', 0, STATUS, AF), ('test {a8}, {b8}', 0, STATUS, AF),
    ('inc {a}', 0, STATUS & ~CF, 0), ('dec {a}', 0, STATUS & ~CF, 0),
    ('bt {a}, {b}', 0, CF | OF | SF | AF | PF, OF | SF | AF | PF),
    ('imul {a}, {b}', 0, STATUS, SF | ZF | AF | PF),
    ('clc', 0, CF, 0), ('stc', 0, CF, 0), ('cmc', CF, CF, 0),
    ('sahf', 0, SF | ZF | AF | PF | CF, 0), ('lahf', SF | ZF | AF | PF | CF, 0, 0),
    ('adc {a8}, 0', CF, STATUS, 0), ('sbb {a}, {a}', CF, STATUS, 0),
    ('jmp short .n{i}\n.n{i}:', 0, 0, 0),
    ('shift', 0, 0, 0), ('jcc', 0, 0, 0), ('setcc', 0, 0, 0), ('cmovcc', 0, 0, 0),
]
CHAIN_REGS = ['eax', 'ebx', 'edx', 'esi', 'edi']


def chain_step(c, i, undef):
    """One random step that reads no undefined flag: (lines, written, undefined)."""
    rng = c.rng
    while True:
        text, reads, written, left = rng.choice(CHAIN_STEPS)
        if not reads & undef:
            break
    a, b = rng.choice(CHAIN_REGS), rng.choice(CHAIN_REGS)
    if text == 'shift':
        op = rng.choice(['shl', 'shr', 'sar', 'rol', 'ror', 'rcl', 'rcr'])
        count = rng.randrange(34)
        left, _ = shift_undefined(op, 32, count)
        written = 0 if not count & 31 else (STATUS if op[0] == 's' else CF | OF)
        if op in ('rcl', 'rcr') and CF & undef and count & 31:
            op = 'rol'
        text = '%s {a}, %d' % (op, count)
    elif text == 'jcc':
        text = 'j%s .t{i}\nmov ecx, {i}\n.t{i}:' % consumer_cc(rng, undef)
    elif text == 'setcc':
        text = 'set%s {a8}' % consumer_cc(rng, undef)
    elif text == 'cmovcc':
        text = 'cmov%s {a}, {b}' % consumer_cc(rng, undef)
    lines = text.format(a=a, b=b, a8=a[1] + 'l' if a in ('eax', 'ebx', 'edx') else 'cl',
                        b8=b[1] + 'l' if b in ('eax', 'ebx', 'edx') else 'ch', i=i)
    return lines.split('\n'), written, left


def chain(c, steps):
    """A random chain of flag writers and readers; the flags still undefined at
    the end are masked, and no step reads one."""
    undef = 0
    for i in range(steps):
        lines, written, left = chain_step(c, i, undef)
        c.emit(*lines)
        undef = (undef & ~written) | left
    c.undef = undef
