package semconv_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/producttelemetry/collector/semconv"
)

// event writes a valid backend event group that refers to the given attributes.
func event(name string, refs ...string) string {
	var b strings.Builder
	b.WriteString("  - id: event." + strings.ReplaceAll(strings.ToLower(name), " ", "_") + "\n")
	b.WriteString("    type: event\n    name: " + name + "\n")
	b.WriteString("    annotations: {producttelemetry: {source: backend}}\n")
	if len(refs) > 0 {
		b.WriteString("    attributes:\n")
		for _, ref := range refs {
			b.WriteString("      - ref: " + ref + "\n")
		}
	}
	return b.String()
}

// attrs writes an attribute group with the given attribute lines (each a YAML flow mapping).
func attrs(defs ...string) string {
	var b strings.Builder
	b.WriteString("  - id: registry.test\n    type: attribute_group\n    attributes:\n")
	for _, def := range defs {
		b.WriteString("      - " + def + "\n")
	}
	return b.String()
}

func TestParseReportsAtMostSomeErrors(t *testing.T) {
	var b strings.Builder
	b.WriteString("groups:\n")
	for range 1000 {
		b.WriteString(event("E"))
	}
	_, err := semconv.Parse("bad.yaml", []byte(b.String()))
	require.Error(t, err)
	lines := strings.Split(err.Error(), "\n")
	// 999 duplicate group ids and 999 duplicate event names, of which 25 are listed.
	assert.Len(t, lines, 26)
	assert.Equal(t, "semconv: 1973 more problems not shown", lines[25])
}

func TestParseMalformed(t *testing.T) {
	tests := []struct {
		name    string
		yaml    string
		wantErr []string
	}{
		{
			name:    "unknown type",
			yaml:    attrs(`{id: count, type: integer}`) + event("Tagged", "count"),
			wantErr: []string{`line 5: attribute "count": unknown type "integer"`},
		},
		{
			name:    "missing type",
			yaml:    attrs(`{id: count}`) + event("Tagged", "count"),
			wantErr: []string{`attribute "count": type is missing`},
		},
		{
			name:    "duplicate event",
			yaml:    "groups:\n" + event("Tagged") + strings.Replace(event("Tagged"), "event.tagged", "event.tagged2", 1),
			wantErr: []string{`line 6: event "Tagged": duplicate event name (first defined at bad.yaml:2)`},
		},
		{
			name:    "duplicate group id",
			yaml:    "groups:\n" + event("Tagged") + strings.Replace(event("Tagged"), "name: Tagged", "name: Other", 1),
			wantErr: []string{`group "event.tagged": duplicate group id`},
		},
		{
			name:    "duplicate attribute",
			yaml:    attrs(`{id: count, type: int}`, `{id: count, type: string}`) + event("Tagged", "count"),
			wantErr: []string{`line 6: attribute "count": duplicate attribute (first defined at bad.yaml:5)`},
		},
		{
			name:    "unresolved ref",
			yaml:    "groups:\n" + event("Tagged", "count"),
			wantErr: []string{`event "Tagged": attribute "count": unresolved ref`},
		},
		{
			name:    "enum member of the wrong type",
			yaml:    attrs(`{id: kind, type: {members: [{id: a, value: "a"}, {id: b, value: 2}]}}`) + event("E", "kind"),
			wantErr: []string{`attribute "kind": enum member "b": value 2 is of type int, but the enum's first member makes it string`},
		},
		{
			name:    "enum member that is a boolean",
			yaml:    attrs(`{id: kind, type: {members: [{id: yes, value: true}]}}`) + event("E", "kind"),
			wantErr: []string{`enum member "yes": value true must be a string, an int or a double, not !!bool`},
		},
		{
			name:    "enum member without value",
			yaml:    attrs(`{id: kind, type: {members: [{id: a}]}}`) + event("E", "kind"),
			wantErr: []string{`enum member "a": value is missing`},
		},
		{
			name:    "duplicate enum value",
			yaml:    attrs(`{id: kind, type: {members: [{id: a, value: x}, {id: b, value: x}]}}`) + event("E", "kind"),
			wantErr: []string{`enum member "b": duplicate value x`},
		},
		{
			name:    "duplicate enum id",
			yaml:    attrs(`{id: kind, type: {members: [{id: a, value: "a"}, {id: a, value: "b"}]}}`) + event("E", "kind"),
			wantErr: []string{`semconv: bad.yaml: line 5: attribute "kind": enum member "a": duplicate id (first at line 5)`},
		},
		{
			name: "duplicate enum id on another line",
			yaml: attrs("{id: kind, type: {members: [{id: a, value: x},\n          {id: b, value: y},\n          {id: a, value: z}]}}") +
				event("E", "kind"),
			wantErr: []string{`line 7: attribute "kind": enum member "a": duplicate id (first at line 5)`},
		},
		{
			name:    "event without name",
			yaml:    "groups:\n  - {id: event.nameless, type: event, annotations: {producttelemetry: {source: backend}}}\n",
			wantErr: []string{`event group "event.nameless": name is missing`},
		},
		{
			name:    "event without source",
			yaml:    "groups:\n  - {id: event.a, type: event, name: A}\n",
			wantErr: []string{`event "A": annotations.producttelemetry.source is missing`},
		},
		{
			name:    "event with unknown source",
			yaml:    "groups:\n  - {id: event.a, type: event, name: A, annotations: {producttelemetry: {source: mobile}}}\n",
			wantErr: []string{`event "A": unknown annotations.producttelemetry.source "mobile"`},
		},
		{
			name:    "misspelt field",
			yaml:    attrs(`{id: count, type: int, requirment_level: required}`) + event("E", "count"),
			wantErr: []string{`line 5: group "registry.test": attribute "count": unknown field "requirment_level"`},
		},
		{
			name:    "unknown requirement level",
			yaml:    attrs(`{id: count, type: int, requirement_level: always}`) + event("E", "count"),
			wantErr: []string{`attribute "count": unknown requirement_level "always"`},
		},
		{
			name:    "attribute listed twice",
			yaml:    attrs(`{id: count, type: int}`) + event("E", "count", "count"),
			wantErr: []string{`event "E": attribute "count" is listed twice`},
		},
		{
			name:    "ref changes the type",
			yaml:    attrs(`{id: count, type: int}`) + event("E") + "    attributes: [{ref: count, type: string}]\n",
			wantErr: []string{`event "E": attribute "count": a ref cannot change the type`},
		},
		{
			name:    "reserved prefix",
			yaml:    attrs(`{id: producttelemetry.channel, type: string}`) + event("E"),
			wantErr: []string{`attribute "producttelemetry.channel": ids starting with "producttelemetry." are reserved`},
		},
		{
			name:    "attribute owned by the pipeline",
			yaml:    attrs(`{id: log.record.uid, type: string}`) + event("E"),
			wantErr: []string{`attribute "log.record.uid": the pipeline owns this attribute`},
		},
		{
			name:    "anonymized number",
			yaml:    attrs(`{id: age, type: int, annotations: {producttelemetry: {anonymized: true}}}`) + event("E"),
			wantErr: []string{`attribute "age": only string and string[] attributes can be anonymized, not int`},
		},
		{
			name:    "unsupported group type",
			yaml:    "groups:\n  - {id: span.http, type: span}\n" + event("E"),
			wantErr: []string{`group "span.http": unsupported group type "span"`},
		},
		{
			name:    "no events",
			yaml:    attrs(`{id: count, type: int}`),
			wantErr: []string{`the registry defines no events`},
		},
		{
			name:    "empty file",
			yaml:    "",
			wantErr: []string{`semconv: bad.yaml: file is empty`},
		},
		{
			name:    "not YAML",
			yaml:    "groups: [",
			wantErr: []string{`semconv: bad.yaml: line 1:`},
		},
		{
			name:    "second YAML document",
			yaml:    "groups:\n" + event("E") + "---\n" + "groups:\n" + event("F"),
			wantErr: []string{`line 6: a second YAML document starts here`},
		},
		{
			name:    "not UTF-8",
			yaml:    "groups:\n" + event("E\xff"),
			wantErr: []string{`semconv: bad.yaml: line 4: the file is not valid UTF-8`},
		},
		{
			name:    "top level is not a mapping",
			yaml:    "- groups\n",
			wantErr: []string{`line 1: registry file must be a mapping`},
		},
		{
			name:    "unknown top-level key",
			yaml:    "groups: []\nimports: [x]\n",
			wantErr: []string{`line 2: registry file: unknown field "imports" (known: groups)`},
		},
		{
			name:    "groups is not a list",
			yaml:    "groups: 5\n",
			wantErr: []string{`line 1: groups must be a list of groups`},
		},
		{
			name:    "field of the wrong kind names the event",
			yaml:    "groups:\n  - {id: event.a, type: event, name: A, brief: [x], annotations: {producttelemetry: {source: backend}}}\n",
			wantErr: []string{`line 2: event "A": brief must be a string, not a list`},
		},
		{
			name:    "event name that is a list names the group",
			yaml:    "groups:\n  - {id: event.a, type: event, name: [E], annotations: {producttelemetry: {source: backend}}}\n",
			wantErr: []string{`line 2: event group "event.a": name must be a string, not a list`},
		},
		{
			name:    "blank event name with a field of the wrong kind names the group",
			yaml:    "groups:\n  - {id: event.a, type: event, name: \"\", brief: [x], annotations: {producttelemetry: {source: backend}}}\n",
			wantErr: []string{`line 2: event group "event.a": brief must be a string, not a list`},
		},
		{
			name:    "group id that is a mapping",
			yaml:    "groups:\n  - {id: {a: b}, type: attribute_group}\n" + event("E"),
			wantErr: []string{`line 2: group: id must be a string, not a mapping`},
		},
		{
			name:    "attribute ref that is a list names the attribute by id",
			yaml:    attrs(`{id: count, type: int}`) + event("E") + "    attributes: [{ref: [count], id: n, type: int}]\n",
			wantErr: []string{`event "E": attribute "n": ref must be a string, not a list`},
		},
		{
			name:    "annotation of the wrong kind names the event",
			yaml:    "groups:\n  - {id: event.a, type: event, name: A, annotations: {producttelemetry: {source: backend, anonymized: maybe}}}\n",
			wantErr: []string{`event "A": producttelemetry annotation: anonymized must be true or false, not "maybe"`},
		},
		{
			name:    "field given twice",
			yaml:    "groups:\n  - {id: event.a, type: event, name: A, name: B, annotations: {producttelemetry: {source: backend}}}\n",
			wantErr: []string{`event "A": field "name" is given twice (first at line 2)`},
		},
		{
			name:    "attribute entry that is not a mapping names the event",
			yaml:    "groups:\n  - {id: event.a, type: event, name: A, annotations: {producttelemetry: {source: backend}}, attributes: [count]}\n",
			wantErr: []string{`line 2: event "A": attribute must be a mapping`},
		},
		{
			name:    "enum without members names the attribute",
			yaml:    attrs(`{id: kind, type: {members: []}}`) + event("E", "kind"),
			wantErr: []string{`line 5: group "registry.test": attribute "kind": enum type: members is empty or missing`},
		},
		{
			name:    "open enum",
			yaml:    attrs("{id: kind, type: {allow_custom_values: true, members: [{id: a, value: x}]}}") + event("E", "kind"),
			wantErr: []string{`line 5: group "registry.test": attribute "kind": enum type: allow_custom_values: true is not supported`},
		},
		{
			name:    "allow_custom_values that is not a boolean",
			yaml:    attrs("{id: kind, type: {allow_custom_values: sometimes, members: [{id: a, value: x}]}}") + event("E", "kind"),
			wantErr: []string{`attribute "kind": enum type: allow_custom_values must be true or false, not "sometimes"`},
		},
		{
			name:    "type that is a list names the attribute",
			yaml:    attrs(`{id: kind, type: [a, b]}`) + event("E", "kind"),
			wantErr: []string{`attribute "kind": type must be string, int, double, boolean, string[] or an enum mapping`},
		},
		{
			name:    "malformed requirement level names the attribute",
			yaml:    attrs(`{id: count, type: int, requirement_level: [a]}`) + event("E", "count"),
			wantErr: []string{`attribute "count": requirement_level must be a level or a one-key mapping`},
		},
		{
			name:    "requirement text that is a list names the attribute",
			yaml:    attrs(`{id: count, type: int, requirement_level: {conditionally_required: [a]}}`) + event("E", "count"),
			wantErr: []string{`attribute "count": requirement_level: the text of conditionally_required must be a string, not a list`},
		},
		{
			name:    "conditionally required without a condition",
			yaml:    attrs(`{id: count, type: int, requirement_level: conditionally_required}`) + event("E", "count"),
			wantErr: []string{`attribute "count": requirement_level conditionally_required needs a condition`},
		},
		{
			name:    "conditionally required with an empty condition",
			yaml:    attrs(`{id: count, type: int}`) + event("E") + "    attributes: [{ref: count, requirement_level: {conditionally_required: \"\"}}]\n",
			wantErr: []string{`event "E": attribute "count": requirement_level conditionally_required needs a condition`},
		},
		{
			name:    "required with a text",
			yaml:    attrs(`{id: count, type: int, requirement_level: {required: always}}`) + event("E", "count"),
			wantErr: []string{`attribute "count": requirement_level required takes no text`},
		},
		{
			name:    "attribute id with surrounding space",
			yaml:    attrs(`{id: "username ", type: string}`) + event("E"),
			wantErr: []string{`line 5: attribute "username ": id has leading or trailing white space`},
		},
		{
			name:    "blank attribute id",
			yaml:    attrs(`{id: " ", type: string}`) + event("E"),
			wantErr: []string{`line 5: attribute: id is missing`},
		},
		{
			name:    "blank group id",
			yaml:    "groups:\n  - {id: \" \", type: attribute_group, attributes: [{id: k, type: int}]}\n" + event("E"),
			wantErr: []string{`line 2: group: id is missing`},
		},
		{
			name:    "group without type",
			yaml:    "groups:\n  - {id: event.a, name: A, annotations: {producttelemetry: {source: backend}}}\n",
			wantErr: []string{`line 2: group "event.a": type is missing (want attribute_group or event)`},
		},
		{
			name:    "event without name or id",
			yaml:    "groups:\n  - {type: event, annotations: {producttelemetry: {source: backend}}}\n",
			wantErr: []string{`line 2: group: id is missing`, `line 2: event group: name is missing`},
		},
		{
			name:    "blank event name",
			yaml:    "groups:\n  - {id: event.a, type: event, name: \"  \", annotations: {producttelemetry: {source: backend}}}\n",
			wantErr: []string{`event group "event.a": name is missing`},
		},
		{
			name:    "event name with surrounding space",
			yaml:    "groups:\n  - {id: event.a, type: event, name: \"Model Trained \", annotations: {producttelemetry: {source: backend}}}\n",
			wantErr: []string{`event "Model Trained ": name has leading or trailing white space`},
		},
		{
			name: "attribute defined by two events",
			yaml: "groups:\n" +
				"  - {id: event.a, type: event, name: A, annotations: {producttelemetry: {source: backend}}, attributes: [{id: k, type: int}]}\n" +
				"  - {id: event.b, type: event, name: B, annotations: {producttelemetry: {source: backend}}, attributes: [{id: k, type: string}]}\n",
			wantErr: []string{`line 3: event "B": attribute "k": already defined at bad.yaml:2`},
		},
		{
			name:    "inline attribute that an attribute group defines",
			yaml:    attrs(`{id: count, type: int}`) + event("E") + "    attributes: [{id: count, type: int}]\n",
			wantErr: []string{`event "E": attribute "count": already defined in an attribute group at bad.yaml:5; use ref`},
		},
		{
			name:    "inline attribute of an unknown type names the event",
			yaml:    event("E") + "    attributes: [{id: own, type: integer}]\n",
			wantErr: []string{`line 6: event "E": attribute "own": unknown type "integer"`},
		},
		{
			name:    "inline enum with a repeated value names the event",
			yaml:    event("E") + "    attributes: [{id: own, type: {members: [{id: a, value: x}, {id: b, value: x}]}}]\n",
			wantErr: []string{`event "E": attribute "own": enum member "b": duplicate value x`},
		},
		{
			name:    "inline attribute with a reserved key names the event",
			yaml:    event("E") + "    attributes: [{id: producttelemetry.own, type: string}]\n",
			wantErr: []string{`event "E": attribute "producttelemetry.own": ids starting with "producttelemetry." are reserved`},
		},
		{
			name:    "inline attribute without ref or id names the event",
			yaml:    event("E") + "    attributes: [{type: string}]\n",
			wantErr: []string{`line 6: event "E": attribute: id is missing`},
		},
		{
			name:    "empty group entry",
			yaml:    "groups:\n  - ~\n" + event("E"),
			wantErr: []string{`line 2: registry file: groups has an empty entry`},
		},
		{
			name:    "empty attribute entry",
			yaml:    event("E") + "    attributes:\n      -\n",
			wantErr: []string{`event "E": attributes has an empty entry`},
		},
		{
			name:    "duplicate enum value in another spelling",
			yaml:    attrs(`{id: level, type: {members: [{id: a, value: 16}, {id: b, value: 0x10}]}}`) + event("E", "level"),
			wantErr: []string{`enum member "b": duplicate value 0x10`},
		},
		{
			name: "every problem is reported",
			yaml: attrs(`{id: a, type: float}`, `{id: b, type: int}`) + event("E", "missing") + event("F", "b", "b"),
			wantErr: []string{
				`attribute "a": unknown type "float"`,
				`event "E": attribute "missing": unresolved ref`,
				`event "F": attribute "b" is listed twice`,
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			data := tt.yaml
			if strings.HasPrefix(data, "  - ") {
				data = "groups:\n" + data
			}
			plan, err := semconv.Parse("bad.yaml", []byte(data))
			require.Error(t, err)
			assert.Nil(t, plan)
			for _, want := range tt.wantErr {
				assert.Contains(t, err.Error(), want)
			}
			assert.Contains(t, err.Error(), "bad.yaml", "errors name the file")
		})
	}
}

func TestParseRequirementLevelWithText(t *testing.T) {
	plan, err := semconv.Parse("plan.yaml", []byte("groups:\n"+attrs(`{id: count, type: int}`)+event("E")+
		"    attributes: [{ref: count, requirement_level: {recommended: when tags were assigned}}]\n"))
	require.NoError(t, err)
	count := plan.Lookup("E").Property("count")
	assert.Equal(t, semconv.RequirementRecommended, count.RequirementLevel)
	assert.Equal(t, "when tags were assigned", count.RequirementCondition)
}
