package producttelemetryprocessor // import "github.com/producttelemetry/collector/processor/producttelemetryprocessor"

import (
	"strings"

	"go.opentelemetry.io/collector/pdata/pcommon"

	"github.com/producttelemetry/collector/semconv"
)

// doNotTrackEnv is the cross-tool convention for refusing usage tracking (consoledonottrack.com).
const doNotTrackEnv = "DO_NOT_TRACK"

// gateClosedReason tells why the configuration closes the gate for the process lifetime, or
// returns "" when the gate is open. getenv reads the collector's environment.
func gateClosedReason(cfg *Config, getenv func(string) string) string {
	if !cfg.Enabled {
		return "enabled is false in the processor configuration"
	}
	if cfg.RespectDoNotTrack && doNotTrack(getenv(doNotTrackEnv)) {
		return doNotTrackEnv + " is set in the collector's environment"
	}
	return ""
}

// doNotTrack reports whether a DO_NOT_TRACK value asks not to track. The convention is 1, and
// true or yes are common; since whoever sets the variable at all means to refuse, every value
// other than empty, 0, false, no or off (in any case, spaces trimmed) refuses too.
func doNotTrack(value string) bool {
	switch strings.ToLower(strings.TrimSpace(value)) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
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
