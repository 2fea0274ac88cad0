package producttelemetryprocessor

import (
	"fmt"
	"math/rand/v2"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/xpdata/entity"

	"github.com/producttelemetry/collector/semconv"
)

// Markers of what must never leave the processor: raw values of anonymized properties and
// identities, and unplanned keys. Hashes are lowercase hex, so they cannot contain them.
const (
	secretMarker    = "SECRET"
	unplannedMarker = "UNPLANNED"
)

// generator builds random batches against a plan. Planned, non-anonymized properties get
// harmless values; everything else that might leak carries a marker.
type generator struct {
	rnd    *rand.Rand
	events []semconv.Event
	serial int
}

func newGenerator(seed uint64, plan *semconv.Plan) *generator {
	return &generator{rnd: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), events: plan.Events()}
}

func (g *generator) secret() string {
	g.serial++
	return fmt.Sprintf("%s-%d-%x", secretMarker, g.serial, g.rnd.Uint64())
}

func (g *generator) unplannedKey() string {
	g.serial++
	return fmt.Sprintf("%s.%d", unplannedMarker, g.serial)
}

// logs returns a batch of 1–3 resources, each with 1–2 scopes of 1–8 records.
func (g *generator) logs() plog.Logs {
	ld := plog.NewLogs()
	for range 1 + g.rnd.IntN(3) {
		rl := ld.ResourceLogs().AppendEmpty()
		rl.SetSchemaUrl(g.secret())
		rl.Resource().SetDroppedAttributesCount(3)
		g.resource(rl.Resource().Attributes())
		ref := entity.ResourceEntityRefs(rl.Resource()).AppendEmpty()
		ref.SetType(g.secret())
		ref.IdKeys().Append("service.instance.id")
		for range 1 + g.rnd.IntN(2) {
			sl := rl.ScopeLogs().AppendEmpty()
			sl.Scope().SetName(g.secret())
			sl.Scope().SetVersion(g.secret())
			sl.Scope().Attributes().PutStr(g.unplannedKey(), g.secret())
			sl.Scope().SetDroppedAttributesCount(2)
			if g.rnd.IntN(10) == 0 {
				sl.Scope().Attributes().PutBool("producttelemetry.consent", g.rnd.IntN(2) == 0)
			}
			sl.SetSchemaUrl(g.secret())
			for range 1 + g.rnd.IntN(8) {
				g.record(sl.LogRecords().AppendEmpty())
			}
		}
	}
	return ld
}

func (g *generator) resource(attrs pcommon.Map) {
	if g.rnd.IntN(10) > 0 {
		attrs.PutStr("service.instance.id", g.secret())
	}
	attrs.PutStr("service.name", "rasa-x")
	attrs.PutStr("host.name", g.secret())
	attrs.PutStr(g.unplannedKey(), g.secret())
	attrs.PutStr("producttelemetry.anonymous_id", g.secret())
	if g.rnd.IntN(5) == 0 {
		attrs.PutBool("producttelemetry.consent", g.rnd.IntN(2) == 0)
	}
}

func (g *generator) record(lr plog.LogRecord) {
	lr.Body().SetStr(g.secret())
	lr.SetSeverityText(g.secret())
	lr.SetTraceID(pcommon.TraceID{1})
	lr.SetSpanID(pcommon.SpanID{2})
	lr.SetFlags(plog.DefaultLogRecordFlags.WithIsSampled(true))
	lr.SetSeverityNumber(plog.SeverityNumberWarn)
	lr.SetDroppedAttributesCount(1)
	attrs := lr.Attributes()
	attrs.PutStr(g.unplannedKey(), g.secret())
	attrs.PutEmptyMap(g.unplannedKey()).PutStr(g.unplannedKey(), g.secret())
	attrs.PutStr("producttelemetry.channel", g.secret())
	attrs.PutStr("log.record.uid", fmt.Sprintf("%032x", g.serial))
	if g.rnd.IntN(4) == 0 {
		attrs.PutStr("service.instance.id", g.secret())
	}
	if g.rnd.IntN(10) == 0 {
		attrs.PutBool("producttelemetry.consent", g.rnd.IntN(2) == 0)
	}

	if g.rnd.IntN(8) == 0 {
		lr.SetEventName(g.secret())
		return
	}
	ev := &g.events[g.rnd.IntN(len(g.events))]
	if g.rnd.IntN(4) == 0 {
		attrs.PutStr(semconv.AttrEventName, ev.Name)
	} else {
		lr.SetEventName(ev.Name)
	}
	for i := range ev.Properties {
		if g.rnd.IntN(4) > 0 {
			g.property(attrs, &ev.Properties[i])
		}
	}
}

// property puts a value for p: usually of the planned type, sometimes of another one.
func (g *generator) property(attrs pcommon.Map, p *semconv.Property) {
	v := attrs.PutEmpty(p.Key)
	wrong := g.rnd.IntN(6) == 0
	switch {
	case p.Anonymized && p.Type == semconv.TypeStringArray && !wrong:
		s := v.SetEmptySlice()
		for range g.rnd.IntN(5) {
			s.AppendEmpty().SetStr(g.secret())
		}
	case p.Anonymized && !wrong:
		v.SetStr(g.secret())
	case wrong:
		g.wrongValue(v)
	default:
		g.plannedValue(v, p)
	}
}

// wrongValue hides a secret in a value whose type no anonymized property accepts.
func (g *generator) wrongValue(v pcommon.Value) {
	switch g.rnd.IntN(4) {
	case 0:
		v.SetEmptyMap().PutStr("raw", g.secret())
	case 1:
		v.SetEmptyBytes().FromRaw([]byte(g.secret()))
	case 2:
		s := v.SetEmptySlice()
		s.AppendEmpty().SetStr(g.secret())
		s.AppendEmpty().SetInt(1)
	default:
		v.SetEmptySlice().AppendEmpty().SetEmptyMap().PutStr("raw", g.secret())
	}
}

func (g *generator) plannedValue(v pcommon.Value, p *semconv.Property) {
	if len(p.Members) > 0 && g.rnd.IntN(4) > 0 {
		_ = v.FromRaw(p.Members[g.rnd.IntN(len(p.Members))].Value)
		return
	}
	switch p.Type {
	case semconv.TypeString:
		v.SetStr(fmt.Sprintf("plain-%d", g.rnd.IntN(100)))
	case semconv.TypeInt:
		v.SetInt(g.rnd.Int64N(1000))
	case semconv.TypeDouble:
		v.SetDouble(g.rnd.Float64() * 1000)
	case semconv.TypeBoolean:
		v.SetBool(g.rnd.IntN(2) == 0)
	case semconv.TypeStringArray:
		v.SetEmptySlice().AppendEmpty().SetStr("plain")
	}
}
