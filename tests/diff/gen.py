#!/usr/bin/env python3
"""Writes the differential instruction tests: for each group, nasm source of many
cases per instruction form (build/diff/<group>.asm) and the cases' inputs and
masks (build/diff/<group>.json) for compare.py. The forms live in forms.py."""

import argparse
import json
import os
import random
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from masks import COMPARED, COMPARED_CPL0  # noqa: E402
import descriptors  # noqa: E402
import forms  # noqa: E402


def layout():
    """The fixed addresses of layout.inc, the one place they are defined."""
    names = {}
    with open(os.path.join(HERE, 'layout.inc')) as f:
        for line in f:
            m = re.match(r'(\w+)\s+equ\s+(0x[0-9a-fA-F]+)', line)
            if m:
                names[m.group(1)] = int(m.group(2), 16)
    return names


def hexval(v):
    return v if isinstance(v, str) else '0x%08x' % (v & 0xffffffff)


def case_source(form, n, c):
    """nasm lines of one case: set memory, flags and registers, run the snippet,
    capture every GPR and EFLAGS, print the report line. Only mov, push/pop,
    pushfd/popfd and call run outside the snippet. A 16-bit case's snippet
    sits in section .text16 (the 16-bit code segment based at code16_base):
    far jumps through FAR16 and FAR32 go there and back, which changes no
    register or flag, and its labels as values are offsets in that segment.
    A CPL 0 group's case loads its input flags with iretd instead (popfd
    cannot set VIF and VIP), after a popfd that clears NT (else iretd returns
    to a task); a case of its that runs at CPL 3 gets there by that iretd,
    which loads ESP and SS too (DS and ES hold the ring 3 data segment by
    then, as iret would null DPL 0 ones), and comes back through a call gate."""
    snippet = 's_%s_%d' % (form, n)

    def val(v):
        if isinstance(v, str) and c.code16:
            return '%s%s - code16_base' % (snippet, v)
        return hexval(v)
    out = ['c_%s_%d:' % (form, n),
           '        mov dword [CUR_FORM], name_%s' % form,
           '        mov dword [CUR_CASE], %d' % n]
    for addr in sorted(c.mem):
        out.append('        mov dword [0x%08x], %s' % (addr, val(c.mem[addr])))
    if c.code16:
        out += ['        mov dword [FAR16], %s - code16_base' % snippet,
                '        mov dword [FAR32], r_%s_%d' % (form, n)]
    regs = ['        mov %s, %s' % (r, val(c.regs[r])) for r in forms.REG32 if r != 'esp']
    esp = '        mov esp, %s' % val(c.regs['esp'])
    entry = 'i_%s_%d' % (form, n)
    clear_nt = ['        push dword 0x00000002',
                '        popfd']
    out.append('        mov esp, FLAGS_TOP')
    if c.ring3:
        out += clear_nt + ['        push dword USER_DS',
                           '        pop ds',
                           '        push dword USER_DS',
                           '        pop es'] + regs + [
            '        push dword USER_DS',
            '        push dword %s' % val(c.regs['esp']),
            '        push dword 0x%08x' % c.flags,
            '        push dword USER_CS',
            '        push dword ' + entry,
            '        iretd',
            entry + ':']
    elif c.cpl0:
        out += clear_nt + ['        push dword 0x%08x' % c.flags,
                           '        push cs',
                           '        push dword ' + entry,
                           '        iretd',
                           entry + ':'] + regs + [esp]
    else:
        out += ['        push dword 0x%08x' % c.flags,
                '        popfd'] + regs + [esp]
    body = ['        ' + line if not line.startswith('.') else line for line in c.asm]
    if c.code16:
        body = ['        jmp far [FAR16]',
                '        section .text16',
                '        bits 16',
                snippet + ':'] + body + [
                '        jmp dword far [dword FAR32]',
                '        section .text',
                '        bits 32',
                'r_%s_%d:' % (form, n)]
    out += body
    for i, r in enumerate(forms.REG32):
        out.append('        mov [SAVE+%d], %s' % (4 * i, r))
    out += ['        mov esp, SAVE_END',
            '        pushfd']
    if c.ring3:
        out.append('        call GATE_RING0:0')
    out += ['        mov esp, [DRV_ESP]',
            '        call diff_report']
    for addr in c.dump:
        out += ['        mov ebx, 0x%08x' % addr,
                '        call diff_put_mem32']
    out.append('        call diff_put_eol')
    return out


def case_record(form, n, c):
    """What compare.py needs to judge and explain one case."""
    return {
        'form': form, 'n': n, 'asm': [l.strip() for l in c.asm],
        'regs': [hexval(c.regs[r]) for r in forms.REG32],
        'flags': c.flags,
        'mem': {hexval(a): hexval(v) for a, v in sorted(c.mem.items())},
        'dump': [hexval(a) for a in c.dump],
        'fmask': (COMPARED_CPL0 if c.cpl0 else COMPARED) & ~c.undef,
        'rmask': [0xffffffff & ~c.reg_ignore.get(r, 0) for r in forms.REG32],
        'mmask': [0xffffffff & ~c.mem_ignore.get(a, 0) for a in c.dump],
    }


def write_group(outdir, group, cases):
    header = ['; Generated by tests/diff/gen.py: group %s, %d cases.' % (group, len(cases)),
              '%include "layout.inc"',
              '        bits 32',
              '        global diff_cases',
              '        extern diff_report, diff_put_mem32, diff_put_eol, diff_done',
              '        extern shim_trap_init',
              '        global code16_base',
              '        section .text16 progbits alloc exec nowrite align=16',
              'code16_base:',
              '        section .text'] + descriptors.asm() + ['diff_cases:']
    if group in forms.TRAP_GROUPS:
        header.append('        call shim_trap_init')
    body, records, names = [], [], []
    for form, n, c in cases:
        body += case_source(form, n, c)
        records.append(case_record(form, n, c))
        if form not in names:
            names.append(form)
    tail = ['        jmp diff_done']
    for form in names:
        tail.append('name_%s: db "%-*s"' % (form, forms.L['NAME_LEN'], form))
    # 16-bit offsets must reach every snippet: nasm refuses a negative TIMES
    # count, so this fails the build when .text16 outgrows 64 KB.
    tail += ['        section .text16',
             '        times -(($ - code16_base) >> 16) db 0']
    write_atomically(os.path.join(outdir, group + '.asm'), '\n'.join(header + body + tail) + '\n')
    write_atomically(os.path.join(outdir, group + '.json'), json.dumps(records, separators=(',', ':')))


def write_atomically(path, text):
    """Another make test may be reading build/diff at the same time."""
    tmp = '%s.%d.tmp' % (path, os.getpid())
    with open(tmp, 'w') as f:
        f.write(text)
    os.replace(tmp, path)


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('--seed', type=int, default=1, help='random seed (default 1)')
    ap.add_argument('--count', type=int, default=8,
                    help='random cases per form unit (default 8; enumerations repeat count/8 times)')
    ap.add_argument('--out', default='build/diff', help='output directory')
    ap.add_argument('--with-de', action='store_true',
                    help='also write the divide-error group (needs a guest IDT: off by default)')
    ap.add_argument('--only', metavar='PREFIX,...',
                    help='keep only the forms whose name starts with one of these (to debug)')
    ap.add_argument('--forms', metavar='NAME[@N],...',
                    help='keep only these forms (exact names; NAME@N: its cases after N)')
    ap.add_argument('--list', action='store_true', help='print group names and exit')
    ap.add_argument('--list-cpl0', action='store_true',
                    help='print the names of the CPL 0 groups (qemu-system-i386 is their reference) and exit')
    args = ap.parse_args()
    if args.list_cpl0:
        print(' '.join(forms.GROUPS_CPL0))
        return
    if args.list and not (args.only or args.forms):
        print(' '.join(forms.group_names(args.with_de)))
        return
    forms.set_layout(layout())
    groups = forms.generate(random.Random(args.seed), args.count, args.with_de)
    if args.only or args.forms:
        # The same cases as the full run (same numbers), fewer forms.
        prefixes = tuple(args.only.split(',')) if args.only else ()
        after = {}      # form -> keep cases numbered above this
        for name in (args.forms.split(',') if args.forms else []):
            form, _, n = name.partition('@')
            after[form] = int(n) if n else -1
        groups = {g: [c for c in cases if c[0].startswith(prefixes) or c[1] > after.get(c[0], 1 << 30)]
                  for g, cases in groups.items()}
        groups = {g: cases for g, cases in groups.items() if cases}
    if args.list:
        print(' '.join(groups))
        return
    os.makedirs(args.out, exist_ok=True)
    total = 0
    for group, cases in groups.items():
        write_group(args.out, group, cases)
        total += len(cases)
    print('gen: %d groups, %d forms, %d cases (seed %d, count %d)' % (
        len(groups), len({f for cs in groups.values() for f, _, _ in cs}), total,
        args.seed, args.count))


if __name__ == '__main__':
    main()
