package semconv_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/require"

	"github.com/producttelemetry/collector/semconv"
	"github.com/producttelemetry/collector/semconv/internal/codegen"
)

// TestGeneratedCodeIsCurrent fails when the registry or the generator changed without
// `go generate ./semconv/...` being run afterwards, or when a generated file is left over.
func TestGeneratedCodeIsCurrent(t *testing.T) {
	declared, err := codegen.DeclaredNames(".")
	require.NoError(t, err)
	files, err := codegen.Generate(semconv.Builtin(), declared)
	require.NoError(t, err)
	require.NotEmpty(t, files)

	written := map[string]bool{}
	for _, file := range files {
		written[file.Name] = true
	}
	onDisk, err := filepath.Glob("generated_*.go")
	require.NoError(t, err)
	for _, name := range onDisk {
		if !written[name] && !strings.HasSuffix(name, "_test.go") {
			t.Errorf("%s is not written by the generator any more; delete it", name)
		}
	}

	for _, file := range files {
		committed, err := os.ReadFile(file.Name)
		require.NoError(t, err, "generated file is missing; run go generate ./semconv/...")
		if line, want, got := firstDifference(string(file.Data), string(committed)); line > 0 {
			t.Errorf("%s is stale at line %d; run go generate ./semconv/...\nwant: %s\ngot:  %s",
				file.Name, line, want, got)
		}
	}
}

// firstDifference returns the 1-based number of the first line where want and got differ,
// with both lines, or 0 when they are equal.
func firstDifference(want, got string) (int, string, string) {
	wantLines, gotLines := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := range max(len(wantLines), len(gotLines)) {
		w, g := lineAt(wantLines, i), lineAt(gotLines, i)
		if w != g {
			return i + 1, w, g
		}
	}
	return 0, "", ""
}

func lineAt(lines []string, i int) string {
	if i < len(lines) {
		return lines[i]
	}
	return "<end of file>"
}
