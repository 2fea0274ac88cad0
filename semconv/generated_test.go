package semconv_test

import (
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/producttelemetry/collector/semconv"
	"github.com/producttelemetry/collector/semconv/internal/codegen"
)

// TestGeneratedCodeIsCurrent fails when the registry or the generator changed without
// `go generate ./semconv/...` being run afterwards.
func TestGeneratedCodeIsCurrent(t *testing.T) {
	declared, err := codegen.DeclaredNames(".")
	require.NoError(t, err)
	files, err := codegen.Generate(semconv.Builtin(), declared)
	require.NoError(t, err)
	require.NotEmpty(t, files)

	for _, file := range files {
		committed, err := os.ReadFile(file.Name)
		require.NoError(t, err, "generated file is missing; run go generate ./semconv/...")
		assert.Equal(t, string(file.Data), string(committed),
			"%s is stale; run go generate ./semconv/...", file.Name)
	}
}
