package eventrecord

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/producttelemetry/collector/semconv"
)

func TestName(t *testing.T) {
	tests := []struct {
		name  string
		setup func(plog.LogRecord)
		want  string
	}{
		{name: "no name", setup: func(plog.LogRecord) {}, want: ""},
		{name: "EventName", setup: func(lr plog.LogRecord) { lr.SetEventName("Model Trained") }, want: "Model Trained"},
		{
			name:  "legacy attribute",
			setup: func(lr plog.LogRecord) { lr.Attributes().PutStr(semconv.AttrEventName, "Model Promoted") },
			want:  "Model Promoted",
		},
		{
			name: "EventName wins over the legacy attribute",
			setup: func(lr plog.LogRecord) {
				lr.SetEventName("Model Trained")
				lr.Attributes().PutStr(semconv.AttrEventName, "Model Promoted")
			},
			want: "Model Trained",
		},
		{
			name:  "a legacy attribute that is not a string names nothing",
			setup: func(lr plog.LogRecord) { lr.Attributes().PutInt(semconv.AttrEventName, 7) },
			want:  "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lr := plog.NewLogRecord()
			tt.setup(lr)
			assert.Equal(t, tt.want, Name(lr))
		})
	}
}
