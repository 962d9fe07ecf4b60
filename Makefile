# Thin wrapper: CMake does the building, ctest the testing. See README.md.
BUILD_DIR ?= build
JOBS ?= 2
# CI builds treat warnings as errors; local builds only show them.
WERROR ?= $(if $(CI),ON,OFF)
SCENARIO ?= scenarios/compare-strategies.json

.PHONY: all deps configure build run test bench format clean

all: build

deps:
	@./scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DSCALESIM_WERROR=$(WERROR) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/scalesim run $(SCENARIO)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	$(BUILD_DIR)/bench/bench_fleet
	$(BUILD_DIR)/bench/bench_arrivals

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf $(BUILD_DIR)
