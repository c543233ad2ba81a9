// SPDX-License-Identifier: GPL-2.0-only
/*
 * KUnit: which device a DbgPrintEx line names (shim/wdf_log.c), through
 * wdf_test_log_scope(): the scope the shim opens around every device
 * callback. The devices are distinct pointers the log code only hands
 * back, never uses.
 */
#include <kunit/test.h>
#include <linux/completion.h>
#include <linux/device.h>
#include <linux/kthread.h>
#include "wdf_test_util.h"

/* nested scopes of one thread */
#define LOG_DEPTH	3

struct log_nest {
	struct kunit *test;
	struct device *devs;		/* LOG_DEPTH of them */
	unsigned int depth;		/* scopes to open */
	unsigned int level;		/* scopes open */
	unsigned int in_slots;		/* of them kept in a slot */
	struct device *inside[LOG_DEPTH];
	struct device *after[LOG_DEPTH];
};

/* Inside scope n->level - 1: record, open the next one, record again. */
static void log_nest_level(void *arg)
{
	struct log_nest *n = arg;
	unsigned int i = n->level - 1;

	n->inside[i] = wdf_test_log_device();
	if (n->level == n->depth)
		return;
	n->level++;
	if (wdf_test_log_scope(&n->devs[i + 1], log_nest_level, n))
		n->in_slots++;
	n->level--;
	n->after[i] = wdf_test_log_device();
}

static void log_nest_run(struct kunit *test, struct log_nest *n,
			 unsigned int depth)
{
	unsigned int i;

	n->test = test;
	n->depth = depth;
	n->level = 1;
	n->in_slots = 0;
	memset(n->inside, 0, sizeof(n->inside));
	memset(n->after, 0, sizeof(n->after));
	KUNIT_ASSERT_NULL(test, wdf_test_log_device());
	if (wdf_test_log_scope(&n->devs[0], log_nest_level, n))
		n->in_slots++;
	KUNIT_EXPECT_NULL(test, wdf_test_log_device());
	for (i = 0; i < depth; i++) {
		KUNIT_EXPECT_PTR_EQ_MSG(test, n->inside[i], &n->devs[i],
					"inside scope %u", i);
		if (i + 1 < depth)
			KUNIT_EXPECT_PTR_EQ_MSG(test, n->after[i], &n->devs[i],
						"after scope %u", i + 1);
	}
}

static struct log_nest *log_nest_alloc(struct kunit *test)
{
	struct log_nest *n = kunit_kzalloc(test, sizeof(*n), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, n);
	n->devs = kunit_kcalloc(test, LOG_DEPTH, sizeof(*n->devs), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, n->devs);
	return n;
}

static void log_nested_scopes_name_the_innermost(struct kunit *test)
{
	struct log_nest *n = log_nest_alloc(test);

	log_nest_run(test, n, 3);
	KUNIT_EXPECT_EQ(test, n->in_slots, 3U);
}

/* more threads in scopes at once than wdf_log.c's 64 slots */
#define LOG_HOLDERS	68

struct log_holder {
	struct device dev;
	struct completion in_scope;
	struct completion *leave;
	struct completion done;
	struct device *seen;
	bool slot;
};

static void log_holder_scope(void *arg)
{
	struct log_holder *h = arg;

	complete(&h->in_scope);
	wait_for_completion(h->leave);
	h->seen = wdf_test_log_device();
}

static int log_holder_fn(void *arg)
{
	struct log_holder *h = arg;

	h->slot = wdf_test_log_scope(&h->dev, log_holder_scope, h);
	complete(&h->done);
	return 0;
}

struct log_crowd {
	struct kunit *test;
	struct log_holder *h;
	struct completion leave;
	struct device devs[2];
	struct device *seen_inner;
	struct device *seen_after;
	bool inner_slot;
	int started;
};

static void log_crowd_inner(void *arg)
{
	struct log_crowd *c = arg;

	c->seen_inner = wdf_test_log_device();
}

/* In a scope (with a slot) of devs[0]: fill the slots, then nest. */
static void log_crowd_outer(void *arg)
{
	struct log_crowd *c = arg;
	struct task_struct *k;
	int i;

	for (i = 0; i < LOG_HOLDERS; i++) {
		k = kthread_run(log_holder_fn, &c->h[i], "wdf_log_h%d", i);
		if (IS_ERR(k))
			break;
		c->started++;
		wait_for_completion(&c->h[i].in_scope);
	}
	/* every slot is taken now: this one goes on the list */
	c->inner_slot = wdf_test_log_scope(&c->devs[1], log_crowd_inner, c);
	c->seen_after = wdf_test_log_device();
	complete_all(&c->leave);
	for (i = 0; i < c->started; i++)
		wait_for_completion(&c->h[i].done);
}

/*
 * More scopes at once than slots: the rest go on the locked list, and the
 * innermost is still found among both (the inner scope on the list, the
 * outer one in a slot); afterwards every slot is free again.
 */
static void log_more_scopes_than_slots(struct kunit *test)
{
	struct log_crowd *c = kunit_kzalloc(test, sizeof(*c), GFP_KERNEL);
	int i, in_slots = 0;

	KUNIT_ASSERT_NOT_NULL(test, c);
	c->h = kunit_kcalloc(test, LOG_HOLDERS, sizeof(*c->h), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, c->h);
	c->test = test;
	init_completion(&c->leave);
	for (i = 0; i < LOG_HOLDERS; i++) {
		init_completion(&c->h[i].in_scope);
		init_completion(&c->h[i].done);
		c->h[i].leave = &c->leave;
	}
	KUNIT_EXPECT_TRUE(test, wdf_test_log_scope(&c->devs[0], log_crowd_outer,
						   c));
	KUNIT_ASSERT_EQ(test, c->started, LOG_HOLDERS);
	KUNIT_EXPECT_FALSE(test, c->inner_slot);
	KUNIT_EXPECT_PTR_EQ(test, c->seen_inner, &c->devs[1]);
	KUNIT_EXPECT_PTR_EQ(test, c->seen_after, &c->devs[0]);
	for (i = 0; i < LOG_HOLDERS; i++) {
		KUNIT_EXPECT_PTR_EQ_MSG(test, c->h[i].seen, &c->h[i].dev,
					"thread %d", i);
		in_slots += c->h[i].slot;
	}
	/* 64 slots, one the test thread's; the others got slots at first */
	KUNIT_EXPECT_EQ(test, in_slots, 63);
	for (i = 0; i < 63; i++)
		KUNIT_EXPECT_TRUE_MSG(test, c->h[i].slot, "thread %d", i);
	KUNIT_EXPECT_NULL(test, wdf_test_log_device());
	/* all given back: a nest of 3 gets a slot for each */
	log_nested_scopes_name_the_innermost(test);
}

struct log_thread {
	struct device *dev;
	struct device *seen;
	struct completion in_scope;
	struct completion leave;
	struct completion done;
};

static void log_thread_scope(void *arg)
{
	struct log_thread *t = arg;

	complete(&t->in_scope);
	wait_for_completion(&t->leave);
	t->seen = wdf_test_log_device();
}

static int log_thread_fn(void *arg)
{
	struct log_thread *t = arg;

	wdf_test_log_scope(t->dev, log_thread_scope, t);
	complete(&t->done);
	return 0;
}

struct log_main {
	struct kunit *test;
	struct log_thread *t;
	struct device *seen;
};

static void log_main_scope(void *arg)
{
	struct log_main *m = arg;

	/* the other thread is inside its scope, this one inside its own */
	m->seen = wdf_test_log_device();
	complete(&m->t->leave);
	wait_for_completion(&m->t->done);
	KUNIT_EXPECT_PTR_EQ(m->test, wdf_test_log_device(), m->seen);
}

/* Two threads inside callbacks at once: each line names its own device. */
static void log_two_threads_each_own_device(struct kunit *test)
{
	struct device *devs = kunit_kcalloc(test, 2, sizeof(*devs), GFP_KERNEL);
	struct log_thread *t = kunit_kzalloc(test, sizeof(*t), GFP_KERNEL);
	struct log_main m = { .test = test, .t = t };
	struct task_struct *k;

	KUNIT_ASSERT_NOT_NULL(test, devs);
	KUNIT_ASSERT_NOT_NULL(test, t);
	t->dev = &devs[1];
	init_completion(&t->in_scope);
	init_completion(&t->leave);
	init_completion(&t->done);
	k = kthread_run(log_thread_fn, t, "wdf_log_test");
	KUNIT_ASSERT_FALSE(test, IS_ERR(k));
	wait_for_completion(&t->in_scope);
	KUNIT_EXPECT_NULL(test, wdf_test_log_device());
	wdf_test_log_scope(&devs[0], log_main_scope, &m);
	KUNIT_EXPECT_PTR_EQ(test, m.seen, &devs[0]);
	KUNIT_EXPECT_PTR_EQ(test, t->seen, &devs[1]);
	KUNIT_EXPECT_NULL(test, wdf_test_log_device());
}

static struct kunit_case wdf_log_cases[] = {
	KUNIT_CASE(log_nested_scopes_name_the_innermost),
	KUNIT_CASE(log_more_scopes_than_slots),
	KUNIT_CASE(log_two_threads_each_own_device),
	{}
};

static struct kunit_suite wdf_log_suite = {
	.name = "wdf_log",
	.test_cases = wdf_log_cases,
};
kunit_test_suite(wdf_log_suite);
