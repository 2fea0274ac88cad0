package semconv

// Attributes that the pipeline itself reads or writes. They are not part of any tracking
// plan; the producttelemetry processor removes copies sent by clients and sets its own.
const (
	// AttrConsent is a boolean attribute by which a sender withdraws consent. Set to false on a
	// resource, it refuses every record of that resource; on a scope or a log record, the records
	// of that scope or that record alone.
	AttrConsent = "producttelemetry.consent"

	// AttrAnonymousID is a string resource attribute set by the processor: the anonymized
	// installation identity. The analytics exporter sends it as Segment's anonymousId.
	AttrAnonymousID = "producttelemetry.anonymous_id"

	// AttrChannel is a string log record attribute set by the processor from the event's
	// source: "server" for backend events, "browser" for frontend events.
	AttrChannel = "producttelemetry.channel"

	// AttrLogRecordUID is the OpenTelemetry semantic-convention attribute that uniquely
	// identifies a log record. The processor keeps it; the exporter derives messageId from it.
	AttrLogRecordUID = "log.record.uid"

	// AttrEventName is the deprecated attribute that older SDKs use to carry the event name.
	AttrEventName = "event.name"

	// AttrServiceName and AttrServiceVersion are the OpenTelemetry resource attributes that
	// the processor keeps in clear; the exporter sends them as Segment's context.app.
	AttrServiceName    = "service.name"
	AttrServiceVersion = "service.version"

	// AttrServiceInstanceID is the resource attribute that identifies an installation by
	// default; the processor replaces it by AttrAnonymousID.
	AttrServiceInstanceID = "service.instance.id"

	// ReservedPrefix starts every attribute key the pipeline owns.
	ReservedPrefix = "producttelemetry."
)

// Channel values for AttrChannel.
const (
	ChannelServer  = "server"
	ChannelBrowser = "browser"
)
