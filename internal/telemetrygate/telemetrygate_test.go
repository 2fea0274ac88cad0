package telemetrygate

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestDoNotTrack(t *testing.T) {
	tests := []struct {
		value string
		want  bool
	}{
		{value: "1", want: true},
		{value: "true", want: true},
		{value: "TRUE", want: true},
		{value: " Yes ", want: true},
		{value: " 1 ", want: true},
		{value: "on", want: true},
		{value: "2", want: true},
		{value: "please", want: true},
		{value: "", want: false},
		{value: " ", want: false},
		{value: "OFF", want: false},
		{value: "0", want: false},
		{value: "no", want: false},
		{value: "false", want: false},
		{value: " False ", want: false},
	}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			assert.Equal(t, tt.want, DoNotTrack(tt.value))
		})
	}
}

func TestClosedReason(t *testing.T) {
	tests := []struct {
		name       string
		settings   Settings
		component  string
		doNotTrack string
		want       string
	}{
		{name: "open", settings: Settings{Enabled: true, RespectDoNotTrack: true}, want: ""},
		{name: "DO_NOT_TRACK=0 keeps it open", settings: Settings{Enabled: true, RespectDoNotTrack: true},
			doNotTrack: "0", want: ""},
		{name: "disabled in the processor", settings: Settings{RespectDoNotTrack: true}, component: "processor",
			want: "enabled is false in the processor configuration"},
		{name: "disabled in the exporter", settings: Settings{RespectDoNotTrack: true}, component: "exporter",
			want: "enabled is false in the exporter configuration"},
		{name: "DO_NOT_TRACK", settings: Settings{Enabled: true, RespectDoNotTrack: true}, doNotTrack: "yes",
			want: "DO_NOT_TRACK is set in the collector's environment"},
		{name: "DO_NOT_TRACK ignored", settings: Settings{Enabled: true}, doNotTrack: "1", want: ""},
		{name: "disabled is told before DO_NOT_TRACK", settings: Settings{RespectDoNotTrack: true},
			component: "processor", doNotTrack: "1", want: "enabled is false in the processor configuration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			getenv := func(name string) string {
				if name != DoNotTrackEnv {
					t.Errorf("read %s, want only %s", name, DoNotTrackEnv)
				}
				return tt.doNotTrack
			}
			assert.Equal(t, tt.want, ClosedReason(tt.settings, tt.component, getenv))
		})
	}
}
