"""The LDT every group runs with, in both forms the shims need: raw 8-byte
descriptors (the flat shim copies them into its LDT) and Linux's struct
user_desc records (the Linux shim hands them to modify_ldt). Entries are
written as user_desc fields and encoded the way Linux encodes them (DPL 3,
accessed set), so both sides hold the same bytes. lar/lsl/verr/verw cases pick
their selectors from here."""

from case import L

# user_desc fields: base, limit (20 bits), seg_32bit, contents (0 data, 1 data
# expand-down, 2 code; 3, conforming code, Linux refuses),
# read_exec_only, limit_in_pages, seg_not_present, useable (AVL).
FIELDS = ('base', 'limit', 'd', 'contents', 'ro', 'g', 'np', 'avl')


def entry(base, limit, d=1, contents=0, ro=0, g=0, np=0, avl=0):
    return dict(base=base, limit=limit, d=d, contents=contents, ro=ro, g=g, np=np, avl=avl)


def table():
    """Index -> entry; the indices missing are zero descriptors. The last
    index is the 16-bit code segment, so that Linux's LDT limit (set by the
    highest entry written) equals the flat shim's."""
    t = {
        0: entry(0x00012345, 0x0abcd),                        # data, read/write
        L['LDT_DATA16']: entry(L['SCR'], 0xffff, d=0),          # FS of 16-bit cases
        2: entry(0x00400000, 0xfffff, g=1),                   # flat 4 GB data
        3: entry(0x10000000, 0x00123, ro=1),                  # data, read-only
        4: entry(0x00800000, 0x00fff, contents=1),            # expand-down
        5: entry(0x00000000, 0x00042, contents=1, ro=1, g=1),  # expand-down, read-only, pages
        6: entry(0x00100000, 0x7ffff, contents=2),            # code, execute/read
        7: entry(0x00200000, 0x00fff, contents=2, ro=1),      # code, execute-only
        8: entry(0x00300000, 0x00010, np=1),                  # data, not present
        9: entry(0x00300000, 0x00020, contents=2, d=0, np=1),  # 16-bit code, not present
        10: entry(0x12345678, 0x54321, avl=1, g=1),           # AVL set
        12: entry(0x00000000, 0x0ffff, d=0, ro=1),            # 16-bit data, read-only
        13: entry(0x00000000, 0x00000, contents=2, d=0, ro=1, g=1),
        L['LDT_CODE16']: entry(0, 0xffff, d=0, contents=2),     # the cases' 16-bit code
    }
    assert max(t) == L['LDT_CODE16'] == L['LDT_ENTRIES'] - 1
    return t


def raw(e):
    """The descriptor Linux's modify_ldt writes for these fields."""
    type_ = 1 | (e['ro'] ^ 1) << 1 | e['contents'] << 2
    access = type_ | 0x10 | 3 << 5 | (e['np'] ^ 1) << 7
    flags = e['avl'] | e['d'] << 2 | e['g'] << 3
    b, lim = e['base'], e['limit']
    return (lim & 0xffff) | (b & 0xffffff) << 16 | access << 40 | \
        (lim >> 16 & 0xf) << 48 | flags << 52 | (b >> 24) << 56


def user_flags(e):
    """struct user_desc's bit fields after base_addr and limit."""
    return e['d'] | e['contents'] << 1 | e['ro'] << 3 | e['g'] << 4 | e['np'] << 5 | e['avl'] << 6


def selectors():
    """Selectors worth asking about: every LDT index (with every RPL over the
    cases), the null selectors, and GDT and LDT indices past both sides' limits."""
    return [i << 3 | 4 for i in range(L['LDT_ENTRIES'])] + [0, 0x2000, 0xfff8 & ~4, 0x0800 | 4]


def asm():
    """nasm lines defining diff_ldt (raw) and diff_ldt_user..diff_ldt_user_end."""
    t = table()
    out = ['        global diff_ldt, diff_ldt_user, diff_ldt_user_end',
           'diff_ldt:']
    out += ['        dq 0x%016x' % (raw(t[i]) if i in t else 0) for i in range(L['LDT_ENTRIES'])]
    out.append('diff_ldt_user:')
    for i in sorted(t):
        e = t[i]
        out.append('        dd %d, 0x%08x, 0x%05x, 0x%02x' % (i, e['base'], e['limit'], user_flags(e)))
    out.append('diff_ldt_user_end:')
    return out
