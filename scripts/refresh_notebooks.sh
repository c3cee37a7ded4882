#!/usr/bin/env bash
# Executes every notebook in notebooks/ in place, so that the stored files carry their outputs
# (figures included) for a reader on a repository page; tests/python/test_notebooks.py checks
# that they do, and executes them again. Run it after changing a notebook or what it shows, and
# commit the result. Needs the Python module built (scripts/build.sh kyosei kyosei_python).
#
#   scripts/refresh_notebooks.sh [notebooks/07_report.ipynb ...]   # default: all of them
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${KYOSEI_BUILD_DIR:-$root/build}"
export PYTHONPATH="$build/python${PYTHONPATH:+:$PYTHONPATH}"
export KYOSEI_ROOT="$root" KYOSEI_CLI="${KYOSEI_CLI:-$build/kyosei}"
export MPLBACKEND="module://matplotlib_inline.backend_inline" PYDEVD_DISABLE_FILE_VALIDATION=1
if (($# == 0)); then set -- "$root"/notebooks/*.ipynb; fi
for notebook in "$@"; do
  echo "executing $notebook" >&2
  # Each notebook runs in a scratch folder (they write nothing into the repository).
  scratch=$(mktemp -d)
  /usr/bin/python3 - "$notebook" "$scratch" "$root" <<'PY'
import sys

import nbformat
from nbclient import NotebookClient

path, scratch, root = sys.argv[1], sys.argv[2], sys.argv[3]
nb = nbformat.read(path, as_version=4)
NotebookClient(nb, kernel_name="python3", timeout=900, resources={"metadata": {"path": scratch}}).execute()
for cell in nb.cells:  # outputs only: no kernel timing noise, no path of this machine
    cell.metadata.pop("execution", None)
    for out in cell.get("outputs", []):
        if "text" in out:
            out["text"] = out["text"].replace(root + "/", "")
        if "text/plain" in out.get("data", {}):
            out["data"]["text/plain"] = out["data"]["text/plain"].replace(root + "/", "")
nbformat.write(nb, path)
PY
  rm -rf "$scratch"
done
