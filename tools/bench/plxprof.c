// SPDX-License-Identifier: GPL-2.0-only
/*
 * plxprof - the guest side of `make bench BENCH_ARGS=--profile`
 * (tools/bench/README.md, "Profile of one 1-byte request").
 *
 *   plxprof --dev /dev/NODE --mode read|write [--size N] [--warmup N]
 *           [--untraced N] [--tracefs DIR] [--no-trace]
 *
 * Runs --warmup requests (default 50), then --untraced requests (default
 * 9) timed with CLOCK_MONOTONIC (virtual time under QEMU -icount), then
 * exactly one request with tracing on: "1" to DIR/tracing_on, a
 * "plxprof begin" marker, the request, a "plxprof end" marker, "0" to
 * tracing_on. The caller has set up the tracer and its filter and reads
 * DIR/trace afterwards. Prints
 *
 *   PROF,mode,size,untraced_min_ns,untraced_med_ns,traced_ns
 *
 * With --no-trace only the untraced requests run (traced_ns 0): the
 * guest script measures them before the tracer is set up, because
 * function_graph's hooks cost time even while tracing_on is 0.
 * The request's data is not checked here (plxbench does that); a failed
 * or short request is an error (exit 1).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_UNTRACED	101

static uint64_t now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000ull + (uint64_t)ts.tv_nsec;
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

static int one(int fd, int wr, char *buf, size_t size)
{
	ssize_t n = wr ? pwrite(fd, buf, size, 0) : pread(fd, buf, size, 0);

	if (n != (ssize_t)size) {
		fprintf(stderr, "plxprof: %s returned %zd (%s)\n",
			wr ? "pwrite" : "pread", n, n < 0 ? strerror(errno) : "short");
		return -1;
	}
	return 0;
}

static int put(int fd, const char *s)
{
	return write(fd, s, strlen(s)) == (ssize_t)strlen(s) ? 0 : -1;
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "dev", required_argument, NULL, 'd' },
		{ "mode", required_argument, NULL, 'm' },
		{ "size", required_argument, NULL, 's' },
		{ "warmup", required_argument, NULL, 'w' },
		{ "untraced", required_argument, NULL, 'u' },
		{ "tracefs", required_argument, NULL, 't' },
		{ "no-trace", no_argument, NULL, 'n' },
		{ NULL, 0, NULL, 0 }
	};
	const char *dev = NULL, *mode = "read";
	const char *tracefs = "/sys/kernel/debug/tracing";
	uint64_t lat[MAX_UNTRACED], t0, t1;
	int warmup = 50, untraced = 9, notrace = 0, wr, fd, on = -1, mark = -1;
	int c, i;
	size_t size = 1;
	char path[256], *buf;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'd': dev = optarg; break;
		case 'm': mode = optarg; break;
		case 's': size = strtoul(optarg, NULL, 0); break;
		case 'w': warmup = atoi(optarg); break;
		case 'u': untraced = atoi(optarg); break;
		case 't': tracefs = optarg; break;
		case 'n': notrace = 1; break;
		default: return 2;
		}
	}
	wr = !strcmp(mode, "write");
	if (!dev || (!wr && strcmp(mode, "read")) || size < 1 ||
	    size > 131072 || untraced < 1 || untraced > MAX_UNTRACED ||
	    warmup < 0) {
		fprintf(stderr, "usage: plxprof --dev NODE --mode read|write "
			"[--size 1..131072] [--warmup N] [--untraced 1..%d] "
			"[--tracefs DIR] [--no-trace]\n", MAX_UNTRACED);
		return 2;
	}
	buf = aligned_alloc(4096, 131072);
	fd = open(dev, O_RDWR);
	if (!notrace) {
		snprintf(path, sizeof(path), "%s/tracing_on", tracefs);
		on = open(path, O_WRONLY);
		snprintf(path, sizeof(path), "%s/trace_marker", tracefs);
		mark = open(path, O_WRONLY);
	}
	if (!buf || fd < 0 || (!notrace && (on < 0 || mark < 0))) {
		perror("plxprof: open");
		return 1;
	}
	memset(buf, 0x5a, 131072);
	for (i = 0; i < warmup; i++)
		if (one(fd, wr, buf, size))
			return 1;
	for (i = 0; i < untraced; i++) {
		t0 = now_ns();
		if (one(fd, wr, buf, size))
			return 1;
		lat[i] = now_ns() - t0;
	}
	qsort(lat, untraced, sizeof(lat[0]), cmp_u64);
	if (notrace) {
		printf("PROF,%s,%zu,%llu,%llu,0\n", mode, size,
		       (unsigned long long)lat[0],
		       (unsigned long long)lat[untraced / 2]);
		return 0;
	}
	if (put(on, "1") || put(mark, "plxprof begin"))
		return 1;
	t0 = now_ns();
	if (one(fd, wr, buf, size))
		return 1;
	t1 = now_ns();
	if (put(mark, "plxprof end") || put(on, "0"))
		return 1;
	printf("PROF,%s,%zu,%llu,%llu,%llu\n", mode, size,
	       (unsigned long long)lat[0],
	       (unsigned long long)lat[untraced / 2],
	       (unsigned long long)(t1 - t0));
	return 0;
}
