package e2e

import (
	"bufio"
	"encoding/json"
	"fmt"
	"net/http"
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
	col, httpPort := startDefaultCollector(t)

	x := expect(t, parseManifest(t, runSimulator(t, httpPort, 200, 5)))
	require.Eventually(t, func() bool {
		printed, err := dryRunEvents(col.stdout.String())
		return err == nil && len(distinctIDs(printed)) >= len(x.events)
	}, deliveryTimeout, 200*time.Millisecond, "the dry run did not print every planned event")
	col.stop()

	printed, err := dryRunEvents(col.stdout.String())
	require.NoError(t, err)
	x.checkExactlyOnce(t, printed)
	x.checkNoSecrets(t, []byte(col.stdout.String()))
}

// TestDefaultConfigWithWriteKeySendsToTheEndpoint runs the default configuration with a write
// key, as a user sending to Segment would, and checks that the environment variables choose
// where the batches go and whether the gate is open.
func TestDefaultConfigWithWriteKeySendsToTheEndpoint(t *testing.T) {
	tests := []struct {
		name     string
		env      []string
		gateOpen bool
	}{
		{name: "gate open", gateOpen: true},
		{name: "PRODUCT_TELEMETRY_ENABLED=false", env: []string{"PRODUCT_TELEMETRY_ENABLED=false"}},
		{name: "DO_NOT_TRACK=1", env: []string{"DO_NOT_TRACK=1"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			capture := newCaptureServer(t)
			writeKey := []string{"ANALYTICS_WRITE_KEY=" + testWriteKey, "ANALYTICS_ENDPOINT=" + capture.URL()}
			col, httpPort := startDefaultCollector(t, append(writeKey, tt.env...)...)

			x := expect(t, parseManifest(t, runSimulator(t, httpPort, 120, 13)))
			if tt.gateOpen {
				require.True(t, capture.waitForEvents(len(x.events), deliveryTimeout),
					"only %d of %d events arrived", len(distinctIDs(capture.events())), len(x.events))
			}
			// A graceful stop drains the sending queue: what was going to be sent has been sent.
			col.stop()

			printed, err := dryRunEvents(col.stdout.String())
			require.NoError(t, err)
			assert.Empty(t, printed, "with a write key nothing is printed")
			if !tt.gateOpen {
				assert.Zero(t, capture.requestCount(), "the analytics endpoint was contacted with the gate closed")
				return
			}
			x.checkExactlyOnce(t, capture.events())
			x.checkNoSecrets(t, capture.rawBytes())
		})
	}
}

func TestDefaultConfigAllowsConfiguredBrowserOrigins(t *testing.T) {
	const allowed = "https://app.example.com"
	_, httpPort := startDefaultCollector(t, "PRODUCT_TELEMETRY_CORS_ORIGINS=["+allowed+"]")

	tests := []struct {
		origin    string
		wantAllow string
	}{
		{origin: allowed, wantAllow: allowed},
		{origin: "https://elsewhere.example.org", wantAllow: ""},
	}
	for _, tt := range tests {
		t.Run(tt.origin, func(t *testing.T) {
			req, err := http.NewRequest(http.MethodOptions, fmt.Sprintf("http://127.0.0.1:%d/v1/logs", httpPort), nil)
			require.NoError(t, err)
			req.Header.Set("Origin", tt.origin)
			req.Header.Set("Access-Control-Request-Method", http.MethodPost)
			resp, err := http.DefaultClient.Do(req)
			require.NoError(t, err)
			resp.Body.Close()
			assert.Equal(t, tt.wantAllow, resp.Header.Get("Access-Control-Allow-Origin"))
		})
	}
}

// startDefaultCollector runs the collector on the default configuration, as `make run` does
// but on free loopback ports and a temporary queue directory, and returns its OTLP/HTTP port.
func startDefaultCollector(t *testing.T, env ...string) (*collector, int) {
	t.Helper()
	storage := "PRODUCT_TELEMETRY_STORAGE_DIR=" + filepath.Join(t.TempDir(), "queue")
	var httpPort int
	col := startOnFreePorts(t, func() launch {
		httpPort = freePort(t)
		healthPort := freePort(t)
		ports := []string{
			fmt.Sprintf("PRODUCT_TELEMETRY_HTTP_ENDPOINT=127.0.0.1:%d", httpPort),
			fmt.Sprintf("PRODUCT_TELEMETRY_GRPC_ENDPOINT=127.0.0.1:%d", freePort(t)),
			fmt.Sprintf("PRODUCT_TELEMETRY_HEALTH_ENDPOINT=127.0.0.1:%d", healthPort),
			fmt.Sprintf("PRODUCT_TELEMETRY_METRICS_PORT=%d", freePort(t)),
			storage,
		}
		return launch{configPath: defaultConfig, healthPort: healthPort, env: append(ports, env...)}
	})
	return col, httpPort
}

// dryRunEvents parses the Segment batches the dry run wrote, one JSON document per line. A
// last line without its newline is still being written and is left for the next call.
func dryRunEvents(stdout string) ([]segmentEvent, error) {
	complete := stdout[:strings.LastIndexByte(stdout, '\n')+1]
	var events []segmentEvent
	sc := bufio.NewScanner(strings.NewReader(complete))
	sc.Buffer(make([]byte, 0, 1<<20), 8<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 || line[0] != '{' {
			continue
		}
		var batch segmentBatch
		if err := json.Unmarshal(line, &batch); err != nil {
			return nil, fmt.Errorf("stdout line is not a Segment batch: %w: %.200s", err, line)
		}
		events = append(events, batch.Batch...)
	}
	return events, sc.Err()
}
