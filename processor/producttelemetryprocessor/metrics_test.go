package producttelemetryprocessor

import (
	"context"
	"testing"

	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/sdk/metric/metricdata/metricdatatest"

	"github.com/producttelemetry/collector/processor/producttelemetryprocessor/internal/metadatatest"
)

// mixedBatch returns six records: two forwarded, one unknown event, two without consent and
// one without an installation identity.
func mixedBatch(t *testing.T) plog.Logs {
	ld := newEvent(t, workspaceCreated, map[string]any{
		"owner":        "alice",
		"member_names": []any{"production", "staging"},
		"plan":         "gold",
		"seats":        "many",
		"email":        "alice@example.com",
	})
	records := ld.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords()
	records.AppendEmpty().SetEventName("Workspace Deleted")
	records.AppendEmpty().SetEventName(workspaceViewed)

	refusing := ld.ResourceLogs().AppendEmpty()
	refusing.Resource().Attributes().PutStr("service.instance.id", "install-2")
	refusing.Resource().Attributes().PutStr("producttelemetry.consent", "false")
	refusing.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty().SetEventName(workspaceViewed)
	refusing.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty().SetEventName(workspaceViewed)

	anonymous := ld.ResourceLogs().AppendEmpty()
	anonymous.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty().SetEventName(workspaceViewed)
	return ld
}

func TestMetrics(t *testing.T) {
	p := newPipeline(t, nil)
	require.NoError(t, p.processor.ConsumeLogs(context.Background(), mixedBatch(t)))
	require.Equal(t, 2, p.sink.LogRecordCount())

	opt := metricdatatest.IgnoreTimestamp()
	metadatatest.AssertEqualProcessorProducttelemetryRecordsReceived(t, p.telemetry,
		[]metricdata.DataPoint[int64]{{Value: 6}}, opt)
	metadatatest.AssertEqualProcessorProducttelemetryRecordsForwarded(t, p.telemetry,
		[]metricdata.DataPoint[int64]{{Value: 2}}, opt)
	metadatatest.AssertEqualProcessorProducttelemetryRecordsDropped(t, p.telemetry,
		[]metricdata.DataPoint[int64]{
			{Value: 1, Attributes: reason("unknown_event")},
			{Value: 2, Attributes: reason("no_consent")},
			{Value: 1, Attributes: reason("malformed")},
		}, opt)
	metadatatest.AssertEqualProcessorProducttelemetryPropertiesRemoved(t, p.telemetry,
		[]metricdata.DataPoint[int64]{
			{Value: 1, Attributes: reason("unplanned")},
			{Value: 1, Attributes: reason("wrong_type")},
			{Value: 1, Attributes: reason("not_in_enum")},
		}, opt)
	// Three property values and one installation identity.
	metadatatest.AssertEqualProcessorProducttelemetryValuesAnonymized(t, p.telemetry,
		[]metricdata.DataPoint[int64]{{Value: 4}}, opt)
}

func TestMetricsDescribeOutputOnly(t *testing.T) {
	p := newPipeline(t, func(cfg *Config) { cfg.OnViolation = OnViolationDropEvent })
	ld := newEvent(t, workspaceCreated, map[string]any{"owner": "alice", "plan": "gold"})
	_, _, forwarded := p.consume(t, ld)
	require.False(t, forwarded)

	p.assertDropped(t, "violation")
	_, err := p.telemetry.GetMetric("otelcol_processor_producttelemetry_values_anonymized")
	require.Error(t, err, "nothing of a dropped record was anonymized on output")
	_, err = p.telemetry.GetMetric("otelcol_processor_producttelemetry_properties_removed")
	require.Error(t, err, "a dropped record's properties are not counted as removed")
}
