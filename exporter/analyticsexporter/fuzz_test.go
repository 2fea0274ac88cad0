package analyticsexporter

import (
	"context"
	"encoding/json"
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/exporter/exportertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"

	"github.com/producttelemetry/collector/exporter/analyticsexporter/internal/metadata"
	"github.com/producttelemetry/collector/semconv"
)

// capturingSender keeps a copy of every body it is given.
type capturingSender struct {
	bodies [][]byte
}

func (c *capturingSender) send(_ context.Context, body []byte) (string, error) {
	c.bodies = append(c.bodies, append([]byte(nil), body...))
	return "2xx", nil
}

func (c *capturingSender) shutdown() error { return nil }

// fuzzLogs builds records whose names, identity, keys and values come from the fuzzer, with
// every attribute value type, so that any byte sequence reaches the JSON encoder.
func fuzzLogs(anonymousID, name, key, value string, number int64, bits uint64, records int) plog.Logs {
	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr(semconv.AttrAnonymousID, anonymousID)
	rl.Resource().Attributes().PutStr("service.name", value)
	lrs := rl.ScopeLogs().AppendEmpty().LogRecords()
	for i := range records {
		lr := lrs.AppendEmpty()
		lr.SetEventName(name)
		lr.SetTimestamp(pcommon.Timestamp(bits >> (i % 64)))
		m := lr.Attributes()
		m.PutStr(key, value)
		m.PutInt("int", number+int64(i))
		m.PutDouble("float", math.Float64frombits(bits))
		m.PutEmptyBytes("bytes").FromRaw([]byte(value))
		m.PutEmpty("empty")
		list := m.PutEmptySlice("list")
		list.AppendEmpty().SetStr(value)
		list.AppendEmpty().SetDouble(math.Float64frombits(bits ^ uint64(i)))
		nested := m.PutEmptyMap("nested")
		nested.PutStr(value, key)
		nested.PutEmptyMap(key).PutBool("b", i%2 == 0)
		m.PutStr(semconv.AttrLogRecordUID, key)
		m.PutStr(semconv.AttrChannel, value)
	}
	return ld
}

// FuzzEncodeBatches checks that whatever the records hold, every request body is valid JSON
// within the byte and count limits, and every record is either sent once or counted as dropped.
func FuzzEncodeBatches(f *testing.F) {
	f.Add("anon", "Model Trained", "project", "5f2b", int64(7), math.Float64bits(2.5), uint16(3), uint16(900))
	f.Add("a\xff", "\u2028\x00", "k\"\\", "\xed\xa0\x80\x7f\x1f", int64(math.MinInt64),
		math.Float64bits(math.NaN()), uint16(40), uint16(400))
	f.Add("", "e", "k", "v", int64(0), math.Float64bits(math.Inf(-1)), uint16(1), uint16(0))
	f.Add("x", "y", "log.record.uid", "𝄞", int64(math.MaxInt64), math.Float64bits(1e-7), uint16(64), uint16(65535))

	f.Fuzz(func(t *testing.T, anonymousID, name, key, value string, number int64, bits uint64, records, maxBytes uint16) {
		cfg := createDefaultConfig().(*Config)
		cfg.MaxBatchBytes = int(maxBytes)%segmentMaxBatchBytes + 2*batchEnvelopeBytes
		cfg.MaxEventBytes = min(cfg.MaxBatchBytes-batchEnvelopeBytes, segmentMaxEventBytes)
		cfg.MaxBatchEvents = int(records)%7 + 1
		require.NoError(t, cfg.Validate())
		telemetry := componenttest.NewTelemetry()
		defer func() { require.NoError(t, telemetry.Shutdown(context.Background())) }()
		set := exportertest.NewNopSettings(metadata.Type)
		set.TelemetrySettings = telemetry.NewTelemetrySettings()
		exp, err := newAnalyticsExporter(cfg, set, noEnvironment)
		require.NoError(t, err)
		sender := &capturingSender{}
		exp.sender = sender

		n := int(records) % 50
		require.NoError(t, exp.pushLogs(context.Background(), fuzzLogs(anonymousID, name, key, value, number, bits, n)))

		sent := 0
		for _, body := range sender.bodies {
			require.True(t, json.Valid(body), "body is valid JSON: %q", body)
			assert.LessOrEqual(t, len(body), cfg.MaxBatchBytes)
			var batch struct {
				Batch []json.RawMessage `json:"batch"`
			}
			require.NoError(t, json.Unmarshal(body, &batch))
			assert.NotEmpty(t, batch.Batch, "no empty batch is sent")
			assert.LessOrEqual(t, len(batch.Batch), cfg.MaxBatchEvents)
			for _, item := range batch.Batch {
				assert.LessOrEqual(t, len(item), cfg.MaxEventBytes)
				assertItemDecodesLikeStdlib(t, item, name, key, value)
			}
			sent += len(batch.Batch)
		}
		if anonymousID == "" || name == "" {
			assert.Zero(t, sent)
		}
		assert.Equal(t, n, sent+int(droppedEvents(t, telemetry)), "every record is sent or counted as dropped")
	})
}

// droppedEvents sums the dropped-events counter over every reason.
func droppedEvents(t *testing.T, telemetry *componenttest.Telemetry) int64 {
	t.Helper()
	m, err := telemetry.GetMetric("otelcol_exporter_analytics_events_dropped")
	if err != nil {
		return 0
	}
	sum, ok := m.Data.(metricdata.Sum[int64])
	require.True(t, ok)
	var total int64
	for _, dp := range sum.DataPoints {
		total += dp.Value
	}
	return total
}

// assertItemDecodesLikeStdlib checks that the strings of an item decode to what encoding/json
// would have produced for the same Go strings.
func assertItemDecodesLikeStdlib(t *testing.T, raw []byte, name, key, value string) {
	t.Helper()
	var item struct {
		Event      string         `json:"event"`
		MessageID  string         `json:"messageId"`
		Properties map[string]any `json:"properties"`
	}
	require.NoError(t, json.Unmarshal(raw, &item))
	assert.Equal(t, viaStdlib(t, name), item.Event)
	assert.LessOrEqual(t, len(item.MessageID), maxPassThroughIDLen)
	if isProperty(key) && !isFixedFuzzKey(key) {
		assert.Equal(t, viaStdlib(t, value), item.Properties[viaStdlib(t, key)])
	}
}

func isFixedFuzzKey(key string) bool {
	switch key {
	case "int", "float", "bytes", "empty", "list", "nested":
		return true
	}
	return false
}

// viaStdlib is s after an encoding/json round trip.
func viaStdlib(t *testing.T, s string) string {
	t.Helper()
	encoded, err := json.Marshal(s)
	require.NoError(t, err)
	var decoded string
	require.NoError(t, json.Unmarshal(encoded, &decoded))
	return decoded
}
