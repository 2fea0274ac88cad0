package semconv_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/producttelemetry/collector/semconv"
)

func TestLoadSingleFile(t *testing.T) {
	plan, err := semconv.Load(filepath.Join("testdata", "plan.yaml"))
	require.NoError(t, err)
	require.Len(t, plan.Events(), 2)

	saved := plan.Lookup("Document Saved")
	require.NotNil(t, saved)
	assert.Equal(t, semconv.SourceBackend, saved.Source)
	assert.Equal(t, "Editor", saved.Screen)
	assert.Equal(t, "event.document_saved", saved.ID)
	require.Len(t, saved.Properties, 4)

	kind := saved.Property("document_kind")
	assert.Equal(t, semconv.TypeString, kind.Type)
	assert.Equal(t, semconv.RequirementRequired, kind.RequirementLevel)
	assert.Equal(t, []semconv.Member{
		{ID: "note", Brief: "A short note.", Value: "note"},
		{ID: "report", Brief: "A long report.", Value: "report"},
	}, kind.Members)

	account := saved.Property("account")
	assert.True(t, account.Anonymized)
	assert.Equal(t, "Account that saved the document.", account.Brief, "the ref overrides the brief")
	assert.Equal(t, semconv.RequirementRecommended, account.RequirementLevel)

	priority := saved.Property("priority")
	assert.Equal(t, semconv.TypeInt, priority.Type)
	assert.Equal(t, int64(2), priority.Members[1].Value)
	assert.Equal(t, semconv.RequirementConditionallyRequired, priority.RequirementLevel)
	assert.Equal(t, "when the document has a priority", priority.RequirementCondition)

	assert.Equal(t, semconv.TypeInt, saved.Property("word_count").Type, "an event may define its own attribute")
	assert.Equal(t, semconv.SourceFrontend, plan.Lookup("editor:opened").Source)

	var keys []string
	for _, a := range plan.Attributes() {
		keys = append(keys, a.Key)
	}
	assert.Equal(t, []string{"document_kind", "account", "priority"}, keys)
	assert.Equal(t, "Account that owns the document.", plan.Attributes()[1].Brief, "definitions keep their own brief")
}

func TestLoadDirectory(t *testing.T) {
	plan, err := semconv.Load(filepath.Join("testdata", "registry-dir"))
	require.NoError(t, err)
	require.Len(t, plan.Events(), 1)
	checkout := plan.Lookup("Checkout")
	require.NotNil(t, checkout)
	assert.Equal(t, semconv.TypeInt, checkout.Property("cart_size").Type, "refs resolve across files")
}

func TestLoadDirectorySkipsEitherManifestName(t *testing.T) {
	for _, manifest := range []string{"manifest.yaml", "registry_manifest.yaml"} {
		t.Run(manifest, func(t *testing.T) {
			dir := t.TempDir()
			for _, name := range []string{"attributes.yaml", "events.yml", "manifest.yaml"} {
				data, err := os.ReadFile(filepath.Join("testdata", "registry-dir", name))
				require.NoError(t, err)
				if name == "manifest.yaml" {
					name = manifest
				}
				require.NoError(t, os.WriteFile(filepath.Join(dir, name), data, 0o600))
			}

			plan, err := semconv.Load(dir)
			require.NoError(t, err, "a manifest is not a file of groups")
			assert.Len(t, plan.Events(), 1)
		})
	}
}

func TestLoadBuiltinRegistryDirectory(t *testing.T) {
	plan, err := semconv.Load("registry")
	require.NoError(t, err)
	assert.Equal(t, semconv.Builtin().Events(), plan.Events())
}

func TestLoadErrors(t *testing.T) {
	emptyDir := t.TempDir()
	dirNamedYAML := filepath.Join(t.TempDir(), "plan.yaml")
	require.NoError(t, os.Mkdir(dirNamedYAML, 0o755))
	danglingDir := t.TempDir()
	require.NoError(t, os.Symlink(filepath.Join(danglingDir, "gone"), filepath.Join(danglingDir, "plan.yaml")))

	tests := []struct {
		name, path, wantErr string
	}{
		{"missing file", filepath.Join("testdata", "missing.yaml"), "missing.yaml"},
		{"empty directory", emptyDir, "semconv: registry directory " + emptyDir + ": holds no *.yaml or *.yml files"},
		{"directory named like a file", dirNamedYAML, "semconv: registry directory " + dirNamedYAML + ": holds no"},
		{"unreadable file in a directory", danglingDir, "semconv: registry directory " + danglingDir + ": open plan.yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := semconv.Load(tt.path)
			require.Error(t, err)
			assert.Nil(t, plan)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}
