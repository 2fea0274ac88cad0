package producttelemetryprocessor

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/producttelemetry/collector/internal/telemetrygate"
)

func TestGateClosedDropsEverything(t *testing.T) {
	tests := []struct {
		name       string
		enabled    bool
		respectDNT bool
		doNotTrack string
		wantClosed bool
	}{
		{name: "open by default", enabled: true, respectDNT: true, doNotTrack: "", wantClosed: false},
		{name: "disabled in config", enabled: false, respectDNT: true, doNotTrack: "", wantClosed: true},
		{name: "DO_NOT_TRACK=1", enabled: true, respectDNT: true, doNotTrack: "1", wantClosed: true},
		{name: "DO_NOT_TRACK=0", enabled: true, respectDNT: true, doNotTrack: "0", wantClosed: false},
		{name: "DO_NOT_TRACK ignored", enabled: true, respectDNT: false, doNotTrack: "1", wantClosed: false},
		{name: "disabled beats ignored DO_NOT_TRACK", enabled: false, respectDNT: false, doNotTrack: "", wantClosed: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(telemetrygate.DoNotTrackEnv, tt.doNotTrack)
			p := newPipeline(t, func(cfg *Config) {
				cfg.Enabled = tt.enabled
				cfg.RespectDoNotTrack = tt.respectDNT
			})

			_, _, forwarded := p.consume(t, newEvent(t, workspaceCreated, map[string]any{"owner": "alice"}))
			assert.Equal(t, !tt.wantClosed, forwarded)
			if !tt.wantClosed {
				return
			}
			assert.Empty(t, p.sink.AllLogs(), "the next consumer must not even see an empty batch")
			p.assertDropped(t, "gate_closed")
		})
	}
}

func TestConsent(t *testing.T) {
	tests := []struct {
		name        string
		consent     any // nil: attribute absent
		wantForward bool
	}{
		{name: "absent", consent: nil, wantForward: true},
		{name: "bool true", consent: true, wantForward: true},
		{name: "string true", consent: "true", wantForward: true},
		{name: "string TRUE", consent: "TRUE", wantForward: true},
		{name: "bool false", consent: false, wantForward: false},
		{name: "string false", consent: "false", wantForward: false},
		{name: "string False", consent: " False ", wantForward: false},
		{name: "malformed string", consent: "maybe", wantForward: false},
		{name: "int", consent: int64(1), wantForward: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPipeline(t, nil)
			ld := newEvent(t, workspaceCreated, map[string]any{"region": "eu"})
			if tt.consent != nil {
				require.NoError(t, resourceOf(ld).PutEmpty("producttelemetry.consent").FromRaw(tt.consent))
			}

			rl, _, forwarded := p.consume(t, ld)
			require.Equal(t, tt.wantForward, forwarded)
			if forwarded {
				_, kept := rl.Resource().Attributes().Get("producttelemetry.consent")
				assert.False(t, kept, "the consent attribute is not forwarded")
				return
			}
			assert.Empty(t, p.sink.AllLogs())
			p.assertDropped(t, "no_consent")
		})
	}
}

func TestConsentTakesEffectWithNextBatch(t *testing.T) {
	p := newPipeline(t, nil)
	batch := func(consent bool) (forwarded bool) {
		ld := newEvent(t, workspaceCreated, nil)
		resourceOf(ld).PutBool("producttelemetry.consent", consent)
		_, _, forwarded = p.consume(t, ld)
		return forwarded
	}
	assert.True(t, batch(true))
	assert.False(t, batch(false))
	assert.True(t, batch(true))
}

func TestConsentIsPerResource(t *testing.T) {
	p := newPipeline(t, nil)
	ld := newEvent(t, workspaceCreated, nil)
	refusing := ld.ResourceLogs().AppendEmpty()
	refusing.Resource().Attributes().PutStr("service.instance.id", "install-2")
	refusing.Resource().Attributes().PutBool("producttelemetry.consent", false)
	refusing.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty().SetEventName(workspaceCreated)

	rl, _, forwarded := p.consume(t, ld)
	require.True(t, forwarded)
	id, _ := rl.Resource().Attributes().Get("producttelemetry.anonymous_id")
	assert.Equal(t, installOneSHA256, id.Str())
}

func TestConsentOnScopeAndRecord(t *testing.T) {
	tests := []struct {
		name          string
		scope, record any // the consent attribute of the scope and of the record; nil: absent
		event         string
		onViolation   string
		unknownEvents string
		wantForward   bool
	}{
		{name: "scope refuses", scope: false, wantForward: false},
		{name: "scope refuses with a malformed value", scope: "no", wantForward: false},
		{name: "scope consents", scope: true, wantForward: true},
		{name: "record refuses", record: false, wantForward: false},
		{name: "record refuses with a string", record: "false", wantForward: false},
		{name: "record refuses with a malformed value", record: int64(0), wantForward: false},
		{name: "record consents", record: "true", wantForward: true},
		{name: "refusal counts before a violation", record: false, onViolation: OnViolationDropEvent,
			wantForward: false},
		{name: "unknown record passed on refuses", record: false, event: "Workspace Deleted",
			unknownEvents: UnknownEventsPass, wantForward: false},
		{name: "unknown record passed on consents", record: true, event: "Workspace Deleted",
			unknownEvents: UnknownEventsPass, wantForward: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPipeline(t, func(cfg *Config) {
				if tt.onViolation != "" {
					cfg.OnViolation = tt.onViolation
				}
				if tt.unknownEvents != "" {
					cfg.UnknownEvents = tt.unknownEvents
				}
			})
			event := workspaceCreated
			if tt.event != "" {
				event = tt.event
			}
			ld := newEvent(t, event, map[string]any{"owner": "alice", "plan": "gold"})
			if tt.scope != nil {
				require.NoError(t, ld.ResourceLogs().At(0).ScopeLogs().At(0).Scope().Attributes().
					PutEmpty("producttelemetry.consent").FromRaw(tt.scope))
			}
			if tt.record != nil {
				require.NoError(t, recordOf(ld).Attributes().PutEmpty("producttelemetry.consent").FromRaw(tt.record))
			}

			_, lr, forwarded := p.consume(t, ld)
			require.Equal(t, tt.wantForward, forwarded)
			if !forwarded {
				p.assertDropped(t, "no_consent")
				return
			}
			_, kept := lr.Attributes().Get("producttelemetry.consent")
			assert.False(t, kept, "the consent attribute is not forwarded")
		})
	}
}

func TestRecordRefusalDropsOnlyThatRecord(t *testing.T) {
	p := newPipeline(t, nil)
	ld := newEvent(t, workspaceCreated, nil)
	refusing := ld.ResourceLogs().At(0).ScopeLogs().At(0).LogRecords().AppendEmpty()
	refusing.SetEventName(workspaceViewed)
	refusing.Attributes().PutBool("producttelemetry.consent", false)

	_, lr, forwarded := p.consume(t, ld)
	require.True(t, forwarded)
	assert.Equal(t, workspaceCreated, lr.EventName())
	p.assertDropped(t, "no_consent")
}
