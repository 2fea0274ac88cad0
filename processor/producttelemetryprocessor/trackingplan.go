package producttelemetryprocessor // import "github.com/producttelemetry/collector/processor/producttelemetryprocessor"

import (
	"errors"
	"fmt"
	"math"
	"strings"

	"github.com/producttelemetry/collector/semconv"
)

// maxExactInt is the largest integer magnitude a float64 holds exactly (2^53). Conversions
// between int and double happen only inside this range, so they never lose information.
const maxExactInt = 1 << 53

// trackingPlan is a semconv.Plan compiled for the hot path: one map lookup per record to find
// the event and one per attribute to find the property rule.
type trackingPlan struct {
	events map[string]*plannedEvent
	// anonymizedKeys holds every property key that some event anonymizes; unknown events that
	// are passed on get these keys anonymized too.
	anonymizedKeys map[string]struct{}
	// maxProperties is the largest number of properties of one event.
	maxProperties int
}

// plannedEvent is one event of the plan with its property rules.
type plannedEvent struct {
	name       string
	channel    string
	properties map[string]*plannedProperty
}

// plannedProperty is the rule for one property of one event.
type plannedProperty struct {
	key string
	// index numbers the properties of one event from 0.
	index      int
	typ        semconv.Type
	anonymized bool
	// Allowed values; all nil when any value of typ is allowed.
	strMembers map[string]struct{}
	intMembers map[int64]struct{}
	dblMembers map[float64]struct{}
}

// loadTrackingPlan reads the plan at path, or the built-in catalog when path is empty, and
// compiles it.
func loadTrackingPlan(path string) (*trackingPlan, error) {
	plan := semconv.Builtin()
	if path != "" {
		var err error
		if plan, err = semconv.Load(path); err != nil {
			return nil, err
		}
	}
	if plan == nil {
		return nil, errors.New("no tracking plan")
	}
	return compilePlan(plan.Events())
}

// compilePlan turns the plan's events into lookup tables and rejects what the processor cannot
// enforce: unknown sources or types, keys the pipeline owns, anonymized non-strings.
func compilePlan(events []semconv.Event) (*trackingPlan, error) {
	tp := &trackingPlan{events: make(map[string]*plannedEvent, len(events)), anonymizedKeys: map[string]struct{}{}}
	var errs []error
	for i := range events {
		ev, err := compileEvent(&events[i])
		if err != nil {
			errs = append(errs, fmt.Errorf("event %q: %w", events[i].Name, err))
			continue
		}
		if _, dup := tp.events[ev.name]; dup {
			errs = append(errs, fmt.Errorf("event %q is defined twice", ev.name))
			continue
		}
		tp.events[ev.name] = ev
		tp.maxProperties = max(tp.maxProperties, len(ev.properties))
		for key, prop := range ev.properties {
			if prop.anonymized {
				tp.anonymizedKeys[key] = struct{}{}
			}
		}
	}
	if err := errors.Join(errs...); err != nil {
		return nil, err
	}
	return tp, nil
}

// clearPropertyEvent returns the first event, by name, that has key as a property it does not
// anonymize.
func (tp *trackingPlan) clearPropertyEvent(key string) (string, bool) {
	var first string
	for name, ev := range tp.events {
		if prop, ok := ev.properties[key]; ok && !prop.anonymized && (first == "" || name < first) {
			first = name
		}
	}
	return first, first != ""
}

func compileEvent(e *semconv.Event) (*plannedEvent, error) {
	if e.Name == "" {
		return nil, errors.New("empty event name")
	}
	ev := &plannedEvent{name: e.Name, properties: make(map[string]*plannedProperty, len(e.Properties))}
	switch e.Source {
	case semconv.SourceBackend:
		ev.channel = semconv.ChannelServer
	case semconv.SourceFrontend:
		ev.channel = semconv.ChannelBrowser
	default:
		return nil, fmt.Errorf("unknown source %q", e.Source)
	}
	for i := range e.Properties {
		prop, err := compileProperty(&e.Properties[i])
		if err != nil {
			return nil, fmt.Errorf("property %q: %w", e.Properties[i].Key, err)
		}
		if _, dup := ev.properties[prop.key]; dup {
			return nil, fmt.Errorf("property %q is defined twice", prop.key)
		}
		prop.index = len(ev.properties)
		ev.properties[prop.key] = prop
	}
	return ev, nil
}

func compileProperty(p *semconv.Property) (*plannedProperty, error) {
	switch {
	case p.Key == "":
		return nil, errors.New("empty key")
	case strings.HasPrefix(p.Key, semconv.ReservedPrefix), p.Key == semconv.AttrEventName,
		p.Key == semconv.AttrLogRecordUID:
		return nil, errors.New("the key is owned by the pipeline")
	case p.Type < semconv.TypeString || p.Type > semconv.TypeStringArray:
		return nil, fmt.Errorf("unknown type %d", p.Type)
	case p.Anonymized && p.Type != semconv.TypeString && p.Type != semconv.TypeStringArray:
		return nil, errors.New("only string and string[] properties can be anonymized")
	}
	prop := &plannedProperty{key: p.Key, typ: p.Type, anonymized: p.Anonymized}
	for _, m := range p.Members {
		if err := prop.addMember(m.Value); err != nil {
			return nil, fmt.Errorf("member %q: %w", m.ID, err)
		}
	}
	return prop, nil
}

// addMember records one allowed value, checked against the property's type.
func (p *plannedProperty) addMember(value any) error {
	switch p.typ {
	case semconv.TypeString, semconv.TypeStringArray:
		s, ok := value.(string)
		if !ok {
			return fmt.Errorf("value %v is not a string", value)
		}
		if p.strMembers == nil {
			p.strMembers = map[string]struct{}{}
		}
		p.strMembers[s] = struct{}{}
	case semconv.TypeInt:
		n, ok := asInt(value)
		if !ok {
			return fmt.Errorf("value %v is not an int", value)
		}
		if p.intMembers == nil {
			p.intMembers = map[int64]struct{}{}
		}
		p.intMembers[n] = struct{}{}
	case semconv.TypeDouble:
		f, ok := asDouble(value)
		if !ok {
			return fmt.Errorf("value %v is not a double", value)
		}
		if p.dblMembers == nil {
			p.dblMembers = map[float64]struct{}{}
		}
		p.dblMembers[f] = struct{}{}
	default:
		return errors.New("boolean properties cannot have members")
	}
	return nil
}

func asInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int64:
		return n, true
	case float64:
		if n == math.Trunc(n) && math.Abs(n) <= maxExactInt {
			return int64(n), true
		}
	}
	return 0, false
}

func asDouble(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, !math.IsNaN(n) && !math.IsInf(n, 0)
	case int:
		return float64(n), true
	case int64:
		return float64(n), true
	}
	return 0, false
}
