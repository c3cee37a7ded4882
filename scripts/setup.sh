#!/usr/bin/env bash
# Installs the Debian 12 packages kyosei needs, only those missing. Idempotent: when everything
# is present it costs one dpkg query and returns.
set -euo pipefail

packages=(
  # toolchain
  build-essential cmake pkg-config git
  clang-format  # scripts/format_check.sh, the first stage of scripts/test.sh
  # C++ libraries
  libeigen3-dev libboost-graph-dev libhdf5-dev libyaml-cpp-dev librandom123-dev libcli11-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  # parallel
  libopenmpi-dev openmpi-bin
  slurm-wlm munge  # scripts/slurm_stage.sh: the SLURM templates submitted to a local cluster
  # Python bindings and analysis
  python3-dev pybind11-dev python3-pybind11 python3-numpy python3-h5py python3-pandas
  python3-matplotlib python3-scipy python3-statsmodels python3-pytest
  python3-xarray python3-h5netcdf python3-tqdm  # Result.to_xarray, netCDF-readable files, progress bars
  python3-networkx  # Snapshot.graph: the tie edge list as a graph
  python3-setuptools python3-wheel python3-venv python3-pip  # pip install . (setup.py drives CMake)
  jupyter-nbconvert python3-nbclient python3-ipykernel
  # kyosei report: a Japanese font for the figures' terms; a headless browser for its test
  fonts-ipafont-gothic chromium
  # sanitizers and fuzzing
  clang libclang-rt-14-dev libomp-14-dev  # libomp: an OpenMP runtime ThreadSanitizer understands
)

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "install ok installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "kyosei setup: installing ${missing[*]}" >&2
SUDO=""
if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
