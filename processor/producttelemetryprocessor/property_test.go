package producttelemetryprocessor

import (
	"math"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/metric/metricdata"
	"go.opentelemetry.io/otel/sdk/metric/metricdata/metricdatatest"

	"github.com/producttelemetry/collector/processor/producttelemetryprocessor/internal/metadatatest"
	"github.com/producttelemetry/collector/semconv"
)

// Test vectors, computed with `printf %s VALUE | sha256sum` and
// `printf %s VALUE | openssl dgst -sha256 -hmac 0123456789abcdef0123456789abcdef`.
const (
	installOneSHA256 = "dbdacfba94e13158e2a06038e42c25809d989956e96a08bc836e0d164b420eae"
	meSHA256         = "2744ccd10c7533bd736ad890f9dd5cab2adb27b07d500b9493f29cdc420cb2e0"
	aliceSHA256      = "2bd806c97f0e00af1a1fc3328fa763a9269723c8db8fac4f93af71db186d6e90"
	bobSHA256        = "81b637d8fcd2c6da6359e6963113a1170de795e4b725b84d1e0b4cfd9ec58ce9"
	productionSHA256 = "ab8e18ef4ebebeddc0b3152ce9c9006e14fc05242e3fc9ce32246ea6a9543074"
	stagingSHA256    = "e919a75364398a449f860aeadddc57fa0502145a4e63959ddb33c417a48dc0da"
	emptySHA256      = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	zoeSHA256        = "c6a12698582fc1104ea24107a2d7268145ff06ef859707729d01fd060897f067"

	meHMAC        = "4517c18b36de2b4149c03e02630d814137dbe7b085cafb18b6e781f3c69bcac5"
	aliceHMAC     = "433deb45467e4e53dbaba594c88bc3a200f705a2150788c3d11e6040e63e8510"
	stagingHMAC   = "0916b6689ba58cf71193ddf12070a40b10ba47d1dbf590b864fd3ecd66efb45d"
	installOneMAC = "8e093927dd083fbd57186485862320dfb9274ae95375f4a054c4bd118f3ddd87"
)

func reason(r string) attribute.Set {
	return attribute.NewSet(attribute.String("reason", r))
}

// repeated returns an array of n copies of s, as pcommon.Value.AsRaw returns it.
func repeated(s string, n int) []any {
	a := make([]any, n)
	for i := range a {
		a[i] = s
	}
	return a
}

func TestHashVectors(t *testing.T) {
	tests := []struct {
		algorithm string
		value     string
		want      string
	}{
		{AlgorithmSHA256, "me", meSHA256},
		{AlgorithmSHA256, "alice", aliceSHA256},
		{AlgorithmSHA256, "", emptySHA256},
		{AlgorithmSHA256, "Zoë", zoeSHA256},
		{AlgorithmSHA256, "install-1", installOneSHA256},
		// Bytes are hashed as they come: invalid UTF-8 and NUL are not cleaned up first.
		{AlgorithmSHA256, "\xff", "a8100ae6aa1940d0b663bb31cd466142ebbdbd5187131b92d93818987832eb89"},
		{AlgorithmSHA256, "a\x00b", "59b271ae1bbcb1d31d41929817f4b16fb439eb4f31520b5ad1d5ce98920a7138"},
		{AlgorithmHMACSHA256, "\xff", "488abb8e7879b7a06603c15b82e949eea610cbe3b7e6cec4718e14aab73e007a"},
		{AlgorithmHMACSHA256, "me", meHMAC},
		{AlgorithmHMACSHA256, "alice", aliceHMAC},
		{AlgorithmHMACSHA256, "staging", stagingHMAC},
		{AlgorithmHMACSHA256, "install-1", installOneMAC},
	}
	for _, tt := range tests {
		t.Run(tt.algorithm+"/"+tt.value, func(t *testing.T) {
			cfg := AnonymizationConfig{Algorithm: tt.algorithm}
			if tt.algorithm == AlgorithmHMACSHA256 {
				cfg.Key = testHMACKey
			}
			a := newAnonymizer(cfg)
			assert.Equal(t, tt.want, a.hashString(tt.value))
			assert.Equal(t, tt.want, a.hashString(tt.value), "pooled state is reset between values")
		})
	}
}

func TestAnonymizedOutput(t *testing.T) {
	tests := []struct {
		name      string
		algorithm string
		attrs     map[string]any
		wantAttrs map[string]any
		wantID    string
	}{
		{
			name:      "sha256",
			algorithm: AlgorithmSHA256,
			attrs:     map[string]any{"owner": "alice", "member_names": []any{"production", "staging", "production"}},
			wantAttrs: map[string]any{"owner": aliceSHA256,
				"member_names": []any{productionSHA256, stagingSHA256, productionSHA256}},
			wantID: installOneSHA256,
		},
		{
			name:      "hmac-sha256",
			algorithm: AlgorithmHMACSHA256,
			attrs:     map[string]any{"owner": "me", "member_names": []any{"staging"}},
			wantAttrs: map[string]any{"owner": meHMAC, "member_names": []any{stagingHMAC}},
			wantID:    installOneMAC,
		},
		{
			name:      "empty array",
			algorithm: AlgorithmSHA256,
			attrs:     map[string]any{"member_names": []any{}},
			wantAttrs: map[string]any{"member_names": []any{}},
			wantID:    installOneSHA256,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPipeline(t, func(cfg *Config) {
				cfg.Anonymization.Algorithm = tt.algorithm
				if tt.algorithm == AlgorithmHMACSHA256 {
					cfg.Anonymization.Key = testHMACKey
				}
			})
			rl, lr, forwarded := p.consume(t, newEvent(t, workspaceCreated, tt.attrs))
			require.True(t, forwarded)
			tt.wantAttrs["producttelemetry.channel"] = "server"
			assert.Equal(t, tt.wantAttrs, lr.Attributes().AsRaw())
			id, _ := rl.Resource().Attributes().Get("producttelemetry.anonymous_id")
			assert.Equal(t, tt.wantID, id.Str())
		})
	}
}

func TestPropertyRules(t *testing.T) {
	tests := []struct {
		name       string
		key        string
		value      any
		want       any // nil: the property is removed
		wantReason string
	}{
		{name: "string", key: "region", value: "eu", want: "eu"},
		{name: "invalid UTF-8 string kept as is", key: "region", value: "\xff\xfe", want: "\xff\xfe"},
		{name: "string enum member", key: "plan", value: "team", want: "team"},
		{name: "string outside enum", key: "plan", value: "enterprise", wantReason: ruleNotInEnum},
		{name: "enum is case-sensitive", key: "plan", value: "Team", wantReason: ruleNotInEnum},
		{name: "int", key: "seats", value: int64(12), want: int64(12)},
		{name: "integral double to int", key: "seats", value: 12.0, want: int64(12)},
		{name: "negative integral double to int", key: "seats", value: -3.0, want: int64(-3)},
		{name: "fractional double for int", key: "seats", value: 12.5, wantReason: ruleWrongType},
		{name: "double beyond 2^53 for int", key: "seats", value: 1e17, wantReason: ruleWrongType},
		{name: "string for int", key: "seats", value: "12", wantReason: ruleWrongType},
		{name: "bool for int", key: "seats", value: true, wantReason: ruleWrongType},
		{name: "int enum member", key: "tier", value: int64(2), want: int64(2)},
		{name: "int enum member from double", key: "tier", value: 1.0, want: int64(1)},
		{name: "int outside enum", key: "tier", value: int64(3), wantReason: ruleNotInEnum},
		{name: "double", key: "setup_seconds", value: 1.25, want: 1.25},
		{name: "int to double", key: "setup_seconds", value: int64(3), want: 3.0},
		{name: "int beyond 2^53 for double", key: "setup_seconds", value: int64(1<<53 + 1), wantReason: ruleWrongType},
		{name: "NaN", key: "setup_seconds", value: math.NaN(), wantReason: ruleWrongType},
		{name: "infinity", key: "setup_seconds", value: math.Inf(-1), wantReason: ruleWrongType},
		{name: "string for double", key: "setup_seconds", value: "1.5", wantReason: ruleWrongType},
		{name: "bool", key: "imported", value: false, want: false},
		{name: "string true for bool", key: "imported", value: "true", wantReason: ruleWrongType},
		{name: "int for bool", key: "imported", value: int64(1), wantReason: ruleWrongType},
		{name: "double of 2^53 to int", key: "seats", value: float64(1 << 53), want: int64(1 << 53)},
		{name: "double of -2^53 to int", key: "seats", value: -float64(1 << 53), want: -int64(1 << 53)},
		{name: "int of 2^53 to double", key: "setup_seconds", value: int64(1 << 53), want: float64(1 << 53)},
		{name: "int below -2^53 for double", key: "setup_seconds", value: -int64(1<<53 + 1), wantReason: ruleWrongType},
		{name: "int for string", key: "region", value: int64(7), wantReason: ruleWrongType},
		{name: "double for string", key: "region", value: 7.5, wantReason: ruleWrongType},
		{name: "bool for string", key: "region", value: true, wantReason: ruleWrongType},
		{name: "int for anonymized string", key: "owner", value: int64(4242), wantReason: ruleWrongType},
		{name: "empty value for string", key: "region", value: nil, wantReason: ruleWrongType},
		{name: "map for string", key: "region", value: map[string]any{"name": "eu"}, wantReason: ruleWrongType},
		{name: "bytes for string", key: "region", value: []byte("eu"), wantReason: ruleWrongType},
		{name: "array for string", key: "owner", value: []any{"alice"}, wantReason: ruleWrongType},
		{name: "string for array", key: "member_names", value: "staging", wantReason: ruleWrongType},
		{name: "array with a number", key: "member_names", value: []any{"staging", int64(1)}, wantReason: ruleWrongType},
		{name: "array with a map", key: "member_names", value: []any{map[string]any{"a": "b"}}, wantReason: ruleWrongType},
		{name: "anonymized array as long as one event carries", key: "member_names",
			value: repeated("", maxAnonymizedElements), want: repeated(emptySHA256, maxAnonymizedElements)},
		{name: "anonymized array too long for one event once hashed", key: "member_names",
			value: repeated("", maxAnonymizedElements+1), wantReason: ruleMalformed},
		{name: "unplanned", key: "email", value: "alice@example.com", wantReason: ruleUnplanned},
		{name: "unplanned with planned key of another event", key: "username", value: "alice", wantReason: ruleUnplanned},
		{name: "forged channel", key: "producttelemetry.channel", value: "browser", want: "server"},
		{name: "UUID record uid kept", key: "log.record.uid", value: "6f1c2a3e-0d4b-4c8e-9a71-5b2d3e4f6a7c", want: "6f1c2a3e-0d4b-4c8e-9a71-5b2d3e4f6a7c"},
		{name: "ULID record uid kept", key: "log.record.uid", value: "01HZX4N5QK8V2M7T3R9WBCDEFG", want: "01HZX4N5QK8V2M7T3R9WBCDEFG"},
		{name: "name as record uid", key: "log.record.uid", value: "alice", wantReason: ruleMalformed},
		{name: "email as record uid", key: "log.record.uid", value: "alice@example.com", wantReason: ruleMalformed},
		{name: "int record uid", key: "log.record.uid", value: int64(7), wantReason: ruleMalformed},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPipeline(t, nil)
			_, lr, forwarded := p.consume(t, newEvent(t, workspaceCreated, map[string]any{tt.key: tt.value}))
			require.True(t, forwarded, "remove_property keeps the record")

			got, ok := lr.Attributes().Get(tt.key)
			if tt.want == nil {
				assert.False(t, ok, "%s must be removed", tt.key)
			} else {
				require.True(t, ok)
				assert.Equal(t, tt.want, got.AsRaw())
			}
			if tt.wantReason != "" {
				metadatatest.AssertEqualProcessorProducttelemetryPropertiesRemoved(t, p.telemetry,
					[]metricdata.DataPoint[int64]{{Value: 1, Attributes: reason(tt.wantReason)}},
					metricdatatest.IgnoreTimestamp())
			}
		})
	}
}

func TestOnViolation(t *testing.T) {
	tests := []struct {
		name        string
		onViolation string
		attrs       map[string]any
		wantForward bool
		wantAttrs   map[string]any
	}{
		{name: "remove property", onViolation: OnViolationRemoveProperty,
			attrs:       map[string]any{"plan": "gold", "seats": int64(3)},
			wantForward: true, wantAttrs: map[string]any{"seats": int64(3), "producttelemetry.channel": "server"}},
		{name: "drop event on enum", onViolation: OnViolationDropEvent,
			attrs: map[string]any{"plan": "gold", "seats": int64(3)}, wantForward: false},
		{name: "drop event on type", onViolation: OnViolationDropEvent,
			attrs: map[string]any{"owner": "alice", "seats": "three"}, wantForward: false},
		{name: "remove anonymized property of the wrong type", onViolation: OnViolationRemoveProperty,
			attrs:       map[string]any{"owner": map[string]any{"raw": "alice"}, "member_names": []byte("bob"), "seats": int64(3)},
			wantForward: true, wantAttrs: map[string]any{"seats": int64(3), "producttelemetry.channel": "server"}},
		{name: "drop event on anonymized property of the wrong type", onViolation: OnViolationDropEvent,
			attrs: map[string]any{"seats": int64(3), "owner": map[string]any{"raw": "alice"}}, wantForward: false},
		{name: "drop event keeps conforming records", onViolation: OnViolationDropEvent,
			attrs:       map[string]any{"seats": 3.0, "note": "unplanned is not a violation"},
			wantForward: true, wantAttrs: map[string]any{"seats": int64(3), "producttelemetry.channel": "server"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := newPipeline(t, func(cfg *Config) { cfg.OnViolation = tt.onViolation })
			_, lr, forwarded := p.consume(t, newEvent(t, workspaceCreated, tt.attrs))
			require.Equal(t, tt.wantForward, forwarded)
			if forwarded {
				assert.Equal(t, tt.wantAttrs, lr.Attributes().AsRaw())
				return
			}
			p.assertDropped(t, "violation")
		})
	}
}

func TestEverythingUnplannedIsRemoved(t *testing.T) {
	p := newPipeline(t, nil)
	ld := newEvent(t, workspaceViewed, map[string]any{"log.record.uid": "6f1c2a3e-0d4b-4c8e-9a71-5b2d3e4f6a7c", "secret": "s3cret"})
	rl := ld.ResourceLogs().At(0)
	rl.SetSchemaUrl("https://example.com/schema")
	require.NoError(t, rl.Resource().Attributes().FromRaw(map[string]any{
		"service.instance.id": "install-1", "service.name": "rasa-x", "service.version": "1.4.2",
		"host.name": "build-box", "os.type": "linux", "service.namespace": int64(3),
	}))
	rl.Resource().SetDroppedAttributesCount(2)
	sl := rl.ScopeLogs().At(0)
	sl.Scope().SetName("rasa.telemetry.alice")
	sl.Scope().SetVersion("1.0-alice")
	sl.Scope().Attributes().PutStr("user", "alice")
	sl.SetSchemaUrl("https://example.com/scope")
	lr := sl.LogRecords().At(0)
	lr.Body().SetEmptyMap().PutStr("password", "hunter2")
	lr.SetTraceID(pcommon.TraceID{1, 2, 3})
	lr.SetSpanID(pcommon.SpanID{4, 5, 6})
	lr.SetFlags(plog.DefaultLogRecordFlags.WithIsSampled(true))
	lr.SetSeverityText("INFO alice logged in")
	lr.SetSeverityNumber(plog.SeverityNumberInfo)
	lr.SetDroppedAttributesCount(1)
	lr.SetTimestamp(1_700_000_000_000_000_000)
	lr.SetObservedTimestamp(1_700_000_000_500_000_000)

	outRL, out, forwarded := p.consume(t, ld)
	require.True(t, forwarded)

	assert.Equal(t, map[string]any{
		"service.name": "rasa-x", "service.version": "1.4.2", "producttelemetry.anonymous_id": installOneSHA256,
	}, outRL.Resource().Attributes().AsRaw())
	assert.Zero(t, outRL.Resource().DroppedAttributesCount())
	assert.Empty(t, outRL.SchemaUrl())

	outScope := outRL.ScopeLogs().At(0)
	assert.Empty(t, outScope.Scope().Name())
	assert.Empty(t, outScope.Scope().Version())
	assert.Zero(t, outScope.Scope().Attributes().Len())
	assert.Empty(t, outScope.SchemaUrl())

	assert.Equal(t, map[string]any{"log.record.uid": "6f1c2a3e-0d4b-4c8e-9a71-5b2d3e4f6a7c", "producttelemetry.channel": "browser"},
		out.Attributes().AsRaw())
	assert.Equal(t, pcommon.ValueTypeEmpty, out.Body().Type())
	assert.True(t, out.TraceID().IsEmpty())
	assert.True(t, out.SpanID().IsEmpty())
	assert.Zero(t, out.Flags())
	assert.Empty(t, out.SeverityText())
	assert.Equal(t, plog.SeverityNumberUnspecified, out.SeverityNumber())
	assert.Zero(t, out.DroppedAttributesCount())
	assert.Equal(t, pcommon.Timestamp(1_700_000_000_000_000_000), out.Timestamp())
	assert.Equal(t, pcommon.Timestamp(1_700_000_000_500_000_000), out.ObservedTimestamp())
}

// TestDoubleEnum checks a double enum, which the test plan lacks, against converted ints too.
func TestDoubleEnum(t *testing.T) {
	prop, err := compileProperty(&semconv.Property{Key: "ratio", Type: semconv.TypeDouble,
		Members: []semconv.Member{{ID: "half", Value: 0.5}, {ID: "two", Value: 2.0}}})
	require.NoError(t, err)
	tests := []struct {
		name  string
		value any
		want  verdict
		out   any
	}{
		{name: "member", value: 0.5, want: conforms, out: 0.5},
		{name: "int member converted", value: int64(2), want: conforms, out: 2.0},
		{name: "int outside enum", value: int64(3), want: notInEnum},
		{name: "double outside enum", value: 0.25, want: notInEnum},
		{name: "string", value: "0.5", want: wrongType},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v := pcommon.NewValueEmpty()
			require.NoError(t, v.FromRaw(tt.value))
			assert.Equal(t, tt.want, prop.conform(v))
			if tt.want == conforms {
				assert.Equal(t, tt.out, v.AsRaw())
			}
		})
	}
}
