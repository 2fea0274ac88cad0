package producttelemetryprocessor

import (
	"context"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentConsumers runs batches through one processor from several goroutines, as the
// pipeline may; run with -race. Every output must carry the hash of its own input.
func TestConcurrentConsumers(t *testing.T) {
	for _, algorithm := range []string{AlgorithmSHA256, AlgorithmHMACSHA256} {
		t.Run(algorithm, func(t *testing.T) {
			p := newPipeline(t, func(cfg *Config) {
				cfg.Anonymization.Algorithm = algorithm
				if algorithm == AlgorithmHMACSHA256 {
					cfg.Anonymization.Key = testHMACKey
				}
			})
			want := map[string]string{AlgorithmSHA256: aliceSHA256, AlgorithmHMACSHA256: aliceHMAC}[algorithm]

			var wg sync.WaitGroup
			for range 4 {
				wg.Go(func() {
					for range 50 {
						ld := newEvent(t, workspaceCreated, map[string]any{"owner": "alice", "email": "x"})
						assert.NoError(t, p.processor.ConsumeLogs(context.Background(), ld))
					}
				})
			}
			wg.Wait()

			require.Equal(t, 200, p.sink.LogRecordCount())
			for _, ld := range p.sink.AllLogs() {
				owner, _ := recordOf(ld).Attributes().Get("owner")
				assert.Equal(t, want, owner.Str())
			}
		})
	}
}
