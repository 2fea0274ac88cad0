package main

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunReportsBrokenRegistry(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		wantErr string
	}{
		{
			name: "unresolved ref",
			yaml: "groups:\n  - id: event.a\n    type: event\n    name: A\n" +
				"    annotations: {producttelemetry: {source: backend}}\n    attributes:\n      - ref: missing\n",
			wantErr: `events.yaml: line 7: event "A": attribute "missing": unresolved ref`,
		},
		{
			name:    "not YAML",
			yaml:    "groups: [",
			wantErr: `events.yaml: line 1:`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			registry := filepath.Join(dir, "registry")
			require.NoError(t, os.Mkdir(registry, 0o755))
			require.NoError(t, os.WriteFile(filepath.Join(registry, "events.yaml"), []byte(tt.yaml), 0o644))

			err := run(dir)
			require.Error(t, err)
			assert.Contains(t, err.Error(), filepath.Join(registry, tt.wantErr))

			written, err := filepath.Glob(filepath.Join(dir, "generated_*.go"))
			require.NoError(t, err)
			assert.Empty(t, written, "nothing is written for a broken registry")
		})
	}
}

func TestRunWritesTheGeneratedFiles(t *testing.T) {
	dir := t.TempDir()
	registry := filepath.Join(dir, "registry")
	require.NoError(t, os.Mkdir(registry, 0o755))
	source, err := filepath.Glob(filepath.Join("..", "..", "registry", "*.yaml"))
	require.NoError(t, err)
	for _, path := range source {
		data, err := os.ReadFile(path)
		require.NoError(t, err)
		require.NoError(t, os.WriteFile(filepath.Join(registry, filepath.Base(path)), data, 0o644))
	}

	require.NoError(t, run(dir))
	for _, name := range []string{"generated_events.go", "generated_attributes.go", "generated_emitter.go"} {
		want, err := os.ReadFile(filepath.Join("..", "..", name))
		require.NoError(t, err)
		got, err := os.ReadFile(filepath.Join(dir, name))
		require.NoError(t, err)
		assert.Equal(t, string(want), string(got), "%s from the built-in registry", name)
	}
}
