package producttelemetryprocessor

import (
	"path/filepath"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/confmap"
	"go.opentelemetry.io/collector/confmap/confmaptest"

	"github.com/producttelemetry/collector/processor/producttelemetryprocessor/internal/metadata"
)

func TestLoadConfig(t *testing.T) {
	cm, err := confmaptest.LoadConf(filepath.Join("testdata", "config.yaml"))
	require.NoError(t, err)

	tests := []struct {
		id       component.ID
		expected *Config
	}{
		{
			id:       component.NewID(metadata.Type),
			expected: createDefaultConfig().(*Config),
		},
		{
			id: component.NewIDWithName(metadata.Type, "all_settings"),
			expected: &Config{
				Enabled:           true,
				RespectDoNotTrack: false,
				PlanFile:          "testdata/plan.yaml",
				UnknownEvents:     UnknownEventsPass,
				OnViolation:       OnViolationDropEvent,
				Anonymization: AnonymizationConfig{
					Algorithm: AlgorithmHMACSHA256,
					Key:       "0123456789abcdef0123456789abcdef",
				},
				IdentityAttribute: "host.id",
				WarnInterval:      10 * time.Second,
			},
		},
		{
			id: component.NewIDWithName(metadata.Type, "disabled"),
			expected: func() *Config {
				cfg := createDefaultConfig().(*Config)
				cfg.Enabled = false
				return cfg
			}(),
		},
	}
	for _, tt := range tests {
		t.Run(tt.id.String(), func(t *testing.T) {
			cfg := createDefaultConfig()
			sub, err := cm.Sub(tt.id.String())
			require.NoError(t, err)
			require.NoError(t, sub.Unmarshal(cfg))
			require.NoError(t, confmap.Validate(cfg))
			assert.Equal(t, tt.expected, cfg)
		})
	}
}

func TestDefaultConfig(t *testing.T) {
	cfg := createDefaultConfig().(*Config)
	assert.True(t, cfg.Enabled)
	assert.True(t, cfg.RespectDoNotTrack)
	assert.Empty(t, cfg.PlanFile)
	assert.Equal(t, UnknownEventsDrop, cfg.UnknownEvents)
	assert.Equal(t, OnViolationRemoveProperty, cfg.OnViolation)
	assert.Equal(t, AlgorithmSHA256, cfg.Anonymization.Algorithm)
	assert.Empty(t, cfg.Anonymization.Key)
	assert.Equal(t, "service.instance.id", cfg.IdentityAttribute)
	assert.Equal(t, time.Minute, cfg.WarnInterval)
	require.NoError(t, cfg.Validate())
}

func TestConfigValidateErrors(t *testing.T) {
	cm, err := confmaptest.LoadConf(filepath.Join("testdata", "config.yaml"))
	require.NoError(t, err)

	tests := []struct {
		name    string
		wantErr []string
	}{
		{name: "unknown_algorithm", wantErr: []string{`anonymization.algorithm must be "sha256" or "hmac-sha256", got "md5"`}},
		{name: "hmac_without_key", wantErr: []string{`anonymization.key is required`}},
		{name: "short_key", wantErr: []string{`anonymization.key must be at least 32 bytes long`, "got 9"}},
		{name: "key_without_hmac", wantErr: []string{`anonymization.key is only used with anonymization.algorithm "hmac-sha256"`}},
		{name: "missing_plan", wantErr: []string{"plan_file:", "does-not-exist.yaml"}},
		{name: "broken_plan", wantErr: []string{"plan_file:", "source is missing"}},
		{name: "bad_choices", wantErr: []string{`unknown_events must be "drop" or "pass", got "keep"`,
			`on_violation must be "remove_property" or "drop_event", got "ignore"`}},
		{name: "empty_identity", wantErr: []string{"identity_attribute must not be empty"}},
		{name: "kept_identity", wantErr: []string{`identity_attribute "service.name" is kept in clear`}},
		{name: "reserved_identity", wantErr: []string{`identity_attribute must not start with "producttelemetry."`}},
		{name: "clear_identity", wantErr: []string{`identity_attribute "channel" is a property that event "Message Received" keeps in clear`}},
		{name: "zero_warn_interval", wantErr: []string{"warn_interval must be greater than zero"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg := createDefaultConfig()
			sub, err := cm.Sub(component.NewIDWithName(metadata.Type, tt.name).String())
			require.NoError(t, err)
			require.NoError(t, sub.Unmarshal(cfg))
			err = confmap.Validate(cfg)
			require.Error(t, err)
			for _, want := range tt.wantErr {
				assert.ErrorContains(t, err, want)
			}
		})
	}
}

func TestConfigErrorsDoNotRevealKey(t *testing.T) {
	cfg := createDefaultConfig().(*Config)
	cfg.Anonymization.Algorithm = AlgorithmHMACSHA256
	cfg.Anonymization.Key = "secret-but-short"
	err := cfg.Validate()
	require.Error(t, err)
	assert.NotContains(t, err.Error(), "secret-but-short")
}
