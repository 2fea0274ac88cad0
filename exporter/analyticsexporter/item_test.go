package analyticsexporter

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/producttelemetry/collector/semconv"
)

var testTime = time.Date(2026, 3, 14, 15, 9, 26, 535_897_932, time.UTC)

// testEvent describes one log record for the tests.
type testEvent struct {
	name     string
	ts       time.Time
	observed time.Time
	// rawTS and rawObserved, when not zero, set the record's times in nanoseconds as they
	// arrive over OTLP, including values that time.Time cannot hold.
	rawTS, rawObserved uint64
	attrs              func(pcommon.Map)
}

// newTestLogs builds one resource with the given anonymous id (none when empty) and service.
func newTestLogs(anonymousID string, events ...testEvent) plog.Logs {
	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	res := rl.Resource().Attributes()
	res.PutStr("service.name", "rasa-enterprise")
	res.PutStr("service.version", "1.4.2")
	if anonymousID != "" {
		res.PutStr(semconv.AttrAnonymousID, anonymousID)
	}
	records := rl.ScopeLogs().AppendEmpty().LogRecords()
	for _, ev := range events {
		lr := records.AppendEmpty()
		lr.SetEventName(ev.name)
		if !ev.ts.IsZero() {
			lr.SetTimestamp(pcommon.NewTimestampFromTime(ev.ts))
		}
		if !ev.observed.IsZero() {
			lr.SetObservedTimestamp(pcommon.NewTimestampFromTime(ev.observed))
		}
		if ev.rawTS != 0 {
			lr.SetTimestamp(pcommon.Timestamp(ev.rawTS))
		}
		if ev.rawObserved != 0 {
			lr.SetObservedTimestamp(pcommon.Timestamp(ev.rawObserved))
		}
		if ev.attrs != nil {
			ev.attrs(lr.Attributes())
		}
	}
	return ld
}

// encodeFirst encodes the first record of ld as a track item.
func encodeFirst(t *testing.T, ld plog.Logs) ([]byte, dropReason) {
	t.Helper()
	rl := ld.ResourceLogs().At(0)
	res := resourceFieldsOf(rl.Resource(), nil)
	return newItemEncoder("1.0.0").appendItem(nil, &res, rl.ScopeLogs().At(0).LogRecords().At(0))
}

func decodeItem(t *testing.T, item []byte) map[string]any {
	t.Helper()
	var decoded map[string]any
	require.NoError(t, json.Unmarshal(item, &decoded), "item is valid JSON: %s", item)
	return decoded
}

func TestAppendItemFields(t *testing.T) {
	ld := newTestLogs("anon-1", testEvent{name: "Status", ts: testTime, attrs: func(m pcommon.Map) {
		m.PutStr("project", "5f2b")
		m.PutBool("local_mode", false)
		m.PutInt("num_intents", 12)
		m.PutDouble("uptime_seconds", 3600.5)
		envs := m.PutEmptySlice("environment_names")
		envs.AppendEmpty().SetStr("prod")
		envs.AppendEmpty().SetStr("dev")
		m.PutStr(semconv.AttrChannel, semconv.ChannelServer)
		m.PutStr(semconv.AttrConsent, "true")
		m.PutStr(semconv.AttrEventName, "Status")
	}})

	item, reason := encodeFirst(t, ld)
	require.Equal(t, dropNone, reason)
	got := decodeItem(t, item)

	assert.Equal(t, "track", got["type"])
	assert.Equal(t, "Status", got["event"])
	assert.Equal(t, "anon-1", got["anonymousId"])
	assert.Equal(t, "2026-03-14T15:09:26.535Z", got["timestamp"])
	assert.Equal(t, map[string]any{
		"project": "5f2b", "local_mode": false, "num_intents": float64(12),
		"uptime_seconds": 3600.5, "environment_names": []any{"prod", "dev"},
	}, got["properties"], "pipeline-owned attributes are not properties")
	assert.Equal(t, map[string]any{
		"library": map[string]any{"name": libraryName, "version": "1.0.0"},
		"app":     map[string]any{"name": "rasa-enterprise", "version": "1.4.2"},
		"channel": "server",
	}, got["context"])
	assert.Regexp(t, `^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`, got["messageId"])
}

func TestAppendItemDrops(t *testing.T) {
	tests := []struct {
		name        string
		anonymousID string
		event       testEvent
		want        dropReason
	}{
		{name: "no anonymous id", event: testEvent{name: "Model Trained"}, want: dropMissingAnonymousID},
		{name: "no event name", anonymousID: "a", event: testEvent{}, want: dropMissingEventName},
		{name: "legacy event.name attribute", anonymousID: "a", want: dropNone, event: testEvent{
			attrs: func(m pcommon.Map) { m.PutStr(semconv.AttrEventName, "Model Trained") },
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			item, reason := encodeFirst(t, newTestLogs(tt.anonymousID, tt.event))
			assert.Equal(t, tt.want, reason)
			if tt.want != dropNone {
				assert.Empty(t, item, "nothing is written for a dropped record")
				return
			}
			assert.Equal(t, "Model Trained", decodeItem(t, item)["event"])
		})
	}
}

func TestAppendItemTimestamp(t *testing.T) {
	tests := []struct {
		name  string
		event testEvent
		want  any
	}{
		{name: "timestamp wins", event: testEvent{name: "e", ts: testTime, observed: testTime.Add(time.Hour)},
			want: "2026-03-14T15:09:26.535Z"},
		{name: "observed fallback", event: testEvent{name: "e", observed: testTime.Add(time.Hour)},
			want: "2026-03-14T16:09:26.535Z"},
		{name: "neither is left to the endpoint", event: testEvent{name: "e"}, want: nil},
		{name: "a timestamp past 2262 falls back to the observed one",
			event: testEvent{name: "e", rawTS: math.MaxUint64, observed: testTime}, want: "2026-03-14T15:09:26.535Z"},
		{name: "both past 2262 are left to the endpoint",
			event: testEvent{name: "e", rawTS: math.MaxInt64 + 1, rawObserved: math.MaxUint64}, want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			item, _ := encodeFirst(t, newTestLogs("a", tt.event))
			assert.Equal(t, tt.want, decodeItem(t, item)["timestamp"])
		})
	}
}

func TestMessageID(t *testing.T) {
	withProps := func(project, uid string) testEvent {
		return testEvent{name: "Status", ts: testTime, attrs: func(m pcommon.Map) {
			m.PutStr("project", project)
			if uid != "" {
				m.PutStr(semconv.AttrLogRecordUID, uid)
			}
		}}
	}
	idOf := func(anonymousID string, ev testEvent) string {
		item, reason := encodeFirst(t, newTestLogs(anonymousID, ev))
		require.Equal(t, dropNone, reason)
		return decodeItem(t, item)["messageId"].(string)
	}

	base := idOf("a", withProps("p1", ""))
	assert.Equal(t, base, idOf("a", withProps("p1", "")), "same content, same id")
	assert.NotEqual(t, base, idOf("a", withProps("p2", "")), "properties change the id")
	assert.NotEqual(t, base, idOf("b", withProps("p1", "")), "anonymous id changes the id")

	ulid := "01JDQ8Z3M6V4K8H2Y5X7N9P0RS"
	assert.Equal(t, ulid, idOf("a", withProps("p1", ulid)), "a plain uid is used verbatim")

	long := strings.Repeat("x", 65)
	hashed := idOf("a", withProps("p1", long))
	assert.Len(t, hashed, 36, "a long uid is hashed to a UUID")
	assert.Equal(t, hashed, idOf("b", withProps("p2", long)), "a hashed uid ignores the content")
	assert.NotEqual(t, idOf("a", withProps("p1", "uid with spaces")), "uid with spaces")
}
