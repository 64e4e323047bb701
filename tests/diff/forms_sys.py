"""The flag-affecting system instructions a user-mode reference can run: lar,
lsl, verr and verw (ZF tells whether the selector passed; lar and lsl load a
register only then) over every entry of the shared LDT (descriptors.py) and
the selectors no table holds, and arpl (ZF tells whether the RPL was raised).
Same conventions as forms_data.py: each family returns [(form, Case)]."""

from case import value
from forms_data import new
from masks import LAR32_UNDEFINED
import descriptors


def selector_source(c, sel):
    """A register or memory word holding sel, with every RPL over the cases;
    a register's high half stays random (only its low 16 bits are a selector)."""
    sel |= c.rng.randrange(4)
    if c.rng.random() < 0.5:
        return c.memop(16, sel)
    return c.reg(16, sel)


def fam_system(rng, u):
    out = []
    sels = descriptors.selectors()
    for op in ('lar', 'lsl'):
        for bits in (16, 32):
            for c, i in new(rng, '%s%d' % (op, bits), len(sels), out):
                src = selector_source(c, sels[i])
                dst = c.reg(bits)
                if op == 'lar' and bits == 32:
                    c.reg_ignore[dst] = c.reg_ignore.get(dst, 0) | LAR32_UNDEFINED
                c.emit('%s %s, %s' % (op, dst, src))
    for op in ('verr', 'verw'):
        for c, i in new(rng, op, len(sels), out):
            c.emit('%s %s' % (op, selector_source(c, sels[i])))
    for kind in ('r', 'm'):
        for c, i in new(rng, 'arpl_' + kind, u, out):
            # Every other case has equal RPLs (ZF clear, nothing written).
            dst_v, src_v = value(rng, 16), value(rng, 16)
            if i % 2:
                src_v = (src_v & ~3) | (dst_v & 3)
            dst = c.memop(16, dst_v) if kind == 'm' else c.reg(16, dst_v)
            c.emit('arpl %s, %s' % (dst, c.reg(16, src_v)))
    return out
