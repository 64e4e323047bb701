"""The flag-affecting system instructions that need CPL 0, so that only the
flat shim runs them (qemu-system-i386 is the reference, the Linux host cannot
be): cli and sti, pushf and popf, iret to the same level, lahf and sahf, all
over input flags that include IF, IOPL, NT, AC and ID; the machine status
word: clts, lmsw and smsw on a CR0 preset by mov, read back by mov from CR0;
and popf, iret, cli and sti at CPL 3 (the shim enters it by iretd and comes
back through a call gate). Forms are named r0_<form> and r3_<form> by the
CPL they run at (lahf, popfd and others have forms of the same name in the
user-mode groups). Same conventions as
forms_data.py: each family returns [(form, Case)]."""

from case import MODE, value
from forms_ctl import stack_case
from forms_data import new
from masks import TF, VM, NT, VIF, VIP, IOPL

# CR0 bits a case may preset: MP, EM, TS, ET, NE, WP, AM and CD (NW only with
# CD: NW without CD is #GP). PE stays set and PG clear (the shim runs flat,
# without page tables); the bits the SDM reserves stay clear.
CR0_PE, CR0_TS, CR0_CD, CR0_NW = 0x1, 0x8, 0x40000000, 0x20000000
CR0_FREE = 0x2 | 0x4 | CR0_TS | 0x10 | 0x20 | 0x10000 | 0x40000 | CR0_CD

# SMSW with a 32-bit register: "the high-order 16 bits are undefined".
SMSW32_UNDEFINED = 0xffff0000


def popped_image(rng, bits, keep_clear=0):
    """An EFLAGS image for popf or iret: every bit random, reserved ones too,
    but TF and VM clear (a trap, or v86 mode after iret) and keep_clear."""
    return rng.getrandbits(bits) & ~(TF | VM | keep_clear)


def preset_cr0(c):
    """Emits a mov to CR0 of a random value; returns the register read back
    into afterwards (mov from CR0, all 32 bits compared)."""
    v = CR0_PE | (c.rng.getrandbits(32) & CR0_FREE)
    if v & CR0_CD and c.rng.random() < 0.5:
        v |= CR0_NW
    c.emit('mov cr0, %s' % c.reg(32, v))
    return c.reg(32)


def far_return_frame(c, opsize):
    """Pushes CS and the offset of label .r, as a far call would, for an iret
    of `opsize` bits back to this code. A pushed CS's upper half is either
    zero or left alone (SDM, PUSH): not compared."""
    esp = c.regs['esp']
    c.emit('%spush cs' % ('o32 ' if opsize == 32 else 'o16 '))
    if opsize == 32:
        c.mem_ignore[esp - 4] = c.mem_ignore.get(esp - 4, 0) | 0xffff0000
    target = '.r - code16_base' if c.code16 else '.r'
    c.emit('push %s %s' % ('dword' if opsize == 32 else 'word', target))


def fam_ring3(rng, u):
    """The same flag instructions at CPL 3 (32-bit code only): popf and iret
    change IF only when IOPL is 3 and IOPL never; cli and sti run with IOPL
    3 (below it they raise #GP, which the shim does not catch)."""
    out = []
    for form, bits, k in (('popfd', 32, 2 * u), ('popfw', 16, u), ('popfd_pushfd', 32, u),
                          ('iretd', 32, u)):
        for c, _ in new(rng, 'r3_' + form, k, out):
            c.ring3 = True
            c.flags &= ~NT
            c.poke(stack_case(c), popped_image(rng, bits, VIF | VIP), bits)
            if form == 'iretd':
                far_return_frame(c, 32)
                c.emit('iretd', '.r:')
            else:
                c.emit(*form.split('_'))
    for form in ('cli', 'sti'):
        for c, _ in new(rng, 'r3_' + form, u, out):
            c.ring3 = True
            c.flags |= IOPL
            c.emit(form)
    return out


def fam_system0(rng, u):
    # CPL 3 first: CR0.AM is still as the shim started then (qemu-system-i386
    # has no #AC).
    out = [] if MODE['code16'] else fam_ring3(rng, u)
    for form in ('cli', 'sti', 'lahf', 'sahf'):
        for c, _ in new(rng, 'r0_' + form, u, out):
            c.reg(32, value(rng, 32), name='eax')
            c.emit(form)
    for form in ('pushfd', 'pushfw'):
        for c, _ in new(rng, 'r0_' + form, u // 2, out):
            stack_case(c)
            c.emit(form)
    for form, bits in (('popfd', 32), ('popfw', 16)):
        for c, _ in new(rng, 'r0_' + form, 2 * u, out):
            c.poke(stack_case(c), popped_image(rng, bits), bits)
            c.emit(form)
    # The flags popfd loads, read at once by the next instruction.
    for c, _ in new(rng, 'r0_popfd_pushfd', u, out):
        c.poke(stack_case(c), popped_image(rng, 32), 32)
        c.emit('popfd', 'pushfd')
    # iret with a 16-bit operand keeps only IP: 32-bit code, linked above
    # 1 MB, cannot return to itself that way. NT is clear when iret runs (a
    # task return otherwise), not necessarily in the image it pops. VIF and
    # VIP stay clear in it: qemu-system-i386 (the reference) does not load
    # them as the SDM's iret does at CPL 0.
    for bits in ((32, 16) if MODE['code16'] else (32,)):
        for c, _ in new(rng, 'r0_iret%d' % bits, 2 * u, out):
            c.flags &= ~NT
            c.poke(stack_case(c), popped_image(rng, bits, VIF | VIP), bits)
            far_return_frame(c, bits)
            c.emit('iretd' if bits == 32 else 'iretw', '.r:')
    for c, _ in new(rng, 'r0_mov_cr0', u // 2, out):
        c.emit('mov %s, cr0' % preset_cr0(c))
    for c, _ in new(rng, 'r0_clts', u, out):
        back = preset_cr0(c)
        c.emit('clts', 'mov %s, cr0' % back)
    for kind in ('r', 'm'):
        for c, _ in new(rng, 'r0_lmsw_' + kind, u, out):
            back = preset_cr0(c)
            msw = value(rng, 16)
            c.emit('lmsw %s' % (c.memop(16, msw) if kind == 'm' else c.reg(16, msw)),
                   'mov %s, cr0' % back)
    for kind in ('r16', 'r32', 'm'):
        for c, _ in new(rng, 'r0_smsw_' + kind, u // 2, out):
            preset_cr0(c)
            if kind == 'm':
                dst = c.memop(16)
            else:
                dst = c.reg(int(kind[1:]))
                if kind == 'r32':
                    c.reg_ignore[dst] = SMSW32_UNDEFINED
            c.emit('smsw %s' % dst)
    return out
