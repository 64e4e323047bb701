"""Which instruction families make up which test group (one flat binary each),
and the numbering of cases within a form."""

from case import REG32, set_layout  # noqa: F401  (gen.py's view of the layout)
import forms_data as d
import forms_ctl as k
import forms_pairs as p
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
}
# Cases that raise #DE: off until mimic delivers exceptions (gen.py --with-de).
# Groups in TRAP_GROUPS install the shim's trap handler (IDT or SIGFPE) first.
DIVIDE_ERROR_GROUP = {'de': [d.fam_divide_error]}
TRAP_GROUPS = {'de'}


def groups(with_de):
    return dict(GROUPS, **(DIVIDE_ERROR_GROUP if with_de else {}))


def group_names(with_de):
    return list(groups(with_de))


def generate(rng, unit, with_de):
    """{group: [(form, case number, Case)]}, forms unique across groups."""
    result, seen = {}, set()
    for group, families in groups(with_de).items():
        cases, numbers = [], {}
        for fam in families:
            for form, c in fam(rng, unit):
                if form not in numbers:
                    assert form not in seen, 'form %s in two groups' % form
                    seen.add(form)
                    numbers[form] = 0
                cases.append((form, numbers[form], c))
                numbers[form] += 1
        result[group] = cases
    return result
