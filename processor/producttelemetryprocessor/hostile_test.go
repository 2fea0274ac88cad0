package producttelemetryprocessor

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/xpdata/entity"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/sdk/metric/metricdata/metricdatatest"

	"github.com/producttelemetry/collector/processor/producttelemetryprocessor/internal/metadatatest"
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

func TestRepeatedRecordKeyKeepsTheFirstCopy(t *testing.T) {
	const uid1, uid2 = "01ARZ3NDEKTSV4RRFFQ69G5FAV", "01ARZ3NDEKTSV4RRFFQ69G5FAW"
	tests := []struct {
		name        string
		attrs       string
		onViolation string
		wantForward bool
		want        map[string]any
		wantRemoved map[string]int64
	}{
		{name: "anonymized", attrs: `{"key":"owner","value":{"stringValue":"alice"}},
			{"key":"owner","value":{"stringValue":"bob"}}`,
			wantForward: true, want: map[string]any{"owner": aliceSHA256}, wantRemoved: map[string]int64{"malformed": 1}},
		{name: "uid", attrs: `{"key":"log.record.uid","value":{"stringValue":"` + uid1 + `"}},
			{"key":"log.record.uid","value":{"stringValue":"` + uid2 + `"}}`,
			wantForward: true, want: map[string]any{"log.record.uid": uid1}, wantRemoved: map[string]int64{"malformed": 1}},
		{name: "first copy violates", attrs: `{"key":"seats","value":{"stringValue":"three"}},
			{"key":"seats","value":{"intValue":"3"}}`,
			wantForward: true, want: map[string]any{}, wantRemoved: map[string]int64{"wrong_type": 1, "malformed": 1}},
		{name: "first copy violates, drop_event", onViolation: OnViolationDropEvent,
			attrs: `{"key":"seats","value":{"stringValue":"three"}},{"key":"seats","value":{"intValue":"3"}}`},
		{name: "three copies", attrs: `{"key":"region","value":{"stringValue":"eu"}},
			{"key":"region","value":{"stringValue":"us"}},{"key":"region","value":{"stringValue":"ap"}}`,
			wantForward: true, want: map[string]any{"region": "eu"}, wantRemoved: map[string]int64{"malformed": 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPipeline(t, func(cfg *Config) {
				if tt.onViolation != "" {
					cfg.OnViolation = tt.onViolation
				}
			})
			_, lr, forwarded := p.consume(t, repeatedKeyBatch(t, "", tt.attrs))
			require.Equal(t, tt.wantForward, forwarded)
			if !forwarded {
				p.assertDropped(t, "violation")
				return
			}
			lr.Attributes().Remove("producttelemetry.channel")
			assert.Equal(t, tt.want, lr.Attributes().AsRaw())
			var removed []metricdata.DataPoint[int64]
			for r, n := range tt.wantRemoved {
				removed = append(removed, metricdata.DataPoint[int64]{Value: n, Attributes: reason(r)})
			}
			metadatatest.AssertEqualProcessorProducttelemetryPropertiesRemoved(t, p.telemetry, removed,
				metricdatatest.IgnoreTimestamp())
		})
	}
}

func TestRepeatedResourceKeyKeepsTheFirstCopy(t *testing.T) {
	tests := []struct {
		name  string
		attrs string
		want  map[string]any
	}{
		{name: "service.name", attrs: `,{"key":"service.name","value":{"stringValue":"rasa-x"}},
			{"key":"service.name","value":{"stringValue":"alice@example.com"}}`,
			want: map[string]any{"service.name": "rasa-x"}},
		{name: "service.version after a non-string copy", attrs: `,{"key":"service.version","value":{"intValue":"3"}},
			{"key":"service.version","value":{"stringValue":"alice@example.com"}}`,
			want: map[string]any{}},
		{name: "identity", attrs: `,{"key":"service.instance.id","value":{"stringValue":"alice@example.com"}}`,
			want: map[string]any{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPipeline(t, nil)
			ld := repeatedKeyBatch(t, tt.attrs, "")
			rl, _, forwarded := p.consume(t, ld)
			require.True(t, forwarded)

			tt.want["producttelemetry.anonymous_id"] = installOneSHA256
			assert.Equal(t, tt.want, rl.Resource().Attributes().AsRaw())
			assert.Equal(t, len(tt.want), rl.Resource().Attributes().Len(), "no key repeats")
			out, err := (&plog.ProtoMarshaler{}).MarshalLogs(p.sink.AllLogs()[0])
			require.NoError(t, err)
			assert.NotContains(t, string(out), "alice")
		})
	}
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

// hostileBatch is one resource with a raw value in every field OTLP has, holding three
// records: a planned event whose attributes are recordAttrs, a look-alike of it (an unknown
// event), and one named only by repeated event.name attributes.
func hostileBatch(t *testing.T, recordAttrs string) plog.Logs {
	t.Helper()
	return otlpJSON(t, `{"resourceLogs":[{"schemaUrl":"SECRET-schema","resource":{"droppedAttributesCount":7,
		"attributes":[
			{"key":"service.instance.id","value":{"stringValue":"SECRET-install"}},
			{"key":"service.name","value":{"stringValue":"rasa-x"}},
			{"key":"service.name","value":{"stringValue":"SECRET-name"}},
			{"key":"service.version","value":{"intValue":"3"}},
			{"key":"owner","value":{"stringValue":"SECRET-resource"}},
			{"key":"producttelemetry.anonymous_id","value":{"stringValue":"SECRET-forged"}}],
		"entityRefs":[{"type":"SECRET-type","idKeys":["SECRET-id"],"descriptionKeys":["SECRET-desc"],"schemaUrl":"SECRET-ref"}]},
	"scopeLogs":[{"schemaUrl":"SECRET-scope-schema","scope":{"name":"SECRET-scope","version":"SECRET-version",
		"droppedAttributesCount":3,"attributes":[{"key":"owner","value":{"stringValue":"SECRET-scope-owner"}}]},
		"logRecords":[
			{"eventName":"Workspace Created","severityText":"SECRET-severity","severityNumber":9,"flags":1,
			 "traceId":"5b8efff798038103d269b633813fc60c","spanId":"eee19b7ec3c1b174","droppedAttributesCount":4,
			 "body":{"kvlistValue":{"values":[{"key":"owner","value":{"stringValue":"SECRET-body"}}]}},
			 "attributes":[`+recordAttrs+`]},
			{"eventName":"Workspace Created\u200b","attributes":[{"key":"owner","value":{"stringValue":"SECRET-lookalike"}},
			 {"key":"service.instance.id","value":{"stringValue":"SECRET-install"}}]},
			{"attributes":[{"key":"event.name","value":{"stringValue":"Workspace Created"}},
			 {"key":"owner","value":{"stringValue":"SECRET-legacy"}},
			 {"key":"event.name","value":{"stringValue":"SECRET-event"}}]}]}]}]}`)
}

// TestHostileBatchLeaksNothing hides raw values of anonymized properties in every place a
// sender controls and in every shape a property can take, and scans both wire forms of the
// output for them, under every on_violation and unknown_events choice.
func TestHostileBatchLeaksNothing(t *testing.T) {
	attrs := map[string]string{
		"anonymized as int":    `{"key":"owner","value":{"intValue":"4242"}}`,
		"anonymized as map":    `{"key":"owner","value":{"kvlistValue":{"values":[{"key":"SECRET-key","value":{"stringValue":"SECRET-map"}}]}}}`,
		"anonymized as array":  `{"key":"owner","value":{"arrayValue":{"values":[{"stringValue":"SECRET-array"}]}}}`,
		"anonymized as bytes":  `{"key":"owner","value":{"bytesValue":"U0VDUkVU"}}`,
		"array with a map":     `{"key":"member_names","value":{"arrayValue":{"values":[{"stringValue":"SECRET-a"},{"kvlistValue":{"values":[{"key":"a","value":{"stringValue":"SECRET-b"}}]}}]}}}`,
		"array of arrays":      `{"key":"member_names","value":{"arrayValue":{"values":[{"arrayValue":{"values":[{"stringValue":"SECRET-c"}]}}]}}}`,
		"repeated anonymized":  `{"key":"owner","value":{"stringValue":"SECRET-1"}},{"key":"owner","value":{"intValue":"1"}},{"key":"owner","value":{"stringValue":"SECRET-2"}}`,
		"repeated plain":       `{"key":"region","value":{"stringValue":"eu"}},{"key":"region","value":{"stringValue":"SECRET-region"}}`,
		"event.name conflicts": `{"key":"event.name","value":{"stringValue":"SECRET-legacy-name"}}`,
		"empty key":            `{"key":"","value":{"stringValue":"SECRET-empty-key"}}`,
		"empty value":          `{"key":"owner","value":{}}`,
		"identity on a record": `{"key":"service.instance.id","value":{"stringValue":"SECRET-install"}}`,
	}
	modes := map[string]func(*Config){
		"remove_property": nil,
		"drop_event":      func(cfg *Config) { cfg.OnViolation = OnViolationDropEvent },
		"pass":            func(cfg *Config) { cfg.UnknownEvents = UnknownEventsPass },
	}
	plan := testdataPlan(t)
	for name, recordAttrs := range attrs {
		for mode, mutate := range modes {
			t.Run(name+"/"+mode, func(t *testing.T) {
				p := newPipeline(t, mutate)
				require.NoError(t, p.processor.ConsumeLogs(context.Background(), hostileBatch(t, recordAttrs)))
				require.Len(t, p.sink.AllLogs(), 1)
				out := p.sink.AllLogs()[0]
				require.NotZero(t, out.LogRecordCount())

				wire, err := (&plog.ProtoMarshaler{}).MarshalLogs(out)
				require.NoError(t, err)
				assert.NotContains(t, string(wire), "SECRET")
				wire, err = (&plog.JSONMarshaler{}).MarshalLogs(out)
				require.NoError(t, err)
				assert.NotContains(t, string(wire), "SECRET")
				if mode == "pass" {
					assertAnonymized(t, plan, out)
					return
				}
				assertPlanned(t, plan, out)
			})
		}
	}
}
