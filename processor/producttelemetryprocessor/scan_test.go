package producttelemetryprocessor

import (
	"context"
	"os"
	"regexp"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/xpdata/entity"

	"github.com/producttelemetry/collector/semconv"
)

var hexHash = regexp.MustCompile(`^[0-9a-f]{64}$`)

// TestOutputScan sends random batches full of raw secrets and unplanned keys and proves that
// none of them appears anywhere in the marshalled output.
func TestOutputScan(t *testing.T) {
	plans := map[string]*semconv.Plan{"builtin": semconv.Builtin(), "testdata": testdataPlan(t)}
	for name, plan := range plans {
		for _, algorithm := range []string{AlgorithmSHA256, AlgorithmHMACSHA256} {
			t.Run(name+"/"+algorithm, func(t *testing.T) {
				p := newPipeline(t, func(cfg *Config) {
					if name == "builtin" {
						cfg.PlanFile = ""
					}
					cfg.Anonymization.Algorithm = algorithm
					if algorithm == AlgorithmHMACSHA256 {
						cfg.Anonymization.Key = testHMACKey
					}
				})
				gen := newGenerator(uint64(len(name)+len(algorithm)), plan)
				for range 200 {
					require.NoError(t, p.processor.ConsumeLogs(context.Background(), gen.logs()))
				}
				require.NotZero(t, p.sink.LogRecordCount(), "the scan must see output")
				for _, ld := range p.sink.AllLogs() {
					assertNoLeak(t, plan, ld)
				}
			})
		}
	}
}

// testdataPlan parses the test plan as semconv sees it, for checking output against it.
func testdataPlan(t *testing.T) *semconv.Plan {
	t.Helper()
	data, err := os.ReadFile(testPlan)
	require.NoError(t, err)
	plan, err := semconv.Parse(testPlan, data)
	require.NoError(t, err)
	return plan
}

// assertNoLeak checks the marshalled batch for markers and its structure against the plan.
func assertNoLeak(t *testing.T, plan *semconv.Plan, ld plog.Logs) {
	t.Helper()
	out, err := (&plog.JSONMarshaler{}).MarshalLogs(ld)
	require.NoError(t, err)
	require.NotContains(t, string(out), secretMarker)
	require.NotContains(t, string(out), unplannedMarker)
	assertPlanned(t, plan, ld)
}

// assertPlanned checks that every key on output is planned or allowlisted, that every
// anonymized value is a hash, that nothing outside attributes is left, and that no resource or
// scope is left without records.
func assertPlanned(t *testing.T, plan *semconv.Plan, ld plog.Logs) {
	t.Helper()
	for _, rl := range ld.ResourceLogs().All() {
		assert.NotZero(t, rl.ScopeLogs().Len(), "a resource without records is forwarded")
		assert.Zero(t, entity.ResourceEntityRefs(rl.Resource()).Len())
		assert.Empty(t, rl.SchemaUrl())
		assert.Zero(t, rl.Resource().DroppedAttributesCount())
		seen := map[string]bool{}
		for k, v := range rl.Resource().Attributes().All() {
			assert.False(t, seen[k], "resource key %q repeats", k)
			seen[k] = true
			assert.Contains(t, []string{"service.name", "service.version", semconv.AttrAnonymousID}, k)
			if k == semconv.AttrAnonymousID {
				assert.Regexp(t, hexHash, v.Str())
			}
		}
		for _, sl := range rl.ScopeLogs().All() {
			assert.NotZero(t, sl.LogRecords().Len(), "a scope without records is forwarded")
			assert.Zero(t, sl.Scope().Attributes().Len())
			assert.Empty(t, sl.Scope().Name())
			assert.Empty(t, sl.Scope().Version())
			assert.Zero(t, sl.Scope().DroppedAttributesCount())
			assert.Empty(t, sl.SchemaUrl())
			for _, lr := range sl.LogRecords().All() {
				assertPlannedRecord(t, plan, lr)
			}
		}
	}
}

func assertPlannedRecord(t *testing.T, plan *semconv.Plan, lr plog.LogRecord) {
	t.Helper()
	ev := plan.Lookup(lr.EventName())
	require.NotNil(t, ev, "event %q is not planned", lr.EventName())
	assert.Equal(t, pcommon.ValueTypeEmpty, lr.Body().Type())
	assert.Empty(t, lr.SeverityText())
	assert.Equal(t, plog.SeverityNumberUnspecified, lr.SeverityNumber())
	assert.True(t, lr.TraceID().IsEmpty())
	assert.True(t, lr.SpanID().IsEmpty())
	assert.Zero(t, lr.Flags())
	assert.Zero(t, lr.DroppedAttributesCount())
	seen := map[string]bool{}
	for k, v := range lr.Attributes().All() {
		assert.False(t, seen[k], "key %q repeats", k)
		seen[k] = true
		switch k {
		case semconv.AttrChannel:
			assert.Contains(t, []string{semconv.ChannelServer, semconv.ChannelBrowser}, v.Str())
			continue
		case semconv.AttrLogRecordUID:
			assert.True(t, isRecordUID(v.Str()), "uid %q", v.Str())
			continue
		}
		prop := ev.Property(k)
		require.NotNil(t, prop, "property %q is not planned for %q", k, ev.Name)
		if !prop.Anonymized {
			continue
		}
		if v.Type() == pcommon.ValueTypeSlice {
			for _, e := range v.Slice().All() {
				assert.Regexp(t, hexHash, e.Str())
			}
			continue
		}
		assert.Regexp(t, hexHash, v.Str())
	}
}

// assertAnonymized checks what unknown_events: pass must still guarantee: the resource holds
// only allowlisted keys, every record uid looks generated, and every key that the plan
// anonymizes anywhere, and the default identity attribute, carries hashes, whatever the event.
func assertAnonymized(t *testing.T, plan *semconv.Plan, ld plog.Logs) {
	t.Helper()
	anonymized := map[string]bool{semconv.AttrServiceInstanceID: true}
	for _, ev := range plan.Events() {
		for _, prop := range ev.Properties {
			anonymized[prop.Key] = anonymized[prop.Key] || prop.Anonymized
		}
	}
	for _, rl := range ld.ResourceLogs().All() {
		for k := range rl.Resource().Attributes().All() {
			assert.Contains(t, []string{"service.name", "service.version", semconv.AttrAnonymousID}, k)
		}
		for _, sl := range rl.ScopeLogs().All() {
			for _, lr := range sl.LogRecords().All() {
				for k, v := range lr.Attributes().All() {
					switch {
					case k == semconv.AttrLogRecordUID:
						assert.True(t, isRecordUID(v.Str()), "uid %q", v.Str())
					case anonymized[k] && v.Type() == pcommon.ValueTypeSlice:
						for _, e := range v.Slice().All() {
							assert.Regexp(t, hexHash, e.Str())
						}
					case anonymized[k]:
						assert.Regexp(t, hexHash, v.Str())
					}
				}
			}
		}
	}
}
