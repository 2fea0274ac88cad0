package simulate

import (
	"math/rand/v2"
	"strings"
)

// secondsPerHeartbeat is the simulated time between two Status events: the product sends one
// an hour, the simulator compresses that hour into a few dozen events.
const secondsPerHeartbeat = 3600

// installation is the simulated Rasa Enterprise deployment: its identity and the content the
// Status heartbeat reports. User actions change the content as they would in the product.
type installation struct {
	// id is the raw installation id, sent as service.instance.id.
	id           string
	project      string
	environments []string
	counts       map[string]int64
	heartbeats   int
}

func newInstallation(rng *rand.Rand, id string) *installation {
	if id == "" {
		id = randomUUID(rng)
	}
	envs := environmentNames[:2+rng.IntN(len(environmentNames)-1)]
	inst := &installation{
		id:           id,
		project:      pick(rng, projectNames),
		environments: envs,
		counts:       map[string]int64{},
	}
	for key, limit := range map[string]int{
		"num_intent_examples": 4000, "num_entity_examples": 900, "num_actions": 80, "num_templates": 120,
		"num_slots": 30, "num_forms": 8, "num_intents": 90, "num_entities": 25, "num_stories": 200,
		"num_conversations": 5000, "num_events": 90000, "num_models": 40, "num_lookup_table_files": 4,
		"num_lookup_table_entries": 600, "num_synonyms": 150, "num_regexes": 12, "num_tags": 15,
		"num_conversations_with_tags": 300, "num_nlu_inbox_messages_with_tags": 120, "num_e2e_tests": 25,
	} {
		inst.counts[key] = int64(limit/2 + rng.IntN(limit/2+1))
	}
	inst.counts["num_environments"] = int64(len(envs))
	inst.counts["num_live_environments"] = int64(1 + rng.IntN(len(envs)))
	return inst
}

// count returns the Status values derived from the installation's content.
func (i *installation) count(key string) (any, bool) {
	if key == "uptime_seconds" {
		return float64(i.heartbeats*secondsPerHeartbeat) + 0.5, true
	}
	if !strings.HasPrefix(key, "num_") {
		return nil, false
	}
	return i.counts[key], true
}

// observe updates the installation's content after a planned event happened.
func (i *installation) observe(name string) {
	switch name {
	case "Message Received":
		i.counts["num_events"] += 2
	case "Conversation Tagged":
		i.counts["num_tags"]++
		i.counts["num_conversations_with_tags"]++
	case "Message Tagged":
		i.counts["num_nlu_inbox_messages_with_tags"]++
	case "Conversation Deleted":
		i.counts["num_conversations"]--
	case "Conversations Imported":
		i.counts["num_conversations"] += 25
	case "Model Trained":
		i.counts["num_models"]++
	case "Story Created":
		i.counts["num_stories"]++
	case "End-to-End Test Created":
		i.counts["num_e2e_tests"]++
	case "Status":
		i.heartbeats++
	}
}
