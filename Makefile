# Thin wrapper: CMake does the building, ctest the testing. See README.md.
BUILD_DIR ?= build
JOBS ?= 2
# CI builds treat warnings as errors; local builds only show them.
WERROR ?= $(if $(CI),ON,OFF)
SCENARIO ?= scenarios/compare-strategies.json
# scalesim built with Open MPI (mpirun -n N scalesim run ...); MPI=OFF builds without it.
MPI ?= ON
# make check-sanitize and make fuzz build in their own directories, with -O1 -g and asserts on.
SANITIZE_DIR ?= build-sanitize
FUZZ_DIR ?= build-fuzz
FUZZ_SECONDS ?= 60
# With FUZZ_RUNS, each harness runs that many inputs from a fixed seed and an empty
# corpus instead: the same inputs on every machine, so CI fails only on a bug that
# the same command finds anywhere.
FUZZ_RUNS ?=
DEBUG_FLAGS = -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG="-O1 -g"
HARNESSES = scenario price_book trace fit access_log metric_history price_offer bill

.PHONY: all deps configure build run test bench check-sanitize fuzz format clean

all: build

deps:
	@./scripts/install-deps.sh

configure: deps
	@cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=Release -DSCALESIM_WERROR=$(WERROR) \
	  -DSCALESIM_MPI=$(MPI) >/dev/null

build: configure
	@cmake --build $(BUILD_DIR) -j $(JOBS)

run: build
	$(BUILD_DIR)/scalesim run $(SCENARIO)

test: build
	cd $(BUILD_DIR) && ctest --output-on-failure -j $(JOBS)

bench: build
	$(BUILD_DIR)/bench/bench_fleet
	$(BUILD_DIR)/bench/bench_arrivals

# Every test, built with AddressSanitizer and UBSan; any report fails the test.
check-sanitize: deps
	@cmake -S . -B $(SANITIZE_DIR) $(DEBUG_FLAGS) -DSCALESIM_SANITIZE=ON >/dev/null
	@cmake --build $(SANITIZE_DIR) -j $(JOBS)
	cd $(SANITIZE_DIR) && ctest --output-on-failure -j $(JOBS)

# Each libFuzzer harness in fuzz/ for FUZZ_SECONDS (clang, with ASan and UBSan).
fuzz:
	@./scripts/install-deps.sh fuzz
	@cmake -S . -B $(FUZZ_DIR) $(DEBUG_FLAGS) -DCMAKE_CXX_COMPILER=clang++-14 -DSCALESIM_FUZZ=ON \
	  >/dev/null
	@cmake --build $(FUZZ_DIR) -j $(JOBS) --target $(HARNESSES:%=%_fuzzer)
	@FUZZ_RUNS=$(FUZZ_RUNS) fuzz/run.sh $(FUZZ_DIR) $(FUZZ_SECONDS) $(HARNESSES)

format:
	clang-format -i $$(git ls-files '*.h' '*.cc')

clean:
	rm -rf $(BUILD_DIR) $(SANITIZE_DIR) $(FUZZ_DIR)
