// SPDX-License-Identifier: GPL-2.0-only
/*
 * edutest - exercise /dev/edu<N> (samples/edu): DMA through the caller's
 * pages (pread/pwrite) and through the driver's common buffer (ioctls),
 * each verified byte for byte, also crosswise (written one way, read back
 * the other); buffers on pages above 256 MiB (physical, from
 * /proc/self/pagemap: the 28-bit engine cannot reach them, so the kernel
 * must bounce or remap them); the factorial; bad input.
 * Exit status 0 when every check passed and at least one ran, else 1.
 * The last line is "N passed, N failed". Built statically (make edutest).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>
#include "uapi/edu.h"
#include <stdarg.h>

static int passed, failed;
/* not a mapping: the kernel must answer EFAULT */
static void *volatile bad_pointer = (void *)16;
static int fd = -1;
static unsigned int seed = 1;

static void check(int ok, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

static void check(int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		passed++;
	else
		failed++;
	printf("%s: ", ok ? "PASS" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
}

static void fill(unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++) {
		seed = seed * 1103515245u + 12345u;
		p[i] = (unsigned char)(seed >> 16);
	}
}

static long long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000LL + ts.tv_nsec / 1000000;
}

/* first differing byte, or -1 */
static long diff_at(const unsigned char *a, const unsigned char *b, size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (a[i] != b[i])
			return (long)i;
	return -1;
}

/* One round trip through pwrite/pread of @len bytes at device @off. */
static int dma_roundtrip(unsigned char *src, unsigned char *dst, size_t off,
			 size_t len, int quiet)
{
	ssize_t w, r;
	long d;

	fill(src, len);
	memset(dst, 0x5a, len);
	w = pwrite(fd, src, len, off);
	r = pread(fd, dst, len, off);
	d = (w == (ssize_t)len && r == (ssize_t)len) ? diff_at(src, dst, len) : -2;
	if (!quiet || d != -1)
		check(d == -1, "dma %zu bytes at %zu (buffers +%lu/+%lu in page): write %zd read %zd%s",
		      len, off, (unsigned long)((uintptr_t)src & 4095),
		      (unsigned long)((uintptr_t)dst & 4095), w, r,
		      d == -1 ? "" : d == -2 ? " (short/failed)" : " (data differs)");
	return d == -1;
}

static void test_dma(unsigned char *a, unsigned char *b)
{
	static const size_t shapes[][4] = {
		/* off, len, src page offset, dst page offset */
		{ 0, 1, 0, 0 },
		{ 0, EDU_BUF_USABLE, 0, 0 },		/* whole usable buffer */
		{ 0, EDU_BUF_USABLE, 1, 4095 },		/* across pages */
		{ 100, 3000, 2048, 17 },
		{ 4094, 1, 4095, 4095 },		/* the last usable byte */
		{ 7, 4000, 4000, 96 },
	};
	size_t i;

	for (i = 0; i < sizeof(shapes) / sizeof(shapes[0]); i++)
		dma_roundtrip(a + shapes[i][2], b + shapes[i][3], shapes[i][0],
			      shapes[i][1], 0);
}

static int cb_io(unsigned long cmd, struct edu_xfer *x)
{
	return ioctl(fd, cmd, x);
}

static void test_cb(void)
{
	struct edu_xfer *x = calloc(1, sizeof(*x));
	unsigned char *src = malloc(EDU_BUF_SIZE), *dst = malloc(EDU_BUF_SIZE);
	int rc;

	if (!x || !src || !dst) {
		check(0, "cb: out of memory");
		return;
	}
	/* common buffer in, user-page DMA out */
	fill(src, EDU_BUF_USABLE);
	x->offset = 0;
	x->length = EDU_BUF_USABLE;
	memcpy(x->data, src, EDU_BUF_USABLE);
	rc = cb_io(EDU_IOCTL_CB_WRITE, x);
	memset(dst, 0, EDU_BUF_SIZE);
	check(rc == 0 && pread(fd, dst, EDU_BUF_USABLE, 0) == EDU_BUF_USABLE &&
	      diff_at(src, dst, EDU_BUF_USABLE) == -1,
	      "cb write %u bytes, dma read back (rc %d)", EDU_BUF_USABLE, rc);
	/* user-page DMA in, common buffer out, at an offset */
	fill(src, 1234);
	rc = pwrite(fd, src, 1234, 321) == 1234 ? 0 : -1;
	memset(x, 0, sizeof(*x));
	x->offset = 321;
	x->length = 1234;
	rc = rc ?: cb_io(EDU_IOCTL_CB_READ, x);
	check(rc == 0 && diff_at(src, x->data, 1234) == -1,
	      "dma write 1234 bytes at 321, cb read back (rc %d)", rc);
	/* both ways through the common buffer */
	fill(src, 10);
	x->offset = 4085;
	x->length = 10;
	memcpy(x->data, src, 10);
	rc = cb_io(EDU_IOCTL_CB_WRITE, x);
	memset(x->data, 0, 10);
	rc = rc ?: cb_io(EDU_IOCTL_CB_READ, x);
	check(rc == 0 && diff_at(src, x->data, 10) == -1,
	      "cb write/read 10 bytes at 4085 (rc %d)", rc);
	free(x);
	free(src);
	free(dst);
}

static void test_fact(void)
{
	struct edu_fact f;
	uint32_t want = 1;
	unsigned int n;
	int bad = 0, rc;

	for (n = 0; n <= 20; n++) {
		if (n)
			want *= n;	/* 32-bit register: modulo 2^32 */
		f.n = n;
		f.result = 0xdeadbeef;
		rc = ioctl(fd, EDU_IOCTL_FACTORIAL, &f);
		if (rc || f.result != want) {
			bad++;
			printf("  factorial(%u): rc %d errno %d got %u want %u\n",
			       n, rc, rc ? errno : 0, f.result, want);
		}
	}
	check(!bad, "factorial 0..20 from the device's interrupt (%d wrong)", bad);
}

static void test_badinput(unsigned char *a)
{
	struct edu_xfer *x = calloc(1, sizeof(*x));
	ssize_t r;
	int rc;

	r = pwrite(fd, a, 1, EDU_BUF_USABLE);
	check(r == -1 && errno == EINVAL, "pwrite 1 byte at %u: EINVAL (%zd, %s)",
	      EDU_BUF_USABLE, r, strerror(errno));
	r = pread(fd, a, EDU_BUF_SIZE, 0);
	check(r == -1 && errno == EINVAL, "pread 4096 bytes: EINVAL (%zd, %s)", r,
	      strerror(errno));
	r = pread(fd, bad_pointer, 100, 0);
	check(r == -1 && errno == EFAULT, "pread to a bad pointer: EFAULT (%zd, %s)",
	      r, strerror(errno));
	r = pread(fd, a, 0, 0);
	check(r == 0, "pread 0 bytes returns 0 (%zd)", r);
	if (!x)
		return;
	x->length = 0;
	rc = cb_io(EDU_IOCTL_CB_WRITE, x);
	check(rc == -1 && errno == EINVAL, "cb write of 0 bytes: EINVAL (%s)",
	      strerror(errno));
	x->offset = 4000;
	x->length = 96;
	rc = cb_io(EDU_IOCTL_CB_READ, x);
	check(rc == -1 && errno == EINVAL, "cb read past the usable buffer: EINVAL (%s)",
	      strerror(errno));
	rc = ioctl(fd, _IOWR(EDU_IOC_MAGIC, 9, struct edu_fact), x);
	check(rc == -1, "unknown ioctl refused (%s)", strerror(errno));
	free(x);
	/* the device still works */
	dma_roundtrip(a, a + 8192, 0, 64, 0);
}

/* Physical frame of a resident page (root only), or 0. */
static uint64_t pfn_of(int pm, void *va)
{
	uint64_t e;

	if (pread(pm, &e, 8, ((uintptr_t)va / 4096) * 8) != 8)
		return 0;
	if (!(e & (1ULL << 63)))
		return 0;
	return e & ((1ULL << 55) - 1);
}

/*
 * Pages above 256 MiB: touch (and keep) memory until the allocator hands
 * out pages up there.
 */
static void test_high(int need)
{
	const size_t chunk = 16 << 20;
	unsigned char *hi[8] = { 0 };
	int pm, nhi = 0, i, ok = 0;
	size_t got = 0, budget;
	long long ram = (long long)sysconf(_SC_PHYS_PAGES) * sysconf(_SC_PAGESIZE);
	long long avail = (long long)sysconf(_SC_AVPHYS_PAGES) * sysconf(_SC_PAGESIZE);

	if (ram <= (1LL << 28)) {
		check(!need, "high: %lld MiB of RAM, none above 256 MiB", ram >> 20);
		return;
	}
	/*
	 * Keep what we touch (low pages taken make later ones come high),
	 * but leave a quarter of the free memory to the tests running
	 * meanwhile.
	 */
	budget = avail > 0 ? (size_t)(avail / 4 * 3) : 0;
	pm = open("/proc/self/pagemap", O_RDONLY);
	if (pm < 0) {
		check(!need, "high: no pagemap (%s)", strerror(errno));
		return;
	}
	while (nhi < 8 && got + chunk <= budget) {
		unsigned char *m = mmap(NULL, chunk, PROT_READ | PROT_WRITE,
					MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
					-1, 0);
		size_t off;

		if (m == MAP_FAILED)
			break;
		got += chunk;
		for (off = 0; off < chunk && nhi < 8; off += 4096) {
			m[off] = 1;
			if (pfn_of(pm, m + off) >= (1u << 28) / 4096)
				hi[nhi++] = m + off;
		}
	}
	if (nhi < 2) {
		check(!need, "high: found %d page(s) above 256 MiB in %zu MiB", nhi,
		      got >> 20);
		close(pm);
		return;
	}
	for (i = 0; i + 1 < nhi; i += 2) {
		printf("  high: pages at pfn %#llx and %#llx\n",
		       (unsigned long long)pfn_of(pm, hi[i]),
		       (unsigned long long)pfn_of(pm, hi[i + 1]));
		ok += dma_roundtrip(hi[i], hi[i + 1], 0, EDU_BUF_USABLE, 1);
		ok += dma_roundtrip(hi[i + 1] + 1000, hi[i] + 7, 500, 3000, 1);
	}
	check(ok == nhi, "high: %d transfers from/to pages above 256 MiB verified", ok);
	close(pm);
}

static void usage(FILE *f)
{
	fprintf(f,
"usage: edutest [-d /dev/edu0] [-T dma,cb,fact,badinput,high] [-t MS] [-H]\n"
"  -d DEV     the device node (default /dev/edu0)\n"
"  -T LIST    tests (default dma,cb,fact,badinput)\n"
"  -t MS      repeat dma/cb/fact for this long (default once)\n"
"  -H         'high' must find pages above 256 MiB (else it only reports)\n");
}

int main(int argc, char **argv)
{
	const char *dev = "/dev/edu0", *tests = "dma,cb,fact,badinput";
	long long until, t = 0;
	unsigned char *a, *b;
	int need_high = 0, c, rounds = 0;

	while ((c = getopt(argc, argv, "d:T:t:Hh")) != -1) {
		switch (c) {
		case 'd': dev = optarg; break;
		case 'T': tests = optarg; break;
		case 't': t = atoll(optarg); break;
		case 'H': need_high = 1; break;
		case 'h': usage(stdout); return 0;
		default: usage(stderr); return 2;
		}
	}
	fd = open(dev, O_RDWR);
	if (fd < 0) {
		printf("FAIL: open %s: %s\n0 passed, 1 failed\n", dev, strerror(errno));
		return 1;
	}
	a = aligned_alloc(4096, 4 * 4096);
	b = aligned_alloc(4096, 4 * 4096);
	if (!a || !b)
		return 1;
	seed = (unsigned int)getpid();
	until = now_ms() + t;
	do {
		if (strstr(tests, "dma"))
			test_dma(a, b);
		if (strstr(tests, "cb"))
			test_cb();
		if (strstr(tests, "fact"))
			test_fact();
		rounds++;
	} while (now_ms() < until);
	if (t)
		printf("  %d rounds in %lld ms\n", rounds, t);
	if (strstr(tests, "badinput"))
		test_badinput(a);
	if (strstr(tests, "high"))
		test_high(need_high);
	close(fd);
	printf("%d passed, %d failed\n", passed, failed);
	return failed || !passed;
}
