# The x87 arithmetic library, built for the (x86-64) host and compared with
# the host CPU's own x87 by tests/x87/run.sh.

X87_LIB_SRCS  = $(wildcard translator/x87_float.c translator/x87_convert.c translator/x87_trans.c)
X87_HOST_TEST = $(B)/x87/host_test

$(X87_HOST_TEST): tests/x87/host_test.c $(X87_LIB_SRCS) translator/x87_float.h translator/x87_soft.h libc/bytes.h
	@mkdir -p $(@D)
	@$(HOSTCC) -std=gnu11 -O2 -Wall -Wextra -I. -o $@ $(filter %.c,$^)

TEST_DEPS += $(X87_HOST_TEST)
