package producttelemetryprocessor // import "github.com/producttelemetry/collector/processor/producttelemetryprocessor"

import (
	"strings"

	"go.opentelemetry.io/collector/pdata/pcommon"

	"github.com/producttelemetry/collector/internal/telemetrygate"
	"github.com/producttelemetry/collector/semconv"
)

// gateClosedReason tells why the configuration or the environment closes the gate for the
// process lifetime, or returns "" when the gate is open. getenv reads the collector's environment.
func gateClosedReason(cfg *Config, getenv func(string) string) string {
	gate := telemetrygate.Settings{Enabled: cfg.Enabled, RespectDoNotTrack: cfg.RespectDoNotTrack}
	return telemetrygate.ClosedReason(gate, "processor", getenv)
}

// consentWithdrawn reports whether the attributes of a resource or a scope refuse tracking.
// Without the consent attribute they consent; with it they consent only with boolean true or the
// string "true" (any case), so a malformed value counts as a refusal. OTLP lets a key repeat, so
// every copy is checked: one refusal among them is enough.
func consentWithdrawn(attrs pcommon.Map) bool {
	for k, v := range attrs.All() {
		if k == semconv.AttrConsent && !consents(v) {
			return true
		}
	}
	return false
}

func consents(v pcommon.Value) bool {
	switch v.Type() {
	case pcommon.ValueTypeBool:
		return v.Bool()
	case pcommon.ValueTypeStr:
		return strings.EqualFold(strings.TrimSpace(v.Str()), "true")
	}
	return false
}
