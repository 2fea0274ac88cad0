package codegen

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/producttelemetry/collector/semconv"
)

func TestGoName(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"Model Trained", "ModelTrained"},
		{"End-to-End Test Created", "EndToEndTestCreated"},
		{"Server X Start", "ServerXStart"},
		{"view:conversations:filters:apply:date", "ViewConversationsFiltersApplyDate"},
		{"entity:e2eStory:copied", "EntityE2eStoryCopied"},
		{"entity:story:copied-to-il", "EntityStoryCopiedToIl"},
		{"actions:share-bot:show", "ActionsShareBotShow"},
		{"process_id", "ProcessID"},
		{"created_with_ui", "CreatedWithUI"},
		{"num_nlu_inbox_messages_with_tags", "NumNLUInboxMessagesWithTags"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			got, err := goName(tt.in)
			require.NoError(t, err)
			assert.Equal(t, tt.want, got)
		})
	}

	for _, bad := range []string{"", "::", "3d view"} {
		_, err := goName(bad)
		assert.Error(t, err, "%q", bad)
	}
}

func TestGenerateRejectsCollidingNames(t *testing.T) {
	tests := []struct {
		name     string
		registry string
		declared []string
		wantErr  string
	}{
		{
			name: "two events with one Go name",
			registry: `
groups:
  - {id: a, type: event, name: "view:a", annotations: {producttelemetry: {source: frontend}}}
  - {id: b, type: event, name: "view-a", annotations: {producttelemetry: {source: frontend}}}
`,
			wantErr: `event "view:a" and event "view-a" both become the Go name EventViewA`,
		},
		{
			name: "attribute clashes with a hand-written declaration",
			registry: `
groups:
  - id: attrs
    type: attribute_group
    attributes: [{id: consent, type: boolean}]
  - {id: a, type: event, name: A, annotations: {producttelemetry: {source: backend}}, attributes: [{ref: consent}]}
`,
			declared: []string{"AttrConsent"},
			wantErr:  `the hand-written declaration AttrConsent and attribute "consent" both become the Go name AttrConsent`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			plan, err := semconv.Parse("test.yaml", []byte(tt.registry))
			require.NoError(t, err)
			_, err = Generate(plan, tt.declared)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tt.wantErr)
		})
	}
}

func TestGenerateDeclaresInlineAttributes(t *testing.T) {
	plan, err := semconv.Parse("test.yaml", []byte(`
groups:
  - id: event.saved
    type: event
    name: Saved
    annotations: {producttelemetry: {source: backend}}
    attributes:
      - {id: word_count, type: int, brief: Words in the document.}
      - id: kind
        type: {members: [{id: note, value: note}]}
`))
	require.NoError(t, err)
	files, err := Generate(plan, nil)
	require.NoError(t, err)
	generated := map[string]string{}
	for _, f := range files {
		generated[f.Name] = string(f.Data)
	}

	assert.Contains(t, generated["generated_attributes.go"], `AttrWordCount = "word_count"`)
	assert.Contains(t, generated["generated_attributes.go"], `KindNote Kind = "note"`)
	assert.Contains(t, generated["generated_emitter.go"], `attribute.Int64(AttrWordCount, p.WordCount)`)
	assert.Contains(t, generated["generated_emitter.go"], `appendString(attrs, AttrKind, string(p.Kind))`)
}

func TestGenerateIsDeterministic(t *testing.T) {
	first, err := Generate(semconv.Builtin(), nil)
	require.NoError(t, err)
	second, err := Generate(semconv.Builtin(), nil)
	require.NoError(t, err)
	assert.Equal(t, first, second)
}

func TestDeclaredNames(t *testing.T) {
	names, err := DeclaredNames("../..")
	require.NoError(t, err)
	for _, want := range []string{"AttrChannel", "Builtin", "Parse", "Load", "Plan", "NewEmitter", "Emitter"} {
		assert.Contains(t, names, want)
	}
	assert.NotContains(t, names, "EventModelTrained", "generated files are skipped")
	assert.NotContains(t, names, "Emitter.ModelTrained", "generated files are skipped")
}
