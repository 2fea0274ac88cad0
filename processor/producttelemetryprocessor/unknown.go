package producttelemetryprocessor // import "github.com/producttelemetry/collector/processor/producttelemetryprocessor"

import (
	"strings"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/producttelemetry/collector/semconv"
)

// dropUnknown handles a record whose event the plan does not name: dropped, or, with
// unknown_events: pass, passed on without the plan's filtering but with the privacy rules that
// do not depend on the event: the pipeline's own attributes are removed, so that a sender cannot
// forge them, a key that the plan anonymizes in any event, or the identity attribute, is
// anonymized here too, and log.record.uid must look generated.
func (b *batch) dropUnknown(lr plog.LogRecord, name string) bool {
	b.p.warner.warn(name, ruleUnknownEvent, "")
	if !b.p.passUnknown {
		b.counts.dropped[dropUnknownEvent]++
		return true
	}
	b.unknownName, b.record, b.refused = name, recordCounts{}, false
	lr.Attributes().RemoveIf(b.removeUnknownAttribute)
	if b.refused {
		b.counts.dropped[dropNoConsent]++
		return true
	}
	b.counts.add(&b.record)
	b.counts.forwarded++
	return false
}

// dropUnknownAttribute reports whether an attribute of a passed unknown record is to be removed,
// anonymizing it in place when the plan anonymizes its key.
func (b *batch) dropUnknownAttribute(key string, v pcommon.Value) bool {
	switch {
	case key == semconv.AttrConsent:
		return b.dropConsent(v)
	case strings.HasPrefix(key, semconv.ReservedPrefix):
		return true
	case key == semconv.AttrLogRecordUID:
		return !b.keepRecordUID(b.unknownName, v)
	}
	if _, ok := b.p.plan.anonymizedKeys[key]; !ok && key != b.p.cfg.IdentityAttribute {
		return false
	}
	if !isStringOrStrings(v) {
		b.record.removed[removeWrongType]++
		b.p.warner.warn(b.unknownName, ruleWrongType, key)
		return true
	}
	if !fitsOneEventHashed(v) {
		b.record.removed[removeMalformed]++
		b.p.warner.warn(b.unknownName, ruleMalformed, key)
		return true
	}
	b.record.anonymized += int64(b.p.anon.anonymize(v))
	return false
}

// isStringOrStrings reports whether v is a string or a slice of strings only.
func isStringOrStrings(v pcommon.Value) bool {
	switch v.Type() {
	case pcommon.ValueTypeStr:
		return true
	case pcommon.ValueTypeSlice:
		for _, e := range v.Slice().All() {
			if e.Type() != pcommon.ValueTypeStr {
				return false
			}
		}
		return true
	}
	return false
}
