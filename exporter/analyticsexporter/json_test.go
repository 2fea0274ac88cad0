package analyticsexporter

import (
	"encoding/json"
	"math"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/pcommon"
)

func TestAppendJSONString(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string
	}{
		{name: "plain", in: "Model Trained", want: `"Model Trained"`},
		{name: "quote and backslash", in: `a"b\c`, want: `"a\"b\\c"`},
		{name: "short escapes", in: "\n\r\t\b\f", want: `"\n\r\t\b\f"`},
		{name: "other control characters", in: "\x00\x1f\x7f", want: "\"\\u0000\\u001f\x7f\""},
		{name: "html is not escaped", in: "<a href='x'>&</a>", want: `"<a href='x'>&</a>"`},
		{name: "multi-byte utf-8", in: "née 日本 🚀", want: `"née 日本 🚀"`},
		{name: "invalid utf-8 byte", in: "ok\xffok", want: `"ok\ufffdok"`},
		{name: "truncated sequence", in: "x\xe6\x97", want: `"x\ufffd\ufffd"`},
		{name: "line separators stay raw", in: "a\u2028b", want: "\"a\u2028b\""},
		{name: "empty", in: "", want: `""`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := appendJSONString(nil, tt.in)
			assert.Equal(t, tt.want, string(got))

			var decoded string
			require.NoError(t, json.Unmarshal(got, &decoded))
			var viaStdlib string
			require.NoError(t, json.Unmarshal(mustMarshal(t, tt.in), &viaStdlib))
			assert.Equal(t, viaStdlib, decoded, "decodes to what encoding/json would encode")
		})
	}
}

func TestAppendJSONFloat(t *testing.T) {
	for _, f := range []float64{0, 1, -1, 0.5, 3.14159, 1e20, 1e21, 1.5e-7, 1e-6, 123456789.125, -2.5e-9, math.MaxFloat64} {
		got := appendJSONFloat(nil, f)
		assert.Equal(t, string(mustMarshal(t, f)), string(got), "float %v", f)
	}
	for _, f := range []float64{math.NaN(), math.Inf(1), math.Inf(-1)} {
		assert.Equal(t, "null", string(appendJSONFloat(nil, f)))
	}
}

func TestAppendTimestamp(t *testing.T) {
	tests := []struct {
		in   time.Time
		want string
	}{
		{in: time.Date(2026, 1, 2, 3, 4, 5, 6_789_999, time.UTC), want: `"2026-01-02T03:04:05.006Z"`},
		{in: time.Date(2026, 12, 31, 23, 59, 59, 999_999_999, time.UTC), want: `"2026-12-31T23:59:59.999Z"`},
		{in: time.Date(2026, 6, 1, 2, 0, 0, 0, time.FixedZone("CEST", 2*3600)), want: `"2026-06-01T00:00:00.000Z"`},
		{in: time.Unix(0, 0), want: `"1970-01-01T00:00:00.000Z"`},
	}
	for _, tt := range tests {
		got := appendTimestamp(nil, tt.in)
		assert.Equal(t, tt.want, string(got))
		assert.Len(t, got, quotedTimestampLen)
	}
}

func TestAppendJSONValue(t *testing.T) {
	m := pcommon.NewMap()
	m.PutStr("s", "x")
	m.PutInt("i", -42)
	m.PutDouble("d", 2.5)
	m.PutBool("b", true)
	m.PutEmpty("nil")
	m.PutEmptyBytes("bytes").FromRaw([]byte{0, 1, 2})
	names := m.PutEmptySlice("names")
	names.AppendEmpty().SetStr("prod")
	names.AppendEmpty().SetStr("dev")
	nested := m.PutEmptyMap("nested")
	nested.PutInt("n", 1)
	nested.PutEmptySlice("empty")

	got := appendJSONValue(nil, pcommon.NewValueMap())
	assert.Equal(t, "{}", string(got))

	v := pcommon.NewValueEmpty()
	m.CopyTo(v.SetEmptyMap())
	got = appendJSONValue(nil, v)
	assert.Equal(t,
		`{"s":"x","i":-42,"d":2.5,"b":true,"nil":null,"bytes":"AAEC","names":["prod","dev"],"nested":{"n":1,"empty":[]}}`,
		string(got))

	var decoded map[string]any
	require.NoError(t, json.Unmarshal(got, &decoded))
	assert.Equal(t, []any{"prod", "dev"}, decoded["names"])
	assert.InDelta(t, -42, decoded["i"], 0)
	assert.Equal(t, true, decoded["b"])
}

func mustMarshal(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	require.NoError(t, err)
	return b
}
