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

// FuzzProcessLogs feeds arbitrary OTLP log batches to the record transformation. It must never
// panic, and whatever comes out must hold only planned keys and hashed anonymized values.
// Run it with `go test -fuzz FuzzProcessLogs -fuzztime 1m`.
func FuzzProcessLogs(f *testing.F) {
	gen := newGenerator(1, semconv.Builtin())
	marshaler := &plog.ProtoMarshaler{}
	for range 8 {
		seed, err := marshaler.MarshalLogs(gen.logs())
		require.NoError(f, err)
		f.Add(seed, false)
	}
	edge := newEvent(f, "Status", map[string]any{
		"environment_names": make([]any, 1000), "project": map[string]any{"a": []any{"b"}},
		"num_slots": 1e300, "": "", "local_mode": "\xff",
	})
	seed, err := marshaler.MarshalLogs(edge)
	require.NoError(f, err)
	f.Add(seed, true)

	strict := newFuzzProcessor(f, OnViolationDropEvent)
	lenient := newFuzzProcessor(f, OnViolationRemoveProperty)
	unmarshaler := &plog.ProtoUnmarshaler{}
	f.Fuzz(func(t *testing.T, data []byte, dropOnViolation bool) {
		ld, err := unmarshaler.UnmarshalLogs(data)
		if err != nil {
			return
		}
		p := lenient
		if dropOnViolation {
			p = strict
		}
		out, err := p.processLogs(context.Background(), ld)
		if errors.Is(err, processorhelper.ErrSkipProcessingData) {
			return
		}
		require.NoError(t, err)
		assertPlanned(t, semconv.Builtin(), out)
	})
}

func newFuzzProcessor(f *testing.F, onViolation string) *telemetryProcessor {
	cfg := createDefaultConfig().(*Config)
	cfg.OnViolation = onViolation
	p, err := newProcessor(processortest.NewNopSettings(metadata.Type), cfg, func(string) string { return "" })
	require.NoError(f, err)
	f.Cleanup(func() { require.NoError(f, p.shutdown(context.Background())) })
	return p
}
