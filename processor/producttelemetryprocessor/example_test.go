package producttelemetryprocessor

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
)

// TestReadmeExample checks the worked example of README.md against the built-in catalog.
func TestReadmeExample(t *testing.T) {
	p := newPipeline(t, func(cfg *Config) { cfg.PlanFile = "" })

	ld := plog.NewLogs()
	rl := ld.ResourceLogs().AppendEmpty()
	require.NoError(t, rl.Resource().Attributes().FromRaw(map[string]any{
		"service.name": "rasa-x", "service.version": "1.4.2",
		"service.instance.id": "install-1", "host.name": "bot-prod-3",
		"producttelemetry.anonymous_id": "chosen-by-client",
	}))
	sl := rl.ScopeLogs().AppendEmpty()
	sl.Scope().SetName("rasax.telemetry")
	sl.Scope().Attributes().PutInt("pid", 4242)
	lr := sl.LogRecords().AppendEmpty()
	lr.SetTimestamp(1_700_000_000_000_000_000)
	lr.SetEventName("Message Received")
	lr.SetSeverityText("INFO")
	lr.Body().SetStr("alice: hello")
	lr.SetTraceID(pcommon.TraceID{0x5b, 0x8e, 0xff, 0xf7})
	require.NoError(t, lr.Attributes().FromRaw(map[string]any{
		"username": "alice", "channel": "socketio", "client_ip": "203.0.113.7",
		"log.record.uid": "01HZX4N5QK8V2M7T3R9WBCDEFG", "producttelemetry.channel": "browser",
	}))

	outRL, out, forwarded := p.consume(t, ld)
	require.True(t, forwarded)
	assert.Equal(t, map[string]any{
		"service.name": "rasa-x", "service.version": "1.4.2",
		"producttelemetry.anonymous_id": installOneSHA256,
	}, outRL.Resource().Attributes().AsRaw())
	assert.Empty(t, outRL.ScopeLogs().At(0).Scope().Name())
	assert.Zero(t, outRL.ScopeLogs().At(0).Scope().Attributes().Len())
	assert.Equal(t, "Message Received", out.EventName())
	assert.Equal(t, pcommon.Timestamp(1_700_000_000_000_000_000), out.Timestamp())
	assert.Equal(t, map[string]any{
		"username": aliceSHA256, "channel": "socketio", "log.record.uid": "01HZX4N5QK8V2M7T3R9WBCDEFG",
		"producttelemetry.channel": "server",
	}, out.Attributes().AsRaw())
	assert.Empty(t, out.SeverityText())
	assert.Equal(t, pcommon.ValueTypeEmpty, out.Body().Type())
	assert.True(t, out.TraceID().IsEmpty())
}
