package producttelemetryprocessor

import (
	"context"
	"errors"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor/processorhelper"
	"go.opentelemetry.io/collector/processor/processortest"

	"github.com/producttelemetry/collector/processor/producttelemetryprocessor/internal/metadata"
	"github.com/producttelemetry/collector/semconv"
)

// Bits of the fuzz target's mode argument, each switching one option from its default.
const (
	fuzzDropEvent uint8 = 1 << iota
	fuzzPassUnknown
	fuzzHMAC
	numFuzzModes = 1 << iota
)

// FuzzProcessLogs feeds arbitrary OTLP log batches to the record transformation under every
// combination of on_violation, unknown_events and algorithm. It must never panic, and whatever
// comes out must hold only planned keys and hashed anonymized values (unknown events, when
// passed, only the latter).
// Run it with `go test -run '^$' -fuzz FuzzProcessLogs -fuzztime 1000000x`; see the README for
// why a count rather than a duration.
func FuzzProcessLogs(f *testing.F) {
	gen := newGenerator(1, semconv.Builtin())
	marshaler := &plog.ProtoMarshaler{}
	for mode := range uint8(numFuzzModes) {
		seed, err := marshaler.MarshalLogs(gen.logs())
		require.NoError(f, err)
		f.Add(seed, mode)
	}
	edge := newEvent(f, "Status", map[string]any{
		"environment_names": make([]any, 1000), "project": map[string]any{"a": []any{"b"}},
		"num_slots": 1e300, "": "", "local_mode": "\xff",
	})
	seed, err := marshaler.MarshalLogs(edge)
	require.NoError(f, err)
	f.Add(seed, fuzzDropEvent)

	var processors [numFuzzModes]*telemetryProcessor
	for mode := range processors {
		processors[mode] = newFuzzProcessor(f, uint8(mode))
	}
	unmarshaler := &plog.ProtoUnmarshaler{}
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		ld, err := unmarshaler.UnmarshalLogs(data)
		if err != nil {
			return
		}
		p := processors[mode%numFuzzModes]
		out, err := p.processLogs(context.Background(), ld)
		if errors.Is(err, processorhelper.ErrSkipProcessingData) {
			return
		}
		require.NoError(t, err)
		if p.passUnknown {
			assertAnonymized(t, semconv.Builtin(), out)
			return
		}
		assertPlanned(t, semconv.Builtin(), out)
	})
}

func newFuzzProcessor(f *testing.F, mode uint8) *telemetryProcessor {
	cfg := createDefaultConfig().(*Config)
	if mode&fuzzDropEvent != 0 {
		cfg.OnViolation = OnViolationDropEvent
	}
	if mode&fuzzPassUnknown != 0 {
		cfg.UnknownEvents = UnknownEventsPass
	}
	if mode&fuzzHMAC != 0 {
		cfg.Anonymization = AnonymizationConfig{Algorithm: AlgorithmHMACSHA256, Key: testHMACKey}
	}
	p, err := newProcessor(processortest.NewNopSettings(metadata.Type), cfg, func(string) string { return "" })
	require.NoError(f, err)
	f.Cleanup(func() { require.NoError(f, p.shutdown(context.Background())) })
	return p
}
