#!/bin/sh
# Installs the Debian packages scalesim builds and tests with, only those missing.
# Idempotent: a second run installs nothing and does not touch the network.
#
# usage: install-deps.sh [fuzz]   (fuzz: also clang, libFuzzer and llvm-symbolizer for make fuzz)
set -eu

PACKAGES="cmake g++ make libboost-graph-dev libeigen3-dev libcli11-dev nlohmann-json3-dev zlib1g-dev catch2 python3 python3-jsonschema"
# The HTML report's test renders it in headless Chromium; the notebooks' test runs them
# with nbclient on an IPython kernel, with pandas and matplotlib.
PACKAGES="$PACKAGES chromium python3-nbclient python3-nbformat python3-ipykernel python3-pandas python3-matplotlib"
# mpirun -n N scalesim run: Open MPI (make's MPI=ON, the default).
PACKAGES="$PACKAGES libopenmpi-dev openmpi-bin"
for extra in "$@"; do
  case $extra in
    fuzz) PACKAGES="$PACKAGES clang-14 libclang-rt-14-dev llvm-14" ;;
    *) echo "install-deps: unknown package set \"$extra\" (expected: fuzz)" >&2; exit 2 ;;
  esac
done

missing=""
for pkg in $PACKAGES; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing="$missing $pkg"
  fi
done

[ -z "$missing" ] && exit 0

echo "install-deps: installing$missing" >&2
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >&2
