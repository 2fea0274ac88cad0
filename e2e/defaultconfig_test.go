package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// defaultConfig is the configuration `make run` uses, relative to this package.
const defaultConfig = "../config/config.yaml"

func TestValidateDefaultConfig(t *testing.T) {
	tests := []struct {
		name    string
		env     []string
		wantErr string
	}{
		{name: "defaults"},
		{name: "write key and endpoint", env: []string{
			"ANALYTICS_WRITE_KEY=abc", "ANALYTICS_ENDPOINT=https://events.eu1.segmentapis.com"}},
		{name: "gate closed", env: []string{"PRODUCT_TELEMETRY_ENABLED=false"}},
		{name: "CORS origins", env: []string{"PRODUCT_TELEMETRY_CORS_ORIGINS=[https://app.example.com]"}},
		{name: "gate not a boolean", env: []string{"PRODUCT_TELEMETRY_ENABLED=perhaps"}, wantErr: "enabled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cmd := exec.Command(collectorBinary(t), "validate", "--config", defaultConfig)
			cmd.Env = append(cleanEnv(), "PRODUCT_TELEMETRY_STORAGE_DIR="+filepath.Join(t.TempDir(), "queue"))
			cmd.Env = append(cmd.Env, tt.env...)
			out, err := cmd.CombinedOutput()
			if tt.wantErr == "" {
				assert.NoError(t, err, "validate failed:\n%s", out)
				return
			}
			assert.Error(t, err)
			assert.Contains(t, string(out), tt.wantErr)
		})
	}
}

// TestDefaultConfigDryRunPrintsAnonymizedBatches runs the collector as `make run` does, without
// a write key, and reads the Segment batches it prints to standard output.
func TestDefaultConfigDryRunPrintsAnonymizedBatches(t *testing.T) {
	httpPort, healthPort := freePort(t), freePort(t)
	col := startCollector(t, defaultConfig, healthPort,
		fmt.Sprintf("PRODUCT_TELEMETRY_HTTP_ENDPOINT=127.0.0.1:%d", httpPort),
		fmt.Sprintf("PRODUCT_TELEMETRY_GRPC_ENDPOINT=127.0.0.1:%d", freePort(t)),
		fmt.Sprintf("PRODUCT_TELEMETRY_HEALTH_ENDPOINT=127.0.0.1:%d", healthPort),
		fmt.Sprintf("PRODUCT_TELEMETRY_METRICS_PORT=%d", freePort(t)),
		"PRODUCT_TELEMETRY_STORAGE_DIR="+filepath.Join(t.TempDir(), "queue"),
	)

	x := expect(t, parseManifest(t, runSimulator(t, httpPort, 200, 5)))
	var printed []segmentEvent
	require.Eventually(t, func() bool {
		printed = dryRunEvents(t, col.stdout.String())
		return len(distinctIDs(printed)) >= len(x.events)
	}, deliveryTimeout, 200*time.Millisecond, "the dry run did not print every planned event")
	col.stop()

	x.checkExactlyOnce(t, dryRunEvents(t, col.stdout.String()))
	x.checkNoSecrets(t, []byte(col.stdout.String()))
}

// dryRunEvents parses the Segment batches the dry run wrote, one JSON document per line.
func dryRunEvents(t *testing.T, stdout string) []segmentEvent {
	var events []segmentEvent
	sc := bufio.NewScanner(strings.NewReader(stdout))
	sc.Buffer(make([]byte, 0, 1<<20), 8<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 || line[0] != '{' {
			continue
		}
		var batch segmentBatch
		require.NoError(t, json.Unmarshal(line, &batch), "stdout line is not a Segment batch: %.200s", line)
		events = append(events, batch.Batch...)
	}
	return events
}
