package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.yaml.in/yaml/v3"
)

// ourComponents are the packages of this module that ocb compiles into the distribution.
var ourComponents = []string{
	"github.com/producttelemetry/collector/processor/producttelemetryprocessor",
	"github.com/producttelemetry/collector/exporter/analyticsexporter",
}

// TestBinaryBuiltWithTheModuleVersions checks that the generated distribution module (next to
// the binary) selects, for every module our components link, the version this repository's
// go.mod selects: the unit tests and the binary then run the same code.
func TestBinaryBuiltWithTheModuleVersions(t *testing.T) {
	buildDir := filepath.Dir(collectorBinary(t))
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH")
	}
	ours := linkedModules(t, goBin, "..")
	theirs := linkedModules(t, goBin, buildDir)
	require.NotEmpty(t, ours)
	for path, version := range ours {
		if path == "github.com/producttelemetry/collector" {
			continue
		}
		assert.Equal(t, version, theirs[path], "version of %s in %s/go.mod", path, buildDir)
	}
}

// linkedModules lists the modules providing the packages our components depend on, as
// selected by the module in dir.
func linkedModules(t *testing.T, goBin, dir string) map[string]string {
	t.Helper()
	args := append([]string{"list", "-deps", "-f", "{{with .Module}}{{.Path}} {{.Version}}{{end}}"}, ourComponents...)
	cmd := exec.Command(goBin, args...)
	cmd.Dir = dir
	out, err := cmd.Output()
	require.NoError(t, err, "go list in %s", dir)
	mods := map[string]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, version, _ := strings.Cut(line, " ")
		mods[path] = version
	}
	return mods
}

// TestBinaryHasTheDistributionComponents checks the binary against builder-config.yaml: the
// components the distribution promises are compiled in, ours from this repository.
func TestBinaryHasTheDistributionComponents(t *testing.T) {
	out, err := exec.Command(collectorBinary(t), "components").Output()
	require.NoError(t, err)
	type component struct {
		Name   string `yaml:"name"`
		Module string `yaml:"module"`
	}
	var listed struct {
		Receivers  []component `yaml:"receivers"`
		Processors []component `yaml:"processors"`
		Exporters  []component `yaml:"exporters"`
		Extensions []component `yaml:"extensions"`
	}
	require.NoError(t, yaml.Unmarshal(out, &listed))
	got := map[string][]component{"receivers": listed.Receivers, "processors": listed.Processors,
		"exporters": listed.Exporters, "extensions": listed.Extensions}

	const (
		ours    = "github.com/producttelemetry/collector "
		contrib = "github.com/open-telemetry/opentelemetry-collector-contrib/"
	)
	tests := []struct {
		kind, name   string
		modulePrefix string
	}{
		{"receivers", "otlp", "go.opentelemetry.io/collector/receiver/otlpreceiver "},
		{"processors", "memory_limiter", "go.opentelemetry.io/collector/processor/memorylimiterprocessor "},
		{"processors", "batch", "go.opentelemetry.io/collector/processor/batchprocessor "},
		{"processors", "producttelemetry", ours},
		{"exporters", "analytics", ours},
		{"exporters", "debug", "go.opentelemetry.io/collector/exporter/debugexporter "},
		{"extensions", "file_storage", contrib + "extension/storage/filestorage "},
		{"extensions", "health_check", contrib + "extension/healthcheckextension "},
	}
	for _, tt := range tests {
		t.Run(tt.kind+"/"+tt.name, func(t *testing.T) {
			for _, c := range got[tt.kind] {
				if c.Name == tt.name {
					assert.True(t, strings.HasPrefix(c.Module, tt.modulePrefix), "module %q", c.Module)
					return
				}
			}
			t.Errorf("%s %s is not in the binary", tt.kind, tt.name)
		})
	}
}
