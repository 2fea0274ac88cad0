package analyticsexporter // import "github.com/producttelemetry/collector/exporter/analyticsexporter"

import (
	"crypto/sha256"
	"hash"
	"io"
	"math"
	"strings"

	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/producttelemetry/collector/internal/eventrecord"
	"github.com/producttelemetry/collector/semconv"
)

// dropReason names why a record was not sent; it is the reason attribute of the dropped metric.
type dropReason string

const (
	dropNone               dropReason = ""
	dropMissingAnonymousID dropReason = "missing_anonymous_id"
	dropMissingEventName   dropReason = "missing_event_name"
	dropTooLarge           dropReason = "too_large"
	dropRejected           dropReason = "rejected"
	dropGateClosed         dropReason = "gate_closed"
)

// libraryName is the context.library.name of every event this exporter sends.
const libraryName = "producttelemetry-analytics-exporter"

// messageIDNamespace seeds every derived messageId, so that ids never collide with those of
// other systems hashing similar content (Segment deduplicates across all workspaces).
var messageIDNamespace = []byte("producttelemetry.analytics.v1\x00")

// maxPassThroughIDLen is the longest log.record.uid used verbatim as messageId; Jitsu truncates
// longer ids, Segment accepts up to 100 characters.
const maxPassThroughIDLen = 64

// resourceFields holds what every event of one resource shares, encoded once.
type resourceFields struct {
	anonymousID string
	// app is `,"app":{...}` for the event context, or empty when the resource has no service.
	app []byte
}

// itemEncoder appends Segment track items. It is not safe for concurrent use.
type itemEncoder struct {
	// library is `"library":{...}`, the start of every event context.
	library []byte
	hasher  hash.Hash
	sum     [sha256.Size]byte
}

func newItemEncoder(libraryVersion string) *itemEncoder {
	lib := []byte(`"library":{"name":`)
	lib = appendJSONString(lib, libraryName)
	lib = append(lib, `,"version":`...)
	lib = appendJSONString(lib, libraryVersion)
	lib = append(lib, '}')
	return &itemEncoder{library: lib, hasher: sha256.New()}
}

// resourceFieldsOf reads the anonymous id and the app context from a resource.
func resourceFieldsOf(res pcommon.Resource, app []byte) resourceFields {
	fields := resourceFields{app: app[:0]}
	attrs := res.Attributes()
	if v, ok := attrs.Get(semconv.AttrAnonymousID); ok {
		fields.anonymousID = v.AsString()
	}
	name, hasName := attrs.Get(semconv.AttrServiceName)
	version, hasVersion := attrs.Get(semconv.AttrServiceVersion)
	if !hasName && !hasVersion {
		return fields
	}
	fields.app = append(fields.app, `,"app":{`...)
	if hasName {
		fields.app = append(fields.app, `"name":`...)
		fields.app = appendJSONString(fields.app, name.AsString())
	}
	if hasVersion {
		if hasName {
			fields.app = append(fields.app, ',')
		}
		fields.app = append(fields.app, `"version":`...)
		fields.app = appendJSONString(fields.app, version.AsString())
	}
	fields.app = append(fields.app, '}')
	return fields
}

// appendItem appends the track item of one record to dst. When the record cannot be sent it
// returns dst unchanged and the reason.
func (e *itemEncoder) appendItem(dst []byte, res *resourceFields, lr plog.LogRecord) ([]byte, dropReason) {
	if res.anonymousID == "" {
		return dst, dropMissingAnonymousID
	}
	event := eventrecord.Name(lr)
	if event == "" {
		return dst, dropMissingEventName
	}

	start := len(dst)
	dst = append(dst, `{"type":"track","event":`...)
	dst = appendJSONString(dst, event)
	dst = append(dst, `,"anonymousId":`...)
	dst = appendJSONString(dst, res.anonymousID)
	if ts := eventTime(lr); ts != 0 {
		dst = append(dst, `,"timestamp":`...)
		dst = appendTimestamp(dst, ts.AsTime())
	}
	dst = append(dst, `,"properties":`...)
	var fields recordFields
	dst = appendProperties(dst, lr.Attributes(), &fields)
	dst = append(dst, `,"messageId":`...)
	dst = e.appendMessageID(dst, fields.uid, dst[start:])
	dst = e.appendContext(dst, res, fields.channel)
	return append(dst, '}'), dropNone
}

// eventTime is the record's timestamp, else its observed timestamp, else zero. A time that
// does not fit Go's time (after the year 2262) counts as unset rather than wrapping around to
// 1969, so that the endpoint stamps the event on arrival instead.
func eventTime(lr plog.LogRecord) pcommon.Timestamp {
	for _, ts := range [2]pcommon.Timestamp{lr.Timestamp(), lr.ObservedTimestamp()} {
		if ts != 0 && ts <= math.MaxInt64 {
			return ts
		}
	}
	return 0
}

func (e *itemEncoder) appendContext(dst []byte, res *resourceFields, channel string) []byte {
	dst = append(dst, `,"context":{`...)
	dst = append(dst, e.library...)
	dst = append(dst, res.app...)
	if channel != "" {
		dst = append(dst, `,"channel":`...)
		dst = appendJSONString(dst, channel)
	}
	return append(dst, '}')
}

// recordFields are the pipeline-owned attributes of one record that the item needs.
type recordFields struct {
	channel string
	uid     string
}

// appendProperties appends the record's event properties as a JSON object and collects the
// pipeline-owned attributes, which are not properties, into fields.
func appendProperties(dst []byte, attrs pcommon.Map, fields *recordFields) []byte {
	return appendJSONObject(dst, attrs, func(k string, v pcommon.Value) bool {
		if isProperty(k) {
			return false
		}
		switch k {
		case semconv.AttrChannel:
			fields.channel = v.AsString()
		case semconv.AttrLogRecordUID:
			fields.uid = v.AsString()
		}
		return true
	})
}

// isProperty reports whether an attribute key is an event property rather than pipeline data.
func isProperty(key string) bool {
	return !strings.HasPrefix(key, semconv.ReservedPrefix) && key != semconv.AttrLogRecordUID &&
		key != semconv.AttrEventName
}

// appendMessageID appends the event's messageId: the record's log.record.uid when it is short
// and plain, else a name-based UUID (RFC 9562 version 8, SHA-256) of the uid or, without one,
// of the encoded content so far (event, anonymousId, timestamp and properties).
func (e *itemEncoder) appendMessageID(dst []byte, uid string, content []byte) []byte {
	if uid != "" && isPlainID(uid) {
		return appendJSONString(dst, uid)
	}
	e.hasher.Reset()
	_, _ = e.hasher.Write(messageIDNamespace)
	if uid != "" {
		_, _ = io.WriteString(e.hasher, uid)
	} else {
		_, _ = e.hasher.Write(content)
	}
	sum := e.hasher.Sum(e.sum[:0])
	return appendUUIDv8(dst, sum)
}

// isPlainID reports whether id can be used verbatim by every receiver: at most 64 characters
// of letters, digits, '-' and '_'.
func isPlainID(id string) bool {
	if len(id) > maxPassThroughIDLen {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if (c < '0' || c > '9') && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && c != '-' && c != '_' {
			return false
		}
	}
	return true
}

// appendUUIDv8 appends the first 16 bytes of sum as a quoted UUID with the version 8 and
// RFC 9562 variant bits set.
func appendUUIDv8(dst []byte, sum []byte) []byte {
	var u [16]byte
	copy(u[:], sum)
	u[6] = (u[6] & 0x0f) | 0x80
	u[8] = (u[8] & 0x3f) | 0x80
	dst = append(dst, '"')
	for i, b := range u {
		if i == 4 || i == 6 || i == 8 || i == 10 {
			dst = append(dst, '-')
		}
		dst = append(dst, hexDigits[b>>4], hexDigits[b&0xf])
	}
	return append(dst, '"')
}
