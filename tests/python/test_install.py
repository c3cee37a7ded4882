"""pip install . as the README gives it (setup.py), offline: into a fresh virtual environment
(--system-site-packages) and into Debian's system Python with --user; then `import kyosei` from
outside the tree and the `kyosei` command from where pip put it.

The CMake build is the one that made the module under test ($KYOSEI_BUILD_DIR, else the build
directory above kyosei._core), so the install only reconfigures and copies instead of
rebuilding everything. The --user install goes to a throwaway user base (PYTHONUSERBASE), never
to the real ~/.local."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

import kyosei

from conftest import ROOT

SYSTEM_PYTHON = "/usr/bin/python3"


def build_dir() -> Path | None:
    if os.environ.get("KYOSEI_BUILD_DIR"):
        return Path(os.environ["KYOSEI_BUILD_DIR"])
    candidate = Path(kyosei._core.__file__).resolve().parents[2]
    return candidate if (candidate / "CMakeCache.txt").is_file() else None


def offline_env() -> dict[str, str]:
    """The environment of an install: the build to reuse, no package index, nothing of the test
    run's own module on the path."""
    build = build_dir()
    if build is None:
        pytest.skip("no CMake build directory to reuse (set KYOSEI_BUILD_DIR)")
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "KYOSEI_CLI", "PYTHONUSERBASE")}
    env.update(KYOSEI_BUILD_DIR=str(build), PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    return env


def install_and_check(pip: list[str], python: str, prefix: Path, bin_dir: Path, env: dict[str, str],
                      elsewhere: Path, options: tuple[str, ...] = ()) -> None:
    """Runs pip install [options] . offline, then checks from another directory that `python` imports the
    installed package (under ``prefix``) and that `kyosei --version` runs from ``bin_dir``."""
    done = subprocess.run([*pip, "install", *options, "--no-index", str(ROOT)], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]

    elsewhere.mkdir()
    check = ("import kyosei, pathlib; p = pathlib.Path(kyosei.__file__).resolve(); "
             "print(p, kyosei.__version__, kyosei.command.cli_path())")
    done = subprocess.run([python, "-c", check], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    where, version, cli = done.stdout.split()
    assert where.startswith(str(prefix.resolve())), f"imported {where}, not the installed copy under {prefix}"
    assert version == kyosei.__version__ and cli.startswith(str(prefix)), cli

    env = {**env, "PATH": f"{bin_dir}{os.pathsep}{env.get('PATH', '')}"}
    done = subprocess.run(["kyosei", "--version"], cwd=elsewhere, env=env, capture_output=True, text=True)
    assert done.returncode == 0 and kyosei.__version__ in done.stdout + done.stderr, done.stderr


def test_pip_install_into_a_fresh_venv(tmp_path):
    env = offline_env()
    venv = tmp_path / "venv"
    subprocess.run([SYSTEM_PYTHON, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    install_and_check([str(venv / "bin" / "pip")], str(venv / "bin" / "python"), venv, venv / "bin", env,
                      tmp_path / "elsewhere")


def test_pip_install_user_into_debians_python(tmp_path):
    """The README's system route: /usr/bin/python3 -m pip install --user . (with
    --break-system-packages where Debian marks its Python externally managed, PEP 668)."""
    env = offline_env()
    if subprocess.run([SYSTEM_PYTHON, "-m", "pip", "--version"], capture_output=True).returncode != 0:
        pytest.skip(f"{SYSTEM_PYTHON} has no pip (Debian: apt-get install python3-pip): the --user install "
                    "cannot be checked here")
    user_base = tmp_path / "user"
    env["PYTHONUSERBASE"] = str(user_base)
    enabled = subprocess.run([SYSTEM_PYTHON, "-c", "import site; print(site.ENABLE_USER_SITE)"], env=env,
                             capture_output=True, text=True).stdout.strip()
    if enabled != "True":
        pytest.skip(f"{SYSTEM_PYTHON} does not read a user site-packages here (site.ENABLE_USER_SITE is "
                    f"{enabled}): a --user install would not be imported")
    stdlib = subprocess.run([SYSTEM_PYTHON, "-c", "import sysconfig; print(sysconfig.get_path('stdlib'))"],
                            capture_output=True, text=True, check=True).stdout.strip()
    options = ("--user",) + (("--break-system-packages",) if (Path(stdlib) / "EXTERNALLY-MANAGED").is_file() else ())
    install_and_check([SYSTEM_PYTHON, "-m", "pip"], SYSTEM_PYTHON, user_base, user_base / "bin", env,
                      tmp_path / "elsewhere", options)
