package analyticsexporter

import (
	"context"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"

	"github.com/producttelemetry/collector/internal/telemetrygate"
)

const eventsDropped = "otelcol_exporter_analytics_events_dropped"

var gateClosed = attribute.String("reason", string(dropGateClosed))

func TestGateIsOpenByDefault(t *testing.T) {
	cfg := createDefaultConfig().(*Config)
	assert.True(t, cfg.Enabled)
	assert.True(t, cfg.RespectDoNotTrack)
}

// gateCase is one way of setting the gate: the two settings and the DO_NOT_TRACK value.
type gateCase struct {
	name       string
	enabled    bool
	respectDNT bool
	doNotTrack string
	// wantReason is the reason the start-up log gives; empty when the gate is open.
	wantReason string
}

var gateCases = []gateCase{
	{name: "open", enabled: true, respectDNT: true},
	{name: "enabled false", enabled: false, respectDNT: true,
		wantReason: "enabled is false in the exporter configuration"},
	{name: "DO_NOT_TRACK=1", enabled: true, respectDNT: true, doNotTrack: "1",
		wantReason: "DO_NOT_TRACK is set in the collector's environment"},
	{name: "DO_NOT_TRACK=1 ignored", enabled: true, respectDNT: false, doNotTrack: "1"},
}

// apply sets the gate settings on cfg and DO_NOT_TRACK in the test's environment.
func (g gateCase) apply(t *testing.T, cfg *Config) *Config {
	t.Setenv(telemetrygate.DoNotTrackEnv, g.doNotTrack)
	cfg.Enabled, cfg.RespectDoNotTrack = g.enabled, g.respectDNT
	return cfg
}

func TestClosedGateSendsAndWritesNothing(t *testing.T) {
	for _, gate := range gateCases {
		for _, dryRun := range []bool{false, true} {
			name := gate.name + "/http"
			if dryRun {
				name = gate.name + "/dry run"
			}
			t.Run(name, func(t *testing.T) {
				server := newSegmentServer(t, nil)
				cfg := gate.apply(t, newTestConfig(server.server.URL))
				output := filepath.Join(t.TempDir(), "batches.jsonl")
				cfg.DryRun, cfg.DryRunPath = dryRun, output
				exp := startExporter(t, cfg)

				require.NoError(t, exp.ConsumeLogs(context.Background(), catalogLogs()))
				exp.shutdown(t)

				written, err := os.ReadFile(output)
				if gate.wantReason == "" {
					delivered := len(server.received())
					if dryRun {
						require.NoError(t, err)
						delivered = len(written)
					}
					assert.NotZero(t, delivered, "the open gate lets the batch through")
					assert.Zero(t, exp.counter(t, eventsDropped, gateClosed))
					return
				}
				assert.Zero(t, len(server.received()), "the endpoint was contacted with the gate closed")
				assert.ErrorIs(t, err, os.ErrNotExist, "the dry-run output was opened with the gate closed")
				assert.Equal(t, int64(3), exp.counter(t, eventsDropped, gateClosed), "every event is counted")
				assert.Zero(t, exp.counter(t, "otelcol_exporter_analytics_events_sent"))
				assertGateClosedLogged(t, exp, gate.wantReason)
			})
		}
	}
}

// assertGateClosedLogged checks that the start-up log says once that telemetry is off and why,
// and nothing about where events would go.
func assertGateClosedLogged(t *testing.T, exp *testExporter, reason string) {
	t.Helper()
	off := exp.logs.FilterMessageSnippet("Product telemetry is off").All()
	require.Len(t, off, 1, "said once at start-up")
	assert.Contains(t, off[0].Message, "events in the sending queue are discarded")
	assert.Equal(t, reason, off[0].ContextMap()["reason"])
	assert.Empty(t, exp.logs.FilterMessageSnippet("Sending events").All())
	assert.Empty(t, exp.logs.FilterMessageSnippet("Dry run").All())
}

// TestClosedGateDiscardsThePersistentQueue queues events while the endpoint fails, restarts the
// exporter on the same storage with the gate closed and a healthy endpoint, and checks that the
// queued events are discarded: not sent then, nor by a later exporter with the gate open again.
func TestClosedGateDiscardsThePersistentQueue(t *testing.T) {
	for _, gate := range gateCases {
		if gate.wantReason == "" {
			continue
		}
		t.Run(gate.name, func(t *testing.T) {
			host := newStorageHost()
			queueWhileFailing(t, host, http.StatusInternalServerError, 1)

			healthy := newSegmentServer(t, nil)
			closed := startExporterOn(t, gate.apply(t, persistentConfig(healthy.server.URL)), host)
			require.Eventually(t, func() bool { return closed.counter(t, eventsDropped, gateClosed) == 3 },
				5*time.Second, 5*time.Millisecond, "the queued events are read back and discarded")
			closed.shutdown(t)
			assert.Zero(t, len(healthy.received()), "queued events were sent after the opt-out")
			assertGateClosedLogged(t, closed, gate.wantReason)

			// With the gate open again, a new event goes out alone: the queue no longer holds the
			// discarded ones, which it would hand out first.
			reopened := startExporterOn(t, gateCases[0].apply(t, persistentConfig(healthy.server.URL)), host)
			require.NoError(t, reopened.ConsumeLogs(context.Background(), newTestLogs("anon", manyEvents(1)...)))
			require.Eventually(t, func() bool { return len(healthy.received()) > 0 }, 5*time.Second, 5*time.Millisecond)
			reopened.shutdown(t)
			assert.Equal(t, int64(1), reopened.counter(t, "otelcol_exporter_analytics_events_sent"),
				"only the new event is sent")
		})
	}
}
