# Convenience wrapper around CMake for the README's quick start and CI.
# The real build is CMakeLists.txt; everything here calls cmake or ctest.
BUILD ?= build
BUILD_ASAN ?= build-asan
BUILD_FUZZ ?= build-fuzz
BUILD_VALGRIND ?= build-valgrind
BUILD_DEB ?= build-deb
# seconds per fuzz target (tests/fuzz/run)
FUZZ_SECONDS ?= 60
JOBS ?= 2

.PHONY: all deps build demo test test-sanitize fuzz test-valgrind bench bench-scale install deb clean

all: build

deps:
	./tools/install-deps

build: deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo
	cmake --build $(BUILD) -j$(JOBS)

# The main job: check the bundled Umeå model and print the findings
# (exit 1 means "there are findings", which is what the demo shows).
demo: build
	$(BUILD)/src/samverkan check models/umea-2024.yaml || [ $$? -eq 1 ]

test: build
	ctest --test-dir $(BUILD) --output-on-failure -j$(JOBS)

# The same suite built with AddressSanitizer and UndefinedBehaviorSanitizer,
# but the tests labelled slow: they re-run documented figures (the capacity
# plans of docs/simulation.md, minutes of simulation in a release build)
# through code that the unit and golden tests already run under the
# sanitizers; `make test` runs them.
test-sanitize: deps
	cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DSAMVERKAN_SANITIZE=ON
	cmake --build $(BUILD_ASAN) -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(BUILD_ASAN) --output-on-failure -j$(JOBS) -LE slow

# The libFuzzer targets of tests/fuzz, built with clang into $(BUILD_FUZZ),
# FUZZ_SECONDS each; fails on a crash, hang or leak (docs/hardening.md).
fuzz:
	./tools/install-hardening-deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) FUZZ_BUILD=$(BUILD_FUZZ) JOBS=$(JOBS) ./tests/fuzz/run

# The golden CLI tests under valgrind's memcheck (ctest label valgrind).
test-valgrind: deps
	./tools/install-hardening-deps
	cmake -S . -B $(BUILD_VALGRIND) -DCMAKE_BUILD_TYPE=Debug -DSAMVERKAN_VALGRIND=ON
	cmake --build $(BUILD_VALGRIND) -j$(JOBS) --target samverkan
	ctest --test-dir $(BUILD_VALGRIND) -L valgrind --output-on-failure -j$(JOBS)

bench: build
	./bench/run $(BUILD)

# How each stage grows from 1,000 to 1,000,000 elements, against libyaml
# alone and a PyYAML + networkx script (bench/scale; about 15 minutes, 8 GiB).
bench-scale: build
	./bench/scale --build $(BUILD)

install: build
	cmake --install $(BUILD)

# The Debian package, $(BUILD)/samverkan_<version>_<arch>.deb, built in
# $(BUILD_DEB) with the prefix /usr (cmake/package.cmake); install it with
# apt-get install ./$(BUILD)/samverkan_*.deb
deb: deps
	cmake -S . -B $(BUILD_DEB) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr -DSAMVERKAN_TESTS=OFF
	cmake --build $(BUILD_DEB) -j$(JOBS)
	mkdir -p $(BUILD)
	cd $(BUILD_DEB) && cpack -G DEB -B $(abspath $(BUILD))

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ) $(BUILD_VALGRIND) $(BUILD_DEB)
