package semconv_test

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/producttelemetry/collector/semconv"
)

// The expectations below are written from the Rasa Enterprise 1.4 telemetry event catalog
// (reference/telemetry-events-1.4.txt), not from the registry, so that a registry edit that
// drifts from the catalog fails here.

type catalogProperty struct {
	key        string
	typ        semconv.Type
	enum       []string
	anonymized bool
}

type catalogEvent struct {
	name   string
	source semconv.Source
	screen string
	props  []catalogProperty
}

const (
	screenConversations = "Conversations screen"
	screenInteractive   = "Interactive Learning screen"
	screenStories       = "Stories screen"
	screenNLUInbox      = "NLU Inbox screen"
	screenNLUData       = "NLU Training Data screen"
	screenResponses     = "Responses screen"
	screenConfigDomain  = "Config & Domain screens"
	screenModels        = "Models screen & lifecycle"
	screenVersionCtl    = "Integrated Version Control"
	screenRolesUsers    = "Roles & Users screen (Enterprise only)"
	screenMisc          = "Miscellaneous"
)

func str(key string) catalogProperty           { return catalogProperty{key: key, typ: semconv.TypeString} }
func integer(key string) catalogProperty       { return catalogProperty{key: key, typ: semconv.TypeInt} }
func number(key string) catalogProperty        { return catalogProperty{key: key, typ: semconv.TypeDouble} }
func boolean(key string) catalogProperty       { return catalogProperty{key: key, typ: semconv.TypeBoolean} }
func hashed(p catalogProperty) catalogProperty { p.anonymized = true; return p }
func enum(key string, values ...string) catalogProperty {
	return catalogProperty{key: key, typ: semconv.TypeString, enum: values}
}

func backend(name, screen string, props ...catalogProperty) catalogEvent {
	return catalogEvent{name: name, source: semconv.SourceBackend, screen: screen, props: props}
}

func frontend(name, screen string) catalogEvent {
	return catalogEvent{name: name, source: semconv.SourceFrontend, screen: screen}
}

var catalog = []catalogEvent{
	backend("Message Annotated", screenConversations,
		enum("message_annotated_from", "conversations", "annotate_new_data", "interactive_learning")),
	backend("Message Received", screenConversations, hashed(str("username")), str("channel")),
	backend("Message Flagged", screenConversations),
	backend("Conversation Tagged", screenConversations, integer("count")),
	backend("Conversation Reviewed", screenConversations),
	backend("Conversation Saved For Later", screenConversations),
	backend("Undo Conversation Reviewed", screenConversations),
	backend("Undo Conversation Saved For Later", screenConversations),
	backend("Conversation Deleted", screenConversations),
	frontend("view:conversations:loaded", screenConversations),
	frontend("view:conversations:filters:apply", screenConversations),
	frontend("view:conversations:filters:reset", screenConversations),
	frontend("view:conversations:filters:apply:date", screenConversations),
	frontend("entity:conversation:selected", screenConversations),
	frontend("entity:annotation:corrected", screenConversations),
	frontend("entity:slots:copied", screenConversations),
	frontend("entity:story:copied", screenConversations),
	frontend("entity:e2eStory:copied", screenConversations),
	frontend("entity:e2eStory:opened", screenConversations),
	frontend("entity:story:copied-to-il", screenConversations),
	frontend("entity:event:selected", screenConversations),
	frontend("entity:event:flagged", screenConversations),
	frontend("entity:event:unflagged", screenConversations),
	frontend("actions:share-bot:show", screenConversations),
	frontend("view:interactive:loaded", screenInteractive),
	backend("Story Created", screenStories, enum("story_created_from", "interactive", "stories")),
	frontend("view:stories:loaded", screenStories),
	backend("Message Tagged", screenNLUInbox, integer("count")),
	frontend("view:suggestions:loaded", screenNLUInbox),
	frontend("view:regex-lookup:loaded", screenNLUData),
	frontend("view:synonyms:loaded", screenNLUData),
	frontend("view:responses:loaded", screenResponses),
	frontend("view:config:loaded", screenConfigDomain),
	frontend("view:domain:loaded", screenConfigDomain),
	backend("Model Trained", screenModels),
	backend("Model Training Failed", screenModels, str("rasa_open_source"), number("total_training_time")),
	backend("Model Uploaded", screenModels),
	backend("Model Promoted", screenModels),
	frontend("view:models:loaded", screenModels),
	backend("Repository Created", screenVersionCtl, str("branch"), str("created_with_ui")),
	backend("Git Changes Pushed", screenVersionCtl, str("branch")),
	frontend("view:users:loaded", screenRolesUsers),
	frontend("view:roles:loaded", screenRolesUsers),
	backend("Server X Start", screenMisc, boolean("quick_install")),
	backend("End-to-End Test Created", screenMisc, enum("e2e_test_created_from", "interactive", "stories")),
	backend("Status", screenMisc,
		hashed(str("project")), boolean("local_mode"), str("rasa_x"), str("rasa_open_source"),
		integer("num_intent_examples"), integer("num_entity_examples"), integer("num_actions"),
		integer("num_templates"), integer("num_slots"), integer("num_forms"), integer("num_intents"),
		integer("num_entities"), integer("num_stories"), integer("num_conversations"), integer("num_events"),
		integer("num_models"), integer("num_lookup_table_files"), integer("num_lookup_table_entries"),
		integer("num_synonyms"), integer("num_regexes"), integer("num_environments"),
		hashed(catalogProperty{key: "environment_names", typ: semconv.TypeStringArray}),
		integer("num_live_environments"), number("uptime_seconds"), integer("num_tags"),
		integer("num_conversations_with_tags"), integer("num_nlu_inbox_messages_with_tags"),
		integer("num_e2e_tests")),
	backend("Conversations Imported", screenMisc, str("process_id")),
	backend("Feature Flag Updated", screenMisc, str("name"), boolean("enabled")),
}

func TestCatalogCounts(t *testing.T) {
	counts := map[semconv.Source]int{}
	definitions := 0
	for _, e := range catalog {
		counts[e.source]++
		definitions += len(e.props)
	}
	// Guards the hand-written list itself against the catalog's own totals.
	require.Equal(t, 22, counts[semconv.SourceBackend])
	require.Equal(t, 26, counts[semconv.SourceFrontend])
	require.Equal(t, 44, definitions)

	plan := semconv.Builtin()
	require.Len(t, plan.Events(), len(catalog))
	planDefinitions := 0
	for _, e := range plan.Events() {
		planDefinitions += len(e.Properties)
	}
	assert.Equal(t, 44, planDefinitions)
	assert.Len(t, plan.Attributes(), 41, "count, branch and rasa_open_source are shared by two events")
}

func TestCatalogEvents(t *testing.T) {
	plan := semconv.Builtin()
	for i, want := range catalog {
		t.Run(want.name, func(t *testing.T) {
			got := plan.Lookup(want.name)
			require.NotNil(t, got, "event missing from the built-in plan")
			assert.Equal(t, want.name, plan.Events()[i].Name, "registry order follows the catalog")
			assert.Equal(t, want.source, got.Source)
			assert.Equal(t, want.screen, got.Screen)
			assert.NotEmpty(t, got.Brief)
			assert.NotEmpty(t, got.ID)
			require.Len(t, got.Properties, len(want.props))
			for j, wantProp := range want.props {
				assertProperty(t, wantProp, got.Properties[j])
			}
		})
	}
}

func assertProperty(t *testing.T, want catalogProperty, got semconv.Property) {
	t.Helper()
	assert.Equal(t, want.key, got.Key)
	assert.Equal(t, want.typ, got.Type, "type of %s", want.key)
	assert.Equal(t, want.anonymized, got.Anonymized, "anonymized flag of %s", want.key)
	assert.Equal(t, semconv.RequirementRecommended, got.RequirementLevel, "requirement level of %s", want.key)
	assert.NotEmpty(t, got.Brief, "brief of %s", want.key)

	var values []string
	for _, m := range got.Members {
		values = append(values, m.Value.(string))
		assert.NotEmpty(t, m.ID)
	}
	assert.Equal(t, want.enum, values, "enum values of %s", want.key)
}

func TestCatalogLookupMisses(t *testing.T) {
	plan := semconv.Builtin()
	assert.Nil(t, plan.Lookup("model trained"), "names are case-sensitive")
	assert.Nil(t, plan.Lookup("Model Deleted"))
	assert.Nil(t, plan.Lookup("Status").Property("status"))
	assert.Same(t, plan, semconv.Builtin(), "Builtin parses the registry once")
}

// TestCatalogOddities pins the places where the catalog is odd and the registry keeps it.
func TestCatalogOddities(t *testing.T) {
	plan := semconv.Builtin()
	tests := []struct {
		event, key, noteContains string
	}{
		{"Repository Created", "created_with_ui", "string"},
		{"Status", "local_mode", "always false"},
		{"Model Training Failed", "rasa_open_source", "not on"},
		{"Conversations Imported", "process_id", "UUID"},
		{"Message Annotated", "message_annotated_from", "entity:annotation:corrected"},
		{"Conversation Tagged", "count", "two events"},
		{"Message Received", "username", "hash"},
	}
	for _, tt := range tests {
		t.Run(tt.event+"/"+tt.key, func(t *testing.T) {
			event := plan.Lookup(tt.event)
			require.NotNil(t, event)
			prop := event.Property(tt.key)
			require.NotNil(t, prop)
			assert.Contains(t, prop.Note, tt.noteContains)
		})
	}

	assert.Contains(t, plan.Lookup("Server X Start").Note, "Rasa X")
	assert.Contains(t, plan.Lookup("Model Trained").Note, "rasa_open_source")
	assert.NotEqual(t, plan.Lookup("Conversation Tagged").Property("count").Brief,
		plan.Lookup("Message Tagged").Property("count").Brief, "each event states what count counts")
}
