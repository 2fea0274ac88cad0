package simulate

import (
	"fmt"
	"math/rand/v2"

	"github.com/producttelemetry/collector/semconv"
)

// Raw values the product would send. Usernames, project and environment names are personal or
// confidential: the pipeline must let them out only as hashes, so they are distinctive enough
// for a test to search the output for them.
var (
	usernames = []string{
		"alice.nguyen@acme-bank.example", "bob.okafor@acme-bank.example", "carla.rossi",
		"dmitri.volkov", "emma.johansson@helpdesk.example", "farid.haddad",
	}
	channels         = []string{"rest", "socketio", "slack", "msteams", "telegram", "twilio"}
	branches         = []string{"main", "develop", "feature/faq-intents", "release/2024-q3"}
	featureFlags     = []string{"conversation-tags", "nlu-inbox-bulk-actions", "e2e-test-editor"}
	rasaOpenSource   = []string{"3.6.20", "3.6.21"}
	projectNames     = []string{"acme-bank-support-bot", "helpdesk-assistant-de"}
	environmentNames = []string{"prod-eu-west-private", "staging-blue-private", "dev-sandbox-private"}
)

// rasaEnterprise is the product version every simulated service reports.
const rasaEnterprise = "1.4.2"

// propertyValue returns a realistic raw value of a planned property, valid for its type and
// enum members, using what the simulated installation currently holds.
func propertyValue(rng *rand.Rand, p *semconv.Property, inst *installation) any {
	if len(p.Members) > 0 {
		return p.Members[rng.IntN(len(p.Members))].Value
	}
	if v, ok := knownValue(rng, p.Key, inst); ok {
		return v
	}
	switch p.Type {
	case semconv.TypeInt:
		return int64(rng.IntN(50) + 1)
	case semconv.TypeDouble:
		return float64(rng.IntN(90000)) / 100
	case semconv.TypeBoolean:
		return rng.IntN(2) == 0
	case semconv.TypeStringArray:
		return []string{fmt.Sprintf("item-%d", rng.IntN(100))}
	default:
		return fmt.Sprintf("%s-%d", p.Key, rng.IntN(1000))
	}
}

// knownValue returns a value for the properties whose meaning the catalog spells out.
func knownValue(rng *rand.Rand, key string, inst *installation) (any, bool) {
	switch key {
	case semconv.AttrUsername:
		return pick(rng, usernames), true
	case semconv.AttrMessageChannel:
		return pick(rng, channels), true
	case semconv.AttrBranch:
		return pick(rng, branches), true
	case semconv.AttrName:
		return pick(rng, featureFlags), true
	case semconv.AttrRasaOpenSource:
		return pick(rng, rasaOpenSource), true
	case semconv.AttrRasaX:
		return rasaEnterprise, true
	case semconv.AttrProject:
		return inst.project, true
	case semconv.AttrEnvironmentNames:
		return append([]string(nil), inst.environments...), true
	case semconv.AttrLocalMode:
		return false, true
	case semconv.AttrCreatedWithUI:
		return fmt.Sprint(rng.IntN(2) == 0), true
	case semconv.AttrProcessID:
		return randomUUID(rng), true
	case semconv.AttrTotalTrainingTime:
		return float64(rng.IntN(300000)) / 100, true
	case semconv.AttrCount:
		return int64(rng.IntN(3) + 1), true
	}
	return inst.count(key)
}

func pick(rng *rand.Rand, values []string) string {
	return values[rng.IntN(len(values))]
}

// randomUUID formats 16 random bytes as a version 4 UUID.
func randomUUID(rng *rand.Rand) string {
	var b [16]byte
	for i := range b {
		b[i] = byte(rng.UintN(256))
	}
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
