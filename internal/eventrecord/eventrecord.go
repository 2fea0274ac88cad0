// Package eventrecord holds the rules, shared by the processor and the exporter, for reading an
// event out of a log record.
package eventrecord // import "github.com/producttelemetry/collector/internal/eventrecord"

import (
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/producttelemetry/collector/semconv"
)

// Name returns the event name of a log record: its EventName, else the string value of the
// legacy event.name attribute that older SDKs set, else "".
func Name(lr plog.LogRecord) string {
	if name := lr.EventName(); name != "" {
		return name
	}
	if v, ok := lr.Attributes().Get(semconv.AttrEventName); ok && v.Type() == pcommon.ValueTypeStr {
		return v.Str()
	}
	return ""
}
