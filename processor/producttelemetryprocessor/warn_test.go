package producttelemetryprocessor

import (
	"context"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/processor/processortest"
	"go.uber.org/zap"
	"go.uber.org/zap/zapcore"
	"go.uber.org/zap/zaptest/observer"

	"github.com/producttelemetry/collector/processor/producttelemetryprocessor/internal/metadata"
)

func TestWarnerRateLimits(t *testing.T) {
	core, logs := observer.New(zapcore.WarnLevel)
	w := newWarner(zap.New(core), time.Minute)
	now := time.Unix(1_700_000_000, 0)
	w.now = func() time.Time { return now }

	w.warn("Status", ruleWrongType, "num_slots")
	w.warn("Status", ruleWrongType, "num_slots")
	w.warn("Status", ruleNotInEnum, "num_slots")
	w.warn("Status", ruleWrongType, "num_forms")
	w.warn("Model Trained", ruleWrongType, "num_slots")
	assert.Equal(t, 4, logs.Len(), "one warning per event, rule and property")

	now = now.Add(59 * time.Second)
	w.warn("Status", ruleWrongType, "num_slots")
	assert.Equal(t, 4, logs.Len(), "suppressed within the interval")

	now = now.Add(time.Second)
	w.warn("Status", ruleWrongType, "num_slots")
	assert.Equal(t, 5, logs.Len(), "logged again after the interval")

	last := logs.All()[4].ContextMap()
	assert.Equal(t, map[string]any{"event": "Status", "rule": "wrong_type", "property": "num_slots"}, last)
}

func TestWarningWithoutAnEventNamesNone(t *testing.T) {
	core, logs := observer.New(zapcore.WarnLevel)
	w := newWarner(zap.New(core), time.Minute)

	w.warn("", ruleNoIdentity, "service.instance.id")

	require.Equal(t, 1, logs.Len())
	assert.Equal(t, map[string]any{"rule": "no_identity", "property": "service.instance.id"}, logs.All()[0].ContextMap())
}

func TestWarnerIsBounded(t *testing.T) {
	core, logs := observer.New(zapcore.WarnLevel)
	w := newWarner(zap.New(core), time.Hour)
	now := time.Unix(1_700_000_000, 0)
	w.now = func() time.Time { return now }
	flood := func(from int) {
		for i := from; i < from+2*maxWarnings; i++ {
			w.warn(strconv.Itoa(i)+strings.Repeat("x", 1000), ruleUnknownEvent, "")
		}
	}
	flood(0)
	assert.Len(t, w.last, maxWarnings, "distinct warnings beyond the bound are not remembered")
	assert.Equal(t, maxWarnings, logs.Len())

	now = now.Add(time.Hour)
	flood(2 * maxWarnings)
	assert.Len(t, w.last, maxWarnings, "expired warnings make room for new ones")
	assert.Equal(t, 2*maxWarnings, logs.Len())
	for _, entry := range logs.All() {
		assert.LessOrEqual(t, len(entry.ContextMap()["event"].(string)), maxWarnNameBytes)
	}
}

func TestWarningsNeverCarryValues(t *testing.T) {
	core, logs := observer.New(zapcore.DebugLevel)
	set := processortest.NewNopSettings(metadata.Type)
	set.Logger = zap.New(core)
	cfg := createDefaultConfig().(*Config)
	cfg.PlanFile = testPlan
	p, err := newProcessor(set, cfg, func(string) string { return "" })
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, p.shutdown(context.Background())) })

	_, err = p.processLogs(context.Background(), mixedBatch(t))
	require.NoError(t, err)

	require.NotZero(t, logs.FilterLevelExact(zapcore.WarnLevel).Len())
	rules := map[string]bool{}
	for _, entry := range logs.All() {
		fields := entry.ContextMap()
		rules[fields["rule"].(string)] = true
		for _, secret := range []string{"alice", "production", "staging", "gold", "many", "install-1"} {
			assert.NotContains(t, entry.Message, secret)
			for _, v := range fields {
				assert.NotContains(t, v, secret)
			}
		}
	}
	assert.Equal(t, map[string]bool{"unknown_event": true, "unplanned": true, "wrong_type": true,
		"not_in_enum": true, "no_identity": true}, rules)
}
