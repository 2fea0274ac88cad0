package semconv

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"
)

// The structs in this file mirror the subset of the Weaver v1 registry syntax that a
// tracking plan uses. Each keeps the line it starts on so that errors can point at it.
// Unknown keys are rejected, because a misspelt key (say, `requirment_level`) would
// otherwise silently change the plan.

// registryFile is one YAML file with a top-level `groups:` list.
type registryFile struct {
	Groups []registryGroup `yaml:"groups"`
}

// registryGroup is an `attribute_group` or an `event` group.
type registryGroup struct {
	Line        int                 `yaml:"-"`
	ID          string              `yaml:"id"`
	Type        string              `yaml:"type"`
	Name        string              `yaml:"name"`
	Brief       string              `yaml:"brief"`
	Note        string              `yaml:"note"`
	Annotations registryAnnotations `yaml:"annotations"`
	Attributes  []registryAttribute `yaml:"attributes"`
}

var groupKeys = []string{
	"id", "type", "name", "brief", "note", "annotations", "attributes",
	"stability", "display_name", "deprecated",
}

func (g *registryGroup) UnmarshalYAML(node *yaml.Node) error {
	type plain registryGroup
	if err := decodeMapping(node, groupSubject(node), groupKeys, (*plain)(g)); err != nil {
		return err
	}
	g.Line = node.Line
	return nil
}

// registryAttribute is an attribute definition (`id:`) or a reference (`ref:`).
type registryAttribute struct {
	Line             int                 `yaml:"-"`
	ID               string              `yaml:"id"`
	Ref              string              `yaml:"ref"`
	Type             *registryType       `yaml:"type"`
	Brief            *string             `yaml:"brief"`
	Note             *string             `yaml:"note"`
	RequirementLevel *requirementLevel   `yaml:"requirement_level"`
	Annotations      registryAnnotations `yaml:"annotations"`
}

var attributeKeys = []string{
	"id", "ref", "type", "brief", "note", "requirement_level", "annotations",
	"stability", "examples", "deprecated",
}

func (a *registryAttribute) UnmarshalYAML(node *yaml.Node) error {
	type plain registryAttribute
	if err := decodeMapping(node, describe(node, "attribute", "ref", "id"), attributeKeys, (*plain)(a)); err != nil {
		return err
	}
	a.Line = node.Line
	return nil
}

// name returns how errors refer to the attribute.
func (a *registryAttribute) name() string {
	if a.Ref != "" {
		return a.Ref
	}
	return a.ID
}

// registryType is either a scalar type name or an enum with members.
type registryType struct {
	Line    int
	Name    string
	Members []registryMember
}

func (t *registryType) UnmarshalYAML(node *yaml.Node) error {
	t.Line = node.Line
	if node.Kind == yaml.ScalarNode {
		t.Name = node.Value
		return nil
	}
	if node.Kind != yaml.MappingNode {
		return &decodeError{line: node.Line, msg: "type must be string, int, double, boolean, string[] or an enum mapping"}
	}
	var enum struct {
		Members           []registryMember `yaml:"members"`
		AllowCustomValues *bool            `yaml:"allow_custom_values"`
	}
	if err := decodeMapping(node, "enum type", []string{"members", "allow_custom_values"}, &enum); err != nil {
		return err
	}
	if len(enum.Members) == 0 {
		return &decodeError{line: node.Line, subject: "enum type", msg: "members is empty or missing"}
	}
	// A plan's enum is closed: the processor accepts only the members. Weaver reads an enum as
	// open unless it says otherwise, so an explicit request for that is refused, not ignored.
	if enum.AllowCustomValues != nil && *enum.AllowCustomValues {
		value := mappingValue(node, "allow_custom_values")
		msg := "allow_custom_values: true is not supported; a tracking plan accepts only the listed " +
			"members (declare a plain type such as string to accept any value)"
		return &decodeError{line: value.Line, subject: "enum type", msg: msg}
	}
	t.Members = enum.Members
	return nil
}

// registryMember is one enum member. Value stays a node so that its YAML tag tells
// the member's type.
type registryMember struct {
	Line  int       `yaml:"-"`
	ID    string    `yaml:"id"`
	Value yaml.Node `yaml:"value"`
	Brief string    `yaml:"brief"`
}

var memberKeys = []string{"id", "value", "brief", "note", "stability", "deprecated"}

func (m *registryMember) UnmarshalYAML(node *yaml.Node) error {
	type plain registryMember
	if err := decodeMapping(node, describe(node, "enum member", "id"), memberKeys, (*plain)(m)); err != nil {
		return err
	}
	m.Line = node.Line
	return nil
}

// requirementLevel is `required`, `recommended`, `opt_in`, or a one-key mapping from a level
// to its text, such as `conditionally_required: <condition>`. Whether the level accepts or
// needs a text is checked when the level is applied.
type requirementLevel struct {
	Line      int
	Level     string
	Condition string
	// HasText records the mapping form, so that an empty text is told from none.
	HasText bool
}

func (r *requirementLevel) UnmarshalYAML(node *yaml.Node) error {
	r.Line = node.Line
	switch {
	case node.Kind == yaml.ScalarNode:
		r.Level = node.Value
	case node.Kind == yaml.MappingNode && len(node.Content) == 2:
		if text := node.Content[1]; text.Kind != yaml.ScalarNode || text.ShortTag() == "!!null" {
			msg := fmt.Sprintf("requirement_level: the text of %s must be a string, not %s", node.Content[0].Value, yamlValue(text))
			return &decodeError{line: text.Line, msg: msg}
		}
		r.Level = node.Content[0].Value
		r.Condition = node.Content[1].Value
		r.HasText = true
	default:
		return &decodeError{line: node.Line, msg: "requirement_level must be a level or a one-key mapping"}
	}
	return nil
}

// registryAnnotations holds the `annotations:` mapping. Only the producttelemetry key is
// ours; other keys (for example Weaver's code_generation) are kept by Weaver and ignored here.
type registryAnnotations struct {
	ProductTelemetry productTelemetryAnnotation `yaml:"producttelemetry"`
}

func (a *registryAnnotations) UnmarshalYAML(node *yaml.Node) error {
	if node.Kind != yaml.MappingNode {
		return &decodeError{line: node.Line, msg: "annotations must be a mapping"}
	}
	if value := mappingValue(node, "producttelemetry"); value != nil {
		return value.Decode(&a.ProductTelemetry)
	}
	return nil
}

// productTelemetryAnnotation is the `producttelemetry:` annotation of a group or attribute.
type productTelemetryAnnotation struct {
	Anonymized bool   `yaml:"anonymized"`
	Source     string `yaml:"source"`
	Screen     string `yaml:"screen"`
	GoName     string `yaml:"go_name"`
}

func (p *productTelemetryAnnotation) UnmarshalYAML(node *yaml.Node) error {
	type plain productTelemetryAnnotation
	return decodeMapping(node, "producttelemetry annotation", []string{"anonymized", "source", "screen", "go_name"}, (*plain)(p))
}

// decodeMapping decodes node into out after checking its keys against allowed. Its errors
// name what, so a problem inside a nested value also names the group or attribute around it.
func decodeMapping(node *yaml.Node, what string, allowed []string, out any) error {
	if err := checkKeys(node, what, allowed); err != nil {
		return err
	}
	if err := checkEntries(node, what); err != nil {
		return err
	}
	err := node.Decode(out)
	if err == nil {
		return nil
	}
	var typeErr *yaml.TypeError
	if errors.As(err, &typeErr) {
		return fieldTypeError(node, what, out, typeErr)
	}
	return within(what, node.Line, err)
}

// checkKeys fails when node is not a mapping or has a key outside allowed or twice. what
// names the node in the error, for example `event "Model Trained"`.
func checkKeys(node *yaml.Node, what string, allowed []string) error {
	if node.Kind != yaml.MappingNode {
		return &decodeError{line: node.Line, msg: what + " must be a mapping"}
	}
	seen := make(map[string]int, len(node.Content)/2)
	for i := 0; i < len(node.Content); i += 2 {
		key := node.Content[i]
		if !slices.Contains(allowed, key.Value) {
			msg := fmt.Sprintf("unknown field %q (known: %s)", key.Value, strings.Join(allowed, ", "))
			return &decodeError{line: key.Line, subject: what, msg: msg}
		}
		if first, dup := seen[key.Value]; dup {
			msg := fmt.Sprintf("field %q is given twice (first at line %d)", key.Value, first)
			return &decodeError{line: key.Line, subject: what, msg: msg}
		}
		seen[key.Value] = key.Line
	}
	return nil
}

// checkEntries fails when a list in the mapping node has an empty (null) entry, which the
// decoder would otherwise drop without a word.
func checkEntries(node *yaml.Node, what string) error {
	for i := 0; i+1 < len(node.Content); i += 2 {
		key, list := node.Content[i], node.Content[i+1]
		if list.Kind != yaml.SequenceNode {
			continue
		}
		for _, entry := range list.Content {
			if entry.Kind == yaml.ScalarNode && entry.ShortTag() == "!!null" {
				return &decodeError{line: entry.Line, subject: what, msg: key.Value + " has an empty entry"}
			}
		}
	}
	return nil
}

// groupSubject names a group node as the resolver's errors do: `event "Model Trained"`,
// `event group "event.x"` for an event whose name is missing, blank or not a string,
// `group "registry.x"` otherwise.
func groupSubject(node *yaml.Node) string {
	if typ := mappingValue(node, "type"); typ != nil && typ.Value == groupEvent {
		if name := mappingValue(node, "name"); name == nil || name.Kind != yaml.ScalarNode ||
			strings.TrimSpace(name.Value) == "" {
			return describe(node, "event group", "id")
		}
		return describe(node, "event", "name")
	}
	return describe(node, "group", "id")
}

// describe names a mapping node by the first of keys whose value is a scalar, for example
// `attribute "count"`. A list or mapping under such a key names nothing, so it is passed over.
func describe(node *yaml.Node, kind string, keys ...string) string {
	for _, want := range keys {
		if value := mappingValue(node, want); value != nil && value.Kind == yaml.ScalarNode {
			return fmt.Sprintf("%s %q", kind, value.Value)
		}
	}
	return kind
}
