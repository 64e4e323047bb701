# Host unit tests: every tests/unit/<room>/<file>_test.c is linked with
# <room>/<file>.c into one host program per test file.

UNIT_TESTS  = $(wildcard tests/unit/*/*_test.c)
UNIT_BINS   = $(patsubst tests/unit/%_test.c,$(B)/unit/%_test,$(UNIT_TESTS))
UNIT_CFLAGS = -std=gnu11 -O1 -g -Wall -Wextra -I. -Itests/unit -DMIMIC_UNIT_TEST \
              -fsanitize=address,undefined -fno-sanitize-recover=undefined

$(B)/unit/%_test: tests/unit/%_test.c %.c tests/unit/test_main.c tests/unit/test.h
	@mkdir -p $(@D)
	@$(HOSTCC) $(UNIT_CFLAGS) -o $@ $(filter %.c,$^)

TEST_DEPS += $(UNIT_BINS)

# softmmu's files call one another: its tests link the whole room (this
# rule's shorter stem wins over the one above).
$(B)/unit/softmmu/%_test: tests/unit/softmmu/%_test.c $(wildcard softmmu/*.c) tests/unit/test_main.c tests/unit/test.h tests/unit/softmmu/rig.h
	@mkdir -p $(@D)
	@$(HOSTCC) $(UNIT_CFLAGS) -o $@ $(filter %.c,$^)

# The Linux bundle is a cpio archive: its test links the reader too.
$(B)/unit/kernel/linuxbundle_test: tests/unit/kernel/linuxbundle_test.c kernel/linuxbundle.c kernel/cpio.c tests/unit/test_main.c tests/unit/test.h tests/unit/kernel/cpio_build.h
	@mkdir -p $(@D)
	@$(HOSTCC) $(UNIT_CFLAGS) -o $@ $(filter %.c,$^)
