package producttelemetryprocessor // import "github.com/producttelemetry/collector/processor/producttelemetryprocessor"

import (
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/xpdata/entity"

	"github.com/producttelemetry/collector/internal/eventrecord"
	"github.com/producttelemetry/collector/semconv"
)

// isKeptResourceAttribute reports the resource attributes kept in clear; every other resource
// attribute is removed.
func isKeptResourceAttribute(key string) bool {
	return keptResourceBit(key) != 0
}

// keptResourceBit numbers the kept resource attributes for batch.keptResource; 0 for any other key.
func keptResourceBit(key string) uint8 {
	switch key {
	case semconv.AttrServiceName:
		return 1
	case semconv.AttrServiceVersion:
		return 2
	}
	return 0
}

// batch is the state of one walk over a plog.Logs. Its callbacks are bound once, when the
// batch is created, so that walking a record allocates nothing.
type batch struct {
	p      *telemetryProcessor
	counts counts

	// The record being filtered. seen has a bit per property of the event (plannedProperty.index)
	// and seenUID one for the uid: OTLP lets a key repeat, and only its first copy is kept.
	event    *plannedEvent
	record   recordCounts
	violated bool
	refused  bool // by a consent attribute on the record; see dropConsent
	seen     []uint64
	seenUID  bool

	// keptResource has a keptResourceBit for each kept resource attribute already seen in the
	// resource being rewritten: like a property, only its first copy stays.
	keptResource uint8

	removeResource          func(plog.ResourceLogs) bool
	removeResourceAttribute func(string, pcommon.Value) bool
	removeScope             func(plog.ScopeLogs) bool
	removeRecord            func(plog.LogRecord) bool
	removeAttribute         func(string, pcommon.Value) bool

	// The unknown record being passed on; see unknown.go.
	unknownName            string
	removeUnknownAttribute func(string, pcommon.Value) bool
}

func newBatch(p *telemetryProcessor) *batch {
	b := &batch{p: p, seen: make([]uint64, (p.plan.maxProperties+63)/64)}
	b.removeResource = b.dropResource
	b.removeResourceAttribute = b.dropResourceAttribute
	b.removeScope = b.dropScope
	b.removeRecord = b.dropRecord
	b.removeAttribute = b.dropAttribute
	b.removeUnknownAttribute = b.dropUnknownAttribute
	return b
}

func (b *batch) reset() {
	b.counts = counts{}
	b.event = nil
}

// dropResource applies consent and identity to a resource, walks its records, and rewrites its
// attributes if any record is left. It reports whether the resource is to be removed.
func (b *batch) dropResource(rl plog.ResourceLogs) bool {
	n := recordCount(rl)
	b.counts.received += n
	if n == 0 {
		return true
	}
	attrs := rl.Resource().Attributes()
	if consentWithdrawn(attrs) {
		b.counts.dropped[dropNoConsent] += n
		return true
	}
	identity, ok := attrs.Get(b.p.cfg.IdentityAttribute)
	if !ok || identity.Type() != pcommon.ValueTypeStr || identity.Str() == "" {
		b.counts.dropped[dropMalformed] += n
		b.p.warner.warn("", ruleNoIdentity, b.p.cfg.IdentityAttribute)
		return true
	}

	before := b.counts.forwarded
	rl.ScopeLogs().RemoveIf(b.removeScope)
	if b.counts.forwarded == before {
		return true
	}

	anonymousID := b.p.anon.hashString(identity.Str())
	b.keptResource = 0
	attrs.RemoveIf(b.removeResourceAttribute)
	attrs.PutStr(semconv.AttrAnonymousID, anonymousID)
	b.counts.anonymized++
	rl.Resource().SetDroppedAttributesCount(0)
	entity.ResourceEntityRefs(rl.Resource()).RemoveIf(removeAll)
	rl.SetSchemaUrl("")
	return false
}

// removeAll drops every entity reference: they name entity types and attribute keys chosen by
// the sender, and refer to attributes the processor has just removed.
func removeAll(entity.EntityRef) bool { return true }

// dropResourceAttribute keeps the first copy of a kept resource attribute if it is a string, the
// copy that the exporter reads; it reports whether anything else is to be removed.
func (b *batch) dropResourceAttribute(key string, v pcommon.Value) bool {
	bit := keptResourceBit(key)
	if bit == 0 || b.keptResource&bit != 0 {
		return true
	}
	b.keptResource |= bit
	return v.Type() != pcommon.ValueTypeStr
}

func recordCount(rl plog.ResourceLogs) int64 {
	var n int
	sls := rl.ScopeLogs()
	for i := 0; i < sls.Len(); i++ {
		n += sls.At(i).LogRecords().Len()
	}
	return int64(n)
}

// dropScope walks a scope's records and clears the scope. Its name and version are free text
// chosen by the sender (a logger name can be anything) and nothing downstream needs them.
func (b *batch) dropScope(sl plog.ScopeLogs) bool {
	if consentWithdrawn(sl.Scope().Attributes()) {
		b.counts.dropped[dropNoConsent] += int64(sl.LogRecords().Len())
		return true
	}
	sl.LogRecords().RemoveIf(b.removeRecord)
	if sl.LogRecords().Len() == 0 {
		return true
	}
	sl.Scope().SetName("")
	sl.Scope().SetVersion("")
	sl.Scope().Attributes().Clear()
	sl.Scope().SetDroppedAttributesCount(0)
	sl.SetSchemaUrl("")
	return false
}

// dropRecord resolves the record's event and filters it against the plan. It reports whether
// the record is to be removed.
func (b *batch) dropRecord(lr plog.LogRecord) bool {
	name := eventrecord.Name(lr)
	ev := b.p.plan.events[name]
	if ev == nil {
		return b.dropUnknown(lr, name)
	}

	b.event, b.violated, b.refused, b.record, b.seenUID = ev, false, false, recordCounts{}, false
	clear(b.seen)
	lr.Attributes().RemoveIf(b.removeAttribute)
	if b.refused {
		b.counts.dropped[dropNoConsent]++
		return true
	}
	if b.violated && b.p.dropOnViolation {
		b.counts.dropped[dropViolation]++
		return true
	}

	lr.SetEventName(ev.name)
	lr.Attributes().PutStr(semconv.AttrChannel, ev.channel)
	clearUnplannedFields(lr)
	b.counts.add(&b.record)
	b.counts.forwarded++
	return false
}

// dropAttribute keeps the first copy of a planned property if it conforms (anonymizing it if
// the plan says so) and the first copy of the record's uid if it looks like one; it reports
// whether anything else is to be removed.
func (b *batch) dropAttribute(key string, v pcommon.Value) bool {
	switch key {
	case semconv.AttrLogRecordUID:
		if b.seenUID {
			return b.dropRepeated(key)
		}
		b.seenUID = true
		return !b.keepRecordUID(b.event.name, v)
	case semconv.AttrEventName:
		return true
	case semconv.AttrConsent:
		return b.dropConsent(v)
	}
	prop := b.event.properties[key]
	if prop == nil {
		b.record.removed[removeUnplanned]++
		b.p.warner.warn(b.event.name, ruleUnplanned, key)
		return true
	}
	word, bit := prop.index/64, uint64(1)<<(prop.index%64)
	if b.seen[word]&bit != 0 {
		return b.dropRepeated(key)
	}
	b.seen[word] |= bit
	if b.violated && b.p.dropOnViolation {
		return true
	}
	switch prop.conform(v) {
	case wrongType:
		b.violate(prop, removeWrongType)
		return true
	case notInEnum:
		b.violate(prop, removeNotInEnum)
		return true
	}
	if prop.anonymized {
		if !fitsOneEventHashed(v) {
			b.violate(prop, removeMalformed)
			return true
		}
		b.record.anonymized += int64(b.p.anon.anonymize(v))
	}
	return false
}

// dropConsent notes a refusal carried by the record itself, which drops the record like a
// refusal on its resource does, and reports that the attribute is removed: it belongs to the
// pipeline.
func (b *batch) dropConsent(v pcommon.Value) bool {
	b.refused = b.refused || !consents(v)
	return true
}

// keepRecordUID reports whether a log.record.uid value may stay, counting it when it may not.
func (b *batch) keepRecordUID(event string, v pcommon.Value) bool {
	if v.Type() == pcommon.ValueTypeStr && isRecordUID(v.Str()) {
		return true
	}
	b.record.removed[removeMalformed]++
	b.p.warner.warn(event, ruleMalformed, semconv.AttrLogRecordUID)
	return false
}

// dropRepeated counts a repeated copy of a key, which is always removed.
func (b *batch) dropRepeated(key string) bool {
	b.record.removed[removeMalformed]++
	b.p.warner.warn(b.event.name, ruleMalformed, key)
	return true
}

func (b *batch) violate(prop *plannedProperty, reason removeReason) {
	b.violated = true
	b.record.removed[reason]++
	b.p.warner.warn(b.event.name, removeReasonNames[reason], prop.key)
}

// clearUnplannedFields removes what the plan never names: body, trace context, severity.
// Timestamps stay; the analytics exporter needs them.
func clearUnplannedFields(lr plog.LogRecord) {
	if lr.Body().Type() != pcommon.ValueTypeEmpty {
		pcommon.NewValueEmpty().MoveTo(lr.Body())
	}
	lr.SetTraceID(pcommon.NewTraceIDEmpty())
	lr.SetSpanID(pcommon.NewSpanIDEmpty())
	lr.SetFlags(0)
	lr.SetSeverityText("")
	lr.SetSeverityNumber(plog.SeverityNumberUnspecified)
	lr.SetDroppedAttributesCount(0)
}
