"""`make run` installs what the app needs to run; the test and lint tools come with `make test`/`make lint` (issue 13)."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="no make on PATH")


def planned(target: str) -> str:
    """The commands `make` would run for `target` from scratch (-B: as if nothing were installed yet)."""
    result = subprocess.run(
        ["make", "-n", "-B", target], cwd=ROOT, capture_output=True, text=True, check=True, timeout=60
    )
    return result.stdout


def test_make_run_installs_the_runtime_requirements_only():
    commands = planned("run")
    assert "-r requirements.txt" in commands
    assert "requirements-dev.txt" not in commands
    assert "runserver 127.0.0.1:" in commands


@pytest.mark.parametrize("target", ["test", "lint"])
def test_make_test_and_lint_install_the_tools(target):
    assert "-r requirements-dev.txt" in planned(target)
