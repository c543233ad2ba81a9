// SPDX-License-Identifier: GPL-2.0-only
/*
 * plxfail: fail each allocation of one operation in turn, through
 * /proc/thread-self/fail-nth (Documentation/fault-injection/), and check
 * that every injected failure gives an error or a success, never a wrong
 * result. Runs in the sanitizer guest (tools/sanitizer/guest/failnth.sh);
 * a crash, hang or leak is caught by the runner around it (the kernel log
 * check, the timeout, kmemleak).
 *
 *   plxfail [-d NODE] [-m MAX] OP [ARG]
 *
 * OP (each one call, repeated with n = 1, 2, ... until the call runs
 * without reaching the n-th fault-injection point):
 *   open            open(NODE, O_RDWR) and close
 *   read SIZE       pread(SIZE bytes at 0) of a reference pattern written
 *                   before: the bytes returned must be that pattern (a
 *                   short count is allowed, POSIX; 0 is not)
 *   write SIZE      pwrite(SIZE bytes at 0) of the pattern: the bytes
 *                   reported written must read back (short allowed, 0 not)
 *   ioctl-get       PLX9X5X_IOCTL_GET_SINGLE_TRANSFER: value checked
 *   ioctl-toggle    PLX9X5X_IOCTL_TOGGLE_SINGLE_TRANSFER: the mode read
 *                   back afterwards must agree with the call's result
 *   bind BDF        write BDF to /sys/bus/pci/drivers/plx9x5x/bind
 *                   (unbound before each try; a success is unbound again)
 *   load KO         finit_module(KO) (a success is removed again with
 *                   delete_module; for plx9x5x.ko this includes probe)
 *
 * Output is TAP. A good try is one point "ok N - <op> n=<n> injected=<0|1>
 * rc=<result>"; a wrong result (bad data, a success that did not do its
 * work, an errno that is not an error code) is a "not ok N - ..." point
 * each, and the try's line a "# n=..." diagnostic. Then
 *   plxfail <op>: <k> injection points reached
 * one point for reaching the end, the plan "1..N" and, last,
 *   # N passed, N failed
 * Exit 0 only if nothing failed.
 *
 * The sanitizer guest sets failslab and fail_page_alloc to also fail
 * sleeping allocations (ignore-gfp-wait=N, min-order 0) and fault
 * injection to print nothing (verbose=0); copy_{to,from}_user faults
 * (fail_usercopy) count as injection points too.
 *
 * Build: gcc -static -O2 -Wall -Wextra -I plx9x5x/uapi -o plxfail plxfail.c
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "plx9x5x.h"

static const char *node = "/dev/plx9x5x0";
static int failnth_fd = -1;
static int passed, failed;

#define FAIL(...)					\
	do {						\
		failed++;				\
		printf("not ok %d - ", passed + failed); \
		printf(__VA_ARGS__);			\
		putchar('\n');				\
		fflush(stdout);				\
	} while (0)

/* Arm: the n-th fault-injection point of this thread fails. */
static void arm(unsigned int n)
{
	char buf[16];
	int len = snprintf(buf, sizeof(buf), "%u", n);

	if (pwrite(failnth_fd, buf, len, 0) != len) {
		perror("plxfail: write fail-nth");
		exit(2);
	}
}

/*
 * Disarm and say whether the armed fault was injected (the counter had
 * reached 0). The read takes the value before its own copy_to_user(); if
 * that copy is the injection point that fails (counter at 1), the read
 * fails with EFAULT and nothing was injected into the operation.
 */
static int disarm(void)
{
	char buf[16] = "";
	ssize_t r = pread(failnth_fd, buf, sizeof(buf) - 1, 0);
	int injected = r > 0 && strtoul(buf, NULL, 10) == 0;

	if (r < 0 && errno != EFAULT) {
		perror("plxfail: read fail-nth");
		exit(2);
	}
	/* Writing 0 always leaves 0, even if this copy is itself failed. */
	(void)pwrite(failnth_fd, "0", 1, 0);
	return injected;
}

static int is_errno(int e)
{
	return e > 0 && e < 4096;
}

static unsigned char *pattern(size_t size)
{
	unsigned char *p = malloc(size);
	size_t i;

	if (!p)
		exit(2);
	for (i = 0; i < size; i++)
		p[i] = (unsigned char)(i * 7 + 3 + (i >> 8));
	return p;
}

static int write_file(const char *path, const char *s)
{
	int fd = open(path, O_WRONLY);
	ssize_t r;

	if (fd < 0)
		return -errno;
	r = write(fd, s, strlen(s));
	r = r < 0 ? -errno : 0;
	close(fd);
	return r;
}

static int bound(const char *bdf)
{
	char p[256];
	struct stat st;

	snprintf(p, sizeof(p), "/sys/bus/pci/drivers/plx9x5x/%s", bdf);
	return stat(p, &st) == 0;
}

static const char *modname(const char *ko)
{
	static char name[64];
	const char *b = strrchr(ko, '/');
	char *dot;

	snprintf(name, sizeof(name), "%s", b ? b + 1 : ko);
	dot = strchr(name, '.');
	if (dot)
		*dot = '\0';
	return name;
}

static void usage(void)
{
	fprintf(stderr,
		"usage: plxfail [-d NODE] [-m MAX] open|read SIZE|write SIZE|ioctl-get|ioctl-toggle|bind BDF|load KO\n");
	exit(2);
}

int main(int argc, char **argv)
{
	unsigned int n, max = 5000, points = 0;
	const char *op, *arg = NULL;
	unsigned char *ref = NULL, *buf = NULL;
	size_t size = 0;
	int fd = -1, c, done = 0;

	while ((c = getopt(argc, argv, "d:m:")) != -1) {
		if (c == 'd')
			node = optarg;
		else if (c == 'm')
			max = strtoul(optarg, NULL, 0);
		else
			usage();
	}
	if (optind >= argc)
		usage();
	op = argv[optind++];
	if (optind < argc)
		arg = argv[optind];
	if (!strcmp(op, "read") || !strcmp(op, "write")) {
		if (!arg)
			usage();
		size = strtoul(arg, NULL, 0);
		if (!size || size > PLX9X5X_SRAM_SIZE)
			usage();
		ref = pattern(size);
		buf = malloc(size);
		if (!buf)
			exit(2);
		memset(buf, 0, size);	/* fault the pages in now */
	} else if ((!strcmp(op, "bind") || !strcmp(op, "load")) && !arg) {
		usage();
	}
	setvbuf(stdout, NULL, _IOLBF, 0);

	failnth_fd = open("/proc/thread-self/fail-nth", O_RDWR);
	if (failnth_fd < 0) {
		perror("plxfail: /proc/thread-self/fail-nth");
		return 2;
	}
	if (strcmp(op, "open") && strcmp(op, "bind") && strcmp(op, "load")) {
		fd = open(node, O_RDWR);
		if (fd < 0) {
			perror(node);
			return 2;
		}
		if (!strcmp(op, "read") &&
		    pwrite(fd, ref, size, 0) != (ssize_t)size) {
			perror("plxfail: writing the reference pattern");
			return 2;
		}
	}

	for (n = 1; n <= max && !done; n++) {
		long rc;
		int e = 0, injected, good = 1;
		unsigned char mode = 0, mode2 = 0;

		if (!strcmp(op, "open")) {
			arm(n);
			rc = open(node, O_RDWR);
			e = errno;
			injected = disarm();
			if (rc >= 0)
				close(rc);
		} else if (!strcmp(op, "read")) {
			memset(buf, 0, size);
			arm(n);
			rc = pread(fd, buf, size, 0);
			e = errno;
			injected = disarm();
			/* a short count (POSIX) must still be right data */
			if (rc > 0 && memcmp(buf, ref, rc)) {
				FAIL("read n=%u: %ld bytes, wrong data", n, rc);
				good = 0;
			} else if (rc == 0) {
				FAIL("read n=%u: 0 bytes (end of file) at 0", n);
				good = 0;
			}
		} else if (!strcmp(op, "write")) {
			arm(n);
			rc = pwrite(fd, ref, size, 0);
			e = errno;
			injected = disarm();
			/* what was reported written must be on the board */
			if (rc == 0) {
				FAIL("write n=%u: 0 bytes written at 0", n);
				good = 0;
			} else if (rc > 0 &&
				   (pread(fd, buf, rc, 0) != rc ||
				    memcmp(buf, ref, rc))) {
				FAIL("write n=%u: %ld bytes reported, the board does not hold them",
				     n, rc);
				good = 0;
			}
		} else if (!strcmp(op, "ioctl-get")) {
			mode = 0xa5;
			arm(n);
			rc = ioctl(fd, PLX9X5X_IOCTL_GET_SINGLE_TRANSFER, &mode);
			e = errno;
			injected = disarm();
			if (rc == 0 && mode > 1) {
				FAIL("ioctl-get n=%u: mode %u", n, mode);
				good = 0;
			}
		} else if (!strcmp(op, "ioctl-toggle")) {
			if (ioctl(fd, PLX9X5X_IOCTL_GET_SINGLE_TRANSFER, &mode)) {
				perror("plxfail: GET_SINGLE_TRANSFER");
				return 2;
			}
			arm(n);
			rc = ioctl(fd, PLX9X5X_IOCTL_TOGGLE_SINGLE_TRANSFER,
				   &mode2);
			e = errno;
			injected = disarm();
			if (ioctl(fd, PLX9X5X_IOCTL_GET_SINGLE_TRANSFER, &mode2)) {
				perror("plxfail: GET_SINGLE_TRANSFER");
				return 2;
			}
			/*
			 * Success: the mode flipped. An error: it either did
			 * not change, or the toggle happened and only the
			 * copy of the result back failed (EFAULT).
			 */
			if (rc == 0 && mode2 == mode) {
				FAIL("ioctl-toggle n=%u: success, mode unchanged",
				     n);
				good = 0;
			} else if (rc < 0 && mode2 != mode && e != EFAULT) {
				FAIL("ioctl-toggle n=%u: error %d, mode changed",
				     n, e);
				good = 0;
			}
		} else if (!strcmp(op, "bind")) {
			if (bound(arg))
				write_file("/sys/bus/pci/drivers/plx9x5x/unbind",
					   arg);
			if (bound(arg)) {
				fprintf(stderr, "plxfail: cannot unbind %s\n",
					arg);
				return 2;
			}
			arm(n);
			c = open("/sys/bus/pci/drivers/plx9x5x/bind", O_WRONLY);
			if (c < 0) {
				rc = -1;
				e = errno;
				injected = disarm();
			} else {
				rc = write(c, arg, strlen(arg));
				e = errno;
				injected = disarm();
				close(c);
			}
			if (rc > 0 && !bound(arg)) {
				FAIL("bind n=%u: success, but %s is not bound",
				     n, arg);
				good = 0;
			} else if (rc < 0 && bound(arg)) {
				FAIL("bind n=%u: error %d, but %s is bound", n,
				     e, arg);
				good = 0;
			}
			if (!injected && rc > 0 && access(node, F_OK)) {
				usleep(500000);	/* devtmpfs is asynchronous */
				if (access(node, F_OK)) {
					FAIL("bind n=%u: bound without a fault, no %s",
					     n, node);
					good = 0;
				}
			}
		} else if (!strcmp(op, "load")) {
			c = open(arg, O_RDONLY | O_CLOEXEC);
			if (c < 0) {
				perror(arg);
				return 2;
			}
			arm(n);
			rc = syscall(SYS_finit_module, c, "", 0);
			e = errno;
			injected = disarm();
			close(c);
			if (rc == 0 &&
			    syscall(SYS_delete_module, modname(arg), O_NONBLOCK)) {
				FAIL("load n=%u: loaded, but cannot remove %s (%s)",
				     n, modname(arg), strerror(errno));
				return 1;
			}
		} else {
			usage();
		}
		if (rc < 0 && !is_errno(e)) {
			FAIL("%s n=%u: failed without an errno", op, n);
			good = 0;
		}
		if (rc < 0 && !injected) {
			FAIL("%s n=%u: error %d (%s) without an injected fault",
			     op, n, e, strerror(e));
			good = 0;
		}
		if (good)
			printf("ok %d - %s ", ++passed + failed, op);
		else
			printf("# ");
		printf("n=%u injected=%d rc=%ld%s%s%s\n", n, injected, rc,
		       rc < 0 ? " " : "", rc < 0 ? strerror(e) : "",
		       size && rc >= 0 && rc < (long)size ? " (short)" : "");
		if (injected)
			points++;
		else
			done = 1;
	}
	printf("plxfail %s: %u injection points reached\n", op, points);
	if (done) {
		passed++;
		printf("ok %d - %s: no injection point left after %u\n",
		       passed + failed, op, points);
	} else {
		FAIL("%s: still reaching injection points after %u tries", op,
		     max);
	}
	printf("1..%d\n# %d passed, %d failed\n", passed + failed, passed,
	       failed);
	return failed ? 1 : 0;
}
