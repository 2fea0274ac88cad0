package e2e

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/producttelemetry/collector/cmd/simulator/simulate"
	"github.com/producttelemetry/collector/semconv"
)

// expectation is what the analytics endpoint must receive for the records a simulator run
// got accepted, computed from the run's manifest and the built-in tracking plan.
type expectation struct {
	// events maps the messageId (the record's log.record.uid) of every planned event to the
	// Segment event it must arrive as.
	events map[string]segmentEvent
	// secrets are raw values that must never leave the collector: installation ids, values of
	// anonymized properties, values of unplanned properties and names of unplanned events.
	secrets map[string]bool
	// anonymized, unplannedEvents and unplannedProperties count what the run gave the
	// collector to hash and to drop, so that a test can require that it was put to the test.
	anonymized, unplannedEvents, unplannedProperties int
}

func sha256Hex(s string) string {
	sum := sha256.Sum256([]byte(s))
	return hex.EncodeToString(sum[:])
}

// parseManifest reads the simulator's manifest and keeps the entries the collector accepted.
func parseManifest(t *testing.T, data []byte) []simulate.ManifestEntry {
	t.Helper()
	var out []simulate.ManifestEntry
	sc := bufio.NewScanner(bytes.NewReader(data))
	sc.Buffer(make([]byte, 0, 64<<10), 1<<20)
	for sc.Scan() {
		e, err := simulate.ParseManifestLine(sc.Bytes())
		require.NoError(t, err)
		if e.Accepted {
			out = append(out, e)
		}
	}
	require.NoError(t, sc.Err())
	return out
}

// expect computes the expectation under the built-in tracking plan.
func expect(t *testing.T, entries []simulate.ManifestEntry) expectation {
	t.Helper()
	return expectUnder(t, semconv.Builtin(), entries)
}

// expectUnder computes the expectation under the given tracking plan.
func expectUnder(t *testing.T, plan *semconv.Plan, entries []simulate.ManifestEntry) expectation {
	t.Helper()
	x := expectation{events: map[string]segmentEvent{}, secrets: map[string]bool{}}
	sensitive := sensitiveKeys()
	for _, e := range entries {
		x.secrets[e.InstallationID] = true
		planned := plan.Lookup(e.Event)
		if planned == nil {
			x.unplannedEvents++
			x.secrets[e.Event] = true
			for key, value := range e.Properties {
				if sensitive(key) {
					addSecrets(x.secrets, map[string]any{key: value})
				}
			}
			continue
		}
		want := segmentEvent{
			Type: "track", Event: e.Event, MessageID: e.UID, AnonymousID: sha256Hex(e.InstallationID),
			Properties: map[string]any{},
		}
		for key, value := range e.Properties {
			prop := planned.Property(key)
			switch {
			case prop == nil:
				x.unplannedProperties++
				addSecrets(x.secrets, map[string]any{key: value})
			case prop.Anonymized:
				x.anonymized++
				addSecrets(x.secrets, map[string]any{key: value})
				want.Properties[key] = hashed(value)
			default:
				want.Properties[key] = value
			}
		}
		want.Properties = jsonRoundTrip(t, want.Properties)
		want.Context = map[string]any{"channel": channelOf(planned.Source), "app": map[string]any{"name": e.Service}}
		x.events[e.UID] = want
	}
	return x
}

// sensitiveKeys returns a test for property keys whose values must never leave in clear,
// whatever the plan in use: those the catalog anonymizes and those the catalog does not know
// (the simulator's unplanned properties). Other catalog values, such as versions, may
// legitimately appear elsewhere in a batch.
func sensitiveKeys() func(key string) bool {
	known := map[string]bool{}
	for _, ev := range semconv.Builtin().Events() {
		for _, p := range ev.Properties {
			known[p.Key] = known[p.Key] || !p.Anonymized
		}
	}
	return func(key string) bool {
		public, ok := known[key]
		return !ok || !public
	}
}

func channelOf(source semconv.Source) string {
	if source == semconv.SourceFrontend {
		return semconv.ChannelBrowser
	}
	return semconv.ChannelServer
}

// hashed returns the anonymized form of a string or of every string in a list.
func hashed(v any) any {
	switch x := v.(type) {
	case string:
		return sha256Hex(x)
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = hashed(e)
		}
		return out
	}
	return v
}

func addSecrets(secrets map[string]bool, props map[string]any) {
	for _, v := range props {
		switch x := v.(type) {
		case string:
			secrets[x] = true
		case []any:
			for _, e := range x {
				if s, ok := e.(string); ok {
					secrets[s] = true
				}
			}
		}
	}
}

// jsonRoundTrip gives expected values the types encoding/json decodes received ones into.
func jsonRoundTrip(t *testing.T, m map[string]any) map[string]any {
	data, err := json.Marshal(m)
	require.NoError(t, err)
	out := map[string]any{}
	require.NoError(t, json.Unmarshal(data, &out))
	return out
}

// eventNames returns the names of the planned events the run sent.
func (x expectation) eventNames() map[string]bool {
	names := map[string]bool{}
	for _, ev := range x.events {
		names[ev.Event] = true
	}
	return names
}

// checkExactlyOnce asserts that every expected event arrived exactly once, as expected, and
// that nothing else arrived.
func (x expectation) checkExactlyOnce(t *testing.T, got []segmentEvent) {
	t.Helper()
	seen := map[string]int{}
	for _, ev := range got {
		seen[ev.MessageID]++
		want, ok := x.events[ev.MessageID]
		if !assert.True(t, ok, "unexpected event %q with messageId %s", ev.Event, ev.MessageID) {
			continue
		}
		x.checkEvent(t, want, ev)
	}
	for id, want := range x.events {
		assert.Equal(t, 1, seen[id], "event %q (messageId %s) arrived %d times", want.Event, id, seen[id])
	}
}

// checkAtLeastOnce asserts that every expected event arrived, as expected, and returns how
// many duplicate deliveries there were.
func (x expectation) checkAtLeastOnce(t *testing.T, got []segmentEvent) (duplicates int) {
	t.Helper()
	seen := map[string]int{}
	for _, ev := range got {
		if want, ok := x.events[ev.MessageID]; ok {
			x.checkEvent(t, want, ev)
		}
		if seen[ev.MessageID]++; seen[ev.MessageID] > 1 {
			duplicates++
		}
	}
	for id, want := range x.events {
		assert.Positive(t, seen[id], "accepted event %q (messageId %s) was lost", want.Event, id)
	}
	return duplicates
}

func (x expectation) checkEvent(t *testing.T, want, got segmentEvent) {
	t.Helper()
	assert.Equal(t, want.Type, got.Type, "type of %s", got.MessageID)
	assert.Equal(t, want.Event, got.Event, "event name of %s", got.MessageID)
	assert.Equal(t, want.AnonymousID, got.AnonymousID, "anonymousId of %s", got.MessageID)
	assert.Equal(t, want.Properties, nonNil(got.Properties), "properties of %q (%s)", got.Event, got.MessageID)
	assert.Equal(t, want.Context["channel"], got.Context["channel"], "context.channel of %s", got.MessageID)
	// The processor keeps service.name and service.version so that the exporter can name the app.
	wantApp, _ := want.Context["app"].(map[string]any)
	gotApp, _ := got.Context["app"].(map[string]any)
	assert.Equal(t, wantApp["name"], gotApp["name"], "context.app.name of %s", got.MessageID)
	assert.NotEmpty(t, gotApp["version"], "context.app.version of %s", got.MessageID)
	assert.NotEmpty(t, got.Timestamp, "timestamp of %s", got.MessageID)
}

func nonNil(m map[string]any) map[string]any {
	if m == nil {
		return map[string]any{}
	}
	return m
}

// checkNoSecrets asserts that no raw value appears anywhere in the captured bytes.
func (x expectation) checkNoSecrets(t *testing.T, captured []byte) {
	t.Helper()
	require.NotEmpty(t, x.secrets, "the run sent no raw value to look for")
	for s := range x.secrets {
		assert.False(t, bytes.Contains(captured, []byte(s)), "raw value %q left the collector", s)
	}
}
