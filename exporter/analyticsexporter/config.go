package analyticsexporter // import "github.com/producttelemetry/collector/exporter/analyticsexporter"

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"go.opentelemetry.io/collector/config/configcompression"
	"go.opentelemetry.io/collector/config/confighttp"
	"go.opentelemetry.io/collector/config/configopaque"
	"go.opentelemetry.io/collector/config/configoptional"
	"go.opentelemetry.io/collector/config/configretry"
	"go.opentelemetry.io/collector/exporter/exporterhelper"

	"github.com/producttelemetry/collector/internal/telemetrygate"
)

// Segment's documented limits, which are also the upper bounds of the configurable limits.
const (
	segmentMaxBatchBytes  = 500_000
	segmentMaxEventBytes  = 32_000
	segmentMaxBatchEvents = 2_500
)

// Config defines the configuration of the analytics exporter.
type Config struct {
	// Enabled opens the telemetry gate. When false the exporter sends nothing and writes no
	// dry-run output: every event that reaches it, including those a persistent sending queue
	// kept from an earlier run, is discarded and counted. Default true.
	Enabled bool `mapstructure:"enabled"`

	// RespectDoNotTrack closes the gate, as enabled: false does, when the collector's environment
	// sets DO_NOT_TRACK to 1, true, yes or any other value except empty, 0, false, no and off
	// (case-insensitive). The variable is read once, when the exporter is created. Default true.
	RespectDoNotTrack bool `mapstructure:"respect_do_not_track"`

	// ClientConfig is the HTTP client configuration. Endpoint is the base URL of the analytics
	// endpoint (default https://api.segment.io); requests go to {endpoint}/v1/batch. Timeout
	// bounds each request (default 10s). Compression may be gzip or none (default none).
	confighttp.ClientConfig `mapstructure:",squash"`

	// QueueConfig is the exporterhelper sending queue. Setting its storage to a storage
	// extension (e.g. file_storage) makes the queue persistent across restarts.
	QueueConfig configoptional.Optional[exporterhelper.QueueBatchConfig] `mapstructure:"sending_queue"`

	// RetryConfig is the backoff used for 408, 429, 5xx responses and network errors.
	RetryConfig configretry.BackOffConfig `mapstructure:"retry_on_failure"`

	// WriteKey is the source write key, sent as the user name of HTTP Basic auth with an empty
	// password. Empty means dry run.
	WriteKey configopaque.String `mapstructure:"write_key"`

	// DryRun, when true, sends nothing and writes every request body instead. Default false;
	// dry run is also on whenever write_key is empty.
	DryRun bool `mapstructure:"dry_run"`

	// DryRunPath is the file that receives the dry-run request bodies, one JSON document per
	// line, appended. Empty (the default) means standard output.
	DryRunPath string `mapstructure:"dry_run_path"`

	// MaxBatchBytes is the largest request body, in uncompressed bytes, envelope included.
	// Default and maximum 500000.
	MaxBatchBytes int `mapstructure:"max_batch_bytes"`

	// MaxEventBytes is the largest serialized event; larger events are dropped and counted.
	// Default and maximum 32000; at most max_batch_bytes minus the batch envelope.
	MaxEventBytes int `mapstructure:"max_event_bytes"`

	// MaxBatchEvents is the largest number of events in one request. Default and maximum 2500.
	MaxBatchEvents int `mapstructure:"max_batch_events"`
}

// gate returns the settings of the telemetry gate.
func (cfg *Config) gate() telemetrygate.Settings {
	return telemetrygate.Settings{Enabled: cfg.Enabled, RespectDoNotTrack: cfg.RespectDoNotTrack}
}

// dryRun reports whether the exporter writes request bodies instead of sending them.
func (cfg *Config) dryRun() bool {
	return cfg.DryRun || cfg.WriteKey == ""
}

// Validate checks that the endpoint is usable and that the limits are within Segment's bounds.
func (cfg *Config) Validate() error {
	return errors.Join(
		validateEndpoint(cfg.Endpoint),
		validateCompression(cfg.Compression),
		validateTimeout(cfg.Timeout),
		validateLimit("max_batch_bytes", cfg.MaxBatchBytes, segmentMaxBatchBytes),
		validateLimit("max_event_bytes", cfg.MaxEventBytes, segmentMaxEventBytes),
		validateLimit("max_batch_events", cfg.MaxBatchEvents, segmentMaxBatchEvents),
		validateEventFitsBatch(cfg.MaxEventBytes, cfg.MaxBatchBytes),
	)
}

// validateEndpoint never quotes the endpoint in its errors: a key pasted into it, as credentials
// or even where the scheme goes, would be repeated by url.Parse errors and URL.Redacted alike.
func validateEndpoint(endpoint string) error {
	if endpoint == "" {
		return errors.New("endpoint must not be empty")
	}
	u, err := url.Parse(endpoint)
	if err != nil {
		var urlErr *url.Error
		if errors.As(err, &urlErr) {
			err = urlErr.Err
		}
		return fmt.Errorf("endpoint must be an http or https URL: %w", err)
	}
	if u.User != nil {
		return errors.New("endpoint must not contain credentials; set write_key instead")
	}
	if (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return errors.New("endpoint must be an http or https URL with a host")
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return errors.New("endpoint must not contain a query or fragment")
	}
	path := strings.TrimSuffix(u.Path, "/")
	if strings.HasSuffix(path, "/v1") || strings.HasSuffix(path, "/v1/batch") {
		return errors.New("endpoint must not end with /v1 or /v1/batch: requests already go to {endpoint}/v1/batch")
	}
	return nil
}

func validateCompression(compression configcompression.Type) error {
	if compression.IsCompressed() && compression != configcompression.TypeGzip {
		return fmt.Errorf("compression must be gzip or none, got %q", compression)
	}
	return nil
}

// validateTimeout requires a request timeout: without one, an endpoint that never answers
// would hold a request, and the shutdown, forever.
func validateTimeout(timeout time.Duration) error {
	if timeout <= 0 {
		return fmt.Errorf("timeout must be greater than 0, got %s", timeout)
	}
	return nil
}

func validateLimit(field string, value, upper int) error {
	if value <= 0 || value > upper {
		return fmt.Errorf("%s must be greater than 0 and at most %d, got %d", field, upper, value)
	}
	return nil
}

func validateEventFitsBatch(maxEventBytes, maxBatchBytes int) error {
	if maxEventBytes > maxBatchBytes-batchEnvelopeBytes {
		return fmt.Errorf("max_event_bytes (%d) must be at most max_batch_bytes (%d) minus the %d-byte batch envelope",
			maxEventBytes, maxBatchBytes, batchEnvelopeBytes)
	}
	return nil
}
