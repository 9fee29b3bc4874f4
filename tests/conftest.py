"""Shared fixtures: run the real `redline` command line as a user would."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from redline.guard import Guard

REPO_ROOT = Path(__file__).resolve().parent.parent

RunRedline = Callable[..., subprocess.CompletedProcess[str]]


@pytest.fixture
def run_redline() -> RunRedline:
    """Run `python -m redline ARGS` in a subprocess and return the completed process."""

    def run(
        *args: str, input: str | None = None, env: dict[str, str] | None = None
    ) -> subprocess.CompletedProcess[str]:
        environment = {k: v for k, v in os.environ.items() if k != "REDLINE_CONSTITUTION"}
        environment.update(env or {})
        return subprocess.run(
            [sys.executable, "-m", "redline", *args],
            input=input,
            capture_output=True,
            text=True,
            env=environment,
            timeout=120,
            check=False,
        )

    return run


@pytest.fixture(scope="session")
def guard() -> Guard:
    """The shared guard on the default constitution, loaded once per test session."""
    return Guard.default()
