/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * wdf.h - what a WDF-style driver core includes: the whole shim API with
 * WDF names and KMDF signatures. The core includes no <linux/...> itself.
 */
#ifndef _WDFSHIM_WDF_H
#define _WDFSHIM_WDF_H

#include <wdm.h>
#include <ntstatus.h>
#include <wdfobject.h>
#include <wdfdriver.h>
#include <wdfresource.h>
#include <wdfdevice.h>
#include <wdffdo.h>
#include <wdfio.h>
#include <wdfrequest.h>
#include <wdfinterrupt.h>
#include <wdfdmaenabler.h>
#include <wdfcommonbuffer.h>
#include <wdfdmatransaction.h>
#include <wdftimer.h>
#include <wdfworkitem.h>
#include <wdfsync.h>
#include <wdfmemory.h>
#include <wdfinterruptinfo.h>

#endif /* _WDFSHIM_WDF_H */
