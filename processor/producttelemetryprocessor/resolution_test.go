package producttelemetryprocessor

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEventResolution(t *testing.T) {
	tests := []struct {
		name          string
		eventName     string
		legacyName    any // the event.name attribute; nil: absent
		unknownEvents string
		wantForward   bool
		wantName      string
		wantChannel   string
	}{
		{name: "EventName", eventName: workspaceCreated, wantForward: true, wantName: workspaceCreated, wantChannel: "server"},
		{name: "frontend event", eventName: workspaceViewed, wantForward: true, wantName: workspaceViewed, wantChannel: "browser"},
		{name: "legacy event.name", legacyName: workspaceViewed, wantForward: true, wantName: workspaceViewed, wantChannel: "browser"},
		{name: "EventName wins", eventName: workspaceCreated, legacyName: workspaceViewed, wantForward: true,
			wantName: workspaceCreated, wantChannel: "server"},
		{name: "legacy name not a string", legacyName: int64(7), wantForward: false},
		{name: "an unknown EventName is not rescued by a planned legacy name", eventName: "Workspace Deleted",
			legacyName: workspaceCreated, wantForward: false},
		{name: "unknown", eventName: "Workspace Deleted", wantForward: false},
		{name: "no name", wantForward: false},
		{name: "case matters", eventName: "workspace created", wantForward: false},
		{name: "trailing space", eventName: workspaceCreated + " ", wantForward: false},
		{name: "zero-width space", eventName: workspaceCreated + "\u200b", wantForward: false},
		{name: "fullwidth letters", eventName: "Ｗorkspace Created", wantForward: false},
		{name: "invalid UTF-8", eventName: "\xffWorkspace Created", wantForward: false},
		{name: "legacy name with a zero-width space", legacyName: workspaceViewed + "\u200b", wantForward: false},
		{name: "unknown passed", eventName: "Workspace Deleted", unknownEvents: UnknownEventsPass, wantForward: true,
			wantName: "Workspace Deleted"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPipeline(t, func(cfg *Config) {
				if tt.unknownEvents != "" {
					cfg.UnknownEvents = tt.unknownEvents
				}
			})
			ld := newEvent(t, tt.eventName, nil)
			if tt.legacyName != nil {
				require.NoError(t, recordOf(ld).Attributes().PutEmpty("event.name").FromRaw(tt.legacyName))
			}

			_, lr, forwarded := p.consume(t, ld)
			require.Equal(t, tt.wantForward, forwarded)
			if !forwarded {
				p.assertDropped(t, "unknown_event")
				return
			}
			assert.Equal(t, tt.wantName, lr.EventName())
			channel, ok := lr.Attributes().Get("producttelemetry.channel")
			if tt.wantChannel == "" {
				assert.False(t, ok, "unknown events get no channel")
				return
			}
			assert.Equal(t, tt.wantChannel, channel.Str())
			_, legacy := lr.Attributes().Get("event.name")
			assert.False(t, legacy, "the legacy attribute is removed")
		})
	}
}

func TestUnknownEventPassed(t *testing.T) {
	tests := []struct {
		name  string
		attrs map[string]any
		want  map[string]any
	}{
		{name: "other attributes unchanged", attrs: map[string]any{"reason": "cleanup", "seats": int64(3)},
			want: map[string]any{"reason": "cleanup", "seats": int64(3)}},
		{name: "own attributes removed", attrs: map[string]any{"producttelemetry.channel": "forged"},
			want: map[string]any{}},
		{name: "anonymized key hashed", attrs: map[string]any{"owner": "alice"},
			want: map[string]any{"owner": aliceSHA256}},
		{name: "anonymized array key hashed", attrs: map[string]any{"member_names": []any{"staging", ""}},
			want: map[string]any{"member_names": []any{stagingSHA256, emptySHA256}}},
		{name: "anonymized key of the other array type hashed", attrs: map[string]any{"owner": []any{"alice"}},
			want: map[string]any{"owner": []any{aliceSHA256}}},
		{name: "anonymized array too long for one event once hashed removed",
			attrs: map[string]any{"member_names": repeated("", maxAnonymizedElements+1)}, want: map[string]any{}},
		{name: "anonymized key with a map removed", attrs: map[string]any{"owner": map[string]any{"raw": "alice"}},
			want: map[string]any{}},
		{name: "anonymized key with bytes removed", attrs: map[string]any{"owner": []byte("alice")},
			want: map[string]any{}},
		{name: "malformed uid removed", attrs: map[string]any{"log.record.uid": "alice"},
			want: map[string]any{}},
		{name: "identity attribute hashed", attrs: map[string]any{"service.instance.id": "install-1"},
			want: map[string]any{"service.instance.id": installOneSHA256}},
		{name: "identity attribute of another type removed", attrs: map[string]any{"service.instance.id": int64(1)},
			want: map[string]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPipeline(t, func(cfg *Config) { cfg.UnknownEvents = UnknownEventsPass })
			ld := newEvent(t, "Workspace Deleted", tt.attrs)
			recordOf(ld).Body().SetStr("a body")

			_, lr, forwarded := p.consume(t, ld)
			require.True(t, forwarded)
			assert.Equal(t, tt.want, lr.Attributes().AsRaw())
			assert.Equal(t, "a body", lr.Body().Str(), "the body of an unknown event is passed on")
		})
	}
}

func TestIdentity(t *testing.T) {
	tests := []struct {
		name        string
		attribute   string // identity_attribute; "" keeps the default
		resource    map[string]any
		wantForward bool
		wantID      string
	}{
		{name: "default attribute", resource: map[string]any{"service.instance.id": "install-1"},
			wantForward: true, wantID: installOneSHA256},
		{name: "configured attribute", attribute: "host.id",
			resource:    map[string]any{"host.id": "install-1", "service.instance.id": "other"},
			wantForward: true, wantID: installOneSHA256},
		{name: "missing", resource: map[string]any{"service.name": "rasa-x"}, wantForward: false},
		{name: "empty", resource: map[string]any{"service.instance.id": ""}, wantForward: false},
		{name: "not a string", resource: map[string]any{"service.instance.id": int64(42)}, wantForward: false},
		{name: "forged anonymous id", resource: map[string]any{"service.instance.id": "install-1",
			"producttelemetry.anonymous_id": "forged"},
			wantForward: true, wantID: installOneSHA256},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPipeline(t, func(cfg *Config) {
				if tt.attribute != "" {
					cfg.IdentityAttribute = tt.attribute
				}
			})
			ld := newEvent(t, workspaceCreated, nil)
			require.NoError(t, resourceOf(ld).FromRaw(tt.resource))

			rl, _, forwarded := p.consume(t, ld)
			require.Equal(t, tt.wantForward, forwarded)
			if !forwarded {
				p.assertDropped(t, "malformed")
				return
			}
			attrs := rl.Resource().Attributes().AsRaw()
			assert.Equal(t, tt.wantID, attrs["producttelemetry.anonymous_id"])
			assert.NotContains(t, attrs, "service.instance.id")
			assert.NotContains(t, attrs, "host.id")
		})
	}
}
