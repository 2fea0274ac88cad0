// Package telemetrygate holds the decision, shared by the processor and the exporter, whether
// product telemetry may be tracked at all: the enabled setting and the DO_NOT_TRACK convention.
package telemetrygate // import "github.com/producttelemetry/collector/internal/telemetrygate"

import "strings"

// DoNotTrackEnv is the cross-tool convention for refusing usage tracking (consoledonottrack.com).
const DoNotTrackEnv = "DO_NOT_TRACK"

// Settings are the two configuration fields that open or close the gate of one component.
type Settings struct {
	// Enabled is false when the configuration turns telemetry off.
	Enabled bool
	// RespectDoNotTrack is true when DO_NOT_TRACK in the environment may close the gate.
	RespectDoNotTrack bool
}

// ClosedReason tells why the gate is closed for the process lifetime, or returns "" when it is
// open. component names the configuration the settings come from ("processor", "exporter") for
// the reason text; getenv reads the collector's environment.
func ClosedReason(s Settings, component string, getenv func(string) string) string {
	if !s.Enabled {
		return "enabled is false in the " + component + " configuration"
	}
	if s.RespectDoNotTrack && DoNotTrack(getenv(DoNotTrackEnv)) {
		return DoNotTrackEnv + " is set in the collector's environment"
	}
	return ""
}

// DoNotTrack reports whether a DO_NOT_TRACK value asks not to track. The convention is 1, and
// true or yes are common; since whoever sets the variable at all means to refuse, every value
// other than empty, 0, false, no or off (in any case, spaces trimmed) refuses too.
func DoNotTrack(value string) bool {
	switch strings.ToLower(strings.TrimSpace(value)) {
	case "", "0", "false", "no", "off":
		return false
	}
	return true
}
