package semconv

import (
	"errors"
	"fmt"
	"strings"
)

// maxReportedErrors bounds the problems one error lists, so that a badly broken file
// gives a readable message rather than one line per group.
const maxReportedErrors = 25

// plan resolves the queued events against all attribute definitions and returns the plan,
// or every problem found.
func (r *resolver) plan() (*Plan, error) {
	p := &Plan{byName: map[string]*Event{}}
	for _, key := range r.defOrder {
		p.attributes = append(p.attributes, r.defs[key].prop)
	}

	names := map[string]location{}
	for _, pending := range r.events {
		event, ok := r.resolveEvent(pending.file, pending.group)
		if prev, dup := names[event.Name]; dup && event.Name != "" {
			r.fail(pending.file, pending.group.Line, fmt.Sprintf("event %q", event.Name),
				"duplicate event name (first defined at %s)", prev)
			continue
		}
		names[event.Name] = location{pending.file, pending.group.Line}
		if ok {
			p.events = append(p.events, event)
		}
	}

	if len(r.errs) == 0 && len(p.events) == 0 {
		r.errs = append(r.errs, fmt.Errorf("semconv: %s: the registry defines no events (groups of type: event)",
			strings.Join(r.files, ", ")))
	}
	if len(r.errs) > maxReportedErrors {
		more := len(r.errs) - maxReportedErrors
		r.errs = append(r.errs[:maxReportedErrors], fmt.Errorf("semconv: %d more problems not shown", more))
	}
	if len(r.errs) > 0 {
		return nil, errors.Join(r.errs...)
	}
	for i := range p.events {
		p.byName[p.events[i].Name] = &p.events[i]
	}
	return p, nil
}

// resolveEvent checks one event group and resolves its attributes.
func (r *resolver) resolveEvent(file string, g registryGroup) (Event, bool) {
	before := len(r.errs)
	subject := fmt.Sprintf("event %q", g.Name)
	switch trimmed := strings.TrimSpace(g.Name); {
	case trimmed == "":
		subject = "event group"
		if g.ID != "" {
			subject = fmt.Sprintf("event group %q", g.ID)
		}
		r.fail(file, g.Line, subject, "name is missing; it is the EventName that records carry")
	case trimmed != g.Name:
		r.fail(file, g.Line, subject, "name has leading or trailing white space, which no record would carry")
	}

	pt := g.Annotations.ProductTelemetry
	source := Source(pt.Source)
	switch {
	case pt.Source == "":
		r.fail(file, g.Line, subject, "annotations.producttelemetry.source is missing (want %s or %s)",
			SourceBackend, SourceFrontend)
	case source != SourceBackend && source != SourceFrontend:
		r.fail(file, g.Line, subject, "unknown annotations.producttelemetry.source %q (want %s or %s)",
			pt.Source, SourceBackend, SourceFrontend)
	}
	if pt.Anonymized || pt.GoName != "" {
		r.fail(file, g.Line, subject, "anonymized and go_name annotate attributes, not events")
	}

	event := Event{Name: g.Name, ID: g.ID, Brief: g.Brief, Note: g.Note, Source: source, Screen: pt.Screen}
	seen := map[string]bool{}
	for _, a := range g.Attributes {
		prop, ok := r.resolveEventAttribute(file, subject, a)
		if !ok {
			continue
		}
		if seen[prop.Key] {
			r.fail(file, a.Line, subject, "attribute %q is listed twice", prop.Key)
			continue
		}
		seen[prop.Key] = true
		event.Properties = append(event.Properties, prop)
	}
	return event, len(r.errs) == before
}

// resolveEventAttribute turns one entry of an event's attribute list into a Property. A
// `ref:` takes the registry definition and applies the entry's brief, note and
// requirement_level; an `id:` defines an attribute used by this event only.
func (r *resolver) resolveEventAttribute(file, subject string, a registryAttribute) (Property, bool) {
	switch {
	case a.Ref != "" && a.ID != "":
		r.fail(file, a.Line, subject, "attribute has both ref %q and id %q", a.Ref, a.ID)
		return Property{}, false
	case a.Ref == "":
		return r.defineInEvent(file, subject, a)
	}

	attrSubject := fmt.Sprintf("%s: attribute %q", subject, a.Ref)
	def, ok := r.defs[a.Ref]
	if !ok {
		r.fail(file, a.Line, attrSubject, "unresolved ref: no attribute group defines %q", a.Ref)
		return Property{}, false
	}
	if def.broken {
		return Property{}, false
	}
	if a.Type != nil {
		r.fail(file, a.Line, attrSubject, "a ref cannot change the type")
		return Property{}, false
	}
	if a.Annotations != (registryAnnotations{}) {
		r.fail(file, a.Line, attrSubject, "a ref cannot change annotations; set them on the definition")
		return Property{}, false
	}

	prop := def.prop
	if a.Brief != nil {
		prop.Brief = *a.Brief
	}
	if a.Note != nil {
		prop.Note = *a.Note
	}
	before := len(r.errs)
	r.applyRequirement(file, attrSubject, &prop, a.RequirementLevel)
	return prop, len(r.errs) == before
}

// defineInEvent checks an attribute that an event defines for itself with `id:`. Attribute
// ids are registry-wide, so the id must not be defined anywhere else.
func (r *resolver) defineInEvent(file, subject string, a registryAttribute) (Property, bool) {
	attrSubject := fmt.Sprintf("%s: attribute %q", subject, a.ID)
	if def, dup := r.defs[a.ID]; dup {
		r.fail(file, a.Line, attrSubject, "already defined in an attribute group at %s; use ref", def.at)
		return Property{}, false
	}
	if prev, dup := r.eventDefs[a.ID]; dup && a.ID != "" {
		r.fail(file, a.Line, attrSubject, "already defined at %s; define it once in an attribute group and use ref", prev)
		return Property{}, false
	}
	if a.ID != "" {
		r.eventDefs[a.ID] = location{file, a.Line}
	}
	return r.define(file, subject, a)
}
