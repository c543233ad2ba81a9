/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdftimer.h - WDFTIMER: a delayed work item (process context).
 */
#ifndef _WDFSHIM_WDFTIMER_H
#define _WDFSHIM_WDFTIMER_H

#include <wdfobject.h>

typedef void EVT_WDF_TIMER(WDFTIMER Timer);
typedef EVT_WDF_TIMER *PFN_WDF_TIMER;

/**
 * struct _WDF_TIMER_CONFIG - WdfTimerCreate configuration.
 * @Size: sizeof(WDF_TIMER_CONFIG)
 * @EvtTimerFunc: required; runs in process context
 * @Period: ms; 0 = one-shot
 * @AutomaticSerialization: run under the device mutex (parent's device
 *	has SynchronizationScope Device)
 * @TolerableDelay: ignored
 * @UseHighResolutionTimer: ignored
 */
typedef struct _WDF_TIMER_CONFIG {
	ULONG Size;
	PFN_WDF_TIMER EvtTimerFunc;
	ULONG Period;
	BOOLEAN AutomaticSerialization;
	ULONG TolerableDelay;
	BOOLEAN UseHighResolutionTimer;
} WDF_TIMER_CONFIG, *PWDF_TIMER_CONFIG;

static inline void WDF_TIMER_CONFIG_INIT(PWDF_TIMER_CONFIG Config,
					 PFN_WDF_TIMER EvtTimerFunc)
{
	memset(Config, 0, sizeof(*Config));
	Config->Size = sizeof(*Config);
	Config->EvtTimerFunc = EvtTimerFunc;
	Config->AutomaticSerialization = TRUE;
}

static inline void WDF_TIMER_CONFIG_INIT_PERIODIC(PWDF_TIMER_CONFIG Config,
						  PFN_WDF_TIMER EvtTimerFunc,
						  LONG Period)
{
	WDF_TIMER_CONFIG_INIT(Config, EvtTimerFunc);
	Config->Period = Period;
}

/* Relative due times, in 100 ns units (negative). */
#define WDF_REL_TIMEOUT_IN_SEC(Time)	((LONGLONG)(Time) * -10000000LL)
#define WDF_REL_TIMEOUT_IN_MS(Time)	((LONGLONG)(Time) * -10000LL)
#define WDF_REL_TIMEOUT_IN_US(Time)	((LONGLONG)(Time) * -10LL)

/**
 * WdfTimerCreate() - create a timer; Attributes->ParentObject is required
 * (a device or an object of a device).
 * @Config: the callback and period (WDF_TIMER_CONFIG_INIT)
 * @Attributes: the attributes, with ParentObject
 * @Timer: out: the new timer
 *
 * Return: STATUS_SUCCESS; STATUS_INFO_LENGTH_MISMATCH; STATUS_INVALID_PARAMETER
 * (NULL config/callback/attributes/parent, AutomaticSerialization without a
 * device-scope device); STATUS_INSUFFICIENT_RESOURCES. *Timer is NULL
 * after a failure.
 */
NTSTATUS WdfTimerCreate(PWDF_TIMER_CONFIG Config,
			PWDF_OBJECT_ATTRIBUTES Attributes, WDFTIMER *Timer);

/**
 * WdfTimerStart() - (re)arm the timer.
 * @Timer: the timer
 * @DueTime: negative = relative (100 ns units), 0 = now; a positive
 *	(absolute) time is treated as relative to now
 *
 * Return: TRUE if the timer was already pending (it is re-armed).
 */
BOOLEAN WdfTimerStart(WDFTIMER Timer, LONGLONG DueTime);

/**
 * WdfTimerStop() - cancel; with @Wait, also wait for a running callback
 * (process context; never from the timer's own callback or while holding
 * the device lock the callback takes).
 * @Timer: the timer
 * @Wait: TRUE: also wait for a running callback
 *
 * Return: TRUE if the timer was pending.
 */
BOOLEAN WdfTimerStop(WDFTIMER Timer, BOOLEAN Wait);

/** WdfTimerGetParentObject() - the timer's parent. */
WDFOBJECT WdfTimerGetParentObject(WDFTIMER Timer);

#endif /* _WDFSHIM_WDFTIMER_H */
