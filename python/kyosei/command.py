"""The ``kyosei`` command-line tool, driven from Python for the studies that run as plans of many
runs (sweeps, regions, sensitivity, factorial designs, model validation): the same executable, the
same files, the same numbers as typed in a shell. The files it writes are read back into pandas by
:mod:`kyosei.studies`.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from pathlib import Path
from typing import Any, Callable, Mapping, Sequence

from ._core import UsageError
from .scenario import _assignments

__all__ = ["cli_path", "run_cli", "set_arguments", "options", "main"]


def cli_path() -> Path:
    """The ``kyosei`` executable: $KYOSEI_CLI; else the one installed in this package
    (``pip install .`` puts it in kyosei/bin); else the one built beside this package (build/kyosei
    for build/python/kyosei); else the first on PATH."""
    if os.environ.get("KYOSEI_CLI"):
        return Path(os.environ["KYOSEI_CLI"])
    here = Path(__file__).resolve().parent
    for candidate in (here / "bin" / "kyosei", here.parents[1] / "kyosei"):
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("kyosei")
    if found:
        return Path(found)
    raise UsageError("cannot find the kyosei command-line tool: build it (cmake --build build), "
                     "pip install the package, or set KYOSEI_CLI")


def set_arguments(overrides: Mapping[str, Any] | None) -> list[str]:
    """``{"key.path": value}`` (nested dicts allowed) as ``--set key.path=value`` arguments."""
    return [arg for assignment in _assignments(overrides or {}) for arg in ("--set", assignment)]


def run_cli(arguments: Sequence[str], *, watch: Callable[[], Any] | None = None,
            every: float = 0.5) -> subprocess.CompletedProcess:
    """Runs ``kyosei ARGUMENTS``, capturing its output; ``watch()`` is called every ``every``
    seconds while it runs (to advance a progress bar from the files it writes) and once at the
    end. A non-zero exit raises UsageError with the command's own message (``file:line:col: key:
    problem`` for a bad file)."""
    command = [str(cli_path()), *map(str, arguments)]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Read both pipes in threads so that a chatty command never blocks on a full pipe.
    captured: dict[str, str] = {}

    def drain(name: str, stream) -> None:
        captured[name] = stream.read()

    readers = [threading.Thread(target=drain, args=(n, s), daemon=True)
               for n, s in (("stdout", process.stdout), ("stderr", process.stderr))]
    for reader in readers:
        reader.start()
    try:
        while True:
            try:
                process.wait(timeout=every)
                break
            except subprocess.TimeoutExpired:
                if watch is not None:
                    watch()
    except BaseException:
        process.terminate()  # Ctrl-C in a notebook stops the study; it resumes from its directory
        process.wait()
        raise
    for reader in readers:
        reader.join()
    if watch is not None:
        watch()
    done = subprocess.CompletedProcess(command, process.returncode, captured.get("stdout", ""),
                                       captured.get("stderr", ""))
    if done.returncode != 0:
        raise UsageError(f"kyosei {arguments[0]} exited with {done.returncode}: {done.stderr.strip()}")
    return done


def options(**values: Any) -> list[str]:
    """``--name value`` for each keyword that is not None or False (True: a bare ``--name``;
    underscores become dashes)."""
    out: list[str] = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        flag = "--" + name.replace("_", "-")
        out += [flag] if value is True else [flag, str(value)]
    return out


def main() -> None:
    """The ``kyosei`` console script of an installed package: runs the CLI binary shipped in
    kyosei/bin with the same arguments (``pip install .`` puts this script on PATH)."""
    import sys

    binary = Path(__file__).resolve().parent / "bin" / "kyosei"
    if not (binary.is_file() and os.access(binary, os.X_OK)):
        sys.exit(f"kyosei: the command-line tool is not installed at {binary}; reinstall with pip install .")
    os.execv(binary, [str(binary), *sys.argv[1:]])
