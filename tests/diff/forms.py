"""Which instruction families make up which test group (one flat binary each),
and the numbering of cases within a form."""

from case import REG32, L, MODE, set_layout  # noqa: F401  (gen.py's view of the layout)
import forms_data as d
import forms_ctl as k
import forms_pairs as p
import forms_sys as s
import forms_sys0 as s0
import forms_x87 as x

GROUPS = {
    'mov': [d.fam_mov],
    'alu': [d.fam_alu],
    'shift': [d.fam_shift],
    'muldiv': [d.fam_muldiv],
    'bit': [d.fam_bit],
    'stack': [k.fam_stack],
    'flow': [k.fam_flow],
    'string': [k.fam_string],
    'misc': [k.fam_misc],
    'pairs': [p.fam_pairs],
    'x87': [x.fam_x87],
    'system': [s.fam_system],
}
# The same forms in a 16-bit code segment (CS.D = 0; the data segments and SS
# stay 32-bit): the operand and address size prefixes mean the other size.
# Half the cases per form, as they repeat what the 32-bit groups test.
GROUPS16 = {
    'c16_data': [d.fam_mov, d.fam_alu, d.fam_muldiv, d.fam_bit],
    'c16_shift': [d.fam_shift],
    'c16_ctl': [k.fam_stack, k.fam_flow, k.fam_string, k.fam_misc],
    'c16_pairs': [p.fam_pairs],
    'c16_system': [s.fam_system],
}
# CPL 0 only (cli, popf of IF and IOPL, iret, CR0): the flat shim runs them, and
# qemu-system-i386 running it gives the reference (gen.py --list-cpl0), not the
# Linux host. Every EFLAGS bit is input and compared. Kept last, so that adding
# them changed no other group's cases.
GROUPS_CPL0 = {
    'system0': [s0.fam_system0],
    'c16_system0': [s0.fam_system0],
}
CODE16 = set(GROUPS16) | {'c16_system0'}
# Cases that raise #DE: off until mimic delivers exceptions (gen.py --with-de).
# Groups in TRAP_GROUPS install the shim's trap handler (IDT or SIGFPE) first.
DIVIDE_ERROR_GROUP = {'de': [d.fam_divide_error]}
TRAP_GROUPS = {'de'}


def groups(with_de):
    return dict(GROUPS, **GROUPS16, **GROUPS_CPL0, **(DIVIDE_ERROR_GROUP if with_de else {}))


def group_names(with_de):
    return list(groups(with_de))


def generate(rng, unit, with_de):
    """{group: [(form, case number, Case)]}, forms unique across groups."""
    result, seen = {}, set()
    for group, families in groups(with_de).items():
        cases, numbers = [], {}
        MODE['code16'] = group in CODE16
        MODE['cpl0'] = group in GROUPS_CPL0
        for fam in families:
            for form, c in fam(rng, max(2, unit // 2) if MODE['code16'] else unit):
                if form not in numbers:
                    assert form not in seen, 'form %s in two groups' % form
                    seen.add(form)
                    numbers[form] = 0
                cases.append((form, numbers[form], c))
                numbers[form] += 1
        result[group] = cases
    MODE['code16'] = MODE['cpl0'] = False
    return result
