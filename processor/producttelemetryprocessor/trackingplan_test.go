package producttelemetryprocessor

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/producttelemetry/collector/semconv"
)

// TestCompilePlanRejects covers what compilePlan refuses even when a plan reaches it without
// semconv's own checks.
func TestCompilePlanRejects(t *testing.T) {
	str := semconv.Property{Key: "name", Type: semconv.TypeString}
	tests := []struct {
		name    string
		events  []semconv.Event
		wantErr string
	}{
		{name: "repeated property", wantErr: `property "name" is defined twice`,
			events: []semconv.Event{{Name: "E", Source: semconv.SourceBackend, Properties: []semconv.Property{str, str}}}},
		{name: "repeated event", wantErr: `event "E" is defined twice`,
			events: []semconv.Event{{Name: "E", Source: semconv.SourceBackend}, {Name: "E", Source: semconv.SourceFrontend}}},
		{name: "unknown source", wantErr: `unknown source "cli"`,
			events: []semconv.Event{{Name: "E", Source: "cli"}}},
		{name: "owned key", wantErr: "owned by the pipeline", events: []semconv.Event{{Name: "E",
			Source: semconv.SourceBackend, Properties: []semconv.Property{{Key: "log.record.uid", Type: semconv.TypeString}}}}},
		{name: "anonymized int", wantErr: "only string and string[] properties can be anonymized", events: []semconv.Event{{
			Name: "E", Source: semconv.SourceBackend,
			Properties: []semconv.Property{{Key: "n", Type: semconv.TypeInt, Anonymized: true}}}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := compilePlan(tt.events)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestCompilePlanIndexesProperties(t *testing.T) {
	plan, err := compilePlan(semconv.Builtin().Events())
	require.NoError(t, err)
	assert.Equal(t, 28, plan.maxProperties, "Status has the most properties")
	status := plan.events["Status"]
	seen := map[int]bool{}
	for _, prop := range status.properties {
		assert.Less(t, prop.index, len(status.properties))
		assert.False(t, seen[prop.index], "index %d used twice", prop.index)
		seen[prop.index] = true
	}
	assert.Contains(t, plan.anonymizedKeys, "username")
	assert.Contains(t, plan.anonymizedKeys, "environment_names")
	assert.NotContains(t, plan.anonymizedKeys, "channel")
}
