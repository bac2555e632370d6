# Convenience wrapper around CMake for the README's quick start and CI.
# The real build is CMakeLists.txt; everything here calls cmake or ctest.
BUILD ?= build
BUILD_ASAN ?= build-asan
JOBS ?= 2

.PHONY: all deps build demo test test-sanitize bench install clean

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

# The same suite built with AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: deps
	cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DSAMVERKAN_SANITIZE=ON
	cmake --build $(BUILD_ASAN) -j$(JOBS)
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  ctest --test-dir $(BUILD_ASAN) --output-on-failure -j$(JOBS)

bench: build
	./bench/run $(BUILD)

install: build
	cmake --install $(BUILD)

clean:
	rm -rf $(BUILD) $(BUILD_ASAN)
