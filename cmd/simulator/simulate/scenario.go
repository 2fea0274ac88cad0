package simulate

import (
	"math/rand/v2"
	"strings"

	"github.com/producttelemetry/collector/semconv"
)

// Names of the planned events the scenario schedules itself.
const (
	eventServerStart = "Server X Start"
	eventStatus      = "Status"
)

// property is one attribute of a simulated event, in the order it is sent.
type property struct {
	key   string
	value any
}

// event is one simulated product event before it becomes a log record.
type event struct {
	name   string
	source semconv.Source
	// planned is false for events the tracking plan does not name.
	planned bool
	props   []property
	// extra holds properties the plan does not define for a planned event.
	extra []property
}

// unplannedEvent is an event the product sends although the tracking plan does not list it.
type unplannedEvent struct {
	name   string
	source semconv.Source
	props  []property
}

// unplannedEvents are sent now and then; the pipeline must drop them.
var unplannedEvents = []unplannedEvent{
	{"Debug Snapshot Taken", semconv.SourceBackend, []property{{"snapshot_path", "/var/lib/rasa/snapshots/acme-7731.tar"}}},
	{"view:experiments:loaded", semconv.SourceFrontend, nil},
	{"entity:prompt:copied", semconv.SourceFrontend, []property{{"prompt_text", "reset my card PIN for account 5521"}}},
}

// unplannedProperties are added now and then to planned events; the pipeline must remove them.
var unplannedProperties = []property{
	{"user_email", "grace.hopper@acme-bank.example"},
	{"client_ip", "203.0.113.77"},
	{"debug_session", "dbg-session-4f1c9e"},
}

// scenario produces the event stream of one installation: a start event and a first
// heartbeat, a tour of every planned and unplanned event in random order, then random draws
// that favour frequent actions, with a Status heartbeat every heartbeatEvery events.
type scenario struct {
	rng  *rand.Rand
	plan *semconv.Plan
	inst *installation
	cfg  Config

	tour    []func() event
	draws   []*semconv.Event
	emitted int
}

func newScenario(rng *rand.Rand, plan *semconv.Plan, inst *installation, cfg Config) *scenario {
	s := &scenario{rng: rng, plan: plan, inst: inst, cfg: cfg}
	for i := range plan.Events() {
		ev := &plan.Events()[i]
		if ev.Name != eventServerStart && ev.Name != eventStatus {
			s.tour = append(s.tour, func() event { return s.planned(ev) })
		}
		for range drawWeight(ev) {
			s.draws = append(s.draws, ev)
		}
	}
	if cfg.UnplannedEventRatio >= 0 {
		for _, u := range unplannedEvents {
			s.tour = append(s.tour, func() event { return event{name: u.name, source: u.source, props: u.props} })
		}
	}
	rng.Shuffle(len(s.tour), func(i, j int) { s.tour[i], s.tour[j] = s.tour[j], s.tour[i] })
	return s
}

// drawWeight says how often an event comes up in random draws relative to a rare action.
func drawWeight(ev *semconv.Event) int {
	switch {
	case ev.Name == eventServerStart || ev.Name == eventStatus:
		return 0
	case ev.Name == "Message Received":
		return 8
	case strings.HasPrefix(ev.Name, "view:"):
		return 3
	}
	return 1
}

// next returns the following event of the stream.
func (s *scenario) next() event {
	defer func() { s.emitted++ }()
	switch {
	case s.emitted == 0:
		return s.planned(s.plan.Lookup(eventServerStart))
	case s.emitted == 1 || s.emitted%s.cfg.HeartbeatEvery == 0:
		return s.planned(s.plan.Lookup(eventStatus))
	case len(s.tour) > 0:
		step := s.tour[0]
		s.tour = s.tour[1:]
		return step()
	case s.rng.Float64() < s.cfg.UnplannedEventRatio:
		u := unplannedEvents[s.rng.IntN(len(unplannedEvents))]
		return event{name: u.name, source: u.source, props: u.props}
	}
	return s.planned(s.draws[s.rng.IntN(len(s.draws))])
}

// planned returns an occurrence of a planned event with a value for each of its properties
// and, now and then, a property the plan does not define.
func (s *scenario) planned(ev *semconv.Event) event {
	out := event{name: ev.Name, source: ev.Source, planned: true}
	for i := range ev.Properties {
		p := &ev.Properties[i]
		out.props = append(out.props, property{p.Key, propertyValue(s.rng, p, s.inst)})
	}
	if s.rng.Float64() < s.cfg.UnplannedPropertyRatio {
		out.extra = append(out.extra, unplannedProperties[s.rng.IntN(len(unplannedProperties))])
	}
	s.inst.observe(ev.Name)
	return out
}
