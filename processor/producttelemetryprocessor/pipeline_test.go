package producttelemetryprocessor

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processortest"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/sdk/metric/metricdata/metricdatatest"

	"github.com/producttelemetry/collector/processor/producttelemetryprocessor/internal/metadata"
	"github.com/producttelemetry/collector/processor/producttelemetryprocessor/internal/metadatatest"
)

// testPlan is the small tracking plan in testdata/plan.yaml.
const testPlan = "testdata/plan.yaml"

// Events of the test plan.
const (
	workspaceCreated = "Workspace Created"
	workspaceViewed  = "view:workspace:loaded"
)

// testHMACKey is 32 bytes, the shortest key hmac-sha256 accepts.
const testHMACKey = "0123456789abcdef0123456789abcdef"

// pipeline is a processor created by the factory, the sink behind it and its telemetry.
type pipeline struct {
	processor processor.Logs
	sink      *consumertest.LogsSink
	telemetry *componenttest.Telemetry
}

// newPipeline starts a processor on the test plan; mutate adjusts the default configuration.
func newPipeline(t *testing.T, mutate func(*Config)) *pipeline {
	t.Helper()
	cfg := createDefaultConfig().(*Config)
	cfg.PlanFile = testPlan
	if mutate != nil {
		mutate(cfg)
	}
	require.NoError(t, cfg.Validate())

	tel := componenttest.NewTelemetry()
	set := processortest.NewNopSettings(metadata.Type)
	set.TelemetrySettings = tel.NewTelemetrySettings()
	sink := &consumertest.LogsSink{}
	p, err := NewFactory().CreateLogs(context.Background(), set, cfg, sink)
	require.NoError(t, err)
	require.NoError(t, p.Start(context.Background(), componenttest.NewNopHost()))
	t.Cleanup(func() {
		require.NoError(t, p.Shutdown(context.Background()))
		require.NoError(t, tel.Shutdown(context.Background()))
	})
	return &pipeline{processor: p, sink: sink, telemetry: tel}
}

// consume sends ld and returns the single record that came out, or false when none did. When
// none did, the next consumer must not have been called at all, not even with an empty batch.
func (p *pipeline) consume(t *testing.T, ld plog.Logs) (plog.ResourceLogs, plog.LogRecord, bool) {
	t.Helper()
	p.sink.Reset()
	require.NoError(t, p.processor.ConsumeLogs(context.Background(), ld))
	if p.sink.LogRecordCount() == 0 {
		require.Empty(t, p.sink.AllLogs(), "the next consumer was called with an empty batch")
		return plog.ResourceLogs{}, plog.LogRecord{}, false
	}
	require.Equal(t, 1, p.sink.LogRecordCount())
	rl := p.sink.AllLogs()[0].ResourceLogs().At(0)
	return rl, rl.ScopeLogs().At(0).LogRecords().At(0), true
}

// newEvent returns logs with one resource (identity "install-1", service "rasa-x") carrying
// one record of the named event with the given attributes.
func newEvent(t testing.TB, name string, attrs map[string]any) plog.Logs {
	t.Helper()
	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.instance.id", "install-1")
	rl.Resource().Attributes().PutStr("service.name", "rasa-x")
	lr := rl.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
	lr.SetEventName(name)
	require.NoError(t, lr.Attributes().FromRaw(attrs))
	return ld
}

// resourceOf returns the first resource's attributes, for tests that change them.
func resourceOf(ld plog.Logs) pcommon.Map {
	return ld.ResourceLogs().At(0).Resource().Attributes()
}

// recordOf returns the first record of ld.
func recordOf(ld plog.Logs) plog.LogRecord {
	return ld.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().At(0)
}

// assertDropped checks that exactly one record was dropped, for the given reason.
func (p *pipeline) assertDropped(t *testing.T, reason string) {
	t.Helper()
	metadatatest.AssertEqualProcessorProducttelemetryRecordsDropped(t, p.telemetry,
		[]metricdata.DataPoint[int64]{{Value: 1, Attributes: attribute.NewSet(attribute.String("reason", reason))}},
		metricdatatest.IgnoreTimestamp())
}
