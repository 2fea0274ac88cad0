package e2e

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.uber.org/goleak"

	"github.com/producttelemetry/collector/cmd/simulator/simulate"
	"github.com/producttelemetry/collector/semconv"
)

func TestMain(m *testing.M) {
	goleak.VerifyTestMain(m)
}

// deliveryTimeout bounds how long the tests wait for events to reach the capture server.
const deliveryTimeout = 60 * time.Second

// runSimulator sends count events to the collector's OTLP/HTTP port and returns the manifest.
func runSimulator(t *testing.T, httpPort, count int, seed uint64) []byte {
	t.Helper()
	var manifest syncBuffer
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	sum, err := simulate.Run(ctx, simulate.Config{
		Endpoint:       fmt.Sprintf("http://127.0.0.1:%d", httpPort),
		Count:          count,
		Seed:           seed,
		Manifest:       &manifest,
		ExportInterval: 100 * time.Millisecond,
	})
	require.NoError(t, err)
	require.Equal(t, simulate.Summary{Emitted: count, Accepted: count}, sum, "the collector accepts every record")
	return []byte(manifest.String())
}

func TestPlannedEventsArriveExactlyOnceAnonymized(t *testing.T) {
	capture := newCaptureServer(t)
	cfg := newPipelineConfig(capture.URL())
	col, _ := cfg.start(t)

	x := expect(t, parseManifest(t, runSimulator(t, cfg.HTTPPort, 400, 42)))
	require.Len(t, x.eventNames(), len(semconv.Builtin().Events()), "the run covers the whole catalog")
	require.Positive(t, x.anonymized, "the run sends values to anonymize")
	require.Positive(t, x.unplannedEvents, "the run sends events the plan does not name")
	require.Positive(t, x.unplannedProperties, "the run sends properties the plan does not define")
	require.True(t, capture.waitForEvents(len(x.events), deliveryTimeout),
		"only %d of %d events arrived", len(distinctIDs(capture.events())), len(x.events))
	col.stop()

	t.Logf("%d planned events in %d requests", len(x.events), capture.requestCount())
	x.checkExactlyOnce(t, capture.events())
	x.checkNoSecrets(t, capture.rawBytes())
}

func TestClosedGateSendsNothing(t *testing.T) {
	tests := []struct {
		name    string
		enabled bool
		env     []string
	}{
		{name: "enabled false", enabled: false},
		{name: "DO_NOT_TRACK=1", enabled: true, env: []string{"DO_NOT_TRACK=1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			capture := newCaptureServer(t)
			cfg := newPipelineConfig(capture.URL())
			cfg.Enabled = tt.enabled
			col, _ := cfg.start(t, tt.env...)

			runSimulator(t, cfg.HTTPPort, 100, 7)
			// A graceful stop drains the sending queue, so anything that was going to be sent
			// has been sent when it returns.
			col.stop()
			assert.Zero(t, capture.requestCount(), "the analytics endpoint was contacted with the gate closed")
		})
	}
}

func TestPlanFileReplacesTheCatalog(t *testing.T) {
	planFile, err := filepath.Abs("../testdata/plan-messages.yaml")
	require.NoError(t, err)
	plan, err := semconv.Load(planFile)
	require.NoError(t, err)

	capture := newCaptureServer(t)
	cfg := newPipelineConfig(capture.URL())
	cfg.PlanFile = planFile
	col, _ := cfg.start(t)

	x := expectUnder(t, plan, parseManifest(t, runSimulator(t, cfg.HTTPPort, 300, 11)))
	require.Equal(t, map[string]bool{"Message Received": true, "Model Trained": true}, x.eventNames(),
		"the run sends both events of the small plan")
	require.True(t, capture.waitForEvents(len(x.events), deliveryTimeout),
		"only %d of %d events arrived", len(distinctIDs(capture.events())), len(x.events))
	col.stop()

	x.checkExactlyOnce(t, capture.events())
	x.checkNoSecrets(t, capture.rawBytes())
}
