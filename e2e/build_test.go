package e2e

import (
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
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
