package producttelemetryprocessor

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestConcurrentConsumers runs batches through one processor from several goroutines, as the
// pipeline may; run with -race. Every goroutine sends its own values, and each output record,
// found by its uid, must carry the hashes of its own input: pooled walk or hashing state that
// leaked between calls would mix them up.
func TestConcurrentConsumers(t *testing.T) {
	const goroutines, batches = 8, 40
	for _, algorithm := range []string{AlgorithmSHA256, AlgorithmHMACSHA256} {
		t.Run(algorithm, func(t *testing.T) {
			p := newPipeline(t, func(cfg *Config) {
				cfg.Anonymization.Algorithm = algorithm
				if algorithm == AlgorithmHMACSHA256 {
					cfg.Anonymization.Key = testHMACKey
				}
			})
			hash := referenceHash(algorithm)

			var wg sync.WaitGroup
			for g := range goroutines {
				wg.Go(func() {
					for i := range batches {
						ld := newEvent(t, workspaceCreated, map[string]any{
							"owner": fmt.Sprintf("owner-%d-%d", g, i), "email": "x",
							"member_names":   []any{fmt.Sprintf("m-%d", g), fmt.Sprintf("m-%d", i)},
							"log.record.uid": fmt.Sprintf("%016x%016x", g, i),
						})
						resourceOf(ld).PutStr("service.instance.id", fmt.Sprintf("install-%d", g))
						assert.NoError(t, p.processor.ConsumeLogs(context.Background(), ld))
					}
				})
			}
			wg.Wait()

			require.Equal(t, goroutines*batches, p.sink.LogRecordCount())
			for _, ld := range p.sink.AllLogs() {
				attrs := recordOf(ld).Attributes().AsRaw()
				var g, i int
				_, err := fmt.Sscanf(attrs["log.record.uid"].(string), "%016x%016x", &g, &i)
				require.NoError(t, err)
				assert.Equal(t, hash(fmt.Sprintf("owner-%d-%d", g, i)), attrs["owner"])
				assert.Equal(t, []any{hash(fmt.Sprintf("m-%d", g)), hash(fmt.Sprintf("m-%d", i))}, attrs["member_names"])
				id, _ := resourceOf(ld).Get("producttelemetry.anonymous_id")
				assert.Equal(t, hash(fmt.Sprintf("install-%d", g)), id.Str())
			}
		})
	}
}

// referenceHash computes the anonymized form independently of the processor's anonymizer.
func referenceHash(algorithm string) func(string) string {
	return func(s string) string {
		if algorithm == AlgorithmSHA256 {
			sum := sha256.Sum256([]byte(s))
			return hex.EncodeToString(sum[:])
		}
		mac := hmac.New(sha256.New, []byte(testHMACKey))
		mac.Write([]byte(s))
		return hex.EncodeToString(mac.Sum(nil))
	}
}
