// SPDX-License-Identifier: GPL-2.0-only
/*
 * edutest - exercise /dev/edu<N> (samples/edu): DMA through the caller's
 * pages (pread/pwrite) and through the driver's common buffer (ioctls),
 * each verified byte for byte, also crosswise (written one way, read back
 * the other); buffers on pages above 256 MiB (physical, from
 * /proc/self/pagemap: the 28-bit engine cannot reach them, so the kernel
 * must bounce or remap them); the factorial; bad input. Also: DMA through
 * the direct ioctls' output buffers (METHOD_IN_DIRECT / OUT_DIRECT),
 * crosswise with pread/pwrite; transfers from several threads at once
 * (they wait for the engine in the driver's manual queue); held
 * factorials (EDU_IOCTL_FACT_PAUSE) ended by signals ("hold") or by the
 * device's removal ("stop": the script unbinds the device meanwhile).
 * Exit status 0 when every check passed and at least one ran, else 1.
 * Output is TAP (one "ok N - ..." / "not ok N - ..." per check, the plan
 * after the last), then "# N passed, N failed". Built statically.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <signal.h>
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
	printf("%s %d - ", ok ? "ok" : "not ok", passed + failed);
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

/* ---- direct ioctls -------------------------------------------------------- */

static int direct_io(unsigned long cmd, void *buf, size_t len, unsigned int off,
		     unsigned long long *returned)
{
	struct edu_dma_args args = { .offset = off };
	struct wdf_ioctl_direct d = {
		.in = (uintptr_t)&args, .in_len = sizeof(args),
		.out = (uintptr_t)buf, .out_len = (unsigned int)len,
		.returned = ~0ULL,
	};
	int rc = ioctl(fd, cmd, &d);

	if (returned)
		*returned = d.returned;
	return rc;
}

static void test_direct(unsigned char *a, unsigned char *b)
{
	unsigned long long ret = 0, ret2 = 0;
	int rc, rc2;
	ssize_t r;

	/* in by the IN_DIRECT ioctl, out by pread */
	fill(a + 3, 3000);
	memset(b, 0, 3000);
	rc = direct_io(EDU_IOCTL_DMA_TO_DEVICE, a + 3, 3000, 50, &ret);
	r = pread(fd, b, 3000, 50);
	check(rc == 0 && ret == 3000 && r == 3000 && diff_at(a + 3, b, 3000) == -1,
	      "direct: IN_DIRECT 3000 bytes at 50, pread back (rc %d, returned %llu, read %zd)",
	      rc, ret, r);
	/* in by pwrite, out by the OUT_DIRECT ioctl, across pages */
	fill(a, EDU_BUF_USABLE);
	memset(b + 4000, 0, EDU_BUF_USABLE);
	r = pwrite(fd, a, EDU_BUF_USABLE, 0);
	rc = direct_io(EDU_IOCTL_DMA_FROM_DEVICE, b + 4000, EDU_BUF_USABLE, 0, &ret);
	check(r == EDU_BUF_USABLE && rc == 0 && ret == EDU_BUF_USABLE &&
	      diff_at(a, b + 4000, EDU_BUF_USABLE) == -1,
	      "direct: pwrite %u bytes, OUT_DIRECT back into two pages (rc %d, returned %llu)",
	      EDU_BUF_USABLE, rc, ret);
	/* both ways direct, the last usable byte */
	fill(a, 1);
	b[0] = (unsigned char)~a[0];
	rc = direct_io(EDU_IOCTL_DMA_TO_DEVICE, a, 1, EDU_BUF_USABLE - 1, NULL);
	rc2 = direct_io(EDU_IOCTL_DMA_FROM_DEVICE, b, 1, EDU_BUF_USABLE - 1, &ret2);
	check(rc == 0 && rc2 == 0 && ret2 == 1 && a[0] == b[0],
	      "direct: 1 byte at %u both ways (rc %d/%d)", EDU_BUF_USABLE - 1, rc, rc2);
	/* bad input */
	rc = direct_io(EDU_IOCTL_DMA_FROM_DEVICE, b, 100, EDU_BUF_USABLE - 50, NULL);
	check(rc == -1 && errno == EINVAL, "direct: past the usable buffer: EINVAL (%s)",
	      strerror(errno));
	rc = direct_io(EDU_IOCTL_DMA_FROM_DEVICE, b, 0, 0, NULL);
	check(rc == -1 && errno == EINVAL, "direct: no data buffer: EINVAL (%s)",
	      strerror(errno));
	rc = direct_io(EDU_IOCTL_DMA_FROM_DEVICE, bad_pointer, 100, 0, NULL);
	check(rc == -1 && errno == EFAULT, "direct: bad data pointer: EFAULT (%s)",
	      strerror(errno));
	rc = ioctl(fd, EDU_IOCTL_DMA_TO_DEVICE, bad_pointer);
	check(rc == -1 && errno == EFAULT, "direct: bad argument pointer: EFAULT (%s)",
	      strerror(errno));
}

/* ---- several threads at once: the engine queue ---------------------------- */

struct par_arg {
	unsigned int off, len, seed;
	int ok;
};

static void *par_thread(void *p)
{
	struct par_arg *pa = p;
	unsigned char *src = malloc(pa->len), *dst = malloc(pa->len);
	unsigned int i, s = pa->seed;
	int round;

	pa->ok = 0;
	if (!src || !dst)
		return NULL;
	for (round = 0; round < 5; round++) {
		for (i = 0; i < pa->len; i++) {
			s = s * 1103515245u + 12345u;
			src[i] = (unsigned char)(s >> 16);
		}
		memset(dst, 0, pa->len);
		if (pwrite(fd, src, pa->len, pa->off) != (ssize_t)pa->len ||
		    direct_io(EDU_IOCTL_DMA_FROM_DEVICE, dst, pa->len, pa->off, NULL) ||
		    memcmp(src, dst, pa->len))
			break;
		pa->ok++;
	}
	free(src);
	free(dst);
	return NULL;
}

static void test_parallel(void)
{
	struct par_arg pa[4];
	pthread_t t[4];
	int i, ok = 0;

	for (i = 0; i < 4; i++) {
		pa[i].off = (unsigned int)i * 1000;
		pa[i].len = 999;
		pa[i].seed = seed + (unsigned int)i;
		if (pthread_create(&t[i], NULL, par_thread, &pa[i]))
			pa[i].ok = -100;
	}
	for (i = 0; i < 4; i++) {
		if (pa[i].ok != -100)
			pthread_join(t[i], NULL);
		ok += pa[i].ok;
	}
	check(ok == 20, "parallel: 4 threads x 5 transfers to their own regions, %d verified",
	      ok);
}

/* ---- held factorials -------------------------------------------------------- */

struct fact_arg {
	pthread_t t;
	unsigned int n;
	int rc, err, done;
	unsigned int result;
};

static void on_usr1(int sig)
{
	(void)sig;
}

static void *fact_thread(void *p)
{
	struct fact_arg *fa = p;
	struct edu_fact f = { .n = fa->n, .result = 0 };

	fa->rc = ioctl(fd, EDU_IOCTL_FACTORIAL, &f);
	fa->err = fa->rc ? errno : 0;
	fa->result = f.result;
	__atomic_store_n(&fa->done, 1, __ATOMIC_RELEASE);
	return NULL;
}

static int fact_pause(unsigned int on)
{
	__u32 v = on;

	return ioctl(fd, EDU_IOCTL_FACT_PAUSE, &v);
}

static unsigned int fact_of(unsigned int n)
{
	unsigned int r = 1;

	while (n > 1)
		r *= n--;
	return r;
}

/* Start @n factorial threads in order (50 ms apart: the driver takes them in order). */
static int fact_start(struct fact_arg *fa, int n)
{
	struct sigaction sa;
	int i;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_usr1;	/* no SA_RESTART: the ioctl says EINTR */
	sigaction(SIGUSR1, &sa, NULL);
	for (i = 0; i < n; i++) {
		fa[i].n = 5 + (unsigned int)i;
		fa[i].done = 0;
		if (pthread_create(&fa[i].t, NULL, fact_thread, &fa[i]))
			return -1;
		usleep(50000);
	}
	return 0;
}

static int fact_done(struct fact_arg *fa)
{
	return __atomic_load_n(&fa->done, __ATOMIC_ACQUIRE);
}

/*
 * Paused: A is taken and held by the driver (cancelable), B and C wait in
 * the manual queue. A signal to C (in the queue) and to A (held) ends each
 * with EINTR; the driver then takes B and, resumed, computes it.
 */
static void test_hold(void)
{
	struct fact_arg fa[3];
	int i, ok;

	if (fact_pause(1)) {
		check(0, "hold: pause ioctl (%s)", strerror(errno));
		return;
	}
	if (fact_start(fa, 3)) {
		check(0, "hold: threads");
		fact_pause(0);
		return;
	}
	usleep(200000);
	check(!fact_done(&fa[0]) && !fact_done(&fa[1]) && !fact_done(&fa[2]),
	      "hold: 3 factorials held while paused");
	pthread_kill(fa[2].t, SIGUSR1);
	for (i = 0; i < 100 && !fact_done(&fa[2]); i++)
		usleep(10000);
	check(fact_done(&fa[2]) && fa[2].rc == -1 && fa[2].err == EINTR,
	      "hold: signal to a factorial waiting in the manual queue: EINTR (rc %d, %s)",
	      fa[2].rc, strerror(fa[2].err));
	pthread_kill(fa[0].t, SIGUSR1);
	for (i = 0; i < 100 && !fact_done(&fa[0]); i++)
		usleep(10000);
	check(fact_done(&fa[0]) && fa[0].rc == -1 && fa[0].err == EINTR,
	      "hold: signal to the factorial the driver holds: EINTR (rc %d, %s)",
	      fa[0].rc, strerror(fa[0].err));
	usleep(100000);
	ok = !fact_done(&fa[1]);
	fact_pause(0);
	pthread_join(fa[1].t, NULL);
	check(ok && fa[1].rc == 0 && fa[1].result == fact_of(fa[1].n),
	      "hold: the next one waits until resumed, then %u! = %u (rc %d, got %u)",
	      fa[1].n, fact_of(fa[1].n), fa[1].rc, fa[1].result);
	pthread_join(fa[0].t, NULL);
	pthread_join(fa[2].t, NULL);
}

/*
 * Removal with held requests: A held by the driver, B and C in the manual
 * queue. Prints "stop: ready" and waits: the script unbinds the device.
 * A ends with ECANCELED (EvtIoStop completed it), B and C with ENODEV.
 */
static void test_stop(void)
{
	struct fact_arg fa[3];
	int i;

	if (fact_pause(1) || fact_start(fa, 3)) {
		check(0, "stop: pause / threads (%s)", strerror(errno));
		return;
	}
	printf("stop: ready\n");
	fflush(stdout);
	for (i = 0; i < 3; i++)
		pthread_join(fa[i].t, NULL);
	check(fa[0].rc == -1 && fa[0].err == ECANCELED,
	      "stop: the held factorial ended by EvtIoStop: ECANCELED (rc %d, %s)",
	      fa[0].rc, strerror(fa[0].err));
	check(fa[1].rc == -1 && fa[1].err == ENODEV && fa[2].rc == -1 &&
	      fa[2].err == ENODEV,
	      "stop: the queued ones: ENODEV (%s, %s)", strerror(fa[1].err),
	      strerror(fa[2].err));
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
"usage: edutest [-d /dev/edu0] [-T dma,cb,fact,direct,parallel,badinput,high,hold,stop]\n"
"               [-t MS] [-H]\n"
"  -d DEV     the device node (default /dev/edu0)\n"
"  -T LIST    tests (default dma,cb,fact,direct,parallel,badinput,hold;\n"
"             stop waits for the device to be removed)\n"
"  -t MS      repeat dma/cb/fact for this long (default once)\n"
"  -H         'high' must find pages above 256 MiB (else it only reports)\n");
}

int main(int argc, char **argv)
{
	const char *dev = "/dev/edu0";
	const char *tests = "dma,cb,fact,direct,parallel,badinput,hold";
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
		printf("Bail out! open %s: %s\n# 0 passed, 1 failed\n", dev,
		       strerror(errno));
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
		if (strstr(tests, "direct"))
			test_direct(a, b);
		if (strstr(tests, "parallel"))
			test_parallel();
		rounds++;
	} while (now_ms() < until);
	if (t)
		printf("  %d rounds in %lld ms\n", rounds, t);
	if (strstr(tests, "badinput"))
		test_badinput(a);
	if (strstr(tests, "high"))
		test_high(need_high);
	if (strstr(tests, "hold"))
		test_hold();
	if (strstr(tests, "stop"))
		test_stop();
	close(fd);
	printf("1..%d\n# %d passed, %d failed\n", passed + failed, passed,
	       failed);
	return failed || !passed;
}
