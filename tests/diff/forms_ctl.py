"""Instruction forms about the stack, control flow, strings and the odd ones
(BCD adjust, flag operations, conversions, xlat, nops). Same conventions as
forms_data.py: each family returns [(form, Case)]."""

from case import L, value, random_flags, reg_name
from forms_data import new, imm, CONDITIONS
from masks import COMPARED, undefined_flags
import masks

# How far the initialised, dumped stack window reaches either side of STACK.
STACK_REACH = 48
STRING_REACH = 48


def stack_case(c):
    """The stack window gets random contents and ESP a slot near its middle."""
    c.init_mem(L['STACK'] - STACK_REACH, 2 * STACK_REACH)
    c.regs['esp'] = L['STACK'] - 4 * c.rng.randrange(4)
    return c.regs['esp']


def ignore_flags_image(c, addr, nbytes):
    """A pushed EFLAGS image: only the compared bits are defined to agree."""
    for i in range(nbytes):
        a = addr + i
        base = a & ~3
        keep = (COMPARED >> (8 * i)) & 0xff
        c.mem_ignore[base] = c.mem_ignore.get(base, 0) | ((~keep & 0xff) << (8 * (a - base)))


def popped_flags(rng):
    """An EFLAGS image for popf: status flags and DF, plus reserved bits 3, 5
    and 15 that popf must ignore. IF, TF, IOPL, NT, AC and ID stay clear: the
    flat guest runs with interrupts off and Linux forbids some of them."""
    v = random_flags(rng)
    for bit in (0x8, 0x20, 0x8000):
        if rng.random() < 0.3:
            v |= bit
    return v


def marker(c):
    """A line that sets a fresh register to a constant: shows a path was taken."""
    return 'mov %s, 0x5a5a5a5a' % c.reg(32)


def fam_stack(rng, u):
    out = []
    for bits, sfx in ((32, '32'), (16, '16')):
        for c, _ in new(rng, 'push%s_r' % sfx, u, out):
            stack_case(c)
            c.emit('push %s' % c.reg(bits))
        for c, _ in new(rng, 'push%s_i' % sfx, u, out):
            stack_case(c)
            c.emit('push %s' % imm(value(rng, bits), bits))
        for c, _ in new(rng, 'push%s_m' % sfx, u // 2, out):
            stack_case(c)
            c.emit('push %s' % c.memop(bits))
        for c, _ in new(rng, 'pop%s_r' % sfx, u, out):
            stack_case(c)
            c.emit('pop %s' % c.reg(bits))
        for c, _ in new(rng, 'pop%s_m' % sfx, u // 2, out):
            stack_case(c)
            c.emit('pop %s' % c.memop(bits))
    for c, _ in new(rng, 'push_i8', u, out):
        stack_case(c)
        c.emit('push byte %d' % rng.randrange(-128, 128))
    for c, i in new(rng, 'push_esp', u // 2, out):
        stack_case(c)
        c.emit('push esp' if i % 2 else 'push sp')
    for c, _ in new(rng, 'pop_esp', u // 2, out):
        stack_case(c)
        c.emit('pop esp')
    for c, _ in new(rng, 'push_m_esp', u // 2, out):
        stack_case(c)
        c.emit('push dword [esp+%d]' % (4 * rng.randrange(11)))
    for c, _ in new(rng, 'pop_m_esp', u // 2, out):
        # The SDM: "If the ESP register is used as a base register for
        # addressing a destination operand in memory, the POP instruction
        # computes the effective address of the operand after it increments".
        stack_case(c)
        c.emit('pop dword [esp+%d]' % (4 * rng.randrange(10)))
    for form in ('pushad', 'pushaw', 'popad', 'popaw'):
        for c, _ in new(rng, form, u // 2, out):
            stack_case(c)
            c.emit(form)
    for form, nbytes in (('pushfd', 4), ('pushfw', 2)):
        for c, _ in new(rng, form, u // 2, out):
            esp = stack_case(c)
            ignore_flags_image(c, esp - nbytes, nbytes)
            c.emit(form)
    for form, bits in (('popfd', 32), ('popfw', 16)):
        for c, _ in new(rng, form, u, out):
            c.poke(stack_case(c), popped_flags(rng), bits)
            c.emit(form)
    for c, i in new(rng, 'enter', u, out):
        stack_case(c)
        c.reg(32, L['STACK'] + 4 * rng.randrange(6), name='ebp')
        c.emit('enter %d, %d' % (rng.choice([0, 4, 8, 16, rng.randrange(17)]), i % 4))
    for c, i in new(rng, 'leave', u, out):
        stack_case(c)
        c.reg(32, L['STACK'] + 4 * rng.randrange(-4, 8), name='ebp')
        c.emit('leave' if i % 3 else 'o16 leave')
    for c, i in new(rng, 'esp_arith', u // 2, out):
        stack_case(c)
        k = 4 * rng.randrange(-8, 8)
        c.emit(['add esp, byte %d' % k, 'sub esp, %d' % k, 'lea esp, [esp%+d]' % k,
                'mov %s, esp' % c.reg(32)][i % 4])
    return out


def condition_flags(rng, cc, combo):
    """Random flags whose bits read by cc follow the bits of combo."""
    f = random_flags(rng)
    for k, name in enumerate(CONDITIONS[cc].split()):
        bit = getattr(masks, name)
        f = (f | bit) if combo >> k & 1 else (f & ~bit)
    return f


def fam_flow(rng, u):
    out = []
    rep = max(1, u // 4)
    for cc, used in CONDITIONS.items():
        combos = 1 << len(used.split())
        for kind in ('short', 'near'):
            for c, i in new(rng, 'j%s_%s' % (cc, kind), combos * rep, out):
                c.flags = condition_flags(rng, cc, i % combos)
                c.emit('j%s %s .t' % (cc, kind), marker(c), '.t:')
    for c, _ in new(rng, 'jcc_back', u, out):
        cc = rng.choice(list(CONDITIONS))
        c.emit('jmp short .s', '.b:', marker(c), 'jmp short .d', '.s:',
               'j%s .b' % cc, marker(c), '.d:')
    for form, line in (('jmp_short', 'jmp short .t'), ('jmp_near', 'jmp near .t')):
        for c, _ in new(rng, form, 2, out):
            c.emit(line, marker(c), '.t:')
    for c, _ in new(rng, 'jmp_r', 2, out):
        c.emit('jmp %s' % c.reg(32, '.t'), marker(c), '.t:')
    for c, _ in new(rng, 'jmp_m', 2, out):
        a = c.data_addr(32) & ~3
        c.init_mem(a, 4)
        c.mem[a] = '.t'
        c.emit('jmp dword %s' % c.address(a), marker(c), '.t:')
    for form in ('call_rel', 'call_r', 'call_m', 'ret_imm'):
        for c, _ in new(rng, form, u // 2, out):
            stack_case(c)
            target = '.f'
            if form == 'call_r':
                target = c.reg(32, '.f')
            elif form == 'call_m':
                a = c.data_addr(32) & ~3
                c.init_mem(a, 4)
                c.mem[a] = '.f'
                target = 'dword ' + c.address(a)
            ret = 'ret %d' % rng.choice([0, 2, 4, 8, 12, 16]) if form == 'ret_imm' else 'ret'
            c.emit('call %s' % target, marker(c), 'jmp .d', '.f:',
                   'mov %s, [esp]' % c.reg(32), ret, '.d:')
    loops = {'loop': 'loop .t', 'loope': 'loope .t', 'loopne': 'loopne .t',
             'jecxz': 'jecxz .t', 'loop_cx': 'loop .t, cx', 'jcxz': 'jcxz .t'}
    for form, line in loops.items():
        for c, i in new(rng, form, u, out):
            c.reg(32, [0, 1, 2, 0x10000, 0x10001, 0xffff, value(rng, 32)][i % 7], name='ecx')
            c.emit(line, marker(c), '.t:')
    for c, _ in new(rng, 'loop_count', u // 2, out):
        c.reg(32, rng.randrange(1, 21), name='ecx')
        c.emit('.l:', 'add %s, %s' % (c.reg(32), c.reg(32)), 'loop .l')
    return out


def fam_string(rng, u):
    out = []
    forms = []
    for op in ('movs', 'stos', 'lods'):
        forms += [(op, '', s) for s in 'bwd'] + [(op, 'rep', s) for s in 'bwd']
    for op in ('scas', 'cmps'):
        forms += [(op, '', s) for s in 'bwd'] + [(op, p, s) for p in ('repe', 'repne') for s in 'bd']
    for op, prefix, s in forms:
        bits = {'b': 8, 'w': 16, 'd': 32}[s]
        name = '%s%s%s' % (prefix + '_' if prefix else '', op, s)
        for c, _ in new(rng, name, u * 3 // 4, out):
            # Comparisons use two byte values so that equal runs are likely.
            alphabet = [0x41, 0x42] if op in ('scas', 'cmps') else list(range(256))

            def pattern(_addr):
                return int.from_bytes(bytes(rng.choice(alphabet) for _ in range(4)), 'little')
            writes = op in ('movs', 'stos')
            c.init_mem(L['STR_SRC'] - STRING_REACH, 2 * STRING_REACH, dump=False, values=pattern)
            c.init_mem(L['STR_DST'] - STRING_REACH, 2 * STRING_REACH, dump=writes, values=pattern)
            c.reg(32, L['STR_SRC'] + rng.randrange(-8, 9), name='esi')
            c.reg(32, L['STR_DST'] + rng.randrange(-8, 9), name='edi')
            if prefix:
                c.reg(32, rng.randrange(10), name='ecx')
            if op == 'scas':
                c.reg(bits, pattern(0) & ((1 << bits) - 1), name=reg_name('eax', bits))
            # 16-bit code: 32-bit addresses (ESI, EDI, ECX), as DS and ES are flat.
            a32 = 'a32 ' if c.code16 else ''
            c.emit(a32 + ('%s %s%s' % (prefix, op, s) if prefix else op + s))
    return out


def fam_misc(rng, u):
    out = []
    for form in ('cbw', 'cwde', 'cwd', 'cdq', 'lahf', 'sahf'):
        for c, _ in new(rng, form, u // 2, out):
            c.reg(32, value(rng, 32), name='eax')
            c.emit(form)
    for form in ('clc', 'stc', 'cmc', 'cld', 'std'):
        for c, _ in new(rng, form, u // 4, out):
            c.emit(form)
    for c, _ in new(rng, 'xlatb', u // 2, out):
        table = L['DATA'] + rng.randrange(0x100, 0x400)
        c.reg(32, table, name='ebx')
        c.init_mem(table + (c.regs['eax'] & 0xff), 1, dump=False)
        c.emit('a32 xlatb' if c.code16 else 'xlatb')
    bcd = [0x00, 0x09, 0x0a, 0x0f, 0x10, 0x19, 0x1a, 0x3f, 0x40, 0x90, 0x99, 0x9a,
           0x9f, 0xa0, 0xf9, 0xfa, 0xff]
    for op in ('daa', 'das', 'aaa', 'aas'):
        for c, i in new(rng, op, 2 * u, out):
            c.reg(8, bcd[i % len(bcd)] if i < len(bcd) else rng.getrandbits(8), name='al')
            c.emit(op)
            c.undef = undefined_flags(op)
    for op in ('aam', 'aad'):
        for c, i in new(rng, op, u, out):
            c.reg(16, value(rng, 16), name='ax')
            c.emit('%s %d' % (op, 10 if i % 2 else rng.randrange(1, 256)))
            c.undef = undefined_flags(op)
    for c, i in new(rng, 'nop', u // 4, out):
        c.emit(['nop', 'o16 nop', 'nop dword [eax+eax*1+0]', 'nop word [ebx+0x12345678]'][i % 4])
    for c, i in new(rng, 'seg_override', u, out):
        # Segment override prefixes on memory operands: every base is 0 both in
        # the flat guest and under Linux for CS, DS, ES and SS (not CS in 16-bit
        # code, whose base is code16_base; there the operand may have FS already).
        seg = ['ds' if c.code16 else 'cs', 'ds', 'es', 'ss'][i % 4]
        m = c.memop(32)
        if 'fs:' not in m:
            m = m.replace('[', '[%s:' % seg)
        c.emit(('mov %s, %s' if seg == 'cs' else 'add %s, %s') % (c.reg(32), m) if i % 2
               else 'mov %s, %s' % (c.reg(32), m))
    return out
