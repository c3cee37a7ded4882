"""pip install . into a fresh virtual environment (--system-site-packages, offline), then `import
kyosei` from outside the tree and the `kyosei` command on the environment's PATH (setup.py).

The CMake build is the one that made the module under test ($KYOSEI_BUILD_DIR, else the build
directory above kyosei._core), so the install only reconfigures and copies instead of
rebuilding everything."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import kyosei

from conftest import ROOT


def build_dir() -> Path | None:
    if os.environ.get("KYOSEI_BUILD_DIR"):
        return Path(os.environ["KYOSEI_BUILD_DIR"])
    candidate = Path(kyosei._core.__file__).resolve().parents[2]
    return candidate if (candidate / "CMakeCache.txt").is_file() else None


def test_pip_install_into_a_fresh_venv(tmp_path):
    build = build_dir()
    if build is None:
        pytest.skip("no CMake build directory to reuse (set KYOSEI_BUILD_DIR)")
    venv = tmp_path / "venv"
    subprocess.run(["/usr/bin/python3", "-m", "venv", "--system-site-packages", str(venv)], check=True)
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KYOSEI_CLI")}
    env.update(KYOSEI_BUILD_DIR=str(build), PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    done = subprocess.run([str(venv / "bin" / "pip"), "install", "--no-index", str(ROOT)],
                          env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    check = ("import kyosei, pathlib, sys; p = pathlib.Path(kyosei.__file__).resolve(); "
             "assert str(p).startswith(sys.prefix), p; print(kyosei.__version__, kyosei.command.cli_path())")
    done = subprocess.run([str(venv / "bin" / "python"), "-c", check], cwd=elsewhere, env=env,
                          capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    version, cli = done.stdout.split()
    assert version == kyosei.__version__ and cli.startswith(str(venv))

    env["PATH"] = f"{venv / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    done = subprocess.run(["kyosei", "--version"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert done.returncode == 0 and kyosei.__version__ in done.stdout + done.stderr, done.stderr
