// SPDX-License-Identifier: GPL-2.0-only
/*
 * plxbench - the guest side of `make bench` (tools/bench/README.md).
 *
 * Times read/write/duplex requests on one or more PLX boards through a
 * driver's character devices (plx9x5x's /dev/plx9x5xN or the native
 * reference's /dev/plxnatN; both take pread/pwrite with the file offset as
 * SRAM address) and prints one CSV line per (mode, size):
 *
 *   BENCH,label,mode,boards,size,reps,lat_min_ns,lat_med_ns,lat_max_ns,
 *         bytes_per_s,irqs_per_req,dpcs_per_req
 *
 * Method, per repetition (warm-up repetitions are run the same way and
 * not recorded):
 *   1. each thread (one per board and direction) prepares: fills its
 *      buffer / preloads the SRAM with a fresh pattern (untimed);
 *   2. barrier; the sysfs counters of every board are read; barrier;
 *   3. every thread times its one request with CLOCK_MONOTONIC (under
 *      QEMU -icount this is virtual time);
 *   4. barrier; the counters are read again; barrier;
 *   5. each thread verifies its data (a write is read back), untimed.
 * Latency = each request's own time; throughput of a repetition = all
 * bytes of that repetition / (last end - first start); the median of the
 * repetitions is reported. Interrupts and DPCs per request come from the
 * counter deltas of step 2..4 only.
 *
 * Request buffers: page-aligned, and by default (--layout scattered) no
 * two of their pages physically adjacent, so a request has one
 * scatter/gather entry and one descriptor per page in every line and
 * variant (alloc_buf); all of them are mapped once, before the first
 * line, and kept. After each line a "BENCH-INFO layout,..." line
 * gives each request buffer's physically contiguous runs (pagemap).
 *
 * Duplex: per board a writer to SRAM [0, size) and a reader of SRAM
 * [128K - size, 128K). Where the two overlap (size > 64 KiB) the SRAM is
 * preloaded with the bytes the writer writes, so the reader's result does
 * not depend on the order; the writer's bytes are verified by reading
 * [0, size) back afterwards (at 131072 that region was preloaded with the
 * same bytes, so the duplex write check is weaker there).
 *
 * Exit status 0, or 1 on any error or data mismatch (reported as
 * "BENCH-FAIL ...").
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#define SRAM_SIZE	(128 * 1024)
#define MAX_BOARDS	8
#define MAX_REPS	1000

enum mode { M_READ, M_WRITE, M_DUPLEX };
static const char *const mode_name[] = { "read", "write", "duplex" };

struct board {
	const char *dev;
	const char *sys;
	int fd;
};

struct worker {
	pthread_t tid;
	struct board *b;
	int dir;		/* 0 write, 1 read */
	uint32_t off;		/* SRAM address */
	uint8_t *buf;		/* request buffer */
	uint8_t *chk;		/* verification buffer */
	uint64_t t0, t1;
	int err;
};

static struct board boards[MAX_BOARDS];
static int nboards;
static const char *label = "driver";
static int reps = 5, warmup = 2;
static pthread_barrier_t barrier;
static struct worker workers[2 * MAX_BOARDS];
static int nworkers;
static size_t cur_size;
static int cur_mode, cur_rep;
static int failed;
static int scatter = 1;		/* --layout scattered */
static uint8_t *bufs[2 * MAX_BOARDS], *chks[2 * MAX_BOARDS];

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + ts.tv_nsec;
}

/*
 * Byte at SRAM address @a in repetition @seed (different every repetition
 * and address): a window into one random table, so that filling and
 * checking are memcpy/memcmp (cheap guest time between the timed requests).
 */
static uint8_t table[2 * SRAM_SIZE];

static void table_init(void)
{
	uint32_t x = 0x12345678u;
	size_t i;

	for (i = 0; i < sizeof(table); i++) {
		x ^= x << 13;
		x ^= x >> 17;
		x ^= x << 5;
		table[i] = (uint8_t)(x >> 7);
	}
}

static const uint8_t *pat_at(uint32_t seed, uint32_t a)
{
	return table + (seed * 4099u + a) % SRAM_SIZE;
}

static uint8_t pat(uint32_t seed, uint32_t a)
{
	return *pat_at(seed, a);
}

/* @n <= SRAM_SIZE, so the window never leaves the table */
static void fill(uint8_t *p, size_t n, uint32_t seed, uint32_t a)
{
	memcpy(p, pat_at(seed, a), n);
}

static int xfer(int fd, int dir, void *buf, size_t n, uint32_t off)
{
	ssize_t r = dir ? pread(fd, buf, n, off) : pwrite(fd, buf, n, off);

	if (r == (ssize_t)n)
		return 0;
	fprintf(stderr, "BENCH-FAIL %s %s %zu bytes at %u: %s\n", label,
		dir ? "pread" : "pwrite", n, off,
		r < 0 ? strerror(errno) : "short transfer");
	return -1;
}

static int check(const uint8_t *got, size_t n, uint32_t seed, uint32_t a,
		 const char *what)
{
	size_t i;

	if (!memcmp(got, pat_at(seed, a), n))
		return 0;
	for (i = 0; got[i] == pat(seed, a + (uint32_t)i); i++)
		;
	fprintf(stderr,
		"BENCH-FAIL %s %s size %zu rep %d: byte %zu (SRAM %#zx) is %#x, want %#x\n",
		label, what, n, cur_rep, i, a + i, got[i],
		pat(seed, a + (uint32_t)i));
	return -1;
}

static uint64_t counter(const struct board *b, const char *name)
{
	char path[256], val[32];
	ssize_t n;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", b->sys, name);
	fd = open(path, O_RDONLY);
	if (fd < 0)
		return UINT64_MAX;
	n = read(fd, val, sizeof(val) - 1);
	close(fd);
	if (n <= 0)
		return UINT64_MAX;
	val[n] = 0;
	return strtoull(val, NULL, 10);
}

static uint64_t sum_counter(const char *name)
{
	uint64_t s = 0, v;
	int i;

	for (i = 0; i < nboards; i++) {
		v = counter(&boards[i], name);
		if (v == UINT64_MAX)
			return UINT64_MAX;
		s += v;
	}
	return s;
}

static uint64_t irq0, irq1, dpc0, dpc1;

/*
 * Physically contiguous runs of pages in [p, p + n), from
 * /proc/self/pagemap (0 if unknown): both drivers merge contiguous pages
 * into one scatter/gather entry and one descriptor, so the layout the
 * page allocator gave a buffer sets the descriptors per request.
 */
static int phys_runs(const void *p, size_t n)
{
	const uint64_t pfn_mask = (1ull << 55) - 1;
	uintptr_t a = (uintptr_t)p & ~(uintptr_t)4095, end = (uintptr_t)p + n;
	uint64_t e, prev = 0;
	int fd = open("/proc/self/pagemap", O_RDONLY), runs = 0;

	if (fd < 0)
		return 0;
	for (; a < end; a += 4096) {
		if (pread(fd, &e, sizeof(e), (off_t)(a / 4096 * sizeof(e))) !=
		    (ssize_t)sizeof(e) || !(e >> 63) || !(e & pfn_mask)) {
			runs = 0;
			break;
		}
		e &= pfn_mask;
		if (!prev || e != prev + 1)
			runs++;
		prev = e;
	}
	close(fd);
	return runs;
}

/* Untimed: set up buffers and SRAM for this repetition. */
static int prepare(struct worker *w, uint32_t seed)
{
	size_t n = cur_size;

	if (cur_mode != M_DUPLEX) {
		if (w->dir) {
			fill(w->chk, n, seed, w->off);
			if (xfer(w->b->fd, 0, w->chk, n, w->off))
				return -1;
			memset(w->buf, 0, n);
		} else {
			fill(w->buf, n, seed, w->off);
		}
		return 0;
	}
	/* Duplex: one SRAM preload per board, done by the reader. */
	if (w->dir) {
		static uint8_t *img[MAX_BOARDS];
		int bi = (int)(w->b - boards);

		if (!img[bi])
			img[bi] = malloc(SRAM_SIZE);
		if (!img[bi])
			return -1;
		fill(img[bi], SRAM_SIZE, seed + 7777, 0);	/* stale bytes */
		fill(img[bi] + w->off, n, seed, w->off);
		if (xfer(w->b->fd, 0, img[bi], SRAM_SIZE, 0))
			return -1;
		memset(w->buf, 0, n);
	} else {
		fill(w->buf, n, seed, w->off);
	}
	return 0;
}

static int verify(struct worker *w, uint32_t seed)
{
	size_t n = cur_size;

	if (w->dir)
		return check(w->buf, n, seed, w->off, "read");
	memset(w->chk, 0, n);
	if (xfer(w->b->fd, 1, w->chk, n, w->off))
		return -1;
	return check(w->chk, n, seed, w->off, "write");
}

static void *run_worker(void *arg)
{
	struct worker *w = arg;
	int rep, total = warmup + reps;

	for (rep = 0; rep < total; rep++) {
		uint32_t seed = (uint32_t)(cur_size * 7919 + rep * 131 +
					   cur_mode * 17 + 1);

		if (!w->err && prepare(w, seed))
			w->err = 1;
		pthread_barrier_wait(&barrier);
		if (w == &workers[0]) {
			irq0 = sum_counter("interrupts");
			dpc0 = sum_counter("dpcs");
		}
		pthread_barrier_wait(&barrier);
		w->t0 = now_ns();
		if (!w->err && xfer(w->b->fd, w->dir, w->buf, cur_size, w->off))
			w->err = 1;
		w->t1 = now_ns();
		pthread_barrier_wait(&barrier);
		if (w == &workers[0]) {
			irq1 = sum_counter("interrupts");
			dpc1 = sum_counter("dpcs");
		}
		pthread_barrier_wait(&barrier);
		if (!w->err && verify(w, seed))
			w->err = 1;
		/* the main thread collects this repetition */
		pthread_barrier_wait(&barrier);
		pthread_barrier_wait(&barrier);
	}
	return NULL;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static uint64_t median(uint64_t *v, int n)
{
	qsort(v, n, sizeof(*v), cmp_u64);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Page frame number of the page at @p (0 if unknown: no pagemap). */
static uint64_t pfn_of(int pm, const void *p)
{
	const uint64_t pfn_mask = (1ull << 55) - 1;
	uint64_t e;

	if (pread(pm, &e, sizeof(e), (off_t)((uintptr_t)p / 4096 * sizeof(e))) !=
	    (ssize_t)sizeof(e) || !(e >> 63))
		return 0;
	return e & pfn_mask;
}

/*
 * A request buffer (SRAM_SIZE bytes, page-aligned). --layout scattered
 * (the default): no page of it is physically adjacent to the page before
 * it, so every page is its own scatter/gather entry and descriptor (32
 * for 128 KiB), the worst case the drivers size their chains for, the
 * same in every line and variant. Its pages are picked from a populated
 * pool of 3 times the size (the next page of the pool whose frame does
 * not follow the last picked one) and moved into place with mremap.
 * --layout allocator: one populated mapping, as the page allocator lays
 * it out (in a fresh guest mostly contiguous: 1-2 descriptors per 128
 * KiB, or 32, depending on the line).
 */
static uint8_t *alloc_buf(void)
{
	const size_t pg = 4096, n = SRAM_SIZE / pg, pool = 3 * SRAM_SIZE;
	uint64_t pfn, last = 0;
	uint8_t *src, *dst;
	size_t i, k = 0;
	int pm;

	if (!scatter)
		return mmap(NULL, SRAM_SIZE, PROT_READ | PROT_WRITE,
			    MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	src = mmap(NULL, pool, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	if (src == MAP_FAILED)
		return MAP_FAILED;
	dst = mmap(NULL, SRAM_SIZE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS,
		   -1, 0);
	pm = open("/proc/self/pagemap", O_RDONLY);
	for (i = 0; dst != MAP_FAILED && i < pool / pg && k < n; i++) {
		pfn = pm < 0 ? 0 : pfn_of(pm, src + i * pg);
		/* without pagemap: every other page */
		if (pfn ? (last && pfn == last + 1) : i % 2)
			continue;
		if (mremap(src + i * pg, pg, pg, MREMAP_MAYMOVE | MREMAP_FIXED,
			   dst + k * pg) == MAP_FAILED) {
			munmap(dst, SRAM_SIZE);
			dst = MAP_FAILED;
			break;
		}
		last = pfn;
		k++;
	}
	if (pm >= 0)
		close(pm);
	munmap(src, pool);
	if (dst != MAP_FAILED && k < n) {
		munmap(dst, SRAM_SIZE);
		dst = MAP_FAILED;
	}
	if (dst != MAP_FAILED && phys_runs(dst, SRAM_SIZE) != (int)n)
		fprintf(stderr,
			"BENCH-INFO %s: scattered buffer has %d physical runs, not %zu\n",
			label, phys_runs(dst, SRAM_SIZE), n);
	return dst;
}

static void run_one(int mode, size_t size)
{
	static uint64_t lat[MAX_REPS * 2 * MAX_BOARDS], tput[MAX_REPS];
	uint64_t irqs = 0, dpcs = 0, first, last;
	int i, rep, nlat = 0, total = warmup + reps, runs[2 * MAX_BOARDS];
	int have_dpc = 1;

	cur_mode = mode;
	cur_size = size;
	nworkers = 0;
	for (i = 0; i < nboards; i++) {
		if (mode != M_READ) {
			workers[nworkers] = (struct worker){ .b = &boards[i],
							     .dir = 0,
							     .off = 0 };
			nworkers++;
		}
		if (mode != M_WRITE) {
			workers[nworkers] = (struct worker){
				.b = &boards[i], .dir = 1,
				.off = mode == M_DUPLEX ? SRAM_SIZE - size : 0 };
			nworkers++;
		}
	}
	for (i = 0; i < nworkers; i++) {
		struct worker *w = &workers[i];

		/* page-aligned buffers, as a DMA user would allocate them */
		w->buf = bufs[i];
		w->chk = chks[i];
	}
	pthread_barrier_init(&barrier, NULL, nworkers + 1);
	for (i = 0; i < nworkers; i++)
		pthread_create(&workers[i].tid, NULL, run_worker, &workers[i]);

	for (rep = 0; rep < total; rep++) {
		cur_rep = rep;
		for (i = 0; i < 5; i++)		/* to "collect" */
			pthread_barrier_wait(&barrier);
		if (rep >= warmup) {
			first = UINT64_MAX;
			last = 0;
			for (i = 0; i < nworkers; i++) {
				struct worker *w = &workers[i];

				lat[nlat++] = w->t1 - w->t0;
				if (w->t0 < first)
					first = w->t0;
				if (w->t1 > last)
					last = w->t1;
			}
			tput[rep - warmup] = last > first ?
				(uint64_t)((double)size * nworkers * 1e9 /
					   (double)(last - first)) : 0;
			irqs += irq1 - irq0;
			if (dpc0 == UINT64_MAX || dpc1 == UINT64_MAX)
				have_dpc = 0;
			else
				dpcs += dpc1 - dpc0;
		}
		pthread_barrier_wait(&barrier);
	}
	for (i = 0; i < nworkers; i++) {
		pthread_join(workers[i].tid, NULL);
		runs[i] = phys_runs(workers[i].buf, size);
		if (workers[i].err)
			failed = 1;
	}
	pthread_barrier_destroy(&barrier);

	qsort(lat, nlat, sizeof(lat[0]), cmp_u64);
	printf("BENCH,%s,%s,%d,%zu,%d,%llu,%llu,%llu,%llu,%.3f,",
	       label, mode_name[mode], nboards, size, reps,
	       (unsigned long long)lat[0],
	       (unsigned long long)median(lat, nlat),
	       (unsigned long long)lat[nlat - 1],
	       (unsigned long long)median(tput, reps),
	       (double)irqs / (reps * nworkers));
	if (have_dpc)
		printf("%.3f\n", (double)dpcs / (reps * nworkers));
	else
		printf("NA\n");
	printf("BENCH-INFO layout,%s,%s,%d,%zu:", label, mode_name[mode],
	       nboards, size);
	for (i = 0; i < nworkers; i++)
		printf(" %d", runs[i]);
	printf(" physical runs per request buffer\n");
	fflush(stdout);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: plxbench --label NAME --board DEV:SYSFSDIR [--board ...]\n"
		"                [--modes read,write,duplex] [--sizes N,N,...]\n"
		"                [--reps N] [--warmup N]\n"
		"                [--layout scattered|allocator]\n");
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "label", required_argument, NULL, 'l' },
		{ "board", required_argument, NULL, 'b' },
		{ "modes", required_argument, NULL, 'm' },
		{ "sizes", required_argument, NULL, 's' },
		{ "reps", required_argument, NULL, 'r' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "layout", required_argument, NULL, 'L' },
		{ NULL, 0, NULL, 0 }
	};
	static const size_t def_sizes[] = {
		1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4095, 4096,
		8192, 8193, 16384, 32768, 65536, 131071, 131072
	};
	size_t sizes[64];
	int nsizes = 0, modes = 7, c, i, m;
	char *tok, *save;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'l':
			label = optarg;
			break;
		case 'b':
			if (nboards == MAX_BOARDS || !strchr(optarg, ':'))
				usage();
			boards[nboards].dev = optarg;
			*strchr(optarg, ':') = 0;
			boards[nboards].sys = optarg + strlen(optarg) + 1;
			nboards++;
			break;
		case 'm':
			modes = 0;
			for (tok = strtok_r(optarg, ",", &save); tok;
			     tok = strtok_r(NULL, ",", &save))
				for (m = 0; m < 3; m++)
					if (!strcmp(tok, mode_name[m]))
						modes |= 1 << m;
			break;
		case 's':
			for (tok = strtok_r(optarg, ",", &save);
			     tok && nsizes < 64; tok = strtok_r(NULL, ",", &save))
				sizes[nsizes++] = strtoul(tok, NULL, 0);
			break;
		case 'r':
			reps = atoi(optarg);
			break;
		case 'w':
			warmup = atoi(optarg);
			break;
		case 'L':
			if (!strcmp(optarg, "scattered"))
				scatter = 1;
			else if (!strcmp(optarg, "allocator"))
				scatter = 0;
			else
				usage();
			break;
		default:
			usage();
		}
	}
	if (!nboards || reps < 1 || reps > MAX_REPS || warmup < 0 || !modes)
		usage();
	if (!nsizes) {
		nsizes = sizeof(def_sizes) / sizeof(def_sizes[0]);
		memcpy(sizes, def_sizes, sizeof(def_sizes));
	}
	for (i = 0; i < nsizes; i++)
		if (sizes[i] < 1 || sizes[i] > SRAM_SIZE)
			usage();
	table_init();
	/*
	 * Every buffer is mapped once, before anything is timed, and kept:
	 * unmapping frees VMAs through RCU, and a batch of RCU callbacks in
	 * ksoftirqd when a request's interrupt comes delays the woken caller
	 * as any other running kernel thread does (README, "Limits"). A
	 * short sleep lets the grace periods of the setup's frees end (idle
	 * time costs no host time under -icount sleep=off).
	 */
	for (i = 0; i < 2 * nboards; i++) {
		bufs[i] = alloc_buf();
		chks[i] = mmap(NULL, SRAM_SIZE, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE,
			       -1, 0);
		if (bufs[i] == MAP_FAILED || chks[i] == MAP_FAILED) {
			perror("mmap");
			return 1;
		}
	}
	usleep(100000);
	for (i = 0; i < nboards; i++) {
		boards[i].fd = open(boards[i].dev, O_RDWR);
		if (boards[i].fd < 0) {
			fprintf(stderr, "BENCH-FAIL %s: open %s: %s\n", label,
				boards[i].dev, strerror(errno));
			return 1;
		}
	}
	for (m = 0; m < 3; m++) {
		if (!(modes & 1 << m))
			continue;
		for (i = 0; i < nsizes && !failed; i++)
			run_one(m, sizes[i]);
	}
	for (i = 0; i < nboards; i++)
		close(boards[i].fd);
	return failed;
}
