package e2e

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// optOutWait is how long a collector with telemetry off is watched for requests: many times the
// 100 ms retry interval, and the queue hands out what it kept right after the start.
const optOutWait = 3 * time.Second

// TestOptOutDiscardsQueuedEvents queues events while the analytics endpoint fails, then restarts
// the collector on the same queue with telemetry turned off and a healthy endpoint. The queued
// events must not be sent: the capture server receives no request, the log says they are
// discarded, and a later run with telemetry on again sends only the events it gets itself.
func TestOptOutDiscardsQueuedEvents(t *testing.T) {
	tests := []struct {
		name string
		// disable turns telemetry off in the configuration; env does it in the environment.
		disable bool
		env     []string
	}{
		{name: "DO_NOT_TRACK=1", env: []string{"DO_NOT_TRACK=1"}},
		{name: "enabled false", disable: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			capture, cfg, first, configPath := startWithFailingEndpoint(t, 50*time.Millisecond)
			runSimulator(t, cfg.HTTPPort, 60, 29)
			require.Eventually(t, func() bool { return capture.requestCount() > 0 }, 30*time.Second,
				20*time.Millisecond, "the collector never tried to send")
			first.stop()
			require.Empty(t, capture.events(), "nothing was delivered before the stop, so the queue held every event")

			setEnabled(t, &cfg, configPath, !tt.disable)
			capture.heal()
			tried := capture.requestCount()
			off := restartCollector(t, configPath, cfg.HealthPort, tt.env...)
			assert.Never(t, func() bool { return capture.requestCount() > tried }, optOutWait, 50*time.Millisecond,
				"queued events were sent after telemetry was turned off")
			off.stop()
			assert.Equal(t, tried, capture.requestCount(), "the endpoint was contacted while telemetry was off")
			assert.Equal(t, 1, strings.Count(off.stderr.String(), "events in the sending queue are discarded"),
				"the exporter says once, at start-up, that queued events are discarded")
			printed, err := dryRunEvents(off.stdout.String())
			require.NoError(t, err)
			assert.Empty(t, printed, "nothing is written either")

			setEnabled(t, &cfg, configPath, true)
			on := restartCollector(t, configPath, cfg.HealthPort)
			x := expect(t, parseManifest(t, runSimulator(t, cfg.HTTPPort, 60, 31)))
			require.True(t, capture.waitForEvents(len(x.events), deliveryTimeout),
				"only %d of %d new events arrived", len(distinctIDs(capture.events())), len(x.events))
			on.stop()
			x.checkExactlyOnce(t, capture.events())
		})
	}
}

// setEnabled rewrites the configuration file at configPath with enabled set as given.
func setEnabled(t *testing.T, cfg *pipelineConfig, configPath string, enabled bool) {
	t.Helper()
	cfg.Enabled = enabled
	require.Equal(t, configPath, cfg.write(t, filepath.Dir(configPath)))
}
