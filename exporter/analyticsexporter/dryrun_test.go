package analyticsexporter

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/otel/attribute"
)

func TestDryRunWritesWhatWouldBePosted(t *testing.T) {
	tests := []struct {
		name       string
		writeKey   string
		dryRun     bool
		wantReason string
	}{
		{name: "no write key", wantReason: "write_key is empty"},
		{name: "dry_run true", writeKey: testWriteKey, dryRun: true, wantReason: "dry_run is true"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := newSegmentServer(t, nil)
			posted := startExporter(t, withBatchEvents(newTestConfig(server.server.URL), 2))
			require.NoError(t, posted.ConsumeLogs(context.Background(), catalogLogs()))

			path := filepath.Join(t.TempDir(), "batches.jsonl")
			cfg := withBatchEvents(newTestConfig(server.server.URL), 2)
			cfg.WriteKey, cfg.DryRun, cfg.DryRunPath = "", tt.dryRun, path
			if tt.writeKey != "" {
				cfg.WriteKey = testWriteKey
			}
			dry := startExporter(t, cfg)
			require.NoError(t, dry.ConsumeLogs(context.Background(), catalogLogs()))

			requests := server.received()
			require.Len(t, requests, 2, "the dry run sends nothing")
			written, err := os.ReadFile(path)
			require.NoError(t, err)
			lines := bytes.Split(bytes.TrimSuffix(written, []byte("\n")), []byte("\n"))
			require.Len(t, lines, len(requests), "one JSON document per request")
			for i, line := range lines {
				assert.True(t, json.Valid(line))
				assert.Equal(t, normalizeSentAt(requests[i].body), normalizeSentAt(line))
			}

			started := dry.logs.FilterMessageSnippet("Dry run").All()
			require.Len(t, started, 1, "said once at start-up")
			assert.Equal(t, tt.wantReason, started[0].ContextMap()["reason"])
			assert.Equal(t, path, started[0].ContextMap()["output"])
			assert.Equal(t, int64(2), dry.counter(t, "otelcol_exporter_analytics_requests",
				attribute.String("status_class", classDryRun)))
		})
	}
}

func TestDryRunPathMustBeWritable(t *testing.T) {
	cfg := newTestConfig("http://127.0.0.1:1")
	cfg.DryRun = true
	cfg.DryRunPath = filepath.Join(t.TempDir(), "missing-dir", "out.jsonl")
	exp, err := NewFactory().CreateLogs(context.Background(), testSettings(), cfg)
	require.NoError(t, err)
	err = exp.Start(context.Background(), componenttest.NewNopHost())
	require.ErrorContains(t, err, "dry_run_path")
	require.NoError(t, exp.Shutdown(context.Background()))
}

func withBatchEvents(cfg *Config, n int) *Config {
	cfg.MaxBatchEvents = n
	return cfg
}

func TestDryRunLinesDoNotInterleave(t *testing.T) {
	path := filepath.Join(t.TempDir(), "shared.jsonl")
	newDryExporter := func() *testExporter {
		cfg := withBatchEvents(newTestConfig("http://127.0.0.1:1"), 1)
		cfg.DryRun, cfg.DryRunPath = true, path
		return startExporter(t, cfg)
	}
	// Two exporters (say analytics and analytics/eu) may share one file or stdout.
	exporters := []*testExporter{newDryExporter(), newDryExporter()}
	const pushes = 200

	var wg sync.WaitGroup
	for _, exp := range exporters {
		for range pushes {
			wg.Go(func() {
				assert.NoError(t, exp.ConsumeLogs(context.Background(), newTestLogs("anon", manyEvents(3)...)))
			})
		}
	}
	wg.Wait()

	written, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := bytes.Split(bytes.TrimSuffix(written, []byte("\n")), []byte("\n"))
	assert.Len(t, lines, len(exporters)*pushes*3, "one line per request")
	for _, line := range lines {
		assert.True(t, json.Valid(line), "each line is one whole JSON document: %.80s", line)
	}
}

func TestDryRunToStdout(t *testing.T) {
	reader, writer, err := os.Pipe()
	require.NoError(t, err)
	stdout := os.Stdout
	os.Stdout = writer
	t.Cleanup(func() { os.Stdout = stdout })

	cfg := newTestConfig("http://127.0.0.1:1")
	cfg.WriteKey = ""
	exp := startExporter(t, cfg)
	require.NoError(t, exp.ConsumeLogs(context.Background(), catalogLogs()))
	exp.shutdown(t)
	require.NoError(t, writer.Close(), "shutdown leaves standard output open")

	written, err := io.ReadAll(reader)
	require.NoError(t, err)
	assert.Equal(t, 1, bytes.Count(written, []byte("\n")), "one line per request")
	assert.True(t, json.Valid(written))
	assert.Equal(t, "stdout", exp.logs.FilterMessageSnippet("Dry run").All()[0].ContextMap()["output"])
}
