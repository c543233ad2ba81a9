// SPDX-License-Identifier: GPL-2.0-only
/*
 * plxtest - exercise a plx9x5x board (/dev/plx9x5xN) from user space.
 *
 * The Linux counterpart of the KMDF sample's plx.exe: loopback through the
 * board's 128 KiB SRAM with data verification, a threaded duplex test,
 * the single-transfer ioctls, bad input, the node as a 131072-byte file
 * (lseek, end of file, short transfers, ENOSPC), throughput, and the
 * stalled-board checks (timeout, signal). Exit status 0 when every check passed and at
 * least one ran, else 1. Output is TAP: "ok N - ..." / "not ok N - ..." per
 * check, the plan "1..N" after the last, then "# N passed, N failed".
 *
 * Build: make plxtest (tools/plxtest/Makefile: static, into build/plxtest/).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <inttypes.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "plx9x5x.h"

#define SRAM		PLX9X5X_SRAM_SIZE
#define PAGE		4096UL

static const char *dev_path = "/dev/plx9x5x0";
static const char *sysfs_dir;		/* NULL: derive from the node */
static char sysfs_buf[512];
static long duplex_ms = 2000;
static int verbose;
static int high_mb;			/* --highmem: touch this much first */
static int passed, failed;

static void ok(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void bad(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static void ok(const char *fmt, ...)
{
	va_list ap;

	passed++;
	printf("ok %d - ", passed + failed);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static void bad(const char *fmt, ...)
{
	va_list ap;

	failed++;
	printf("not ok %d - ", passed + failed);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

static int open_dev(void)
{
	int fd = open(dev_path, O_RDWR);

	if (fd < 0)
		bad("open %s: %s", dev_path, strerror(errno));
	return fd;
}

/* Deterministic pattern: depends on the seed and the byte index. */
static void fill(unsigned char *p, size_t n, uint32_t seed)
{
	uint32_t x = seed * 2654435761u + 0x9e3779b9u;
	size_t i;

	for (i = 0; i < n; i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		p[i] = (unsigned char)(x >> 7);
	}
}

/* Returns the index of the first mismatch, or -1. */
static long check(const unsigned char *got, size_t n, uint32_t seed)
{
	unsigned char *want = malloc(n ? n : 1);
	long at = -1;
	size_t i;

	if (!want)
		return 0;
	fill(want, n, seed);
	for (i = 0; i < n; i++) {
		if (got[i] != want[i]) {
			at = (long)i;
			break;
		}
	}
	free(want);
	return at;
}

/* Page-aligned anonymous buffer of @n bytes plus @slack, all touched. */
static unsigned char *alloc_buf(size_t n, size_t slack)
{
	size_t len = (n + slack + PAGE - 1) & ~(PAGE - 1);
	unsigned char *p = mmap(NULL, len ? len : PAGE, PROT_READ | PROT_WRITE,
				MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

	if (p == MAP_FAILED)
		return NULL;
	memset(p, 0x5a, len);
	return p;
}

static void free_buf(unsigned char *p, size_t n, size_t slack)
{
	size_t len = (n + slack + PAGE - 1) & ~(PAGE - 1);

	if (p)
		munmap(p, len ? len : PAGE);
}

/* ---- sysfs counters ------------------------------------------------------ */

static const char *sysdir(void)
{
	struct stat st;

	if (sysfs_dir)
		return sysfs_dir;
	if (stat(dev_path, &st) < 0 || !S_ISCHR(st.st_mode))
		return NULL;
	snprintf(sysfs_buf, sizeof(sysfs_buf), "/sys/dev/char/%u:%u/device",
		 major(st.st_rdev), minor(st.st_rdev));
	return sysfs_buf;
}

/* Returns the counter, or -1 if it cannot be read. */
static long long counter(const char *name)
{
	char path[700];
	long long v = -1;
	const char *d = sysdir();
	FILE *f;

	if (!d)
		return -1;
	snprintf(path, sizeof(path), "%s/%s", d, name);
	f = fopen(path, "r");
	if (!f)
		return -1;
	if (fscanf(f, "%lld", &v) != 1)
		v = -1;
	fclose(f);
	return v;
}

/*
 * Bytes per DMA chain of the loaded driver (module parameter chain_bytes);
 * a driver without the parameter has the sample's 8192.
 */
static long chain_bytes(void)
{
	FILE *f = fopen("/sys/module/plx9x5x/parameters/chain_bytes", "r");
	long v = 8192;

	if (!f)
		return v;
	if (fscanf(f, "%ld", &v) != 1 || v <= 0 || v > SRAM)
		v = 8192;
	fclose(f);
	return v;
}

/* ---- one transfer -------------------------------------------------------- */

static int xfer_ok(ssize_t r, size_t n, const char *what, size_t len,
		   long off)
{
	if (r == (ssize_t)n)
		return 1;
	if (r < 0)
		bad("%s %zu bytes at %ld: %s", what, len, off, strerror(errno));
	else
		bad("%s %zu bytes at %ld: short count %zd", what, len, off, r);
	return 0;
}

/*
 * Write @len bytes from @wb to SRAM @off, read them back into @rb, verify.
 * Returns 1 on success; reports its own failure.
 */
static int loop_once(int fd, unsigned char *wb, unsigned char *rb, size_t len,
		     long off, uint32_t seed, const char *label)
{
	long at;

	fill(wb, len, seed);
	memset(rb, ~wb[0], len);
	if (!xfer_ok(pwrite(fd, wb, len, off), len, "pwrite", len, off))
		return 0;
	if (!xfer_ok(pread(fd, rb, len, off), len, "pread", len, off))
		return 0;
	at = check(rb, len, seed);
	if (at >= 0) {
		bad("%s: %zu bytes at SRAM %ld differ at byte %ld", label, len,
		    off, at);
		return 0;
	}
	return 1;
}

/* ---- tests ---------------------------------------------------------------- */

static void t_loopback(void)
{
	static const size_t sizes[] = { 1, 4095, 4096, 8192, 8193, 65536,
					131072 };
	unsigned char *wb = alloc_buf(SRAM, 0), *rb = alloc_buf(SRAM, 0);
	int fd = open_dev();
	size_t i;

	if (fd < 0 || !wb || !rb) {
		if (fd >= 0)
			bad("loopback: out of memory");
		goto out;
	}
	for (i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		if (loop_once(fd, wb, rb, sizes[i], 0, 100 + i, "loopback"))
			ok("loopback %zu bytes", sizes[i]);
	}

	/* The sample's way: write(), rewind, read() advance the offset. */
	fill(wb, 1024, 7);
	memset(rb, 0, 1024);
	if (lseek(fd, 0, SEEK_SET) != 0 ||
	    write(fd, wb, 1024) != 1024 ||
	    lseek(fd, 0, SEEK_CUR) != 1024 ||
	    lseek(fd, 0, SEEK_SET) != 0 ||
	    read(fd, rb, 1024) != 1024 ||
	    lseek(fd, 0, SEEK_CUR) != 1024)
		bad("write/lseek/read 1024 bytes: %s", strerror(errno));
	else if (check(rb, 1024, 7) >= 0)
		bad("write/lseek/read 1024 bytes: data differ");
	else
		ok("write/lseek/read 1024 bytes (file offset advances)");
out:
	if (fd >= 0)
		close(fd);
	free_buf(wb, SRAM, 0);
	free_buf(rb, SRAM, 0);
}

static void t_unaligned(void)
{
	static const size_t shifts[] = { 1, 3, 15, 17, 2049, 4095 };
	static const size_t lens[] = { 7, 4097, 8193, 20000, SRAM - 4096 };
	unsigned char *wb = alloc_buf(SRAM, PAGE), *rb = alloc_buf(SRAM, PAGE);
	int fd = open_dev(), good = 1, n = 0;
	size_t i, j;

	if (fd < 0 || !wb || !rb)
		goto out;
	for (i = 0; i < sizeof(shifts) / sizeof(shifts[0]); i++) {
		for (j = 0; j < sizeof(lens) / sizeof(lens[0]); j++) {
			size_t rs = shifts[(i + 1) % 6];

			if (!loop_once(fd, wb + shifts[i], rb + rs, lens[j], 0,
				       1000 + n++, "unaligned"))
				good = 0;
		}
	}
	if (good)
		ok("unaligned user buffers: %d loopbacks", n);

	/* Non-zero SRAM offsets, including unaligned ones and the end. */
	good = 1;
	good &= loop_once(fd, wb + 5, rb + 9, 1000, 12345, 77, "offset");
	good &= loop_once(fd, wb, rb, 4096, SRAM - 4096, 78, "offset");
	good &= loop_once(fd, wb + 1, rb, 1, SRAM - 1, 79, "offset");
	good &= loop_once(fd, wb, rb, 70001, 3, 80, "offset");
	if (good)
		ok("SRAM offsets 12345, 126976, 131071, 3");

	/* Disjoint regions keep their own data. */
	fill(wb, 1000, 91);
	fill(wb + 4096, 1000, 92);
	if (pwrite(fd, wb, 1000, 0) == 1000 &&
	    pwrite(fd, wb + 4096, 1000, 1000) == 1000 &&
	    pread(fd, rb, 2000, 0) == 2000 && check(rb, 1000, 91) < 0 &&
	    check(rb + 1000, 1000, 92) < 0)
		ok("adjacent SRAM regions do not overlap");
	else
		bad("adjacent SRAM regions: data differ or I/O failed (%s)",
		    strerror(errno));
out:
	if (fd >= 0)
		close(fd);
	free_buf(wb, SRAM, PAGE);
	free_buf(rb, SRAM, PAGE);
}

static int toggle(int fd, int *state)
{
	unsigned char b = 0xee;

	if (ioctl(fd, PLX9X5X_IOCTL_TOGGLE_SINGLE_TRANSFER, &b) < 0)
		return -1;
	if (b > 1) {
		errno = EPROTO;
		return -1;
	}
	*state = b;
	return 0;
}

/* The mode through the GET ioctl (changes nothing). */
static int get_single(int fd, int *state)
{
	unsigned char b = 0xee;

	if (ioctl(fd, PLX9X5X_IOCTL_GET_SINGLE_TRANSFER, &b) < 0)
		return -1;
	if (b > 1) {
		errno = EPROTO;
		return -1;
	}
	*state = b;
	return 0;
}

static void expect_err(ssize_t r, int err, const char *what)
{
	if (r < 0 && errno == err)
		ok("%s -> %s", what, strerror(err));
	else if (r < 0)
		bad("%s -> %s, expected %s", what, strerror(errno),
		    strerror(err));
	else
		bad("%s -> returned %zd, expected %s", what, r, strerror(err));
}

/* A read-only descriptor may read the mode but not change it. */
static void t_single_readonly(void)
{
	int fd = open(dev_path, O_RDONLY), st = -1;
	unsigned char b = 0xee;

	if (fd < 0) {
		bad("open %s read-only: %s", dev_path, strerror(errno));
		return;
	}
	expect_err(ioctl(fd, PLX9X5X_IOCTL_TOGGLE_SINGLE_TRANSFER, &b), EACCES,
		   "toggle ioctl on a read-only descriptor");
	if (b != 0xee)
		bad("the refused toggle wrote its argument (%u)", b);
	if (get_single(fd, &st) == 0 && st == 0)
		ok("get ioctl on a read-only descriptor -> off (unchanged)");
	else
		bad("get ioctl on a read-only descriptor -> %d (%s)", st,
		    strerror(errno));
	close(fd);
}

static void t_single(void)
{
	unsigned char *wb = alloc_buf(SRAM, PAGE), *rb = alloc_buf(SRAM, PAGE);
	int fd = open_dev(), st = -1, st2 = -1;
	long cb = chain_bytes();

	if (fd < 0 || !wb || !rb)
		goto out;
	if (toggle(fd, &st) < 0) {
		bad("single-transfer toggle: %s", strerror(errno));
		goto out;
	}
	if (st != 1) {
		/* It was on (left by someone): turn it off and on again. */
		if (toggle(fd, &st) < 0 || st != 1) {
			bad("single-transfer toggle does not turn on");
			goto out;
		}
	}
	ok("single-transfer toggle -> on");
	if (get_single(fd, &st2) == 0 && st2 == 1 &&
	    get_single(fd, &st2) == 0 && st2 == 1)
		ok("single-transfer get -> on (twice: get changes nothing)");
	else
		bad("single-transfer get while on -> %d (%s)", st2,
		    strerror(errno));
	st2 = -1;
	/* One chain holds chain_bytes, from any buffer alignment. */
	if (loop_once(fd, wb, rb, cb, 0, 301, "single chain") &&
	    loop_once(fd, wb + 100, rb + 3, cb, 0, 302, "single chain unal"))
		ok("single transfer on: %ld bytes = chain_bytes (aligned, unaligned) pass",
		   cb);
	if (cb < SRAM) {
		expect_err(pwrite(fd, wb, cb + 1, 0), E2BIG,
			   "single transfer on: write chain_bytes + 1");
		expect_err(pread(fd, rb, SRAM, 0), E2BIG,
			   "single transfer on: read 131072");
	}
	if (toggle(fd, &st2) < 0 || st2 != 0)
		bad("single-transfer toggle -> off failed (%d, %s)", st2,
		    strerror(errno));
	else
		ok("single-transfer toggle -> off");
	st2 = -1;
	if (get_single(fd, &st2) == 0 && st2 == 0)
		ok("single-transfer get -> off");
	else
		bad("single-transfer get while off -> %d (%s)", st2,
		    strerror(errno));
	t_single_readonly();
	if (loop_once(fd, wb, rb, 65536, 0, 303, "single off 65536"))
		ok("single transfer off: 65536 bytes pass again");
out:
	if (fd >= 0)
		close(fd);
	free_buf(wb, SRAM, PAGE);
	free_buf(rb, SRAM, PAGE);
}

static void t_badinput(void)
{
	unsigned char *wb = alloc_buf(SRAM + 1, PAGE);
	unsigned char *rb = alloc_buf(SRAM + 1, PAGE);
	unsigned char *ro, *gone;
	void *volatile nullp = NULL;
	int fd = open_dev(), st;
	ssize_t r;

	if (fd < 0 || !wb || !rb)
		goto out;
	r = write(fd, wb, 0);
	if (r == 0)
		ok("write 0 bytes -> 0");
	else
		bad("write 0 bytes -> %zd (%s)", r, strerror(errno));
	r = read(fd, rb, 0);
	if (r == 0)
		ok("read 0 bytes -> 0");
	else
		bad("read 0 bytes -> %zd (%s)", r, strerror(errno));
	/* the node is a file of 131072 bytes: longer transfers are short */
	r = pwrite(fd, wb, SRAM + 1, 0);
	if (r == SRAM)
		ok("write 131073 bytes at 0 -> 131072 (short at the end)");
	else
		bad("write 131073 bytes at 0 -> %zd (%s)", r, strerror(errno));
	r = pread(fd, rb, SRAM + 1, 0);
	if (r == SRAM)
		ok("read 131073 bytes at 0 -> 131072 (short at the end)");
	else
		bad("read 131073 bytes at 0 -> %zd (%s)", r, strerror(errno));
	/* volatile: keep the compiler from flagging the deliberate NULL */
	expect_err(pwrite(fd, nullp, 16, 0), EFAULT, "write from NULL");
	expect_err(pread(fd, nullp, 16, 0), EFAULT, "read into NULL");

	gone = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (gone != MAP_FAILED) {
		munmap(gone, 2 * PAGE);
		expect_err(pwrite(fd, gone, 16, 0), EFAULT,
			   "write from unmapped memory");
		expect_err(pread(fd, gone, 16, 0), EFAULT,
			   "read into unmapped memory");
	}
	/* Half mapped: the second page is gone. */
	gone = mmap(NULL, 2 * PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (gone != MAP_FAILED) {
		munmap(gone + PAGE, PAGE);
		expect_err(pread(fd, gone, 2 * PAGE, 0), EFAULT,
			   "read into a half-unmapped buffer");
		munmap(gone, PAGE);
	}
	ro = mmap(NULL, PAGE, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ro != MAP_FAILED) {
		expect_err(pread(fd, ro, 64, 0), EFAULT,
			   "read into a PROT_READ buffer");
		r = pwrite(fd, ro, 64, 0);	/* reading from it is fine */
		if (r == 64)
			ok("write from a PROT_READ buffer -> 64");
		else
			bad("write from a PROT_READ buffer -> %zd (%s)", r,
			    strerror(errno));
		munmap(ro, PAGE);
	}
	r = pwrite(fd, wb, 20, SRAM - 10);
	if (r == 10)
		ok("write 20 bytes at 131062 -> 10 (short at the end)");
	else
		bad("write 20 bytes at 131062 -> %zd (%s)", r, strerror(errno));
	r = pread(fd, rb, 1, SRAM);
	if (r == 0)
		ok("read 1 byte at 131072 -> 0 (end of file)");
	else
		bad("read 1 byte at 131072 -> %zd (%s)", r, strerror(errno));
	expect_err(pwrite(fd, wb, 1, SRAM), ENOSPC, "write 1 byte at 131072");
	expect_err(pread(fd, rb, 16, -1), EINVAL, "read at offset -1");
	expect_err(ioctl(fd, _IO('P', 99)), ENOTTY, "unknown ioctl");
	expect_err(ioctl(fd, _IOWR('P', 98, __u32), nullp), ENOTTY,
		   "unknown ioctl with a NULL argument");
	expect_err(ioctl(fd, _IOWR('P', 98, __u32), (void *)16), ENOTTY,
		   "unknown ioctl with a bad argument pointer");
	expect_err(ioctl(fd, PLX9X5X_IOCTL_GET_SINGLE_TRANSFER, nullp),
		   EFAULT, "get ioctl with a NULL argument");
	expect_err(ioctl(fd, PLX9X5X_IOCTL_TOGGLE_SINGLE_TRANSFER, nullp),
		   EFAULT, "toggle ioctl with a NULL argument");
	/* A rejected ioctl must not have toggled anything (it was off). */
	if (toggle(fd, &st) < 0) {
		bad("toggle after the NULL-argument ioctl: %s", strerror(errno));
	} else if (st == 1) {
		ok("the failed ioctl left single-transfer mode off");
		(void)toggle(fd, &st);
	} else {
		bad("the failed ioctl toggled single-transfer mode anyway");
	}
	/* After all that the device still works. */
	if (loop_once(fd, wb, rb, 8193, 0, 401, "after bad input"))
		ok("loopback after bad input");
out:
	if (fd >= 0)
		close(fd);
	free_buf(wb, SRAM + 1, PAGE);
	free_buf(rb, SRAM + 1, PAGE);
}

/* ---- the node as a file ----------------------------------------------------- */

static void expect_off(off_t r, off_t want, const char *what)
{
	if (r == want)
		ok("%s -> %lld", what, (long long)want);
	else
		bad("%s -> %lld (%s), expected %lld", what, (long long)r,
		    r < 0 ? strerror(errno) : "-", (long long)want);
}

/*
 * lseek against 131072 bytes; read() in pieces to the end, then 0;
 * write() in pieces to the end, then ENOSPC; the data read back.
 */
static void t_file(void)
{
	unsigned char *wb = alloc_buf(SRAM, PAGE), *rb = alloc_buf(SRAM, PAGE);
	int fd = open_dev();
	size_t done;
	ssize_t r;
	long at;

	if (fd < 0 || !wb || !rb)
		goto out;
	expect_off(lseek(fd, 0, SEEK_END), SRAM, "lseek(0, SEEK_END)");
	expect_off(lseek(fd, -100, SEEK_END), SRAM - 100, "lseek(-100, SEEK_END)");
	expect_off(lseek(fd, 50, SEEK_CUR), SRAM - 50, "lseek(50, SEEK_CUR)");
	expect_off(lseek(fd, 4096, SEEK_SET), 4096, "lseek(4096, SEEK_SET)");
	expect_err(lseek(fd, SRAM + 1, SEEK_SET), EINVAL,
		   "lseek(131073, SEEK_SET)");
	expect_err(lseek(fd, -1, SEEK_SET), EINVAL, "lseek(-1, SEEK_SET)");
	expect_err(lseek(fd, 1, SEEK_END), EINVAL, "lseek(1, SEEK_END)");
	expect_off(lseek(fd, 0, SEEK_CUR), 4096, "position kept after refusals");

	/* write(): 3 x 50000 bytes from 0 -> 50000, 50000, 31072, ENOSPC */
	fill(wb, SRAM, 501);
	expect_off(lseek(fd, 0, SEEK_SET), 0, "lseek(0, SEEK_SET)");
	for (done = 0; done < SRAM; done += r) {
		r = write(fd, wb + done, 50000);
		if (r <= 0)
			break;
	}
	if (done == SRAM && lseek(fd, 0, SEEK_CUR) == SRAM)
		ok("write() in 50000-byte pieces fills 131072 bytes");
	else
		bad("write() in pieces: %zu bytes (%s)", done, strerror(errno));
	expect_err(write(fd, wb, 50000), ENOSPC, "write() at the end");
	r = read(fd, rb, 100);
	if (r == 0)
		ok("read() at the end -> 0");
	else
		bad("read() at the end -> %zd (%s)", r, strerror(errno));

	/* read(): 3 x 50000 from 0 -> 50000, 50000, 31072, 0 */
	memset(rb, 0, SRAM);
	expect_off(lseek(fd, 0, SEEK_SET), 0, "lseek(0, SEEK_SET)");
	for (done = 0; done < SRAM + 1; done += r) {
		r = read(fd, rb + done, 50000);
		if (r <= 0)
			break;
	}
	if (done == SRAM && r == 0)
		ok("read() in 50000-byte pieces: 131072 bytes, then 0");
	else
		bad("read() in pieces: %zu bytes, last %zd (%s)", done, r,
		    strerror(errno));
	at = check(rb, SRAM, 501);
	if (at < 0)
		ok("the file reads back what was written");
	else
		bad("file contents differ at byte %ld", at);
out:
	if (fd >= 0)
		close(fd);
	free_buf(wb, SRAM, PAGE);
	free_buf(rb, SRAM, PAGE);
}

/* ---- duplex --------------------------------------------------------------- */

struct dupl {
	int fd;
	int reader;		/* 1: read-only region; 0: write+check */
	long off;
	size_t region;
	volatile int *stop;
	long ops;
	long bytes;
	int errors;
	char msg[200];
};

static void *dupl_thread(void *arg)
{
	struct dupl *d = arg;
	unsigned char *wb = alloc_buf(d->region, PAGE);
	unsigned char *rb = alloc_buf(d->region, PAGE);
	uint32_t seed = d->reader ? 500 : 600, x = 12345 + d->reader;

	if (!wb || !rb) {
		snprintf(d->msg, sizeof(d->msg), "out of memory");
		d->errors++;
		return NULL;
	}
	while (!*d->stop && !d->errors) {
		size_t len, sh;
		long at;

		x = x * 1103515245u + 12345u;
		len = 1 + (x >> 8) % d->region;
		sh = (x >> 4) % 16;
		if (d->reader) {
			/* Region pre-filled with seed 500 over its full size. */
			memset(rb + sh, 0, len);
			if (pread(d->fd, rb + sh, len, d->off) != (ssize_t)len) {
				snprintf(d->msg, sizeof(d->msg),
					 "pread %zu: %s", len, strerror(errno));
				d->errors++;
				break;
			}
			at = check(rb + sh, len, seed);
			if (at >= 0) {
				snprintf(d->msg, sizeof(d->msg),
					 "read data differ at %ld of %zu", at,
					 len);
				d->errors++;
			}
			d->ops++;
		} else {
			seed++;
			fill(wb + sh, len, seed);
			if (pwrite(d->fd, wb + sh, len, d->off) !=
			    (ssize_t)len ||
			    pread(d->fd, rb, len, d->off) != (ssize_t)len) {
				snprintf(d->msg, sizeof(d->msg),
					 "pwrite/pread %zu: %s", len,
					 strerror(errno));
				d->errors++;
				break;
			}
			at = check(rb, len, seed);
			if (at >= 0) {
				snprintf(d->msg, sizeof(d->msg),
					 "written data differ at %ld of %zu",
					 at, len);
				d->errors++;
			}
			d->ops += 2;
		}
		d->bytes += len;
	}
	free_buf(wb, d->region, PAGE);
	free_buf(rb, d->region, PAGE);
	return NULL;
}

static void t_duplex(void)
{
	enum { NT = 4 };
	struct dupl d[NT];
	pthread_t th[NT];
	volatile int stop = 0;
	size_t region = SRAM / NT;
	unsigned char *pre = alloc_buf(region, 0);
	long long irq0 = counter("interrupts"), sp0 = counter("spurious_dpcs");
	long long err0 = counter("errors");
	int fd = open_dev(), i, errors = 0;
	long ops = 0;
	double t0;

	if (fd < 0 || !pre)
		goto out;
	memset(d, 0, sizeof(d));
	/* Even threads are readers of a fixed region, odd ones writers. */
	fill(pre, region, 500);
	for (i = 0; i < NT; i++) {
		d[i].fd = fd;
		d[i].reader = !(i & 1);
		d[i].off = (long)(i * region);
		d[i].region = region;
		d[i].stop = &stop;
		if (d[i].reader &&
		    pwrite(fd, pre, region, d[i].off) != (ssize_t)region) {
			bad("duplex: preparing region %d: %s", i,
			    strerror(errno));
			goto out;
		}
	}
	t0 = now_s();
	for (i = 0; i < NT; i++)
		pthread_create(&th[i], NULL, dupl_thread, &d[i]);
	usleep(duplex_ms * 1000);
	stop = 1;
	for (i = 0; i < NT; i++) {
		pthread_join(th[i], NULL);
		ops += d[i].ops;
		if (d[i].errors) {
			errors++;
			bad("duplex thread %d (%s at %ld): %s", i,
			    d[i].reader ? "reader" : "writer", d[i].off,
			    d[i].msg);
		}
	}
	if (!errors && ops > 0)
		ok("duplex: %d threads, %ld verified transfers in %.1f s", NT,
		   ops, now_s() - t0);
	else if (!errors)
		bad("duplex: no transfer completed");

	/*
	 * Regression test for the sample's DPC defect (the read branch
	 * cleared the saved DMA0 CSR, leaving a stale channel-1 Done that
	 * queued extra DPCs): a duplex run must see no DPC without work.
	 */
	if (sp0 >= 0) {
		long long sp = counter("spurious_dpcs");
		long long irq = counter("interrupts");
		long long err = counter("errors");

		if (sp == sp0)
			ok("duplex: no spurious DPC (spurious_dpcs = %lld)", sp);
		else
			bad("duplex: spurious_dpcs went %lld -> %lld", sp0, sp);
		if (irq > irq0)
			ok("duplex: interrupts counted (%lld)", irq - irq0);
		else
			bad("duplex: interrupts counter did not move");
		if (err == err0)
			ok("duplex: errors counter unchanged (%lld)", err);
		else
			bad("duplex: errors went %lld -> %lld", err0, err);
	} else {
		bad("duplex: sysfs counters not readable under %s",
		    sysdir() ? sysdir() : "?");
	}
out:
	if (fd >= 0)
		close(fd);
	free_buf(pre, region, 0);
}

/* ---- counters ------------------------------------------------------------- */

/*
 * One interrupt (and one DPC) per chain: a 128 KiB write and read take
 * 131072 / chain_bytes each (1 by default, 16 with chain_bytes=8192).
 */
static void t_chain_irqs(int fd, unsigned char *b)
{
	long cb = chain_bytes();
	long long want = 2 * ((SRAM + cb - 1) / cb);
	long long i0 = counter("interrupts"), d0 = counter("dpcs"), di, dd;

	fill(b, SRAM, 10);
	if (pwrite(fd, b, SRAM, 0) != SRAM || pread(fd, b, SRAM, 0) != SRAM) {
		bad("sysfs: 128 KiB I/O failed: %s", strerror(errno));
		return;
	}
	di = counter("interrupts") - i0;
	dd = counter("dpcs") - d0;
	if (i0 >= 0 && d0 >= 0 && di == want && dd == want)
		ok("sysfs: 128 KiB write + read with chain_bytes=%ld: interrupts +%lld, dpcs +%lld",
		   cb, di, dd);
	else
		bad("sysfs: 128 KiB write + read with chain_bytes=%ld: interrupts +%lld, dpcs +%lld, want +%lld",
		    cb, di, dd, want);
}

static void t_sysfs(void)
{
	static const char * const names[] = { "bytes_read", "bytes_written",
		"requests", "interrupts", "errors", "timeouts" };
	unsigned char *b = alloc_buf(SRAM, 0);
	long long w0, r0, q0, e0, v;
	int fd = open_dev(), good = 1;
	size_t i;

	if (fd < 0 || !b)
		goto out;
	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		v = counter(names[i]);
		if (v < 0) {
			bad("sysfs %s/%s not readable", sysdir() ? sysdir() :
			    "?", names[i]);
			good = 0;
		}
	}
	if (!good)
		goto out;
	ok("sysfs counters readable in %s", sysdir());
	w0 = counter("bytes_written");
	r0 = counter("bytes_read");
	q0 = counter("requests");
	e0 = counter("errors");
	fill(b, 12345, 9);
	if (pwrite(fd, b, 12345, 0) != 12345 || pread(fd, b, 777, 0) != 777) {
		bad("sysfs: I/O failed: %s", strerror(errno));
		goto out;
	}
	if (counter("bytes_written") - w0 == 12345 &&
	    counter("bytes_read") - r0 == 777 && counter("requests") - q0 == 2)
		ok("sysfs: bytes_written +12345, bytes_read +777, requests +2");
	else
		bad("sysfs: bytes_written +%lld, bytes_read +%lld, requests +%lld",
		    counter("bytes_written") - w0, counter("bytes_read") - r0,
		    counter("requests") - q0);
	(void)pwrite(fd, b, SRAM + 1, 0);	/* rejected: not a device error */
	if (counter("errors") == e0)
		ok("sysfs: a rejected request is not a device error");
	else
		bad("sysfs: errors moved on a rejected request");
	t_chain_irqs(fd, b);
out:
	if (fd >= 0)
		close(fd);
	free_buf(b, SRAM, 0);
}

/* ---- throughput ------------------------------------------------------------ */

static void t_bench(void)
{
	unsigned char *b = alloc_buf(SRAM, 0);
	int fd = open_dev(), dir;

	if (fd < 0 || !b)
		goto out;
	fill(b, SRAM, 1);
	for (dir = 0; dir < 2; dir++) {
		double t0 = now_s(), t;
		long n = 0;

		do {
			ssize_t r = dir ? pread(fd, b, SRAM, 0) :
					  pwrite(fd, b, SRAM, 0);

			if (r != SRAM) {
				bad("bench %s: %s", dir ? "read" : "write",
				    strerror(errno));
				goto out;
			}
			n++;
			t = now_s() - t0;
		} while (t < 1.0);
		printf("throughput: %-5s %6.1f MB/s (%ld x 128 KiB in %.2f s)\n",
		       dir ? "read" : "write", n * (double)SRAM / t / 1e6, n, t);
		ok("bench %s", dir ? "read" : "write");
	}
out:
	if (fd >= 0)
		close(fd);
	free_buf(b, SRAM, 0);
}

/* ---- high memory ------------------------------------------------------------ */

/* Physical address of the page under @va (root only), or 0. */
static uint64_t phys_of(const void *va)
{
	uint64_t e = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY);
	off_t o = (off_t)((uintptr_t)va / PAGE) * 8;

	if (fd < 0)
		return 0;
	if (pread(fd, &e, 8, o) != 8)
		e = 0;
	close(fd);
	if (!(e & (1ULL << 63)))
		return 0;
	return (e & ((1ULL << 55) - 1)) * PAGE;
}

static int all_high(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i += PAGE)
		if (phys_of(p + i) < (1ULL << 32))
			return 0;
	return phys_of(p + n - 1) >= (1ULL << 32);
}

/*
 * -m 6G scenario: the driver keeps DMA below 4 GiB (32-bit profile,
 * bounce buffers) and must still move user pages that live above 4 GiB.
 * Touch @high_mb MiB first, then look for buffers whose every page is
 * above 4 GiB and loop data through them.
 */
static void t_highmem(void)
{
	size_t big = (size_t)high_mb << 20, tries;
	unsigned char *hog = NULL, *wb = NULL, *rb = NULL, *c;
	int fd = open_dev();

	if (fd < 0)
		return;
	if (big) {
		hog = mmap(NULL, big, PROT_READ | PROT_WRITE,
			   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
		if (hog == MAP_FAILED) {
			hog = NULL;
		} else {
			size_t i;

			for (i = 0; i < big; i += PAGE)
				hog[i] = 1;
		}
	}
	for (tries = 0; tries < 256 && (!wb || !rb); tries++) {
		c = alloc_buf(SRAM, 0);
		if (!c)
			break;
		if (all_high(c, SRAM)) {
			if (!wb)
				wb = c;
			else
				rb = c;
		} else if (hog) {
			/* Leave low pages taken, so later ones come high. */
			continue;
		} else {
			free_buf(c, SRAM, 0);
		}
	}
	if (!wb || !rb) {
		bad("highmem: no 128 KiB buffer entirely above 4 GiB found (%s)",
		    phys_of(&tries) ? "pagemap ok" : "pagemap unreadable");
		goto out;
	}
	ok("highmem: buffers at phys %#" PRIx64 " and %#" PRIx64,
	   phys_of(wb), phys_of(rb));
	if (loop_once(fd, wb, rb, SRAM, 0, 801, "highmem 131072") &&
	    loop_once(fd, wb + 3, rb + 4095, 65536, 0, 802, "highmem 65536") &&
	    loop_once(fd, wb, rb, 8193, 100, 803, "highmem 8193"))
		ok("highmem: loopback from/to pages above 4 GiB verified");
out:
	close(fd);
}

/* ---- stalled board: timeout and signal ------------------------------------ */

static void on_alarm(int sig)
{
	(void)sig;
}

static void t_timeout(void)
{
	unsigned char *b = alloc_buf(PAGE, 0);
	long long t0 = counter("timeouts");
	int fd = open_dev();
	double s;
	ssize_t r;

	if (fd < 0 || !b)
		goto out;
	fill(b, PAGE, 3);
	s = now_s();
	r = pwrite(fd, b, PAGE, 0);
	s = now_s() - s;
	expect_err(r, ETIMEDOUT, "stalled board: write 4096");
	if (s > 0.5 && s < 20)
		ok("stalled board: write gave up after %.1f s", s);
	else
		bad("stalled board: write returned after %.1f s", s);
	s = now_s();
	r = pread(fd, b, PAGE, 0);
	s = now_s() - s;
	expect_err(r, ETIMEDOUT, "stalled board: read 4096");
	if (t0 >= 0 && counter("timeouts") == t0 + 2)
		ok("stalled board: timeouts counter +2");
	else
		bad("stalled board: timeouts counter %lld -> %lld", t0,
		    counter("timeouts"));
out:
	if (fd >= 0)
		close(fd);
	free_buf(b, PAGE, 0);
}

static void t_signal(void)
{
	unsigned char *b = alloc_buf(PAGE, 0);
	long long c0 = counter("cancels");
	struct sigaction sa, old;
	struct itimerval it;
	int fd = open_dev(), dir;
	double s;
	ssize_t r;

	if (fd < 0 || !b)
		goto out;
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_alarm;	/* no SA_RESTART: see EINTR */
	sigaction(SIGALRM, &sa, &old);
	for (dir = 0; dir < 2; dir++) {
		memset(&it, 0, sizeof(it));
		it.it_value.tv_usec = 300000;
		setitimer(ITIMER_REAL, &it, NULL);
		s = now_s();
		r = dir ? pread(fd, b, PAGE, 0) : pwrite(fd, b, PAGE, 0);
		s = now_s() - s;
		expect_err(r, EINTR, dir ? "stalled board: read interrupted" :
				     "stalled board: write interrupted");
		if (s < 1.5)
			ok("stalled board: signal ended the %s after %.2f s",
			   dir ? "read" : "write", s);
		else
			bad("stalled board: %s returned after %.2f s (timeout, not the signal)",
			    dir ? "read" : "write", s);
	}
	sigaction(SIGALRM, &old, NULL);
	if (c0 >= 0 && counter("cancels") == c0 + 2)
		ok("stalled board: cancels counter +2");
	else
		bad("stalled board: cancels counter %lld -> %lld", c0,
		    counter("cancels"));
out:
	if (fd >= 0)
		close(fd);
	free_buf(b, PAGE, 0);
}

/*
 * The board master-aborts every DMA access (its master-abort property):
 * a write and a read end with EIO, counted as errors, nothing hangs.
 */
static void t_eio(void)
{
	unsigned char *b = alloc_buf(SRAM, 0);
	long long e0 = counter("errors");
	int fd = open_dev();

	if (fd < 0 || !b)
		goto out;
	fill(b, SRAM, 5);
	expect_err(pwrite(fd, b, SRAM, 0), EIO,
		   "master-aborting board: write 131072");
	expect_err(pread(fd, b, 4096, 0), EIO,
		   "master-aborting board: read 4096");
	if (e0 >= 0 && counter("errors") == e0 + 2)
		ok("master-aborting board: errors counter +2");
	else
		bad("master-aborting board: errors counter %lld -> %lld", e0,
		    counter("errors"));
out:
	if (fd >= 0)
		close(fd);
	free_buf(b, SRAM, 0);
}

/* ---- one channel master-aborts, the other keeps working --------------- */

#define FILL_SEED	77	/* "fill": the whole SRAM */
#define UPPER_SEED	78	/* "eio-read": what the writer leaves at UPPER */
#define UPPER		65536L	/* the healthy channel's region */
#define UPPER_LEN	65536UL
#define EIO_TRIES	3

struct other_ch {
	int fd;
	int write;		/* the healthy channel is the write channel */
	volatile int stop;
	volatile int started;	/* transfers completed */
	int bad;		/* failed or wrong transfers */
	unsigned char *buf, *want;
};

/* Loop on the healthy channel until told to stop, verifying every read. */
static void *other_thread(void *arg)
{
	struct other_ch *o = arg;
	ssize_t r;

	while (!o->stop) {
		if (o->write) {
			r = pwrite(o->fd, o->want, UPPER_LEN, UPPER);
		} else {
			memset(o->buf, 0, UPPER_LEN);
			r = pread(o->fd, o->buf, UPPER_LEN, UPPER);
			if (r == (ssize_t)UPPER_LEN &&
			    memcmp(o->buf, o->want, UPPER_LEN))
				r = -2;
		}
		if (r != (ssize_t)UPPER_LEN) {
			if (verbose)
				printf("healthy channel: %zd (%s)\n", r,
				       r == -2 ? "data differ" : strerror(errno));
			o->bad++;
		}
		__atomic_add_fetch(&o->started, 1, __ATOMIC_SEQ_CST);
	}
	return NULL;
}

/*
 * The board master-aborts the DMA of one channel only (its
 * master-abort-mask property; @abort_write: channel 0). While a thread
 * keeps the other channel busy on SRAM [64 KiB, 128 KiB), EIO_TRIES
 * transfers on the aborting channel (SRAM [0, 4 KiB)) each fail with EIO;
 * every transfer of the other channel succeeds (reads verified against
 * the "fill" pattern); the errors counter rises by exactly EIO_TRIES.
 */
static void t_eio_one(int abort_write)
{
	unsigned char *b = alloc_buf(PAGE, 0), *all = alloc_buf(SRAM, 0);
	struct other_ch o = { .fd = -1 };
	long long e0 = counter("errors");
	const char *what = abort_write ? "write channel aborts" :
					 "read channel aborts";
	pthread_t th;
	int i, before, after;

	o.fd = open_dev();
	o.write = !abort_write;
	o.buf = alloc_buf(UPPER_LEN, 0);
	if (o.fd < 0 || !b || !all || !o.buf)
		goto out;
	if (abort_write) {
		fill(all, SRAM, FILL_SEED);	/* what "fill" left there */
		o.want = all + UPPER;
	} else {
		fill(all, UPPER_LEN, UPPER_SEED);
		o.want = all;
	}
	if (pthread_create(&th, NULL, other_thread, &o)) {
		bad("%s: pthread_create", what);
		goto out;
	}
	while (!__atomic_load_n(&o.started, __ATOMIC_SEQ_CST))
		usleep(1000);
	before = __atomic_load_n(&o.started, __ATOMIC_SEQ_CST);
	for (i = 0; i < EIO_TRIES; i++) {
		fill(b, PAGE, 500 + i);
		if (abort_write)
			expect_err(pwrite(o.fd, b, PAGE, 0), EIO, what);
		else
			expect_err(pread(o.fd, b, PAGE, 0), EIO, what);
		usleep(20000);
	}
	after = __atomic_load_n(&o.started, __ATOMIC_SEQ_CST);
	o.stop = 1;
	pthread_join(th, NULL);
	if (o.bad)
		bad("%s: %d of %d transfers on the other channel failed", what,
		    o.bad, o.started);
	else if (after > before)
		ok("%s: the other channel moved %d x 64 KiB%s, all correct",
		   what, o.started, abort_write ? " (verified)" : "");
	else
		bad("%s: the other channel did not run during the aborts",
		    what);
	if (e0 >= 0 && counter("errors") == e0 + EIO_TRIES)
		ok("%s: errors counter +%d", what, EIO_TRIES);
	else
		bad("%s: errors counter %lld -> %lld", what, e0,
		    counter("errors"));
out:
	if (o.fd >= 0)
		close(o.fd);
	free_buf(b, PAGE, 0);
	free_buf(all, SRAM, 0);
	free_buf(o.buf, UPPER_LEN, 0);
}

/* "fill": the whole SRAM gets the FILL_SEED pattern (verified). */
static void t_fill(void)
{
	unsigned char *wb = alloc_buf(SRAM, 0), *rb = alloc_buf(SRAM, 0);
	int fd = open_dev();

	if (fd < 0 || !wb || !rb)
		goto out;
	if (loop_once(fd, wb, rb, SRAM, 0, FILL_SEED, "fill"))
		ok("fill: 128 KiB pattern written and verified");
out:
	if (fd >= 0)
		close(fd);
	free_buf(wb, SRAM, 0);
	free_buf(rb, SRAM, 0);
}

/* "upper": SRAM [64 KiB, 128 KiB) holds what "eio-read"'s writer wrote. */
static void t_upper(void)
{
	unsigned char *rb = alloc_buf(UPPER_LEN, 0);
	int fd = open_dev();
	long at;

	if (fd < 0 || !rb)
		goto out;
	if (!xfer_ok(pread(fd, rb, UPPER_LEN, UPPER), UPPER_LEN, "pread",
		     UPPER_LEN, UPPER))
		goto out;
	at = check(rb, UPPER_LEN, UPPER_SEED);
	if (at < 0)
		ok("upper: the writes made during the read aborts are intact");
	else
		bad("upper: SRAM %ld differs at byte %ld", UPPER, at);
out:
	if (fd >= 0)
		close(fd);
	free_buf(rb, UPPER_LEN, 0);
}

/* Wait up to @secs for a loopback to pass (after a stall is lifted). */
static void t_recover(int secs)
{
	unsigned char *wb = alloc_buf(SRAM, 0), *rb = alloc_buf(SRAM, 0);
	int fd = open_dev(), i, saved = failed;

	if (fd < 0 || !wb || !rb)
		goto out;
	for (i = 0; i < secs * 2; i++) {
		fill(wb, SRAM, 900 + i);
		memset(rb, 0, SRAM);
		if (pwrite(fd, wb, SRAM, 0) == SRAM &&
		    pread(fd, rb, SRAM, 0) == SRAM && check(rb, SRAM, 900 + i) < 0)
			break;
		if (verbose)
			printf("recover: attempt %d: %s\n", i, strerror(errno));
		usleep(500000);
	}
	failed = saved;
	if (i < secs * 2)
		ok("recovered: 128 KiB loopback verified (attempt %d)", i + 1);
	else
		bad("no successful loopback within %d s", secs);
out:
	if (fd >= 0)
		close(fd);
	free_buf(wb, SRAM, 0);
	free_buf(rb, SRAM, 0);
}

/* ---- main ----------------------------------------------------------------- */

static void usage(FILE *f)
{
	fprintf(f,
"usage: plxtest [options]\n"
"Exercise a plx9x5x board; exit 0 if every check passed, else 1.\n"
"Output is TAP (one \"ok N - ...\" or \"not ok N - ...\" per check, the plan\n"
"\"1..N\" after the last); the last line is \"# N passed, N failed\".\n\n"
"  -d, --device PATH    device node (default /dev/plx9x5x0)\n"
"  -s, --sysfs DIR      counter directory (default /sys/dev/char/M:m/device)\n"
"  -t, --time MS        duration of the duplex test (default 2000)\n"
"  -T, --tests LIST     comma-separated tests to run (default: loopback,\n"
"                       unaligned,single,badinput,file,duplex,sysfs)\n"
"                       also: bench, highmem, timeout, signal, eio, recover,\n"
"                       fill, eio-write, eio-read, upper (one channel\n"
"                       master-aborts while the other runs: see abort.sh)\n"
"  -b, --bench          add the throughput test (same as -T ...,bench)\n"
"      --highmem MB     run the high-memory loopback after touching MB MiB\n"
"      --expect-timeout the board is stalled: only timeout,signal\n"
"      --recover SECS   retry a 128 KiB loopback for up to SECS seconds\n"
"  -m, --mode           print the board's single-transfer mode and exit\n"
"  -v, --verbose        more output\n"
"  -h, --help           this text\n");
}

static int want(const char *list, const char *name)
{
	size_t n = strlen(name);
	const char *p = list;

	while ((p = strstr(p, name))) {
		if ((p == list || p[-1] == ',') && (p[n] == 0 || p[n] == ','))
			return 1;
		p += n;
	}
	return 0;
}

int main(int argc, char **argv)
{
	static const struct option lo[] = {
		{ "device", required_argument, NULL, 'd' },
		{ "sysfs", required_argument, NULL, 's' },
		{ "time", required_argument, NULL, 't' },
		{ "tests", required_argument, NULL, 'T' },
		{ "bench", no_argument, NULL, 'b' },
		{ "highmem", required_argument, NULL, 'H' },
		{ "expect-timeout", no_argument, NULL, 'E' },
		{ "recover", required_argument, NULL, 'R' },
		{ "mode", no_argument, NULL, 'm' },
		{ "verbose", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	char tests[256] = "loopback,unaligned,single,badinput,file,duplex,sysfs";
	int c, recover = 0, mode = 0;
	char *end;

	while ((c = getopt_long(argc, argv, "d:s:t:T:bmvh", lo, NULL)) != -1) {
		switch (c) {
		case 'd':
			dev_path = optarg;
			break;
		case 's':
			sysfs_dir = optarg;
			break;
		case 't':
			duplex_ms = strtol(optarg, &end, 0);
			if (*end || duplex_ms < 0) {
				fprintf(stderr, "plxtest: bad --time\n");
				return 1;
			}
			break;
		case 'T':
			snprintf(tests, sizeof(tests), "%s", optarg);
			break;
		case 'b':
			strncat(tests, ",bench", sizeof(tests) - strlen(tests) - 1);
			break;
		case 'H':
			high_mb = atoi(optarg);
			snprintf(tests, sizeof(tests), "highmem");
			break;
		case 'E':
			snprintf(tests, sizeof(tests), "timeout,signal");
			break;
		case 'R':
			recover = atoi(optarg);
			snprintf(tests, sizeof(tests), "recover");
			break;
		case 'm':
			mode = 1;
			break;
		case 'v':
			verbose = 1;
			break;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 1;
		}
	}
	if (optind < argc) {
		usage(stderr);
		return 1;
	}
	if (mode) {
		int fd = open(dev_path, O_RDONLY), st;

		if (fd < 0 || get_single(fd, &st) < 0) {
			fprintf(stderr, "plxtest: %s: %s\n", dev_path,
				strerror(errno));
			return 1;
		}
		printf("single-transfer mode: %s\n", st ? "on" : "off");
		close(fd);
		return 0;
	}
	printf("plxtest: %s, tests %s\n", dev_path, tests);
	if (want(tests, "loopback"))
		t_loopback();
	if (want(tests, "unaligned"))
		t_unaligned();
	if (want(tests, "single"))
		t_single();
	if (want(tests, "badinput"))
		t_badinput();
	if (want(tests, "file"))
		t_file();
	if (want(tests, "duplex"))
		t_duplex();
	if (want(tests, "sysfs"))
		t_sysfs();
	if (want(tests, "bench"))
		t_bench();
	if (want(tests, "highmem"))
		t_highmem();
	if (want(tests, "timeout"))
		t_timeout();
	if (want(tests, "signal"))
		t_signal();
	if (want(tests, "eio"))
		t_eio();
	if (want(tests, "fill"))
		t_fill();
	if (want(tests, "eio-write"))
		t_eio_one(1);
	if (want(tests, "eio-read"))
		t_eio_one(0);
	if (want(tests, "upper"))
		t_upper();
	if (want(tests, "recover"))
		t_recover(recover > 0 ? recover : 10);
	printf("1..%d\n# %d passed, %d failed\n", passed + failed, passed,
	       failed);
	return failed || !passed;
}
