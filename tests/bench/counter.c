/* A TCG plugin for Debian's qemu-i386 (QEMU 7.2, plugin API version 1) that
 * counts a benchmark guest's executed instructions and, given ends=FILE (one
 * hex guest address a line), how often execution passed those addresses.  At
 * each getpid(2), a guest's mark, it prints both counts to stderr. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SYS_GETPID 20
#define MAX_ENDS   65536

/* The part of the plugin ABI used here, declared by hand: Debian ships no
 * qemu-plugin.h.  Version 1 is QEMU 7.2's. */
typedef uint64_t qemu_plugin_id_t;
struct qemu_plugin_tb;
struct qemu_plugin_insn;
enum qemu_plugin_op { QEMU_PLUGIN_INLINE_ADD_U64 };

typedef void (*tb_trans_cb)(qemu_plugin_id_t id, struct qemu_plugin_tb *tb);
typedef void (*syscall_cb)(qemu_plugin_id_t id, unsigned vcpu_index, int64_t num,
			   uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
			   uint64_t a5, uint64_t a6, uint64_t a7, uint64_t a8);

void qemu_plugin_register_vcpu_tb_trans_cb(qemu_plugin_id_t id, tb_trans_cb cb);
void qemu_plugin_register_vcpu_syscall_cb(qemu_plugin_id_t id, syscall_cb cb);
size_t qemu_plugin_tb_n_insns(const struct qemu_plugin_tb *tb);
struct qemu_plugin_insn *qemu_plugin_tb_get_insn(const struct qemu_plugin_tb *tb, size_t idx);
uint64_t qemu_plugin_insn_vaddr(const struct qemu_plugin_insn *insn);
void qemu_plugin_register_vcpu_tb_exec_inline(struct qemu_plugin_tb *tb, enum qemu_plugin_op op,
					      void *ptr, uint64_t imm);
void qemu_plugin_register_vcpu_insn_exec_inline(struct qemu_plugin_insn *insn,
						enum qemu_plugin_op op, void *ptr, uint64_t imm);

__attribute__((visibility("default"))) int qemu_plugin_version = 1;
__attribute__((visibility("default")))
int qemu_plugin_install(qemu_plugin_id_t id, const void *info, int argc, char **argv);

static uint64_t insns;		/* instructions executed */
static uint64_t passes;		/* executions of an instruction at one of the ends */
static uint64_t ends[MAX_ENDS];
static size_t nr_ends;

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int is_end(uint64_t vaddr)
{
	return nr_ends && bsearch(&vaddr, ends, nr_ends, sizeof(ends[0]), cmp_u64);
}

static void on_tb_trans(qemu_plugin_id_t id, struct qemu_plugin_tb *tb)
{
	size_t n = qemu_plugin_tb_n_insns(tb);

	(void)id;
	qemu_plugin_register_vcpu_tb_exec_inline(tb, QEMU_PLUGIN_INLINE_ADD_U64, &insns, n);
	for (size_t i = 0; i < n; i++) {
		struct qemu_plugin_insn *insn = qemu_plugin_tb_get_insn(tb, i);

		if (is_end(qemu_plugin_insn_vaddr(insn)))
			qemu_plugin_register_vcpu_insn_exec_inline(insn, QEMU_PLUGIN_INLINE_ADD_U64,
								   &passes, 1);
	}
}

static void on_syscall(qemu_plugin_id_t id, unsigned vcpu_index, int64_t num,
		       uint64_t a1, uint64_t a2, uint64_t a3, uint64_t a4,
		       uint64_t a5, uint64_t a6, uint64_t a7, uint64_t a8)
{
	(void)id, (void)vcpu_index, (void)a2, (void)a3, (void)a4;
	(void)a5, (void)a6, (void)a7, (void)a8;
	if (num == SYS_GETPID)
		fprintf(stderr, "mark %llu insns %llu passes %llu\n", (unsigned long long)a1,
			(unsigned long long)insns, (unsigned long long)passes);
}

static int load_ends(const char *path)
{
	FILE *f = fopen(path, "r");
	unsigned long long a;

	if (!f) {
		fprintf(stderr, "counter: cannot open %s\n", path);
		return -1;
	}
	while (nr_ends < MAX_ENDS && fscanf(f, "%llx", &a) == 1)
		ends[nr_ends++] = a;
	fclose(f);
	qsort(ends, nr_ends, sizeof(ends[0]), cmp_u64);
	return 0;
}

int qemu_plugin_install(qemu_plugin_id_t id, const void *info, int argc, char **argv)
{
	(void)info;
	for (int i = 0; i < argc; i++) {
		if (strncmp(argv[i], "ends=", 5) || load_ends(argv[i] + 5)) {
			fprintf(stderr, "counter: bad argument '%s' (want ends=FILE)\n", argv[i]);
			return -1;
		}
	}
	qemu_plugin_register_vcpu_tb_trans_cb(id, on_tb_trans);
	qemu_plugin_register_vcpu_syscall_cb(id, on_syscall);
	return 0;
}
