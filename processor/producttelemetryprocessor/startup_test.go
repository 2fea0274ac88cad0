package producttelemetryprocessor

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/processor/processortest"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/producttelemetry/collector/processor/producttelemetryprocessor/internal/metadata"
)

func TestStartupLogSaysWhatCanLeave(t *testing.T) {
	tests := []struct {
		name       string
		mutate     func(*Config)
		doNotTrack string
		want       []string
		wantFields map[string]any
	}{
		{
			name:       "built-in catalog with sha256",
			mutate:     func(cfg *Config) { cfg.PlanFile = "" },
			want:       []string{"Product telemetry is on", "Anonymized values are unkeyed SHA-256 hashes"},
			wantFields: map[string]any{"plan": "built-in catalog", "events": int64(48), "anonymization": "sha256"},
		},
		{
			name: "plan file with hmac",
			mutate: func(cfg *Config) {
				cfg.Anonymization.Algorithm = AlgorithmHMACSHA256
				cfg.Anonymization.Key = testHMACKey
			},
			want:       []string{"Product telemetry is on"},
			wantFields: map[string]any{"plan": testPlan, "events": int64(2), "anonymization": "hmac-sha256"},
		},
		{
			name:       "disabled",
			mutate:     func(cfg *Config) { cfg.Enabled = false },
			want:       []string{"Product telemetry is off"},
			wantFields: map[string]any{"reason": "enabled is false in the processor configuration"},
		},
		{
			name:       "DO_NOT_TRACK",
			doNotTrack: "1",
			want:       []string{"Product telemetry is off"},
			wantFields: map[string]any{"reason": "DO_NOT_TRACK is set in the collector's environment"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			core, logs := observer.New(zapcore.InfoLevel)
			set := processortest.NewNopSettings(metadata.Type)
			set.Logger = zap.New(core)
			cfg := createDefaultConfig().(*Config)
			cfg.PlanFile = testPlan
			if tt.mutate != nil {
				tt.mutate(cfg)
			}
			require.NoError(t, cfg.Validate())
			env := func(string) string { return tt.doNotTrack }

			p, err := newProcessor(set, cfg, env)
			require.NoError(t, err)
			require.NoError(t, p.start(context.Background(), componenttest.NewNopHost()))
			t.Cleanup(func() { require.NoError(t, p.shutdown(context.Background())) })

			entries := logs.All()
			require.Len(t, entries, len(tt.want), "one line per fact, said once")
			for i, snippet := range tt.want {
				assert.Contains(t, entries[i].Message, snippet)
			}
			fields := entries[0].ContextMap()
			for key, value := range tt.wantFields {
				assert.Equal(t, value, fields[key], key)
			}
		})
	}
}
