package analyticsexporter

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/config/configcompression"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/otel/attribute"

	"github.com/producttelemetry/collector/semconv"
)

// bodySizes sends the events with the given config changes and returns each request's body size
// and event count.
func bodySizes(t *testing.T, events []testEvent, adjust func(*Config)) (sizes, counts []int, exp *testExporter) {
	t.Helper()
	server := newSegmentServer(t, nil)
	cfg := newTestConfig(server.server.URL)
	adjust(cfg)
	require.NoError(t, cfg.Validate())
	exp = startExporter(t, cfg)
	require.NoError(t, exp.ConsumeLogs(context.Background(), newTestLogs("anon", events...)))
	for _, req := range server.received() {
		assert.Equal(t, string(cfg.Compression), req.header.Get("Content-Encoding"))
		sizes = append(sizes, len(req.body))
		counts = append(counts, len(messageIDs(t, req.body)))
	}
	return sizes, counts, exp
}

func TestSplitAtBatchByteLimit(t *testing.T) {
	events := manyEvents(10) // items of equal size: one-digit counts, same-width timestamps
	sizes, _, _ := bodySizes(t, events, func(*Config) {})
	require.Len(t, sizes, 1)
	whole := sizes[0]
	itemSize := (whole - batchEnvelopeBytes + 1) / len(events) // each item plus its comma

	tests := []struct {
		name        string
		maxBytes    int
		compression configcompression.Type
		wantCounts  []int
		wantSizes   []int
	}{
		{name: "exactly the body size", maxBytes: whole, wantCounts: []int{10}, wantSizes: []int{whole}},
		{name: "one byte less", maxBytes: whole - 1, wantCounts: []int{9, 1},
			wantSizes: []int{whole - itemSize, batchEnvelopeBytes + itemSize - 1}},
		{name: "room for exactly five", maxBytes: batchEnvelopeBytes + 5*itemSize - 1, wantCounts: []int{5, 5}},
		// gzip shrinks the body far below the limit, which still counts uncompressed bytes.
		{name: "gzip counts uncompressed bytes", maxBytes: whole - 1, compression: configcompression.TypeGzip,
			wantCounts: []int{9, 1}, wantSizes: []int{whole - itemSize, batchEnvelopeBytes + itemSize - 1}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sizes, counts, exp := bodySizes(t, events, func(cfg *Config) {
				cfg.MaxBatchBytes = tt.maxBytes
				cfg.MaxEventBytes = itemSize
				cfg.Compression = tt.compression
			})
			assert.Equal(t, tt.wantCounts, counts)
			if tt.wantSizes != nil {
				assert.Equal(t, tt.wantSizes, sizes)
			}
			for _, size := range sizes {
				assert.LessOrEqual(t, size, tt.maxBytes)
			}
			assert.Equal(t, int64(10), exp.counter(t, "otelcol_exporter_analytics_events_sent"))
		})
	}
}

func TestSplitAtBatchEventLimit(t *testing.T) {
	tests := []struct {
		events     int
		wantCounts []int
	}{
		{events: 3, wantCounts: []int{3}},
		{events: 6, wantCounts: []int{3, 3}},
		{events: 7, wantCounts: []int{3, 3, 1}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprint(tt.events), func(t *testing.T) {
			_, counts, _ := bodySizes(t, manyEvents(tt.events), func(cfg *Config) { cfg.MaxBatchEvents = 3 })
			assert.Equal(t, tt.wantCounts, counts)
		})
	}
}

func TestEventByteLimit(t *testing.T) {
	secret := strings.Repeat("s", 300)
	big := testEvent{name: "Repository Created", ts: testTime, attrs: func(m pcommon.Map) { m.PutStr("branch", secret) }}
	sizes, _, _ := bodySizes(t, []testEvent{big}, func(*Config) {})
	require.Len(t, sizes, 1)
	itemSize := sizes[0] - batchEnvelopeBytes

	tests := []struct {
		name     string
		maxEvent int
		wantSent int64
	}{
		{name: "exactly the event size", maxEvent: itemSize, wantSent: 1},
		{name: "one byte less", maxEvent: itemSize - 1, wantSent: 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sizes, _, exp := bodySizes(t, []testEvent{big}, func(cfg *Config) { cfg.MaxEventBytes = tt.maxEvent })
			assert.Len(t, sizes, int(tt.wantSent), "a batch with no event is never sent")
			assert.Equal(t, tt.wantSent, exp.counter(t, "otelcol_exporter_analytics_events_sent"))
			dropped := exp.counter(t, "otelcol_exporter_analytics_events_dropped", attribute.String("reason", "too_large"))
			assert.Equal(t, 1-tt.wantSent, dropped)
			if dropped == 0 {
				return
			}
			warnings := exp.logs.FilterMessageSnippet("max_event_bytes").All()
			require.Len(t, warnings, 1)
			fields := warnings[0].ContextMap()
			assert.Equal(t, "Repository Created", fields["event"])
			assert.Equal(t, int64(itemSize), fields["size"])
			assert.NotContains(t, fmt.Sprint(fields), secret, "no property values in logs")
		})
	}
}

func TestRecordsWithoutIdentityOrNameAreCounted(t *testing.T) {
	server := newSegmentServer(t, nil)
	exp := startExporter(t, newTestConfig(server.server.URL))

	ld := newTestLogs("", manyEvents(3)...)
	newTestLogs("anon", testEvent{name: "Model Trained"}, testEvent{}).ResourceLogs().MoveAndAppendTo(ld.ResourceLogs())
	require.NoError(t, exp.ConsumeLogs(context.Background(), ld))

	requests := server.received()
	require.Len(t, requests, 1)
	assert.Len(t, messageIDs(t, requests[0].body), 1)
	assert.Equal(t, int64(3), exp.counter(t, "otelcol_exporter_analytics_events_dropped",
		attribute.String("reason", "missing_anonymous_id")))
	assert.Equal(t, int64(1), exp.counter(t, "otelcol_exporter_analytics_events_dropped",
		attribute.String("reason", "missing_event_name")))
	assert.Len(t, exp.logs.FilterMessageSnippet("no anonymous id").All(), 1, "warned once per interval")
}

// TestSegmentLimitsByDefault checks the default limits, which are Segment's: 500000 bytes and
// 2500 events per request, 32000 bytes per event.
func TestSegmentLimitsByDefault(t *testing.T) {
	padded := func(n, padding int) []testEvent {
		events := make([]testEvent, n)
		for i := range events {
			events[i] = testEvent{name: "Conversation Tagged", ts: testTime.Add(time.Duration(i) * time.Millisecond),
				attrs: func(m pcommon.Map) { m.PutStr("tag", fmt.Sprintf("%0*d", padding, i)) }}
		}
		return events
	}

	t.Run("bytes", func(t *testing.T) {
		// Items of equal size (fixed-width tags and timestamps), about 1.3 KB each.
		sizes, counts, _ := bodySizes(t, padded(600, 1000), func(*Config) {})
		require.Len(t, counts, 2)
		itemSize := (sizes[0] - batchEnvelopeBytes + 1) / counts[0]
		assert.LessOrEqual(t, sizes[0], segmentMaxBatchBytes)
		assert.Greater(t, sizes[0]+1+itemSize, segmentMaxBatchBytes, "the first request is as full as it can be")
		assert.Equal(t, 600, counts[0]+counts[1])
	})
	t.Run("events", func(t *testing.T) {
		// 2500 events fit in 500000 bytes only when they are small: no timestamp, no app, short ids.
		events := make([]testEvent, 2600)
		for i := range events {
			events[i] = testEvent{name: "e", attrs: func(m pcommon.Map) { m.PutStr(semconv.AttrLogRecordUID, fmt.Sprint(i)) }}
		}
		server := newSegmentServer(t, nil)
		exp := startExporter(t, newTestConfig(server.server.URL))
		ld := newTestLogs("anon", events...)
		ld.ResourceLogs().At(0).Resource().Attributes().RemoveIf(func(k string, _ pcommon.Value) bool {
			return k != semconv.AttrAnonymousID
		})

		require.NoError(t, exp.ConsumeLogs(context.Background(), ld))

		var counts []int
		for _, req := range server.received() {
			counts = append(counts, len(messageIDs(t, req.body)))
		}
		assert.Equal(t, []int{2500, 100}, counts)
	})
	t.Run("event bytes", func(t *testing.T) {
		events := append(padded(1, 31_000), padded(1, 32_000)...)
		_, counts, exp := bodySizes(t, events, func(*Config) {})
		assert.Equal(t, []int{1}, counts, "the 31 KB event is sent, the 32 KB one is not")
		assert.Equal(t, int64(1), exp.counter(t, "otelcol_exporter_analytics_events_dropped",
			attribute.String("reason", "too_large")))
	})
}
