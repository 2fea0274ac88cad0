package main

import (
	"flag"
	"io"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/producttelemetry/collector/cmd/simulator/simulate"
)

func TestParseFlags(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		check   func(t *testing.T, cfg simulate.Config)
		wantErr string
	}{
		{
			name: "defaults",
			check: func(t *testing.T, cfg simulate.Config) {
				assert.Equal(t, "http://localhost:4318", cfg.Endpoint)
				assert.Equal(t, 100, cfg.Count, "without -duration the run stops after 100 events")
				assert.InDelta(t, 0.05, cfg.UnplannedEventRatio, 1e-9)
				assert.InDelta(t, 0.1, cfg.UnplannedPropertyRatio, 1e-9)
			},
		},
		{
			name: "duration without count",
			args: []string{"-duration", "10m", "-rate", "5", "-seed", "7"},
			check: func(t *testing.T, cfg simulate.Config) {
				assert.Equal(t, 10*time.Minute, cfg.Duration)
				assert.Zero(t, cfg.Count)
				assert.InDelta(t, 5, cfg.Rate, 1e-9)
				assert.Equal(t, uint64(7), cfg.Seed)
			},
		},
		{
			name: "zero shares send nothing unplanned",
			args: []string{"-unplanned-events", "0", "-unplanned-properties", "0"},
			check: func(t *testing.T, cfg simulate.Config) {
				assert.Negative(t, cfg.UnplannedEventRatio, "0 must not turn into the default share")
				assert.Negative(t, cfg.UnplannedPropertyRatio, "0 must not turn into the default share")
			},
		},
		{name: "negative rate", args: []string{"-rate", "-1"}, wantErr: "must not be negative"},
		{name: "share above one", args: []string{"-unplanned-properties", "2"}, wantErr: "must not exceed 1"},
		{name: "unknown flag", args: []string{"-bogus"}, wantErr: "flag provided but not defined: -bogus"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, _, err := parseFlags(tt.args, io.Discard)
			if tt.wantErr != "" {
				require.ErrorContains(t, err, tt.wantErr)
				assert.NotContains(t, err.Error(), "make run", "a flag error is not blamed on the collector")
				return
			}
			require.NoError(t, err)
			tt.check(t, cfg)
		})
	}
}

func TestHelpIsNotAnError(t *testing.T) {
	_, _, err := parseFlags([]string{"-h"}, io.Discard)
	assert.ErrorIs(t, err, flag.ErrHelp)
	assert.NoError(t, run([]string{"-h"}, io.Discard))
}
