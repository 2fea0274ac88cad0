package e2e

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/producttelemetry/collector/cmd/simulator/simulate"
)

// TestSIGKILLLosesNoAcceptedEvent kills the collector while the analytics endpoint is failing
// and events wait in the persistent queue, restarts it on the same storage while the simulator
// keeps sending, and checks that every event the simulator got acknowledged, before the kill and
// after the restart, is delivered once the endpoint recovers.
func TestSIGKILLLosesNoAcceptedEvent(t *testing.T) {
	capture, cfg, first, configPath := startWithFailingEndpoint(t, 200*time.Millisecond)

	// The stream has no end of its own: it runs until the restarted collector has accepted
	// events too, however long the restart takes on a busy machine.
	var manifest syncBuffer
	ctx, stopStream := context.WithCancel(context.Background())
	defer stopStream()
	done := make(chan error, 1)
	go func() {
		_, err := simulate.Run(ctx, simulate.Config{
			Endpoint: fmt.Sprintf("http://127.0.0.1:%d", cfg.HTTPPort), Duration: 5 * time.Minute, Rate: 150,
			Seed: 99, Manifest: &manifest, ExportInterval: 100 * time.Millisecond, RetryFor: time.Minute,
		})
		done <- err
	}()

	require.Eventually(t, func() bool { return acceptedLines(manifest.String()) >= 150 && capture.requestCount() > 0 },
		30*time.Second, 20*time.Millisecond, "the collector neither accepted events nor tried to send them")
	first.kill()
	acceptedBeforeKill := acceptedLines(manifest.String())
	assert.Empty(t, capture.events(), "nothing was delivered before the kill, so the queue held every event")

	second := restartCollector(t, configPath, cfg.HealthPort)
	require.Eventually(t, func() bool { return acceptedLines(manifest.String()) >= acceptedBeforeKill+150 },
		time.Minute, 20*time.Millisecond, "the restarted collector accepted no events")
	stopStream()
	select {
	case err := <-done:
		require.NoError(t, err, "the simulator's final flush goes to the restarted collector")
	case <-time.After(2 * time.Minute):
		t.Fatal("the simulator did not finish")
	}
	capture.heal()

	x := expect(t, parseManifest(t, []byte(manifest.String())))
	require.True(t, capture.waitForEvents(len(x.events), deliveryTimeout),
		"only %d of %d accepted events arrived", len(distinctIDs(capture.events())), len(x.events))
	second.stop()

	duplicates := x.checkAtLeastOnce(t, capture.events())
	x.checkNoSecrets(t, capture.rawBytes())
	t.Logf("%d records accepted before the SIGKILL, %d planned events delivered after the restart, %d duplicates",
		acceptedBeforeKill, len(x.events), duplicates)
}

// acceptedLines counts the complete manifest lines of accepted records.
func acceptedLines(manifest string) int {
	n := 0
	for _, line := range strings.Split(manifest, "\n") {
		if strings.HasSuffix(line, `"accepted":true}`) {
			n++
		}
	}
	return n
}

// TestGracefulStopKeepsUndeliveredEventsOnDisk stops the collector normally while the analytics
// endpoint is failing, so that shutdown cannot drain the persistent queue, and checks that the
// events it kept are delivered exactly once after a restart.
func TestGracefulStopKeepsUndeliveredEventsOnDisk(t *testing.T) {
	capture, cfg, first, configPath := startWithFailingEndpoint(t, 50*time.Millisecond)

	x := expect(t, parseManifest(t, runSimulator(t, cfg.HTTPPort, 200, 23)))
	require.Eventually(t, func() bool { return capture.requestCount() > 0 }, 30*time.Second, 20*time.Millisecond,
		"the collector never tried to send")
	first.stop()
	require.Empty(t, capture.events(), "nothing was delivered before the stop, so the queue held every event")

	capture.heal()
	second := restartCollector(t, configPath, cfg.HealthPort)
	require.True(t, capture.waitForEvents(len(x.events), deliveryTimeout),
		"only %d of %d accepted events arrived after the restart", len(distinctIDs(capture.events())), len(x.events))
	second.stop()

	x.checkExactlyOnce(t, capture.events())
	x.checkNoSecrets(t, capture.rawBytes())
}

// startWithFailingEndpoint runs a collector with a persistent sending queue in a fresh directory,
// sending to a capture server that answers 503 after delay until it is healed. It returns the
// configuration file too, for restarts.
func startWithFailingEndpoint(t *testing.T, delay time.Duration) (*captureServer, pipelineConfig, *collector, string) {
	t.Helper()
	capture := newCaptureServer(t)
	capture.failFor(time.Hour, delay)
	cfg := newPipelineConfig(capture.URL())
	cfg.StorageDir = t.TempDir()
	col, configPath := cfg.start(t)
	return capture, cfg, col, configPath
}
