# SPDX-License-Identifier: GPL-2.0-only
# shellcheck shell=sh
# The board master-aborts every DMA access (property master-abort, set at
# run time): transfers end with EIO instead of a false success (the sample
# ignored such errors), then the board works again once it is switched off.
board=/machine/peripheral/plx0
load_modules
check_node 0
run_plxtest "loopback before" --tests loopback
check "master-abort on (qom-set)" plxvm-qom-set $board master-abort on
run_plxtest "master aborts give EIO" --tests eio
check "master-abort off" plxvm-qom-set $board master-abort off
run_plxtest "recovered after the aborts" --recover 10
run_plxtest "loopback after" --tests loopback
unload_modules
finish
