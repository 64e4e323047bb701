# The hosted build: translator + softmmu (+ devices that build hosted) and the
# runner in tests/hosted/, as a static Linux/mips64el program for qemu-mips64el.

HOSTED_CHECKS      = tests/hosted/emit_check.c tests/hosted/hostpc_check.c
HOSTED_RUNNER_SRCS = $(filter-out $(HOSTED_CHECKS),$(wildcard tests/hosted/*.c))
HOSTED_OBJS = $(patsubst %.c,$(B)/hosted/obj/%.o,$(filter translator/%.c softmmu/%.c,$(HOSTED_SRCS)) $(HOSTED_RUNNER_SRCS))
HOSTED_BIN  = $(B)/hosted/mimic-hosted

$(B)/hosted/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(CC) $(HOSTED_CFLAGS) -MMD -MP -c $< -o $@

$(HOSTED_BIN): $(HOSTED_OBJS) $(CAPSTONE_HLIB)
	@echo "  LD      $@"
	@$(CC) -static -o $@ $(HOSTED_OBJS) $(CAPSTONE_HLIB)

-include $(HOSTED_OBJS:.o=.d) $(patsubst %.c,$(B)/hosted/obj/%.d,$(HOSTED_CHECKS))

TEST_DEPS += $(HOSTED_BIN)

# emit-check: the emitter's words, compared with GNU as by tests/translator.
EMIT_CHECK = $(B)/hosted/emit-check
$(EMIT_CHECK): $(B)/hosted/obj/tests/hosted/emit_check.o $(B)/hosted/obj/translator/emit.o
	@$(CC) -static -o $@ $^

TEST_DEPS += $(EMIT_CHECK)

# hostpc-check: a host address in generated code, named by TB and guest
# instruction (checked by tests/translator).
HOSTPC_CHECK = $(B)/hosted/hostpc-check
HOSTPC_OBJS  = $(filter-out $(B)/hosted/obj/tests/hosted/main.o,$(HOSTED_OBJS)) \
               $(B)/hosted/obj/tests/hosted/hostpc_check.o
$(HOSTPC_CHECK): $(HOSTPC_OBJS) $(CAPSTONE_HLIB)
	@$(CC) -static -o $@ $(HOSTPC_OBJS) $(CAPSTONE_HLIB)

TEST_DEPS += $(HOSTPC_CHECK)
