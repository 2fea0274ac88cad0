package producttelemetryprocessor

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/xpdata/entity"
)

// otlpJSON decodes an OTLP/JSON batch. Unlike the pdata setters, the wire formats let a key
// repeat within one attribute list, which is how a hostile sender reaches the processor.
func otlpJSON(t *testing.T, data string) plog.Logs {
	t.Helper()
	ld, err := (&plog.JSONUnmarshaler{}).UnmarshalLogs([]byte(data))
	require.NoError(t, err)
	return ld
}

// repeatedKeyBatch is one Workspace Created record of installation "install-1" whose resource
// carries resourceAttrs and whose record carries recordAttrs, both OTLP/JSON attribute lists.
func repeatedKeyBatch(t *testing.T, resourceAttrs, recordAttrs string) plog.Logs {
	t.Helper()
	return otlpJSON(t, `{"resourceLogs":[{"resource":{"attributes":[
		{"key":"service.instance.id","value":{"stringValue":"install-1"}}`+resourceAttrs+`]},
		"scopeLogs":[{"logRecords":[{"eventName":"Workspace Created","attributes":[`+recordAttrs+`]}]}]}]}`)
}

func TestRepeatedConsentKey(t *testing.T) {
	tests := []struct {
		name        string
		consents    []string
		wantForward bool
	}{
		{name: "true then false", consents: []string{"true", "false"}, wantForward: false},
		{name: "false then true", consents: []string{"false", "true"}, wantForward: false},
		{name: "true twice", consents: []string{"true", "true"}, wantForward: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPipeline(t, nil)
			var consents string
			for _, c := range tt.consents {
				consents += `,{"key":"producttelemetry.consent","value":{"boolValue":` + c + `}}`
			}
			ld := repeatedKeyBatch(t, consents, `{"key":"region","value":{"stringValue":"eu"}}`)
			require.Equal(t, 3, resourceOf(ld).Len(), "the key must really repeat")

			_, _, forwarded := p.consume(t, ld)
			require.Equal(t, tt.wantForward, forwarded)
			if !forwarded {
				p.assertDropped(t, "no_consent")
			}
		})
	}
}

func TestRepeatedAnonymizedKeyIsHashedEveryTime(t *testing.T) {
	p := newPipeline(t, nil)
	ld := repeatedKeyBatch(t, "", `{"key":"owner","value":{"stringValue":"alice"}},
		{"key":"owner","value":{"stringValue":"bob"}}`)

	_, lr, forwarded := p.consume(t, ld)
	require.True(t, forwarded)
	var owners []string
	for k, v := range lr.Attributes().All() {
		if k == "owner" {
			owners = append(owners, v.Str())
		}
	}
	assert.Equal(t, []string{aliceSHA256, bobSHA256}, owners)
}

func TestResourceEntityRefsAreRemoved(t *testing.T) {
	p := newPipeline(t, nil)
	ld := otlpJSON(t, `{"resourceLogs":[{"resource":{"attributes":[
		{"key":"service.instance.id","value":{"stringValue":"install-1"}}],
		"entityRefs":[{"type":"alice@example.com","idKeys":["service.instance.id"],"schemaUrl":"https://alice"}]},
		"scopeLogs":[{"logRecords":[{"eventName":"Workspace Created"}]}]}]}`)
	require.Equal(t, 1, entity.ResourceEntityRefs(ld.ResourceLogs().At(0).Resource()).Len())

	rl, _, forwarded := p.consume(t, ld)
	require.True(t, forwarded)
	assert.Zero(t, entity.ResourceEntityRefs(rl.Resource()).Len())
	out, err := (&plog.ProtoMarshaler{}).MarshalLogs(p.sink.AllLogs()[0])
	require.NoError(t, err)
	assert.NotContains(t, string(out), "alice")
}
