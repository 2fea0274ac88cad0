package simulate

import (
	"bufio"
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/plog/plogotlp"
	"go.uber.org/goleak"

	"github.com/producttelemetry/collector/semconv"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// otlpServer is an OTLP/HTTP logs endpoint that keeps every record it receives.
type otlpServer struct {
	mu      sync.Mutex
	records []receivedRecord
	status  int
}

type receivedRecord struct {
	service string
	event   string
	attrs   map[string]any
}

func newOTLPServer(t *testing.T, status int) (*otlpServer, string) {
	s := &otlpServer{status: status}
	srv := httptest.NewServer(http.HandlerFunc(s.handle))
	t.Cleanup(srv.Close)
	return s, srv.URL
}

func (s *otlpServer) handle(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	if s.status != http.StatusOK {
		w.WriteHeader(s.status)
		return
	}
	req := plogotlp.NewExportRequest()
	if r.URL.Path != logsPath || req.UnmarshalProto(body) != nil {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	s.keep(req.Logs())
	w.Header().Set("Content-Type", "application/x-protobuf")
	out, _ := plogotlp.NewExportResponse().MarshalProto()
	_, _ = w.Write(out)
}

func (s *otlpServer) keep(logs plog.Logs) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for i := 0; i < logs.ResourceLogs().Len(); i++ {
		rl := logs.ResourceLogs().At(i)
		service, _ := rl.Resource().Attributes().Get("service.name")
		for j := 0; j < rl.ScopeLogs().Len(); j++ {
			lrs := rl.ScopeLogs().At(j).LogRecords()
			for k := 0; k < lrs.Len(); k++ {
				s.records = append(s.records, receivedRecord{
					service: service.Str(), event: lrs.At(k).EventName(), attrs: lrs.At(k).Attributes().AsRaw(),
				})
			}
		}
	}
}

func TestEmittersCoverThePlan(t *testing.T) {
	events := semconv.Builtin().Events()
	require.Len(t, emitters, len(events))
	for _, ev := range events {
		assert.Contains(t, emitters, ev.Name)
	}
}

func TestRunSendsEveryEventOnceWithManifest(t *testing.T) {
	srv, url := newOTLPServer(t, http.StatusOK)
	var manifest bytes.Buffer
	sum, err := Run(context.Background(), Config{
		Endpoint: url, Count: 150, Seed: 7, Manifest: &manifest, ExportInterval: 50 * time.Millisecond,
	})
	require.NoError(t, err)
	assert.Equal(t, Summary{Emitted: 150, Accepted: 150}, sum)

	entries := readManifest(t, &manifest)
	require.Len(t, entries, 150)
	require.Len(t, srv.records, 150)

	uids := map[string]bool{}
	events := map[string]bool{}
	services := map[string]semconv.Source{}
	var unplannedEvents, unplannedProps int
	plan := semconv.Builtin()
	for i, rec := range srv.records {
		uid, _ := rec.attrs[semconv.AttrLogRecordUID].(string)
		require.NotEmpty(t, uid)
		assert.False(t, uids[uid], "uid %s sent twice", uid)
		uids[uid] = true
		assert.True(t, entries[i].Accepted)
		assert.Equal(t, rec.event, entries[i].Event)

		planned := plan.Lookup(rec.event)
		if planned == nil {
			unplannedEvents++
			continue
		}
		events[rec.event] = true
		services[rec.service] = planned.Source
		for key := range rec.attrs {
			if key != semconv.AttrLogRecordUID && planned.Property(key) == nil {
				unplannedProps++
			}
		}
	}
	assert.Len(t, events, len(plan.Events()), "every planned event is sent at least once")
	assert.Equal(t, map[string]semconv.Source{
		BackendService: semconv.SourceBackend, FrontendService: semconv.SourceFrontend}, services)
	assert.Positive(t, unplannedEvents)
	assert.Positive(t, unplannedProps)
}

func TestRunCountsRejectedRecords(t *testing.T) {
	_, url := newOTLPServer(t, http.StatusBadRequest)
	var manifest bytes.Buffer
	sum, err := Run(context.Background(), Config{
		Endpoint: url, Count: 10, Manifest: &manifest, ExportInterval: 50 * time.Millisecond,
		RetryFor: 100 * time.Millisecond,
	})
	assert.ErrorContains(t, err, "400 Bad Request", "the final flush reports the failed export")
	assert.Equal(t, Summary{Emitted: 10, Rejected: 10}, sum)
	for _, e := range readManifest(t, &manifest) {
		assert.False(t, e.Accepted)
	}
}

func TestRunIsReproducibleExceptForIDs(t *testing.T) {
	// Each service's records arrive in emission order; the two services' exports interleave freely.
	stream := func() map[string][]string {
		srv, url := newOTLPServer(t, http.StatusOK)
		_, err := Run(context.Background(), Config{Endpoint: url, Count: 80, Seed: 3, ExportInterval: 50 * time.Millisecond})
		require.NoError(t, err)
		names := map[string][]string{}
		for _, r := range srv.records {
			names[r.service] = append(names[r.service], r.event)
		}
		return names
	}
	assert.Equal(t, stream(), stream())
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"no endpoint", Config{Count: 1}, "endpoint is required"},
		{"no limit", Config{Endpoint: "localhost:4318"}, "count or duration is required"},
		{"negative rate", Config{Endpoint: "localhost:4318", Count: 1, Rate: -1}, "must not be negative"},
		{"share above one", Config{Endpoint: "localhost:4318", Count: 1, UnplannedEventRatio: 1.5}, "must not exceed 1"},
		{"negative share", Config{Endpoint: "localhost:4318", Count: 1, UnplannedPropertyRatio: -1}, ""},
		{"valid", Config{Endpoint: "localhost:4318", Duration: time.Second}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.cfg.Validate()
			if tt.want == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tt.want)
		})
	}
}

func readManifest(t *testing.T, r io.Reader) []ManifestEntry {
	t.Helper()
	var out []ManifestEntry
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		e, err := ParseManifestLine(sc.Bytes())
		require.NoError(t, err)
		out = append(out, e)
	}
	return out
}

func TestRunAccountsForEveryEmittedRecord(t *testing.T) {
	srv, url := newOTLPServer(t, http.StatusOK)
	var manifest bytes.Buffer
	sum, err := Run(context.Background(), Config{
		Endpoint: url, Count: 2000, QueueSize: 16, Manifest: &manifest, ExportInterval: time.Second,
	})
	require.NoError(t, err)
	assert.Equal(t, sum.Emitted, sum.Accepted+sum.Rejected+sum.Dropped)
	assert.Len(t, readManifest(t, &manifest), sum.Accepted+sum.Rejected, "the manifest lists every exported record")
	assert.Len(t, srv.records, sum.Accepted)
}

// TestRunSendsHeartbeatsAndRawValues checks what the pipeline must anonymize: the Status
// heartbeat with its counts, project and environment names, and usernames, all sent raw.
func TestRunSendsHeartbeatsAndRawValues(t *testing.T) {
	srv, url := newOTLPServer(t, http.StatusOK)
	_, err := Run(context.Background(), Config{
		Endpoint: url, Count: 150, Seed: 5, HeartbeatEvery: 50, ExportInterval: 50 * time.Millisecond,
	})
	require.NoError(t, err)

	var heartbeats, usernamesSent int
	for _, rec := range srv.records {
		switch rec.event {
		case semconv.EventStatus:
			heartbeats++
			assert.Equal(t, BackendService, rec.service)
			assert.Contains(t, projectNames, rec.attrs[semconv.AttrProject], "the raw project name")
			envs, _ := rec.attrs[semconv.AttrEnvironmentNames].([]any)
			require.NotEmpty(t, envs)
			for _, env := range envs {
				assert.Contains(t, environmentNames, env, "a raw environment name")
			}
			assert.Equal(t, int64(len(envs)), rec.attrs[semconv.AttrNumEnvironments])
			assert.Positive(t, rec.attrs[semconv.AttrNumConversations])
		case semconv.EventMessageReceived:
			usernamesSent++
			assert.Contains(t, usernames, rec.attrs[semconv.AttrUsername], "the raw username")
		}
	}
	assert.Equal(t, 3, heartbeats, "a heartbeat at the start and after every 50 events")
	assert.Positive(t, usernamesSent)
}

func TestRunWithoutUnplannedShares(t *testing.T) {
	srv, url := newOTLPServer(t, http.StatusOK)
	_, err := Run(context.Background(), Config{
		Endpoint: url, Count: 200, Seed: 9, UnplannedEventRatio: -1, UnplannedPropertyRatio: -1,
		ExportInterval: 50 * time.Millisecond,
	})
	require.NoError(t, err)

	plan := semconv.Builtin()
	var unplanned int
	for _, rec := range srv.records {
		planned := plan.Lookup(rec.event)
		if planned == nil {
			unplanned++
			continue
		}
		for key := range rec.attrs {
			assert.True(t, key == semconv.AttrLogRecordUID || planned.Property(key) != nil,
				"unplanned property %s on %q", key, rec.event)
		}
	}
	assert.Zero(t, unplanned, "no unplanned event, not even in the opening tour")
}

func TestRunStopsAfterDurationAtRate(t *testing.T) {
	_, url := newOTLPServer(t, http.StatusOK)
	sum, err := Run(context.Background(), Config{
		Endpoint: url, Duration: 300 * time.Millisecond, Rate: 20, ExportInterval: 50 * time.Millisecond,
	})
	require.NoError(t, err)
	// At 20 events per second, 300ms hold the events due at 0, 50, ..., 300ms.
	assert.GreaterOrEqual(t, sum.Emitted, 1)
	assert.LessOrEqual(t, sum.Emitted, 7)
	assert.Equal(t, sum.Emitted, sum.Accepted)
}
