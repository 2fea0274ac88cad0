package analyticsexporter

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
)

func TestIntervalGate(t *testing.T) {
	start := time.Unix(1_700_000_000, 0)
	tests := []struct {
		name  string
		after time.Duration
		want  bool
	}{
		{name: "first call", after: 0, want: true},
		{name: "same instant", after: 0, want: false},
		{name: "within the interval", after: time.Minute - time.Nanosecond, want: false},
		{name: "interval elapsed", after: time.Minute, want: true},
		{name: "just after reopening", after: time.Minute + time.Second, want: false},
		{name: "next interval", after: 2 * time.Minute, want: true},
	}
	g := &intervalGate{interval: time.Minute}
	for _, tt := range tests {
		assert.Equal(t, tt.want, g.allow(start.Add(tt.after)), tt.name)
	}
}

func TestRejectionsAreLoggedOncePerInterval(t *testing.T) {
	server := newSegmentServer(t, func(_ int, w http.ResponseWriter) bool {
		w.WriteHeader(http.StatusBadRequest)
		return true
	})
	exp := startExporter(t, withBatchEvents(newTestConfig(server.server.URL), 2))

	for range 2 {
		require.Error(t, exp.ConsumeLogs(context.Background(), newTestLogs("anon", manyEvents(5)...)))
	}

	assert.Len(t, server.received(), 6, "every batch is tried once")
	assert.Equal(t, int64(10), exp.counter(t, "otelcol_exporter_analytics_events_dropped",
		attribute.String("reason", "rejected")), "every rejected event is counted")
	assert.Len(t, exp.logs.FilterMessageSnippet("rejected a batch").All(), 1, "six rejections, one warning")
}
