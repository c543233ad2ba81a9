// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: the one NTSTATUS <-> errno table of the shim (shim/wdf_status.c).
 *
 * wdf_status_list.h is generated at build time from every
 * "#define STATUS_..." of shim/include/ntstatus.h (see kunit/Kbuild), so a
 * status added to the header but not to the table fails here.
 */
#include <kunit/test.h>
#include <linux/errno.h>
#include <linux/string.h>
#include <ntstatus.h>

struct defined_status {
	NTSTATUS status;
	const char *name;
};

#define X(s) { s, #s },
static const struct defined_status defined_statuses[] = {
#include "wdf_status_list.h"
};
#undef X

static const struct wdf_status_entry *table_find(const struct wdf_status_entry *t,
						 size_t n, NTSTATUS s)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (t[i].status == s)
			return &t[i];
	return NULL;
}

static void status_table_covers_every_defined_status(struct kunit *test)
{
	const struct wdf_status_entry *t;
	size_t n, i;

	t = wdf_status_table(&n);
	KUNIT_ASSERT_NOT_NULL(test, t);
	/* the generator must have found the header's defines */
	KUNIT_ASSERT_GE(test, ARRAY_SIZE(defined_statuses), (size_t)20);
	for (i = 0; i < ARRAY_SIZE(defined_statuses); i++)
		KUNIT_EXPECT_NOT_NULL_MSG(test,
			table_find(t, n, defined_statuses[i].status),
			"%s (0x%08x) is defined in ntstatus.h but not in the table",
			defined_statuses[i].name, (u32)defined_statuses[i].status);
}

static void status_table_entries_are_unique_and_named(struct kunit *test)
{
	const struct wdf_status_entry *t;
	size_t n, i, j;

	t = wdf_status_table(&n);
	KUNIT_ASSERT_NOT_NULL(test, t);
	KUNIT_ASSERT_GT(test, n, (size_t)0);
	for (i = 0; i < n; i++) {
		KUNIT_ASSERT_NOT_NULL(test, t[i].name);
		KUNIT_EXPECT_EQ_MSG(test, strncmp(t[i].name, "STATUS_", 7), 0,
				    "entry %zu: %s", i, t[i].name);
		KUNIT_EXPECT_STREQ(test, wdf_status_name(t[i].status), t[i].name);
		for (j = i + 1; j < n; j++)
			KUNIT_EXPECT_NE_MSG(test, t[i].status, t[j].status,
					    "%s listed twice", t[i].name);
	}
}

/* The table's names are the header's names (aliases share a value). */
static void status_names_match_header_names(struct kunit *test)
{
	const char *name;
	size_t i, k;

	for (i = 0; i < ARRAY_SIZE(defined_statuses); i++) {
		name = wdf_status_name(defined_statuses[i].status);
		KUNIT_EXPECT_NOT_NULL_MSG(test, name, "%s",
					  defined_statuses[i].name);
		if (!name)
			continue;
		for (k = 0; k < ARRAY_SIZE(defined_statuses); k++)
			if (defined_statuses[k].status == defined_statuses[i].status &&
			    !strcmp(defined_statuses[k].name, name))
				break;
		KUNIT_EXPECT_LT_MSG(test, k, ARRAY_SIZE(defined_statuses),
				    "%s is named \"%s\" in the table",
				    defined_statuses[i].name, name);
	}
}

/* Severity decides the sign: errors and warnings fail, the rest succeed. */
static void status_every_failure_maps_to_negative_errno(struct kunit *test)
{
	const struct wdf_status_entry *t;
	size_t n, i;
	int err;

	t = wdf_status_table(&n);
	for (i = 0; i < n; i++) {
		err = wdf_status_to_errno(t[i].status);
		KUNIT_EXPECT_EQ_MSG(test, err, t[i].err, "%s", t[i].name);
		if (NT_ERROR(t[i].status) || NT_WARNING(t[i].status)) {
			KUNIT_EXPECT_LT_MSG(test, err, 0, "%s", t[i].name);
			KUNIT_EXPECT_GE_MSG(test, err, -MAX_ERRNO, "%s", t[i].name);
		} else {
			KUNIT_EXPECT_EQ_MSG(test, err, 0, "%s", t[i].name);
		}
	}
}

/*
 * errno -> status -> errno is the identity for every errno in the table,
 * and errno -> status picks the first row with that errno.
 */
static void status_errno_round_trip(struct kunit *test)
{
	const struct wdf_status_entry *t;
	size_t n, i, j;
	NTSTATUS s;

	t = wdf_status_table(&n);
	for (i = 0; i < n; i++) {
		if (t[i].err >= 0)
			continue;
		s = wdf_errno_to_status(t[i].err);
		KUNIT_EXPECT_EQ_MSG(test, wdf_status_to_errno(s), t[i].err,
				    "%s", t[i].name);
		for (j = 0; j < n && t[j].err != t[i].err; j++)
			;
		KUNIT_EXPECT_EQ_MSG(test, s, t[j].status, "errno %d", t[i].err);
	}
	KUNIT_EXPECT_EQ(test, wdf_errno_to_status(0), STATUS_SUCCESS);
}

static void status_unknown_codes(struct kunit *test)
{
	const struct wdf_status_entry *t;
	size_t n;
	int err;
	/* an error code in a facility nobody uses: not in the table */
	const NTSTATUS unknown_error = (NTSTATUS)0xC0FE0123;
	const NTSTATUS unknown_success = (NTSTATUS)0x00FE0123;

	t = wdf_status_table(&n);
	KUNIT_ASSERT_NULL(test, table_find(t, n, unknown_error));
	KUNIT_EXPECT_EQ(test, wdf_status_to_errno(unknown_error), -EIO);
	KUNIT_EXPECT_EQ(test, wdf_status_to_errno(unknown_success), 0);
	KUNIT_EXPECT_NULL(test, wdf_status_name(unknown_error));
	/* an errno no row uses */
	for (err = -1; err >= -MAX_ERRNO; err--) {
		size_t i;

		for (i = 0; i < n && t[i].err != err; i++)
			;
		if (i == n)
			break;
	}
	KUNIT_ASSERT_GE(test, err, -MAX_ERRNO);
	KUNIT_EXPECT_EQ(test, wdf_errno_to_status(err), STATUS_UNSUCCESSFUL);
}

/* The errnos the architecture and doc/facts.md §9.9 fix for user space. */
static void status_contract_errnos(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, wdf_status_to_errno(STATUS_SUCCESS), 0);
	KUNIT_EXPECT_EQ(test, wdf_status_to_errno(STATUS_INSUFFICIENT_RESOURCES), -ENOMEM);
	KUNIT_EXPECT_EQ(test, wdf_status_to_errno(STATUS_INVALID_BUFFER_SIZE), -EINVAL);
	KUNIT_EXPECT_EQ(test, wdf_status_to_errno(STATUS_BUFFER_TOO_SMALL), -EINVAL);
	KUNIT_EXPECT_EQ(test, wdf_status_to_errno(STATUS_WDF_TOO_MANY_TRANSFERS), -E2BIG);
	KUNIT_EXPECT_EQ(test, wdf_status_to_errno(STATUS_DEVICE_CONFIGURATION_ERROR), -ENODEV);
	KUNIT_EXPECT_EQ(test, wdf_status_to_errno(STATUS_INVALID_DEVICE_REQUEST), -EINVAL);
	KUNIT_EXPECT_EQ(test, wdf_status_to_errno_ioctl(STATUS_INVALID_DEVICE_REQUEST), -ENOTTY);
	/* issue 9: the statuses the shim and the PLX core return for bad input */
	KUNIT_EXPECT_EQ(test, wdf_status_to_errno(STATUS_INVALID_PARAMETER), -EINVAL);
	KUNIT_EXPECT_EQ(test, wdf_status_to_errno(STATUS_INVALID_USER_BUFFER), -EFAULT);
	KUNIT_EXPECT_EQ(test, wdf_status_to_errno(STATUS_ACCESS_DENIED), -EACCES);
	KUNIT_EXPECT_EQ(test, wdf_status_to_errno(STATUS_NO_SUCH_DEVICE), -ENODEV);
	KUNIT_EXPECT_TRUE(test, wdf_status_to_errno(STATUS_WDF_TOO_FRAGMENTED) == -EFBIG ||
			  wdf_status_to_errno(STATUS_WDF_TOO_FRAGMENTED) == -EINVAL);
}

/* The ioctl variant differs from the plain one in exactly one status. */
static void status_ioctl_variant_differs_only_for_invalid_request(struct kunit *test)
{
	const struct wdf_status_entry *t;
	size_t n, i;

	t = wdf_status_table(&n);
	for (i = 0; i < n; i++) {
		if (t[i].status == STATUS_INVALID_DEVICE_REQUEST)
			continue;
		KUNIT_EXPECT_EQ_MSG(test, wdf_status_to_errno_ioctl(t[i].status),
				    wdf_status_to_errno(t[i].status), "%s", t[i].name);
	}
}

static struct kunit_case wdf_status_cases[] = {
	KUNIT_CASE(status_table_covers_every_defined_status),
	KUNIT_CASE(status_table_entries_are_unique_and_named),
	KUNIT_CASE(status_names_match_header_names),
	KUNIT_CASE(status_every_failure_maps_to_negative_errno),
	KUNIT_CASE(status_errno_round_trip),
	KUNIT_CASE(status_unknown_codes),
	KUNIT_CASE(status_contract_errnos),
	KUNIT_CASE(status_ioctl_variant_differs_only_for_invalid_request),
	{}
};

static struct kunit_suite wdf_status_suite = {
	.name = "wdf_status",
	.test_cases = wdf_status_cases,
};
kunit_test_suite(wdf_status_suite);
