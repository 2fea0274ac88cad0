package semconv

import (
	"errors"
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// Group types a tracking plan understands.
const (
	groupAttributes = "attribute_group"
	groupEvent      = "event"
)

// Requirement levels, as Weaver spells them.
const (
	RequirementRequired              = "required"
	RequirementConditionallyRequired = "conditionally_required"
	RequirementRecommended           = "recommended"
	RequirementOptIn                 = "opt_in"
)

var typeNames = map[string]Type{
	"string":   TypeString,
	"int":      TypeInt,
	"double":   TypeDouble,
	"boolean":  TypeBoolean,
	"string[]": TypeStringArray,
}

// String returns the type's registry name, for example "string[]".
func (t Type) String() string {
	switch t {
	case TypeString:
		return "string"
	case TypeInt:
		return "int"
	case TypeDouble:
		return "double"
	case TypeBoolean:
		return "boolean"
	case TypeStringArray:
		return "string[]"
	}
	return "Type(" + strconv.Itoa(int(t)) + ")"
}

// location is where a definition sits, for errors that mention two places.
type location struct {
	file string
	line int
}

func (l location) String() string { return l.file + ":" + strconv.Itoa(l.line) }

// definition is a resolved registry attribute.
type definition struct {
	prop   Property
	at     location
	broken bool
}

// pendingEvent is an event group kept until every file's attributes are known.
type pendingEvent struct {
	file  string
	group registryGroup
}

// resolver turns decoded files into a Plan, collecting every error on the way.
type resolver struct {
	defs     map[string]definition
	defOrder []string
	// eventDefs holds where events defined their own attributes with `id:`.
	eventDefs map[string]location
	groupIDs  map[string]location
	events    []pendingEvent
	files     []string
	errs      []error
}

func newResolver() *resolver {
	return &resolver{defs: map[string]definition{}, eventDefs: map[string]location{}, groupIDs: map[string]location{}}
}

// fail records an error about a place in a file.
func (r *resolver) fail(file string, line int, subject, format string, args ...any) {
	r.errs = append(r.errs, fmt.Errorf("semconv: %s: line %d: %s: %s", file, line, subject, fmt.Sprintf(format, args...)))
}

// addFile registers the attribute definitions of one file and queues its events.
func (r *resolver) addFile(file string, groups []registryGroup) {
	r.files = append(r.files, file)
	for _, g := range groups {
		subject := fmt.Sprintf("group %q", g.ID)
		if strings.TrimSpace(g.ID) == "" {
			r.fail(file, g.Line, "group", "id is missing")
		} else if prev, dup := r.groupIDs[g.ID]; dup {
			r.fail(file, g.Line, subject, "duplicate group id (first defined at %s)", prev)
		} else {
			r.groupIDs[g.ID] = location{file, g.Line}
		}

		switch g.Type {
		case groupAttributes:
			r.addDefinitions(file, g)
		case groupEvent:
			r.events = append(r.events, pendingEvent{file: file, group: g})
		case "":
			r.fail(file, g.Line, subject, "type is missing (want %s or %s)", groupAttributes, groupEvent)
		default:
			r.fail(file, g.Line, subject, "unsupported group type %q (want %s or %s)", g.Type, groupAttributes, groupEvent)
		}
	}
}

// addDefinitions registers the attributes of an attribute group.
func (r *resolver) addDefinitions(file string, g registryGroup) {
	for _, a := range g.Attributes {
		if a.Ref != "" {
			r.fail(file, a.Line, fmt.Sprintf("attribute group %q", g.ID),
				"ref %q is only allowed in events; attribute groups define attributes with id", a.Ref)
			continue
		}
		prop, ok := r.define(file, "", a)
		if prop.Key == "" {
			continue
		}
		if prev, dup := r.defs[prop.Key]; dup {
			r.fail(file, a.Line, fmt.Sprintf("attribute %q", prop.Key), "duplicate attribute (first defined at %s)", prev.at)
			continue
		}
		// A broken definition is still registered, so that refs to it do not add
		// "unresolved ref" errors on top of the real one.
		r.defs[prop.Key] = definition{prop: prop, at: location{file, a.Line}, broken: !ok}
		r.defOrder = append(r.defOrder, prop.Key)
	}
}

// define checks an attribute definition and converts it to a Property. owner names the
// event that defines the attribute inline, or is empty for an attribute group, so that
// errors say where the definition sits.
func (r *resolver) define(file, owner string, a registryAttribute) (Property, bool) {
	bare, subject := "attribute", fmt.Sprintf("attribute %q", a.ID)
	if owner != "" {
		bare, subject = owner+": "+bare, owner+": "+subject
	}
	before := len(r.errs)
	switch {
	case strings.TrimSpace(a.ID) == "":
		r.fail(file, a.Line, bare, "id is missing")
	case strings.TrimSpace(a.ID) != a.ID:
		r.fail(file, a.Line, subject, "id has leading or trailing white space, which no record's key would match")
	case strings.HasPrefix(a.ID, ReservedPrefix):
		r.fail(file, a.Line, subject, "ids starting with %q are reserved for the pipeline", ReservedPrefix)
	case a.ID == AttrEventName || a.ID == AttrLogRecordUID:
		r.fail(file, a.Line, subject, "the pipeline owns this attribute; a tracking plan cannot declare it")
	}
	if a.Type == nil {
		r.fail(file, a.Line, subject, "type is missing")
		return Property{Key: a.ID}, false
	}

	prop := Property{
		Key:              a.ID,
		Brief:            deref(a.Brief),
		Note:             deref(a.Note),
		Anonymized:       a.Annotations.ProductTelemetry.Anonymized,
		GoName:           a.Annotations.ProductTelemetry.GoName,
		RequirementLevel: RequirementRecommended,
	}
	prop.Type, prop.Members = r.resolveType(file, subject, a.Type)
	r.applyRequirement(file, subject, &prop, a.RequirementLevel)

	if prop.Anonymized && prop.Type != TypeString && prop.Type != TypeStringArray {
		r.fail(file, a.Line, subject, "only string and string[] attributes can be anonymized, not %s", prop.Type)
	}
	if pt := a.Annotations.ProductTelemetry; pt.Source != "" || pt.Screen != "" {
		r.fail(file, a.Line, subject, "source and screen annotate events, not attributes")
	}
	return prop, len(r.errs) == before
}

// resolveType maps a registry type to a plan Type and, for enums, its members. The enum's
// Type is taken from its first member; every other member must have a value of that type.
func (r *resolver) resolveType(file, subject string, t *registryType) (Type, []Member) {
	if len(t.Members) == 0 {
		typ, ok := typeNames[t.Name]
		if !ok {
			r.fail(file, t.Line, subject, "unknown type %q (want string, int, double, boolean, string[] or an enum)", t.Name)
		}
		return typ, nil
	}

	var enumType Type
	members := make([]Member, 0, len(t.Members))
	seen := map[any]bool{}
	idLines := map[string]int{}
	for _, m := range t.Members {
		memberSubject := fmt.Sprintf("%s: enum member %q", subject, m.ID)
		value, typ, err := memberValue(&m.Value)
		first, dupID := idLines[m.ID]
		switch {
		case m.ID == "":
			r.fail(file, m.Line, subject, "enum member without id")
		case dupID:
			r.fail(file, m.Line, memberSubject, "duplicate id (first at line %d)", first)
		case err != nil:
			r.fail(file, m.Line, memberSubject, "%v", err)
		case enumType != 0 && typ != enumType:
			r.fail(file, m.Line, memberSubject, "value %s is of type %s, but the enum's first member makes it %s",
				m.Value.Value, typ, enumType)
		case seen[value]:
			r.fail(file, m.Line, memberSubject, "duplicate value %s", m.Value.Value)
		default:
			enumType = typ
			seen[value] = true
			members = append(members, Member{ID: m.ID, Brief: m.Brief, Value: value})
		}
		if m.ID != "" && !dupID {
			idLines[m.ID] = m.Line
		}
	}
	return enumType, members
}

// memberValue reads an enum member's value from its YAML scalar.
func memberValue(node *yaml.Node) (any, Type, error) {
	if node.Kind == 0 {
		return nil, 0, errors.New("value is missing")
	}
	if node.Kind != yaml.ScalarNode {
		return nil, 0, errors.New("value must be a string, an int or a double")
	}
	switch node.ShortTag() {
	case "!!str":
		return node.Value, TypeString, nil
	case "!!int":
		v, err := strconv.ParseInt(node.Value, 0, 64)
		if err != nil {
			return nil, 0, fmt.Errorf("value %s does not fit an int: %w", node.Value, err)
		}
		return v, TypeInt, nil
	case "!!float":
		v, err := strconv.ParseFloat(node.Value, 64)
		if err != nil {
			return nil, 0, fmt.Errorf("value %s is not a double: %w", node.Value, err)
		}
		return v, TypeDouble, nil
	default:
		return nil, 0, fmt.Errorf("value %s must be a string, an int or a double, not %s", node.Value, node.ShortTag())
	}
}

// applyRequirement sets prop's requirement level when the registry gives one.
func (r *resolver) applyRequirement(file, subject string, prop *Property, level *requirementLevel) {
	if level == nil {
		return
	}
	switch level.Level {
	case RequirementRequired, RequirementRecommended, RequirementOptIn, RequirementConditionallyRequired:
	default:
		r.fail(file, level.Line, subject, "unknown requirement_level %q (want %s, %s, %s or %s)", level.Level,
			RequirementRequired, RequirementConditionallyRequired, RequirementRecommended, RequirementOptIn)
		return
	}

	// As in Weaver: a condition is what makes conditionally_required meaningful, and
	// required admits no text, since it holds without exception.
	switch {
	case level.Level == RequirementConditionallyRequired && strings.TrimSpace(level.Condition) == "":
		r.fail(file, level.Line, subject, "requirement_level %s needs a condition: write `%s: <condition>`",
			level.Level, level.Level)
	case level.Level == RequirementRequired && level.HasText:
		r.fail(file, level.Line, subject, "requirement_level %s takes no text; write `requirement_level: %s`",
			level.Level, level.Level)
	default:
		prop.RequirementLevel = level.Level
		prop.RequirementCondition = level.Condition
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
