# Build, run and test the otelcol-producttelemetry distribution. Needs only Go (and make).

# Go installed from the official tarball is often not on PATH in non-login shells.
export PATH := $(PATH):/usr/local/go/bin

# Builds run inside _build, a subdirectory of this checkout; VCS stamping there only adds failure modes.
export GOFLAGS ?= -buildvcs=false

GO          ?= go
OCB_VERSION := v0.165.0
BIN_DIR     := $(CURDIR)/bin
OCB         := $(BIN_DIR)/builder
OCB_STAMP   := $(BIN_DIR)/.builder-$(OCB_VERSION)
BUILD_DIR   := $(CURDIR)/_build
OTELCOL     := $(BUILD_DIR)/otelcol-producttelemetry
CONFIG      ?= config/config.yaml

# Where `make run` keeps the persistent sending queue; the default config reads the same variable.
export PRODUCT_TELEMETRY_STORAGE_DIR ?= $(CURDIR)/data/queue

# Sources compiled into the binary: rebuilding only when they change keeps warm `make test` runs fast.
# The built-in tracking plan is embedded from semconv/registry, so its YAML counts as source too.
GO_SOURCES := $(shell find semconv processor exporter internal -name '*.go' -not -name '*_test.go' 2>/dev/null) \
	$(wildcard semconv/registry/*.yaml)

# Simulator settings for `make simulate`.
SIM_ENDPOINT ?= http://localhost:4318
SIM_COUNT    ?= 200
SIM_RATE     ?= 50

# Benchmark settings for `make bench`; compare two runs with benchstat.
BENCH_COUNT ?= 6
BENCH_OUT   ?= bench.txt

TEST_TIMEOUT ?= 15m
# Extra go test flags, e.g. GOTESTFLAGS=-race (needs a C toolchain for cgo).
GOTESTFLAGS  ?=

.PHONY: all build run test unit-test e2e-test bench lint generate simulate clean

all: lint test

$(OCB_STAMP):
	GOBIN=$(BIN_DIR) $(GO) install go.opentelemetry.io/collector/cmd/builder@$(OCB_VERSION)
	@touch $@

$(OTELCOL): $(OCB_STAMP) builder-config.yaml go.mod go.sum $(GO_SOURCES)
	$(OCB) --config builder-config.yaml
	@touch $@

## build: install the pinned builder into ./bin and build ./_build/otelcol-producttelemetry
build: $(OTELCOL)

## run: build, then run the collector on the default configuration (dry run unless ANALYTICS_WRITE_KEY is set)
run: build
	mkdir -p $(PRODUCT_TELEMETRY_STORAGE_DIR)
	$(OTELCOL) --config $(CONFIG)

## test: unit tests of every package, then the end-to-end tests against the built binary
test: unit-test e2e-test

# Tests decide the telemetry gate themselves: a DO_NOT_TRACK in the developer's own environment
# would close it in every processor and collector they start, so the test targets run without it.
unit-test:
	env -u DO_NOT_TRACK $(GO) test $(GOTESTFLAGS) -timeout $(TEST_TIMEOUT) $$($(GO) list ./... | grep -v '/e2e$$')

# The end-to-end tests run uncached (-count=1): they exercise the binary and config/config.yaml,
# which go test's result cache does not track.
e2e-test: build
	env -u DO_NOT_TRACK OTELCOL_BINARY=$(OTELCOL) $(GO) test $(GOTESTFLAGS) -count=1 -timeout $(TEST_TIMEOUT) -v ./e2e/...

## bench: run every benchmark BENCH_COUNT times into BENCH_OUT (compare runs with benchstat)
bench:
	env -u DO_NOT_TRACK $(GO) test -run '^$$' -bench . -benchmem -count $(BENCH_COUNT) ./... | tee $(BENCH_OUT)
	@! grep -qE '^(FAIL|panic:)' $(BENCH_OUT) || { echo "benchmarks failed"; exit 1; }

## lint: gofmt must report nothing, go vet must pass
lint:
	@unformatted="$$(gofmt -l $$(find . -name '*.go' -not -path './_build/*'))"; \
	if [ -n "$$unformatted" ]; then echo "gofmt needed on:"; echo "$$unformatted"; exit 1; fi
	$(GO) vet ./...

## generate: regenerate the semconv constants and emitters from the catalog registry
generate:
	$(GO) generate ./semconv/...

## simulate: send a realistic stream of catalog events to a running collector
simulate:
	$(GO) run ./cmd/simulator -endpoint $(SIM_ENDPOINT) -count $(SIM_COUNT) -rate $(SIM_RATE)

## clean: remove the builder, the build output and the local queue data
clean:
	rm -rf $(BIN_DIR) $(BUILD_DIR) $(CURDIR)/data $(BENCH_OUT)
