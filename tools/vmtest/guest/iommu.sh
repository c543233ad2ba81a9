# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# q35 + VT-d, intel_iommu=on: DMA addresses are IOVAs; a use-after-unmap
# or a wrong address shows as a DMAR fault (run.sh fails on it).
check "an IOMMU is active" sh -c 'ls /sys/class/iommu/ | grep -q .'
load_modules
check_node 0
check "the board is in an IOMMU group" \
	sh -c "ls -d /sys/bus/pci/devices/$(plxvm-bdfs | head -n 1)/iommu_group"
run_plxtest "plxtest through the IOMMU" --time 1500 \
	--tests loopback,unaligned,single,badinput,duplex,sysfs
unload_modules
finish
