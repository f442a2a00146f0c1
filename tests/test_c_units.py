"""The C unit tests, one pytest item each, run through ctest."""
import re
import subprocess

import pytest

from conftest import PROJECT_DIR  # noqa: F401
from nmvm_rig.paths import build_dir


def ctest_names():
    out = subprocess.run(["ctest", "-N"], cwd=build_dir(),
                         capture_output=True, text=True).stdout
    return re.findall(r"Test\s+#\d+: (\S+)", out)


@pytest.mark.parametrize("name", ctest_names() or ["<no ctest tests found>"])
def test_c_unit(build, name):
    result = subprocess.run(["ctest", "--output-on-failure", "-R",
                             "^%s$" % re.escape(name)], cwd=build,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "100% tests passed" in result.stdout, result.stdout
