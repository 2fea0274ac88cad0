package producttelemetryprocessor // import "github.com/producttelemetry/collector/processor/producttelemetryprocessor"

import (
	"sync"
	"time"

	"go.uber.org/zap"
)

// Rules named in warnings; they match the reasons of the metrics.
const (
	ruleUnknownEvent = "unknown_event"
	ruleUnplanned    = "unplanned"
	ruleWrongType    = "wrong_type"
	ruleNotInEnum    = "not_in_enum"
	ruleMalformed    = "malformed"
	ruleNoIdentity   = "no_identity"
)

// Bounds on what a warning keeps from client-supplied names, and on how many distinct warnings
// are remembered, so that hostile input can neither flood the log nor grow memory.
const (
	maxWarnNameBytes = 128
	maxWarnings      = 1024
)

// warning identifies a kind of problem: an event, a rule and, where it applies, a property key.
// It never carries a value.
type warning struct {
	event, rule, property string
}

// warner logs each warning at most once per interval.
type warner struct {
	logger   *zap.Logger
	interval time.Duration
	now      func() time.Time

	mu        sync.Mutex
	last      map[warning]time.Time
	lastSweep time.Time
}

func newWarner(logger *zap.Logger, interval time.Duration) *warner {
	return &warner{logger: logger, interval: interval, now: time.Now, last: map[warning]time.Time{}}
}

// warn logs the warning unless the same one was logged less than an interval ago.
func (w *warner) warn(event, rule, property string) {
	key := warning{event: truncate(event), rule: rule, property: truncate(property)}
	now := w.now()

	w.mu.Lock()
	last, seen := w.last[key]
	if seen && now.Sub(last) < w.interval {
		w.mu.Unlock()
		return
	}
	if !seen && len(w.last) >= maxWarnings {
		w.sweep(now)
		if len(w.last) >= maxWarnings {
			w.mu.Unlock()
			return
		}
	}
	w.last[key] = now
	w.mu.Unlock()

	fields := make([]zap.Field, 0, 3)
	if key.event != "" {
		fields = append(fields, zap.String("event", key.event))
	}
	fields = append(fields, zap.String("rule", rule))
	if key.property != "" {
		fields = append(fields, zap.String("property", key.property))
	}
	w.logger.Warn("Product event does not follow the tracking plan; it was changed or dropped "+
		"(further warnings of this kind are suppressed for the warn_interval)", fields...)
}

// sweep forgets warnings whose interval has passed, at most once per interval so that a flood
// of distinct warnings costs no more than a map lookup each; the caller holds mu.
func (w *warner) sweep(now time.Time) {
	if now.Sub(w.lastSweep) < w.interval {
		return
	}
	w.lastSweep = now
	for k, last := range w.last {
		if now.Sub(last) >= w.interval {
			delete(w.last, k)
		}
	}
}

// truncate cuts a client-supplied name to maxWarnNameBytes.
func truncate(s string) string {
	if len(s) > maxWarnNameBytes {
		return s[:maxWarnNameBytes]
	}
	return s
}
