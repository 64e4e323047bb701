"""The reviewed table of what the Intel SDM (vol. 2, per instruction, "Flags
Affected") leaves undefined. Only these bits are masked when transcripts are
compared; a mask is never widened to make a test pass."""

CF, PF, AF, ZF, SF, DF, OF = 0x001, 0x004, 0x010, 0x040, 0x080, 0x400, 0x800
TF, IF, IOPL, NT = 0x100, 0x200, 0x3000, 0x4000
RF, VM, AC, VIF, VIP, ID = 0x10000, 0x20000, 0x40000, 0x80000, 0x100000, 0x200000

# Bits compared in the groups the host CPU checks: the six status flags, DF and
# the always-one bit 1. IF, TF, IOPL, NT, RF, AC, ID are machine state the flat
# guest and Linux user mode necessarily differ in (IF is 0 in the flat guest, 1 under Linux).
COMPARED = CF | PF | AF | ZF | SF | DF | OF | 0x002
# The CPL 0 groups (forms_sys0.py) run only in the flat shim, on both sides, so
# every bit of EFLAGS is compared there.
COMPARED_CPL0 = 0xffffffff
STATUS = CF | PF | AF | ZF | SF | OF

# mnemonic -> flags the SDM calls undefined whatever the operands.
UNDEFINED = {
    # AND/OR/XOR/TEST: "The OF and CF flags are cleared; the SF, ZF, and PF flags
    # are set according to the result. The state of the AF flag is undefined."
    'and': AF, 'or': AF, 'xor': AF, 'test': AF,
    # MUL: "The OF and CF flags are set to 0 if the upper half of the result is
    # 0; otherwise, they are set to 1. The SF, ZF, AF, and PF flags are undefined."
    'mul': SF | ZF | AF | PF,
    # IMUL (all three forms): "The SF, ZF, AF, and PF flags are undefined."
    'imul': SF | ZF | AF | PF,
    # DIV/IDIV: "The CF, OF, SF, ZF, AF, and PF flags are undefined."
    'div': STATUS, 'idiv': STATUS,
    # BT/BTS/BTR/BTC: "The ZF flag is unaffected. The OF, SF, AF, and PF flags
    # are undefined."
    'bt': OF | SF | AF | PF, 'bts': OF | SF | AF | PF,
    'btr': OF | SF | AF | PF, 'btc': OF | SF | AF | PF,
    # BSF/BSR: "The CF, OF, SF, AF, and PF flags are undefined." (ZF is defined.)
    'bsf': CF | OF | SF | AF | PF, 'bsr': CF | OF | SF | AF | PF,
    # DAA/DAS: "The OF flag is undefined."
    'daa': OF, 'das': OF,
    # AAA/AAS: "The OF, SF, ZF, and PF flags are undefined."
    'aaa': OF | SF | ZF | PF, 'aas': OF | SF | ZF | PF,
    # AAM/AAD: "The OF, AF, and CF flags are undefined."
    'aam': OF | AF | CF, 'aad': OF | AF | CF,
}


# LAR with a 32-bit operand: "Bits 19:16 are undefined." (the descriptor's
# limit 19:16 on hardware; other implementations clear them).
LAR32_UNDEFINED = 0x000f0000


def undefined_flags(mnemonic):
    """Flags undefined for a mnemonic whose undefined set does not depend on
    its operands (0 when the SDM defines every flag it touches)."""
    return UNDEFINED.get(mnemonic, 0)


def shift_undefined(mnemonic, bits, count):
    """Undefined flags of a shift or rotate of a `bits`-wide operand by an
    immediate or CL `count`, and whether the result itself is undefined."""
    masked = count & 0x1f
    # Every shift and rotate: "If the count is 0, the flags are not affected."
    if masked == 0:
        return 0, False
    if mnemonic in ('shl', 'sal', 'shr', 'sar'):
        # SAL/SAR/SHL/SHR: "The OF flag is affected only on 1-bit shifts ... For
        # a non-zero count, the AF flag is undefined."
        undef = AF | (OF if masked != 1 else 0)
        # "The CF flag ... is undefined for SHL and SHR instructions where the
        # count is greater than or equal to the size (in bits) of the destination".
        if mnemonic != 'sar' and masked >= bits:
            undef |= CF
        return undef, False
    if mnemonic in ('rol', 'ror', 'rcl', 'rcr'):
        # RCL/RCR/ROL/ROR: "The OF flag is defined only for the 1-bit rotates; it
        # is undefined in all other cases". Other status flags are unaffected.
        return (OF if masked != 1 else 0), False
    if mnemonic in ('shld', 'shrd'):
        # SHLD/SHRD: "If the count is greater than the operand size, the result
        # is undefined" (and so are all flags); "For a 1-bit shift, the OF flag is
        # set if a sign change occurred; otherwise, it is cleared. For shifts
        # greater than 1 bit, the OF flag is undefined. ... The AF flag is undefined."
        if masked > bits:
            return STATUS, True
        return AF | (OF if masked != 1 else 0), False
    raise ValueError(mnemonic)
