#!/usr/bin/env python3
"""Compares a transcript of the differential cases (from mimic, or from another
reference) with the reference transcript recorded on the host CPU. Prints one
PASS/FAIL line per instruction form, then the first mismatches decoded with
their input state. The cases' inputs and masks come from gen.py's .json."""

import argparse
import json
import os
import sys

from masks import CF, PF, AF, ZF, SF, DF, OF, STATUS, TF, IF, IOPL, NT, RF, VM, AC, VIF, VIP, ID

STATUS_AND_DF = STATUS | DF

REGS = ['eax', 'ecx', 'edx', 'ebx', 'esp', 'ebp', 'esi', 'edi']
FLAG_NAMES = [('CF', CF), ('PF', PF), ('AF', AF), ('ZF', ZF), ('SF', SF), ('TF', TF), ('IF', IF),
              ('DF', DF), ('OF', OF), ('NT', NT), ('RF', RF), ('VM', VM), ('AC', AC),
              ('VIF', VIF), ('VIP', VIP), ('ID', ID)]


def flag_text(v):
    names = [n for n, bit in FLAG_NAMES if v & bit]
    if v & IOPL:
        names.append('IOPL%d' % ((v & IOPL) >> 12))
    return ' '.join(names) or '-'


def parse(path, forms):
    """{(form, n): [values]}, the keys in order of appearance, and whether the
    end line was seen. Lines that are not case lines (a kernel banner, QEMU
    noise) are context and skipped."""
    cases, order, ended = {}, [], False
    try:
        with open(path, errors='replace') as f:
            text = f.read()
    except OSError:
        return None, [], False
    # A last line without its newline was cut off by a crash: not reached.
    lines = text.split('\n')[:-1]
    for line in lines:
        tok = line.split()
        if tok == ['end']:
            ended = True
            continue
        if len(tok) < 11 or tok[0] not in forms:
            continue
        try:
            vals = [int(t, 16) for t in tok[1:]]
        except ValueError:
            continue
        key = (tok[0], vals[0])
        cases[key] = vals[1:]
        order.append(key)
    return cases, order, ended


def differences(rec, want, got):
    """Human-readable differences of one case under its masks ([] if equal)."""
    if len(got) != len(want):
        return ['line has %d values, want %d' % (len(got), len(want))]
    out = []
    for i, r in enumerate(REGS):
        m = rec['rmask'][i]
        if (want[i] ^ got[i]) & m:
            out.append('%s: want %08x got %08x (xor %08x)' % (r, want[i], got[i], (want[i] ^ got[i]) & m))
    fm = rec['fmask']
    if (want[8] ^ got[8]) & fm:
        bad = (want[8] ^ got[8]) & fm
        out.append('eflags: want %08x [%s] got %08x [%s], differ in %s (xor %08x)' % (
            want[8] & fm, flag_text(want[8] & fm), got[8] & fm, flag_text(got[8] & fm),
            flag_text(bad), bad))
    for j, addr in enumerate(rec['dump']):
        m = rec['mmask'][j]
        if (want[9 + j] ^ got[9 + j]) & m:
            out.append('mem[%s]: want %08x got %08x' % (addr, want[9 + j], got[9 + j]))
    return out


def describe(rec):
    regs = ' '.join('%s=%s' % rv for rv in zip(REGS, rec['regs']))
    text = ['    case %d: %s' % (rec['n'], ' ; '.join(rec['asm'])),
            '      in: %s eflags=%08x [%s]' % (regs, rec['flags'], flag_text(rec['flags']))]
    if rec['mem']:
        text.append('      mem in: ' + ' '.join('[%s]=%s' % kv for kv in rec['mem'].items()))
    return text


def selftest(records, ref, tag, group):
    """Proves the comparison can fail: flipping a compared bit of a register,
    of EFLAGS or of a dumped dword must be reported, and flipping a bit the
    SDM leaves undefined must not."""
    problems, checked = [], 0
    for rec in records[::max(1, len(records) // 50)]:
        want = ref[(rec['form'], rec['n'])]
        slots = [(i, rec['rmask'][i]) for i in range(8)] + [(8, rec['fmask'])] + \
            [(9 + j, m) for j, m in enumerate(rec['mmask'])]
        for i, mask in slots:
            # For EFLAGS the interesting hidden bits are the undefined status flags.
            hidden_bits = ~mask & (STATUS_AND_DF if i == 8 else 0xffffffff)
            for bit, hidden in ((mask & -mask, False), (hidden_bits & -hidden_bits, True)):
                if not bit:
                    continue
                got = list(want)
                got[i] ^= bit
                checked += 1
                if bool(differences(rec, want, got)) == hidden:
                    problems.append('%s case %d value %d bit %x: %s' % (
                        rec['form'], rec['n'], i, bit, 'reported' if hidden else 'missed'))
    if problems:
        print('FAIL %s/%s: comparison self-test: %s' % (tag, group, '; '.join(problems[:3])))
        return 1
    print('PASS %s/%s (comparison self-test, %d flips)' % (tag, group, checked))
    return 0


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument('ref', help='reference transcript (build/diff/<group>.ref)')
    ap.add_argument('got', help="transcript under test (mimic's output)")
    ap.add_argument('--cases', help='case records (default: <ref without .ref>.json)')
    ap.add_argument('--tag', default='diff', help='prefix of the verdict names')
    ap.add_argument('--show', type=int, default=3, help='mismatching cases shown per form')
    ap.add_argument('--selftest', action='store_true',
                    help='check that the comparison detects flipped bits (GOT is ignored)')
    ap.add_argument('--unreached', metavar='FILE',
                    help='if the run died, write what it never reached here (gen.py --forms)')
    ap.add_argument('--summary', action='store_true',
                    help='one verdict for the whole group (for checks of the harness itself)')
    args = ap.parse_args()
    with open(args.cases or os.path.splitext(args.ref)[0] + '.json') as f:
        records = json.load(f)
    group = os.path.splitext(os.path.basename(args.ref))[0]
    forms = {}
    for rec in records:
        forms.setdefault(rec['form'], []).append(rec)
    ref, _, ref_ended = parse(args.ref, forms)
    if ref is None or not ref_ended or len(ref) != len(records):
        print('FAIL %s/%s: reference transcript %s is broken (%s cases, %d expected)' % (
            args.tag, group, args.ref, 'no' if ref is None else len(ref), len(records)))
        return 1
    if args.selftest:
        return selftest(records, ref, args.tag, group)
    got, order, ended = parse(args.got, forms)
    failed = 0
    if got is None or not ended:
        # The case after the last one printed is where the run died; its form
        # fails below, the forms never reached are named on this one line.
        got = got or {}
        keys = [(rec['form'], rec['n']) for rec in records]
        crashed = keys[keys.index(order[-1]) + 1] if order else keys[0]
        judged = {form for form, _ in got} | {crashed[0]}
        unreached = [form for form in forms if form not in judged]
        print('FAIL %s/%s: transcript %s %s, ends %s: crashed in %s case %d; %d forms not reached' % (
            args.tag, group, args.got, 'missing' if not os.path.exists(args.got) else 'truncated',
            ('after %s case %d' % order[-1]) if order else 'before the first case',
            crashed[0], crashed[1], len(unreached)))
        if args.unreached:
            # The crashed form resumes after the case that crashed ("form@n").
            rest = [(form, n) for form, n in keys if form == crashed[0] and n > crashed[1]]
            with open(args.unreached, 'w') as f:
                f.write(','.join((['%s@%d' % crashed] if rest else []) + unreached))
        forms = {form: recs for form, recs in forms.items() if form in judged}
        failed = 1
    verdicts, failed_forms = [], []
    for form, recs in forms.items():
        verdict, details = judge(form, recs, ref, got, args)
        verdicts.append(verdict % args.tag)
        if details:
            failed_forms.append(form)
            verdicts += details
    if args.summary:
        # One verdict for the group; failing forms follow as context lines.
        ncases = sum(len(recs) for recs in forms.values())
        if failed_forms:
            print('FAIL %s/%s: %d of %d forms differ (first: %s)' % (
                args.tag, group, len(failed_forms), len(forms), failed_forms[0]))
            print('\n'.join('  ' + v for v in verdicts if not v.startswith('PASS')))
        elif not failed:
            print('PASS %s/%s (%d forms, %d cases)' % (args.tag, group, len(forms), ncases))
    else:
        print('\n'.join(verdicts))
    return 1 if failed or failed_forms else 0


def judge(form, recs, ref, got, args):
    """('PASS %s/form ...' or 'FAIL %s/form: ...', detail lines) for one form."""
    bad, missing = [], 0
    for rec in recs:
        key = (form, rec['n'])
        if key not in got:
            missing += 1
            continue
        diff = differences(rec, ref[key], got[key])
        if diff:
            bad.append((rec, diff))
    if not bad and not missing:
        return 'PASS %%s/%s (%d cases)' % (form, len(recs)), []
    why = '%d/%d mismatches' % (len(bad), len(recs))
    if missing:
        why += ', %d/%d cases missing' % (missing, len(recs))
    details = []
    for rec, diff in bad[:args.show]:
        details += describe(rec) + ['      ' + d for d in diff]
    return 'FAIL %%s/%s: %s' % (form, why), details or ['    (cases missing)']


if __name__ == '__main__':
    sys.exit(main())
