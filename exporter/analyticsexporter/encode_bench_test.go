package analyticsexporter

import (
	"context"
	"fmt"
	"testing"
	"time"

	"go.opentelemetry.io/collector/exporter/exportertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/producttelemetry/collector/exporter/analyticsexporter/internal/metadata"
	"github.com/producttelemetry/collector/semconv"
)

// countingSender counts what would have been sent.
type countingSender struct {
	requests, bytes int
}

func (c *countingSender) send(_ context.Context, body []byte) (string, error) {
	c.requests++
	c.bytes += len(body)
	return "2xx", nil
}

func (c *countingSender) shutdown() error { return nil }

// benchmarkMix is a realistic mix of catalog events per 20 records: 11 Message Received (with a
// SHA-256 username), 5 frontend views, 3 small backend events and 1 hourly Status with its 28
// properties.
func benchmarkMix(i int, m pcommon.Map) string {
	switch n := i % 20; {
	case n < 11:
		m.PutStr("username", fmt.Sprintf("%064x", i*7919))
		m.PutStr("channel", "socketio")
		m.PutStr(semconv.AttrChannel, semconv.ChannelServer)
		return "Message Received"
	case n < 16:
		m.PutStr(semconv.AttrChannel, semconv.ChannelBrowser)
		return []string{"view:conversations:loaded", "entity:conversation:selected", "view:models:loaded"}[n%3]
	case n < 19:
		m.PutInt("count", int64(n))
		m.PutStr(semconv.AttrChannel, semconv.ChannelServer)
		return "Conversation Tagged"
	default:
		statusProperties(m)
		return "Status"
	}
}

// benchmarkLogs spreads records evenly over resources (installations).
func benchmarkLogs(records, resources int) plog.Logs {
	ld := plog.NewLogs()
	for r := range resources {
		rl := ld.ResourceLogs().AppendEmpty()
		attrs := rl.Resource().Attributes()
		attrs.PutStr("service.name", "rasa-enterprise")
		attrs.PutStr("service.version", "1.4.2")
		attrs.PutStr(semconv.AttrAnonymousID, fmt.Sprintf("%064x", r+1))
		lrs := rl.ScopeLogs().AppendEmpty().LogRecords()
		for i := range records / resources {
			lr := lrs.AppendEmpty()
			lr.SetTimestamp(pcommon.NewTimestampFromTime(testTime.Add(time.Duration(i) * time.Millisecond)))
			lr.SetEventName(benchmarkMix(r*records+i, lr.Attributes()))
		}
	}
	return ld
}

func BenchmarkEncodeBatches(b *testing.B) {
	for _, records := range []int{1000, 10000} {
		b.Run(fmt.Sprintf("records=%d", records), func(b *testing.B) {
			cfg := createDefaultConfig().(*Config)
			exp, err := newAnalyticsExporter(cfg, exportertest.NewNopSettings(metadata.Type), noEnvironment)
			if err != nil {
				b.Fatal(err)
			}
			sender := &countingSender{}
			exp.sender = sender
			ld := benchmarkLogs(records, 10)
			ctx := context.Background()

			b.ReportAllocs()
			b.ResetTimer()
			for b.Loop() {
				if err := exp.pushLogs(ctx, ld); err != nil {
					b.Fatal(err)
				}
			}
			b.StopTimer()
			ops := float64(sender.requests) / float64(b.N) // requests per op are constant
			b.ReportMetric(float64(records*b.N)/b.Elapsed().Seconds(), "events/s")
			b.ReportMetric(float64(sender.bytes)/float64(records*b.N), "B/event")
			b.ReportMetric(ops, "requests/op")
			b.SetBytes(int64(sender.bytes / b.N))
		})
	}
}
