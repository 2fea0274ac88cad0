package analyticsexporter

import (
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/config/configcompression"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/confmap/confmaptest"

	"github.com/producttelemetry/collector/exporter/analyticsexporter/internal/metadata"
)

func TestLoadConfig(t *testing.T) {
	cm, err := confmaptest.LoadConf(filepath.Join("testdata", "config.yaml"))
	require.NoError(t, err)

	tests := []struct {
		id     component.ID
		expect func(*Config)
	}{
		{id: component.NewID(metadata.Type), expect: func(*Config) {}},
		{id: component.NewIDWithName(metadata.Type, "eu"), expect: func(cfg *Config) {
			cfg.Endpoint = "https://events.eu1.segmentapis.com"
			cfg.WriteKey = "eu-key"
			cfg.Compression = configcompression.TypeGzip
			cfg.Timeout = 30 * time.Second
			cfg.MaxBatchBytes = 475000
			cfg.MaxEventBytes = 16000
			cfg.MaxBatchEvents = 500
			cfg.RetryConfig.MaxElapsedTime = 10 * time.Minute
			storage := component.MustNewID("file_storage")
			cfg.QueueConfig.Get().StorageID = &storage
		}},
		{id: component.NewIDWithName(metadata.Type, "dry"), expect: func(cfg *Config) {
			cfg.DryRun = true
			cfg.DryRunPath = "/var/lib/otelcol/analytics-dry-run.jsonl"
		}},
		{id: component.NewIDWithName(metadata.Type, "off"), expect: func(cfg *Config) {
			cfg.Enabled = false
			cfg.RespectDoNotTrack = false
		}},
	}
	for _, tt := range tests {
		t.Run(tt.id.String(), func(t *testing.T) {
			cfg := createDefaultConfig().(*Config)
			sub, err := cm.Sub(tt.id.String())
			require.NoError(t, err)
			require.NoError(t, sub.Unmarshal(cfg))
			require.NoError(t, confmap.Validate(cfg))

			want := createDefaultConfig().(*Config)
			tt.expect(want)
			assert.Equal(t, want, cfg)
		})
	}
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		change  func(*Config)
		wantErr string
	}{
		{name: "default is valid", change: func(*Config) {}},
		{name: "self-hosted http endpoint", change: func(c *Config) { c.Endpoint = "http://rudder.internal:8080/" }},
		{name: "empty endpoint", change: func(c *Config) { c.Endpoint = "" }, wantErr: "endpoint must not be empty"},
		{name: "not http", change: func(c *Config) { c.Endpoint = "ftp://x" }, wantErr: "endpoint must be an http or https URL"},
		{name: "no host", change: func(c *Config) { c.Endpoint = "https://" }, wantErr: "endpoint must be an http or https URL"},
		{name: "credentials in url", change: func(c *Config) { c.Endpoint = "https://key:@api.segment.io" },
			wantErr: "endpoint must not contain credentials"},
		{name: "query", change: func(c *Config) { c.Endpoint = "https://x.io?writekey=k" }, wantErr: "query"},
		{name: "path ends with v1", change: func(c *Config) { c.Endpoint = "https://events.eu1.segmentapis.com/v1" },
			wantErr: "endpoint must not end with /v1"},
		{name: "full batch url", change: func(c *Config) { c.Endpoint = "https://api.segment.io/v1/batch" },
			wantErr: "endpoint must not end with /v1 or /v1/batch"},
		{name: "zstd", change: func(c *Config) { c.Compression = configcompression.TypeZstd },
			wantErr: "compression must be gzip or none"},
		{name: "no timeout", change: func(c *Config) { c.Timeout = 0 }, wantErr: "timeout must be greater than 0"},
		{name: "batch bytes above Segment", change: func(c *Config) { c.MaxBatchBytes = 500001 },
			wantErr: "max_batch_bytes must be greater than 0 and at most 500000"},
		{name: "event bytes zero", change: func(c *Config) { c.MaxEventBytes = 0 },
			wantErr: "max_event_bytes must be greater than 0 and at most 32000"},
		{name: "event bytes above Segment", change: func(c *Config) { c.MaxEventBytes = 32001 },
			wantErr: "max_event_bytes must be greater than 0 and at most 32000"},
		{name: "batch events above Segment", change: func(c *Config) { c.MaxBatchEvents = 2501 },
			wantErr: "max_batch_events must be greater than 0 and at most 2500"},
		{name: "negative batch events", change: func(c *Config) { c.MaxBatchEvents = -1 },
			wantErr: "max_batch_events must be greater than 0"},
		{name: "event larger than batch", change: func(c *Config) { c.MaxBatchBytes = 20000 },
			wantErr: "max_event_bytes (32000) must be at most max_batch_bytes (20000)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := createDefaultConfig().(*Config)
			tt.change(cfg)
			err := cfg.Validate()
			if tt.wantErr == "" {
				assert.NoError(t, err)
				return
			}
			assert.ErrorContains(t, err, tt.wantErr)
		})
	}
}

func TestDryRunFollowsWriteKey(t *testing.T) {
	cfg := createDefaultConfig().(*Config)
	assert.True(t, cfg.dryRun(), "no write key by default")
	cfg.WriteKey = "k"
	assert.False(t, cfg.dryRun())
	cfg.DryRun = true
	assert.True(t, cfg.dryRun())
}

func TestEndpointErrorsNeverRepeatTheEndpoint(t *testing.T) {
	// An alphanumeric key parses as a URL scheme when it comes first.
	const key = "wkPASTED9d2a"
	tests := []struct {
		endpoint string
		wantErr  string
	}{
		{endpoint: "https://" + key + ":@api.segment.io", wantErr: "must not contain credentials"},
		{endpoint: "ftp://" + key + "@api.segment.io", wantErr: "must not contain credentials"},
		{endpoint: "https://" + key + ":@api.segment.io:port", wantErr: `invalid port ":port" after host`},
		{endpoint: "https://" + key + ":x@[::1", wantErr: "must be an http or https URL"},
		{endpoint: "https://" + key + "@api.segment.io/\x7f", wantErr: "invalid control character"},
		{endpoint: key + ":@api.segment.io", wantErr: "must be an http or https URL with a host"},
		{endpoint: key + "@api.segment.io", wantErr: "must be an http or https URL with a host"},
	}
	for i, tt := range tests {
		t.Run(fmt.Sprint(i), func(t *testing.T) {
			cfg := createDefaultConfig().(*Config)
			cfg.Endpoint = tt.endpoint
			err := cfg.Validate()
			require.ErrorContains(t, err, tt.wantErr)
			assert.NotContains(t, err.Error(), key)
		})
	}
}
