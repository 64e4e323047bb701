# The hosted build: translator + softmmu (+ devices that build hosted) and the
# runner in tests/hosted/, as a static Linux/mips64el program for qemu-mips64el.

HOSTED_RUNNER_SRCS = $(wildcard tests/hosted/*.c)
HOSTED_OBJS = $(patsubst %.c,$(B)/hosted/obj/%.o,$(filter translator/%.c softmmu/%.c,$(HOSTED_SRCS)) $(HOSTED_RUNNER_SRCS))
HOSTED_BIN  = $(B)/hosted/mimic-hosted

$(B)/hosted/obj/%.o: %.c
	@mkdir -p $(@D)
	@$(CC) $(HOSTED_CFLAGS) -MMD -MP -c $< -o $@

$(HOSTED_BIN): $(HOSTED_OBJS) $(CAPSTONE_HLIB)
	@echo "  LD      $@"
	@$(CC) -static -o $@ $(HOSTED_OBJS) $(CAPSTONE_HLIB)

-include $(HOSTED_OBJS:.o=.d)

TEST_DEPS += $(HOSTED_BIN)
