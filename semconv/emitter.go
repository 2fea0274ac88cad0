package semconv

import (
	"context"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/log"
	"go.opentelemetry.io/otel/log/noop"
)

//go:generate go run ./internal/gen -dir .

// Emitter sends the events of the built-in tracking plan as OpenTelemetry log records.
// Each event has its own method (generated from the registry), which sets the record's
// EventName to the catalog name, Timestamp and ObservedTimestamp to the current time,
// severity to Info, and the event's properties as attributes:
//
//   - string properties as string attributes, left out when empty;
//   - int, double and boolean properties as int64, float64 and bool attributes, always set,
//     because 0 and false are meaningful values (num_tags, local_mode);
//   - string[] properties as string slice attributes, always set (a nil slice is empty).
//
// Methods build the attributes in a stack buffer and skip all work when the logger is not
// enabled for the event. An Emitter is safe for concurrent use.
type Emitter struct {
	logger log.Logger
}

// NewEmitter returns an Emitter that writes to logger, typically obtained from a
// LoggerProvider of go.opentelemetry.io/otel/sdk/log. A nil logger gives an Emitter that
// sends nothing, so that a service with telemetry switched off needs no special case.
func NewEmitter(logger log.Logger) *Emitter {
	if logger == nil {
		logger = noop.Logger{}
	}
	return &Emitter{logger: logger}
}

// enabled reports whether the logger wants the event at all.
func (e *Emitter) enabled(ctx context.Context, event string) bool {
	return e.logger.Enabled(ctx, log.EnabledParameters{Severity: log.SeverityInfo, EventName: event})
}

// emit sends one event record. The logger copies attrs, so callers may reuse them.
func (e *Emitter) emit(ctx context.Context, event string, attrs []attribute.KeyValue) {
	now := time.Now()
	var r log.Record
	r.SetEventName(event)
	r.SetTimestamp(now)
	r.SetObservedTimestamp(now)
	r.SetSeverity(log.SeverityInfo)
	r.SetSeverityText(severityText)
	r.AddAttributes(attrs...)
	e.logger.Emit(ctx, r)
}

// severityText is the severity text of every event record.
const severityText = "INFO"

// appendString adds a string attribute unless the value is empty.
func appendString(attrs []attribute.KeyValue, key, value string) []attribute.KeyValue {
	if value == "" {
		return attrs
	}
	return append(attrs, attribute.String(key, value))
}
