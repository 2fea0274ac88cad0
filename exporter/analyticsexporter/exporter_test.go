package analyticsexporter

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/config/configcompression"
	"go.opentelemetry.io/collector/config/configoptional"
	"go.opentelemetry.io/collector/exporter"
	"go.opentelemetry.io/collector/exporter/exporterhelper"
	"go.opentelemetry.io/collector/exporter/exportertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/producttelemetry/collector/exporter/analyticsexporter/internal/metadata"
	"github.com/producttelemetry/collector/semconv"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// testExporter is an exporter built by the factory, with its logs and metrics captured.
type testExporter struct {
	exporter.Logs
	logs      *observer.ObservedLogs
	telemetry *componenttest.Telemetry
	once      sync.Once
}

// noEnvironment is a getenv for an environment where no variable is set.
func noEnvironment(string) string { return "" }

// newTestConfig sends synchronously (no queue) and retries after a few milliseconds. It ignores
// DO_NOT_TRACK, which a developer may have set, so that the tests that send can send.
func newTestConfig(endpoint string) *Config {
	cfg := createDefaultConfig().(*Config)
	cfg.RespectDoNotTrack = false
	cfg.Endpoint = endpoint
	cfg.WriteKey = testWriteKey
	cfg.QueueConfig = configoptional.None[exporterhelper.QueueBatchConfig]()
	cfg.RetryConfig.InitialInterval = 10 * time.Millisecond
	cfg.RetryConfig.MaxInterval = 20 * time.Millisecond
	cfg.RetryConfig.MaxElapsedTime = 5 * time.Second
	return cfg
}

func startExporter(t *testing.T, cfg *Config) *testExporter {
	t.Helper()
	return startExporterOn(t, cfg, componenttest.NewNopHost())
}

// startExporterOn starts the exporter on a host that may provide extensions.
func startExporterOn(t *testing.T, cfg *Config, host component.Host) *testExporter {
	t.Helper()
	core, logs := observer.New(zap.DebugLevel)
	telemetry := componenttest.NewTelemetry()
	set := exportertest.NewNopSettings(metadata.Type)
	set.TelemetrySettings = telemetry.NewTelemetrySettings()
	set.Logger = zap.New(core)

	exp, err := NewFactory().CreateLogs(context.Background(), set, cfg)
	require.NoError(t, err)
	require.NoError(t, exp.Start(context.Background(), host))
	te := &testExporter{Logs: exp, logs: logs, telemetry: telemetry}
	t.Cleanup(func() {
		te.shutdown(t)
		require.NoError(t, telemetry.Shutdown(context.Background()))
		assertNoWriteKey(t, logs)
	})
	return te
}

// shutdown stops the exporter once; exporterhelper does not allow a second Shutdown.
func (te *testExporter) shutdown(t *testing.T) {
	te.once.Do(func() { require.NoError(t, te.Shutdown(context.Background())) })
}

// assertNoWriteKey fails when any captured log message or field carries the write key.
func assertNoWriteKey(t *testing.T, logs *observer.ObservedLogs) {
	t.Helper()
	for _, entry := range logs.All() {
		enc := zapcore.NewMapObjectEncoder()
		for _, f := range entry.Context {
			f.AddTo(enc)
		}
		text := entry.Message + fmt.Sprint(enc.Fields)
		assert.NotContains(t, text, testWriteKey, "log %q leaks the write key", entry.Message)
		assert.NotContains(t, text, testCredentials, "log %q leaks the Basic credentials", entry.Message)
	}
}

// counter returns the value of a counter data point with exactly the given attributes.
func (te *testExporter) counter(t *testing.T, name string, attrs ...attribute.KeyValue) int64 {
	t.Helper()
	m, err := te.telemetry.GetMetric(name)
	if err != nil {
		return 0
	}
	sum, ok := m.Data.(metricdata.Sum[int64])
	require.True(t, ok, "%s is an int64 sum", name)
	want := attribute.NewSet(attrs...)
	for _, dp := range sum.DataPoints {
		if dp.Attributes.Equals(&want) {
			return dp.Value
		}
	}
	return 0
}

// catalogLogs holds a server resource with Status and Message Received and a browser event.
func catalogLogs() plog.Logs {
	ld := newTestLogs("3f1c9a0e5b7d4f62a8e1c0b9d7f6e5a4",
		testEvent{name: "Status", ts: testTime, attrs: statusProperties},
		testEvent{name: "Message Received", ts: testTime.Add(time.Second), attrs: func(m pcommon.Map) {
			m.PutStr("username", "9b74c9897bac770ffc029102a200c5de6c4a0b2d1f6e8a7c5b3d9e1f0a2c4b6d")
			m.PutStr("channel", "rest")
			m.PutStr(semconv.AttrChannel, semconv.ChannelServer)
		}},
		testEvent{name: "view:models:loaded", observed: testTime.Add(2 * time.Second), attrs: func(m pcommon.Map) {
			m.PutStr(semconv.AttrChannel, semconv.ChannelBrowser)
			m.PutStr(semconv.AttrLogRecordUID, "01JDQ8Z3M6V4K8H2Y5X7N9P0RS")
		}},
	)
	return ld
}

func statusProperties(m pcommon.Map) {
	m.PutStr("project", "c0ffee00b4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1c2d3e4f5a6b7c8d9e0f1")
	m.PutBool("local_mode", false)
	m.PutStr("rasa_x", "1.4.2")
	m.PutStr("rasa_open_source", "3.6.20")
	for i, key := range []string{"num_intent_examples", "num_entity_examples", "num_actions", "num_templates",
		"num_slots", "num_forms", "num_intents", "num_entities", "num_stories", "num_conversations", "num_events",
		"num_models", "num_lookup_table_files", "num_lookup_table_entries", "num_synonyms", "num_regexes",
		"num_environments"} {
		m.PutInt(key, int64(i*37+3))
	}
	envs := m.PutEmptySlice("environment_names")
	for _, name := range []string{"7a3f9c1e", "b2d4e6f8", "0c1d2e3f"} {
		envs.AppendEmpty().SetStr(name)
	}
	m.PutInt("num_live_environments", 2)
	m.PutDouble("uptime_seconds", 86400.25)
	m.PutInt("num_tags", 5)
	m.PutInt("num_conversations_with_tags", 17)
	m.PutInt("num_nlu_inbox_messages_with_tags", 4)
	m.PutInt("num_e2e_tests", 9)
	m.PutStr(semconv.AttrChannel, semconv.ChannelServer)
}

var sentAtPattern = regexp.MustCompile(`"sentAt":"[^"]*"`)

// normalizeSentAt replaces sentAt with a fixed value of the same width.
func normalizeSentAt(body []byte) string {
	return sentAtPattern.ReplaceAllString(string(body), `"sentAt":"2000-01-01T00:00:00.000Z"`)
}

func assertGolden(t *testing.T, name string, body []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	got := normalizeSentAt(body) + "\n"
	if *update {
		require.NoError(t, os.WriteFile(path, []byte(got), 0o600))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err)
	assert.Equal(t, string(want), got)
}

func TestExportMatchesGolden(t *testing.T) {
	tests := []struct {
		name        string
		compression string
	}{
		{name: "default is uncompressed"},
		{name: "gzip", compression: "gzip"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := newSegmentServer(t, nil)
			cfg := newTestConfig(server.server.URL)
			if tt.compression != "" {
				cfg.Compression = configcompression.Type(tt.compression)
			}
			exp := startExporter(t, cfg)

			require.NoError(t, exp.ConsumeLogs(context.Background(), catalogLogs()))

			requests := server.received()
			require.Len(t, requests, 1)
			assert.Equal(t, tt.compression, requests[0].header.Get("Content-Encoding"))
			assertGolden(t, "batch.golden.json", requests[0].body)
			assert.Equal(t, int64(3), exp.counter(t, "otelcol_exporter_analytics_events_sent"))
			assert.Equal(t, int64(1), exp.counter(t, "otelcol_exporter_analytics_requests",
				attribute.String("status_class", "2xx")))
		})
	}
}

func TestStatusHandling(t *testing.T) {
	retryAfterOne := map[string][]string{"Retry-After": {"1"}}
	tests := []struct {
		name         string
		respond      responder
		wantRequests int
		wantErr      bool
		wantClass    string
		wantMinDelay time.Duration
		// wantWarning is what the rejection warning says: the status and a body excerpt.
		wantWarning string
	}{
		{name: "200", respond: replyWith(nil, "", 200), wantRequests: 1, wantClass: "2xx"},
		{name: "400 is dropped", respond: replyWith(nil, `{"code":"invalid_request","message":"bad"}`, 400),
			wantRequests: 1, wantErr: true, wantClass: "4xx",
			wantWarning: `answered 400 Bad Request: {"code":"invalid_request","message":"bad"}`},
		{name: "401 is dropped", respond: replyWith(nil, "invalid write key "+testWriteKey+" in Basic "+testCredentials, 401),
			wantRequests: 1, wantErr: true, wantClass: "4xx",
			wantWarning: "answered 401 Unauthorized: invalid write key [REDACTED] in Basic [REDACTED]"},
		{name: "413 is dropped", respond: replyWith(nil, "request size exceeds max limit", 413),
			wantRequests: 1, wantErr: true, wantClass: "4xx",
			wantWarning: "answered 413 Request Entity Too Large: request size exceeds max limit"},
		{name: "429 waits for Retry-After", respond: replyWith(retryAfterOne, "", 429),
			wantRequests: 2, wantClass: "4xx", wantMinDelay: time.Second},
		{name: "429 waits for a Retry-After date", respond: retryAfterDate(2 * time.Second),
			wantRequests: 2, wantClass: "4xx", wantMinDelay: time.Second},
		{name: "408 is retried", respond: replyWith(nil, "", 408), wantRequests: 2, wantClass: "4xx"},
		{name: "500 is retried", respond: replyWith(nil, "", 500), wantRequests: 2, wantClass: "5xx"},
		{name: "503 is retried", respond: replyWith(nil, "", 503, 503), wantRequests: 3, wantClass: "5xx"},
		{name: "dropped connection is retried", respond: dropFirstConnection, wantRequests: 2,
			wantClass: classNetwork},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := newSegmentServer(t, tt.respond)
			exp := startExporter(t, newTestConfig(server.server.URL))

			start := time.Now()
			err := exp.ConsumeLogs(context.Background(), catalogLogs())
			elapsed := time.Since(start)

			assert.Len(t, server.received(), tt.wantRequests)
			assert.GreaterOrEqual(t, elapsed, tt.wantMinDelay)
			assert.Positive(t, exp.counter(t, "otelcol_exporter_analytics_requests",
				attribute.String("status_class", tt.wantClass)))
			retries := int64(tt.wantRequests - 1)
			assert.Equal(t, retries, exp.counter(t, "otelcol_exporter_analytics_retries"))
			if !tt.wantErr {
				require.NoError(t, err)
				assert.Equal(t, int64(3), exp.counter(t, "otelcol_exporter_analytics_events_sent"))
				return
			}
			require.Error(t, err)
			assert.NotContains(t, err.Error(), testWriteKey)
			assert.NotContains(t, err.Error(), testCredentials)
			assert.Equal(t, int64(3), exp.counter(t, "otelcol_exporter_analytics_events_dropped",
				attribute.String("reason", "rejected")))
			warnings := exp.logs.FilterMessageSnippet("rejected a batch").All()
			require.Len(t, warnings, 1)
			assert.Contains(t, fmt.Sprint(warnings[0].ContextMap()["error"]), tt.wantWarning)
		})
	}
}

// retryAfterDate answers the first request 429 with a Retry-After HTTP date wait from now, which
// has whole-second precision, so the wait is between wait-1s and wait.
func retryAfterDate(wait time.Duration) responder {
	return func(n int, w http.ResponseWriter) bool {
		if n > 0 {
			return false
		}
		w.Header().Set("Retry-After", time.Now().Add(wait).UTC().Format(http.TimeFormat))
		w.WriteHeader(http.StatusTooManyRequests)
		return true
	}
}

func TestRetryRestampsSentAtAndKeepsMessageIDs(t *testing.T) {
	server := newSegmentServer(t, replyWith(nil, "", 500))
	exp := startExporter(t, newTestConfig(server.server.URL))

	require.NoError(t, exp.ConsumeLogs(context.Background(), catalogLogs()))

	requests := server.received()
	require.Len(t, requests, 2)
	first, second := requests[0].body, requests[1].body
	assert.Equal(t, messageIDs(t, first), messageIDs(t, second), "a retry carries the same messageIds")
	assert.NotEqual(t, sentAtPattern.FindString(string(first)), sentAtPattern.FindString(string(second)),
		"sentAt is stamped at each attempt")
	assert.Equal(t, normalizeSentAt(first), normalizeSentAt(second), "nothing but sentAt changes")
}

func TestPartialFailureResendsOnlyUnsentBatches(t *testing.T) {
	server := newSegmentServer(t, func(n int, w http.ResponseWriter) bool {
		if n == 1 {
			w.WriteHeader(http.StatusServiceUnavailable)
			return true
		}
		return false
	})
	cfg := newTestConfig(server.server.URL)
	cfg.MaxBatchEvents = 2
	exp := startExporter(t, cfg)

	ld := newTestLogs("anon", manyEvents(5)...)
	require.NoError(t, exp.ConsumeLogs(context.Background(), ld))

	requests := server.received()
	require.Len(t, requests, 4, "batch 1 ok, batch 2 fails, then batches 2 and 3")
	var accepted []string
	for i, req := range requests {
		if i == 1 {
			continue
		}
		accepted = append(accepted, messageIDs(t, req.body)...)
	}
	assert.Len(t, accepted, 5)
	assert.ElementsMatch(t, messageIDs(t, requests[1].body), messageIDs(t, requests[2].body))
	assert.Equal(t, int64(5), exp.counter(t, "otelcol_exporter_analytics_events_sent"))
}

func manyEvents(n int) []testEvent {
	events := make([]testEvent, n)
	for i := range events {
		events[i] = testEvent{name: "Conversation Tagged", ts: testTime.Add(time.Duration(i) * time.Millisecond),
			attrs: func(m pcommon.Map) { m.PutInt("count", int64(i)) }}
	}
	return events
}

func TestWriteKeyNeverInErrors(t *testing.T) {
	server := newSegmentServer(t, replyWith(nil, "", 401))
	server.server.Close()
	cfg := newTestConfig(server.server.URL)
	cfg.RetryConfig.MaxElapsedTime = 50 * time.Millisecond
	exp := startExporter(t, cfg)

	err := exp.ConsumeLogs(context.Background(), catalogLogs())
	require.Error(t, err)
	assert.NotContains(t, err.Error(), testWriteKey)
	assert.Positive(t, exp.counter(t, "otelcol_exporter_analytics_requests",
		attribute.String("status_class", classNetwork)))
	assert.False(t, strings.Contains(fmt.Sprintf("%+v", cfg.WriteKey), testWriteKey), "configopaque hides the key")
}

func testSettings() exporter.Settings {
	return exportertest.NewNopSettings(metadata.Type)
}

func TestStartLogsWhereEventsGo(t *testing.T) {
	server := newSegmentServer(t, nil)
	exp := startExporter(t, newTestConfig(server.server.URL+"/"))

	started := exp.logs.FilterMessageSnippet("Sending events to the analytics endpoint").All()
	require.Len(t, started, 1)
	assert.Equal(t, server.server.URL+"/v1/batch", started[0].ContextMap()["url"])
	assert.Empty(t, exp.logs.FilterMessageSnippet("Dry run").All())
}
