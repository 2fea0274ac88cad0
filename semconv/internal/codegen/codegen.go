// Package codegen writes the Go API of a tracking plan: constants for event names,
// attribute keys and enum values, and a typed emitter method per event.
package codegen

import (
	"bytes"
	"embed"
	"fmt"
	"go/format"
	"slices"
	"strconv"
	"text/template"

	"github.com/producttelemetry/collector/semconv"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

var templates = template.Must(template.New("").
	Funcs(template.FuncMap{"comment": wrapComment}).
	ParseFS(templateFS, "templates/*.tmpl"))

// File is one generated Go source file.
type File struct {
	// Name is the file name inside the semconv package directory.
	Name string
	Data []byte
}

// outputs maps each generated file to the template that renders it.
var outputs = []struct{ file, template string }{
	{"generated_events.go", "events.go.tmpl"},
	{"generated_attributes.go", "attributes.go.tmpl"},
	{"generated_emitter.go", "emitter.go.tmpl"},
}

// Generate renders the Go files for plan. declared lists the package's hand-written
// top-level names (see DeclaredNames); a generated name that equals one is an error. The
// output depends only on its inputs, so running it twice gives the same bytes.
func Generate(plan *semconv.Plan, declared []string) ([]File, error) {
	m, err := newModel(plan, declared)
	if err != nil {
		return nil, err
	}

	files := make([]File, 0, len(outputs))
	for _, out := range outputs {
		var buf bytes.Buffer
		if err := templates.ExecuteTemplate(&buf, out.template, m); err != nil {
			return nil, fmt.Errorf("render %s: %w", out.file, err)
		}
		src, err := format.Source(buf.Bytes())
		if err != nil {
			return nil, fmt.Errorf("format %s: %w\n%s", out.file, err, buf.Bytes())
		}
		files = append(files, File{Name: out.file, Data: src})
	}
	return files, nil
}

// model is what the templates see.
type model struct {
	Events     []eventView
	Attributes []attributeView
}

type eventView struct {
	Name       string // catalog name, the record's EventName
	Const      string // EventModelTrained
	Method     string // ModelTrained
	Properties string // ModelTrainedProperties, or "" for an event without properties
	Source     string
	Screen     string
	Brief      string
	Note       string
	Fields     []fieldView
}

type fieldView struct {
	Name   string // field of the properties struct
	GoType string
	Attr   string // attribute key constant
	Append string // statement that adds the attribute to attrs
	Brief  string
	Note   string
}

type attributeView struct {
	Key        string
	Const      string
	Type       string // registry type name
	Brief      string
	Note       string
	Anonymized bool
	Enum       *enumView
}

type enumView struct {
	Type       string
	Underlying string
	Members    []memberView
}

type memberView struct {
	Const string
	Value string // Go literal
	Brief string
}

// goTypes maps plan types to the Go type of a properties field.
var goTypes = map[semconv.Type]string{
	semconv.TypeString:      "string",
	semconv.TypeInt:         "int64",
	semconv.TypeDouble:      "float64",
	semconv.TypeBoolean:     "bool",
	semconv.TypeStringArray: "[]string",
}

// newModel derives every Go name from the plan and fails on names that collide.
func newModel(plan *semconv.Plan, declared []string) (*model, error) {
	names := identifiers{}
	for _, name := range declared {
		names[name] = "the hand-written declaration " + name
	}
	m := &model{}
	enums := map[string]*enumView{}
	for _, prop := range definedAttributes(plan) {
		attr, err := newAttributeView(prop, names)
		if err != nil {
			return nil, err
		}
		if attr.Enum != nil {
			enums[prop.Key] = attr.Enum
		}
		m.Attributes = append(m.Attributes, attr)
	}

	for _, event := range plan.Events() {
		view, err := newEventView(event, enums, names)
		if err != nil {
			return nil, err
		}
		m.Events = append(m.Events, view)
	}
	return m, nil
}

// definedAttributes returns the plan's attribute group definitions followed by the
// attributes that events define for themselves, so that every field has a key constant.
func definedAttributes(plan *semconv.Plan) []semconv.Property {
	attrs := slices.Clone(plan.Attributes())
	seen := map[string]bool{}
	for _, attr := range attrs {
		seen[attr.Key] = true
	}
	for _, event := range plan.Events() {
		for _, prop := range event.Properties {
			if !seen[prop.Key] {
				seen[prop.Key] = true
				attrs = append(attrs, prop)
			}
		}
	}
	return attrs
}

func newAttributeView(prop semconv.Property, names identifiers) (attributeView, error) {
	base, err := propertyName(prop)
	if err != nil {
		return attributeView{}, fmt.Errorf("attribute %q: %w", prop.Key, err)
	}
	attr := attributeView{
		Key: prop.Key, Const: "Attr" + base, Type: prop.Type.String(),
		Brief: prop.Brief, Note: prop.Note, Anonymized: prop.Anonymized,
	}
	if err := names.claim(attr.Const, "attribute "+strconv.Quote(prop.Key)); err != nil {
		return attributeView{}, err
	}
	if len(prop.Members) == 0 {
		return attr, nil
	}

	attr.Enum = &enumView{Type: base, Underlying: goTypes[prop.Type]}
	if err := names.claim(base, "enum type of attribute "+strconv.Quote(prop.Key)); err != nil {
		return attributeView{}, err
	}
	for _, member := range prop.Members {
		suffix, err := goName(member.ID)
		if err != nil {
			return attributeView{}, fmt.Errorf("attribute %q: enum member: %w", prop.Key, err)
		}
		view := memberView{Const: base + suffix, Value: literal(member.Value), Brief: member.Brief}
		if err := names.claim(view.Const, fmt.Sprintf("enum member %q of %q", member.ID, prop.Key)); err != nil {
			return attributeView{}, err
		}
		attr.Enum.Members = append(attr.Enum.Members, view)
	}
	return attr, nil
}

func newEventView(event semconv.Event, enums map[string]*enumView, names identifiers) (eventView, error) {
	method, err := goName(event.Name)
	if err != nil {
		return eventView{}, fmt.Errorf("event %q: %w", event.Name, err)
	}
	view := eventView{
		Name: event.Name, Const: "Event" + method, Method: method, Source: string(event.Source),
		Screen: event.Screen, Brief: event.Brief, Note: event.Note,
	}
	if err := names.claim(view.Const, "event "+strconv.Quote(event.Name)); err != nil {
		return eventView{}, err
	}
	if err := names.claim("Emitter."+method, "event "+strconv.Quote(event.Name)); err != nil {
		return eventView{}, err
	}
	if len(event.Properties) == 0 {
		return view, nil
	}

	view.Properties = method + "Properties"
	if err := names.claim(view.Properties, "properties of event "+strconv.Quote(event.Name)); err != nil {
		return eventView{}, err
	}
	for _, prop := range event.Properties {
		field, err := newFieldView(prop, enums[prop.Key])
		if err != nil {
			return eventView{}, fmt.Errorf("event %q: %w", event.Name, err)
		}
		view.Fields = append(view.Fields, field)
	}
	return view, nil
}

func newFieldView(prop semconv.Property, enum *enumView) (fieldView, error) {
	name, err := propertyName(prop)
	if err != nil {
		return fieldView{}, fmt.Errorf("attribute %q: %w", prop.Key, err)
	}
	field := fieldView{Name: name, GoType: goTypes[prop.Type], Attr: "Attr" + name, Brief: prop.Brief, Note: prop.Note}
	value := "p." + name
	if enum != nil {
		field.GoType = enum.Type
		value = enum.Underlying + "(p." + name + ")"
	}

	switch prop.Type {
	case semconv.TypeString:
		field.Append = fmt.Sprintf("attrs = appendString(attrs, %s, %s)", field.Attr, value)
	case semconv.TypeInt:
		field.Append = fmt.Sprintf("attrs = append(attrs, attribute.Int64(%s, %s))", field.Attr, value)
	case semconv.TypeDouble:
		field.Append = fmt.Sprintf("attrs = append(attrs, attribute.Float64(%s, %s))", field.Attr, value)
	case semconv.TypeBoolean:
		field.Append = fmt.Sprintf("attrs = append(attrs, attribute.Bool(%s, %s))", field.Attr, value)
	case semconv.TypeStringArray:
		field.Append = fmt.Sprintf("attrs = append(attrs, attribute.StringSlice(%s, %s))", field.Attr, value)
	default:
		return fieldView{}, fmt.Errorf("attribute %q: no Go type for %s", prop.Key, prop.Type)
	}
	return field, nil
}

// propertyName is the base of a property's Go names: its go_name annotation or its key.
func propertyName(prop semconv.Property) (string, error) {
	if prop.GoName != "" {
		return goName(prop.GoName)
	}
	return goName(prop.Key)
}

// literal writes an enum member value as a Go constant.
func literal(v any) string {
	switch v := v.(type) {
	case string:
		return strconv.Quote(v)
	case int64:
		return strconv.FormatInt(v, 10)
	case float64:
		return strconv.FormatFloat(v, 'g', -1, 64)
	}
	return fmt.Sprintf("%#v", v)
}

// identifiers records which registry item claimed each generated Go name.
type identifiers map[string]string

func (ids identifiers) claim(name, owner string) error {
	if prev, taken := ids[name]; taken {
		return fmt.Errorf("%s and %s both become the Go name %s", prev, owner, name)
	}
	ids[name] = owner
	return nil
}
