package e2e

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"text/template"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// binaryEnv names the environment variable that points the tests at the collector binary.
const binaryEnv = "OTELCOL_BINARY"

// startTimeout bounds how long a collector may take to report healthy.
const startTimeout = 60 * time.Second

// collectorBinary returns the binary under test, or skips the test when none is given.
func collectorBinary(t *testing.T) string {
	t.Helper()
	bin := os.Getenv(binaryEnv)
	if bin == "" {
		t.Skipf("%s is not set: run `make test` (or `make e2e-test`), which builds the collector and sets it", binaryEnv)
	}
	abs, err := filepath.Abs(bin)
	require.NoError(t, err)
	_, err = os.Stat(abs)
	require.NoError(t, err, "%s points at a missing binary", binaryEnv)
	return abs
}

// pipelineConfig is the collector configuration the tests generate.
type pipelineConfig struct {
	GRPCPort   int
	HTTPPort   int
	HealthPort int
	// Endpoint is the analytics endpoint; the write key is always testWriteKey.
	Endpoint string
	// Enabled is the enabled setting of both the processor and the exporter.
	Enabled bool
	// StorageDir, when set, puts the sending queue on file_storage in that directory.
	StorageDir string
	// PlanFile, when set, replaces the built-in tracking plan.
	PlanFile string
}

var pipelineTemplate = template.Must(template.New("config").Parse(`
receivers:
  otlp:
    protocols:
      grpc:
        endpoint: 127.0.0.1:{{.GRPCPort}}
      http:
        endpoint: 127.0.0.1:{{.HTTPPort}}
processors:
  producttelemetry:
    enabled: {{.Enabled}}
{{- if .PlanFile}}
    plan_file: {{.PlanFile}}
{{- end}}
    anonymization:
      algorithm: sha256
exporters:
  analytics:
    enabled: {{.Enabled}}
    endpoint: {{.Endpoint}}
    write_key: ` + testWriteKey + `
    timeout: 5s
    retry_on_failure:
      enabled: true
      initial_interval: 100ms
      max_interval: 500ms
      max_elapsed_time: 0s
    sending_queue:
      num_consumers: 2
{{- if .StorageDir}}
      storage: file_storage
{{- end}}
extensions:
  health_check:
    endpoint: 127.0.0.1:{{.HealthPort}}
{{- if .StorageDir}}
  file_storage:
    directory: {{.StorageDir}}
    create_directory: true
{{- end}}
service:
  extensions: [health_check{{if .StorageDir}}, file_storage{{end}}]
  pipelines:
    logs:
      receivers: [otlp]
      processors: [producttelemetry]
      exporters: [analytics]
  telemetry:
    metrics:
      level: none
`))

// newPipelineConfig returns a configuration that sends to endpoint; start picks its ports.
func newPipelineConfig(endpoint string) pipelineConfig {
	return pipelineConfig{Endpoint: endpoint, Enabled: true}
}

// write renders the configuration into a file in dir and returns its path.
func (c pipelineConfig) write(t *testing.T, dir string) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, pipelineTemplate.Execute(&buf, c))
	path := filepath.Join(dir, "config.yaml")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o600))
	return path
}

// start picks free loopback ports, writes the configuration and runs a collector on it. It
// returns the collector and the configuration file, for restarts.
func (c *pipelineConfig) start(t *testing.T, env ...string) (*collector, string) {
	t.Helper()
	dir := t.TempDir()
	var path string
	col := startOnFreePorts(t, func() launch {
		c.GRPCPort, c.HTTPPort, c.HealthPort = freePort(t), freePort(t), freePort(t)
		path = c.write(t, dir)
		return launch{configPath: path, healthPort: c.HealthPort, env: env}
	})
	return col, path
}

// portAttempts bounds how often a start is retried because another process took a port
// between freePort and the collector binding it.
const portAttempts = 5

// errPortTaken reports that the collector could not bind a port freePort had found free.
var errPortTaken = errors.New("a listen port was taken before the collector bound it")

// launch is how to run one collector: its configuration file, health check port and extra
// environment.
type launch struct {
	configPath string
	healthPort int
	env        []string
}

// startOnFreePorts runs a collector as setup prepares it, with fresh ports on every attempt,
// and retries when a port was taken meanwhile.
func startOnFreePorts(t *testing.T, setup func() launch) *collector {
	t.Helper()
	for attempt := 1; ; attempt++ {
		l := setup()
		c, err := launchCollector(t, l.configPath, l.healthPort, l.env...)
		if err == nil {
			return c
		}
		if !errors.Is(err, errPortTaken) || attempt == portAttempts {
			t.Fatal(err)
		}
		t.Logf("attempt %d: %v; retrying on other ports", attempt, err)
	}
}

// collector is one running collector process.
type collector struct {
	t          *testing.T
	cmd        *exec.Cmd
	stdout     *syncBuffer
	stderr     *syncBuffer
	healthPort int
	exited     chan struct{}
	waitErr    error
}

// restartCollector runs a collector again on the same configuration and ports, as after a
// crash, with the given extra environment. Senders know those ports, so a port taken meanwhile
// is waited for, not replaced.
func restartCollector(t *testing.T, configPath string, healthPort int, env ...string) *collector {
	t.Helper()
	for attempt := 1; ; attempt++ {
		c, err := launchCollector(t, configPath, healthPort, env...)
		if err == nil {
			return c
		}
		if !errors.Is(err, errPortTaken) || attempt == portAttempts {
			t.Fatal(err)
		}
		time.Sleep(500 * time.Millisecond)
	}
}

// launchCollector runs the binary on the configuration file with the given extra environment
// and waits until its health check reports it ready. The process is killed on cleanup.
func launchCollector(t *testing.T, configPath string, healthPort int, env ...string) (*collector, error) {
	t.Helper()
	c := &collector{t: t, stdout: &syncBuffer{}, stderr: &syncBuffer{}, healthPort: healthPort,
		exited: make(chan struct{})}
	c.cmd = exec.Command(collectorBinary(t), "--config", configPath)
	c.cmd.Env = append(cleanEnv(), env...)
	c.cmd.Stdout = c.stdout
	c.cmd.Stderr = c.stderr
	if err := c.cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		c.waitErr = c.cmd.Wait()
		close(c.exited)
	}()
	t.Cleanup(func() {
		c.kill()
		if t.Failed() {
			t.Logf("collector stderr (tail):\n%s", tail(c.stderr.String(), 4000))
		}
	})
	if err := c.waitHealthy(); err != nil {
		c.kill()
		return nil, err
	}
	return c, nil
}

// cleanEnv is the test's environment without the variables that change the collector's behaviour.
func cleanEnv() []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		if name == "DO_NOT_TRACK" || strings.HasPrefix(name, "PRODUCT_TELEMETRY_") ||
			strings.HasPrefix(name, "ANALYTICS_") {
			continue
		}
		env = append(env, kv)
	}
	return env
}

func (c *collector) waitHealthy() error {
	url := fmt.Sprintf("http://127.0.0.1:%d/", c.healthPort)
	client := &http.Client{Timeout: time.Second}
	deadline := time.Now().Add(startTimeout)
	for time.Now().Before(deadline) {
		select {
		case <-c.exited:
			if strings.Contains(c.stderr.String(), "address already in use") {
				return errPortTaken
			}
			return fmt.Errorf("collector exited before becoming healthy: %v\n%s", c.waitErr, tail(c.stderr.String(), 4000))
		default:
		}
		resp, err := client.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	return fmt.Errorf("collector not healthy after %s\n%s", startTimeout, tail(c.stderr.String(), 4000))
}

// stop asks the collector to shut down gracefully and waits for it, killing it after a timeout.
func (c *collector) stop() {
	c.t.Helper()
	_ = c.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-c.exited:
	case <-time.After(30 * time.Second):
		c.t.Errorf("collector did not stop within 30s of SIGTERM")
		c.kill()
	}
}

// kill ends the collector with SIGKILL, as a crash or an OOM killer would, and waits for it.
func (c *collector) kill() {
	select {
	case <-c.exited:
		return
	default:
	}
	_ = c.cmd.Process.Kill()
	<-c.exited
}

// freePort returns a TCP port on the loopback interface that was free a moment ago.
func freePort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port
}

// syncBuffer is a bytes.Buffer safe for a writing process and a reading test.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}

// TestStartRetriesWhenAPortIsTaken checks the harness itself: a port taken between freePort
// and the collector's bind leads to a retry on other ports, not to a failed test.
func TestStartRetriesWhenAPortIsTaken(t *testing.T) {
	taken, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer taken.Close()

	cfg := newPipelineConfig("http://127.0.0.1:1")
	dir := t.TempDir()
	attempts := 0
	col := startOnFreePorts(t, func() launch {
		attempts++
		cfg.GRPCPort, cfg.HTTPPort, cfg.HealthPort = freePort(t), freePort(t), freePort(t)
		if attempts == 1 {
			cfg.HTTPPort = taken.Addr().(*net.TCPAddr).Port
		}
		return launch{configPath: cfg.write(t, dir), healthPort: cfg.HealthPort}
	})
	col.stop()
	assert.Equal(t, 2, attempts)
}
