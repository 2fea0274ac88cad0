package semconv

// Type is the value type of a planned property, named as in a Weaver registry.
type Type uint8

// The property types a tracking plan can declare.
const (
	TypeString      Type = iota + 1 // "string"
	TypeInt                         // "int"
	TypeDouble                      // "double"
	TypeBoolean                     // "boolean"
	TypeStringArray                 // "string[]"
)

// Source tells which side of the product emits an event.
type Source string

// The sources the catalog distinguishes.
const (
	SourceBackend  Source = "backend"
	SourceFrontend Source = "frontend"
)

// Member is one allowed value of an enum property.
type Member struct {
	ID    string
	Brief string
	// Value is a string, an int64 or a float64, matching the property's Type.
	Value any
}

// Property is one property an event may carry.
type Property struct {
	// Key is the attribute key on the log record, for example "username".
	Key   string
	Type  Type
	Brief string
	Note  string
	// Anonymized marks values that must leave the pipeline only as a hash.
	Anonymized bool
	// Members lists the allowed values; empty means any value of Type.
	Members []Member
	// RequirementLevel is "required", "conditionally_required", "recommended" (the default)
	// or "opt_in".
	RequirementLevel string
	// RequirementCondition is the registry's text for the level, if any: the condition of
	// conditionally_required, or a remark on recommended or opt_in.
	RequirementCondition string
	// GoName, when set, replaces Key as the base of the generated Go names (annotation
	// producttelemetry.go_name), for keys whose natural name is already taken.
	GoName string
}

// Event is one event of the tracking plan.
type Event struct {
	// Name is the event name as it appears in a log record's EventName, for example "Model Trained".
	Name string
	// ID is the registry group id, for example "event.model_trained".
	ID     string
	Brief  string
	Note   string
	Source Source
	// Screen is the product screen or section the event belongs to.
	Screen     string
	Properties []Property
}

// Property returns the planned property with the given key, or nil.
func (e *Event) Property(key string) *Property {
	for i := range e.Properties {
		if e.Properties[i].Key == key {
			return &e.Properties[i]
		}
	}
	return nil
}

// Plan is a loaded tracking plan: the events that may be tracked and their properties.
type Plan struct {
	events     []Event
	byName     map[string]*Event
	attributes []Property
}

// Events returns the plan's events in registry order. The caller must not modify them.
func (p *Plan) Events() []Event { return p.events }

// Lookup returns the event with the given name, or nil when the plan does not name it.
func (p *Plan) Lookup(name string) *Event { return p.byName[name] }

// Attributes returns the attributes that the registry's attribute groups define, in
// registry order, as written before any event's overrides. The caller must not modify them.
func (p *Plan) Attributes() []Property { return p.attributes }
