#!/usr/bin/env bash
# The main job: builds kyosei, then compares the silo and integrated scenarios of the default
# municipality on one seed. Prints the summary table; writes one HDF5 file per scenario into a new
# results/compare-<UTC time>/ directory, so earlier results are never overwritten.
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
build="${KYOSEI_BUILD_DIR:-$root/build}"
"$root/scripts/build.sh" kyosei
out="$root/results/compare-$(date -u +%Y%m%dT%H%M%SZ)"
cd "$root"
"$build/kyosei" compare scenarios/silo.yaml scenarios/integrated.yaml -o "$out" "$@"
