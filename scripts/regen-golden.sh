#!/bin/sh
# Rewrites tests/golden/*.json, the pinned headline figures of every shipped scenario,
# from a fresh build. Run it only when a change is meant to move the figures; review the
# diff (git diff tests/golden) and commit it with the change that explains it.
#   scripts/regen-golden.sh [BUILD_DIR]     (default: build)
set -eu
cd "$(dirname "$0")/.."
BUILD_DIR=${1:-build}
cmake --build "$BUILD_DIR" --target scalesim -j 2 >/dev/null
/usr/bin/python3 tests/golden/golden.py write "$BUILD_DIR/scalesim" scenarios/*.json --into tests/golden
git diff --stat -- tests/golden 2>/dev/null || true
