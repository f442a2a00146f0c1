// SPDX-License-Identifier: GPL-2.0
/*
 * Test-only module, never shipped: raises one kernel WARNING when loaded,
 * so the tests can prove that the rig's kernel-log check fails on it.
 */
#include <linux/bug.h>
#include <linux/module.h>

static int __init nm_test_warn_init(void)
{
	WARN(1, "nm_test_warn: deliberate warning for the log check test\n");
	return 0;
}

static void __exit nm_test_warn_exit(void)
{
}

module_init(nm_test_warn_init);
module_exit(nm_test_warn_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("test only: raises a WARNING to test the log check");
