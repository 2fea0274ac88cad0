package analyticsexporter // import "github.com/producttelemetry/collector/exporter/analyticsexporter"

import (
	"time"

	"go.opentelemetry.io/collector/pdata/plog"
)

// A request body is `{"batch":[item,...],"sentAt":"2006-01-02T15:04:05.000Z"}`. sentAt has a
// fixed width, so the size of a body is known before it is stamped at send time.
const (
	batchPrefix        = `{"batch":[`
	sentAtPrefix       = `],"sentAt":`
	quotedTimestampLen = len(`"2006-01-02T15:04:05.000Z"`)
	batchEnvelopeBytes = len(batchPrefix) + len(sentAtPrefix) + quotedTimestampLen + len(`}`)
)

// limits are the size and count bounds of one request.
type limits struct {
	maxBatchBytes  int
	maxEventBytes  int
	maxBatchEvents int
}

// recordRef locates a log record inside a plog.Logs.
type recordRef struct {
	resource, scope, record int
}

// before reports whether r comes earlier than o in iteration order.
func (r recordRef) before(o recordRef) bool {
	if r.resource != o.resource {
		return r.resource < o.resource
	}
	if r.scope != o.scope {
		return r.scope < o.scope
	}
	return r.record < o.record
}

// batchWriter accumulates encoded track items into one request body at a time. One writer
// serves one push; writers are pooled to reuse their buffers.
type batchWriter struct {
	limits  limits
	encoder *itemEncoder
	body    []byte
	count   int
	// refs are the records in the current batch, in order.
	refs []recordRef
	// app is the reusable buffer of the current resource's app context.
	app []byte
}

func newBatchWriter(l limits, encoder *itemEncoder) *batchWriter {
	return &batchWriter{limits: l, encoder: encoder, body: make([]byte, 0, 64*1024)}
}

// reset starts an empty batch.
func (w *batchWriter) reset() {
	w.body = append(w.body[:0], batchPrefix...)
	w.count = 0
	w.refs = w.refs[:0]
}

// addResult says what happened to a record offered to the batch.
type addResult struct {
	// dropped is the reason the record cannot be sent, if any.
	dropped dropReason
	// size is the encoded size of the record's item.
	size int
	// full means the item does not fit: send the current batch, reset, and offer it again.
	full bool
}

// add encodes the record into the current batch when it fits.
func (w *batchWriter) add(res *resourceFields, lr plog.LogRecord, ref recordRef) addResult {
	mark := len(w.body)
	if w.count > 0 {
		w.body = append(w.body, ',')
	}
	itemStart := len(w.body)
	var reason dropReason
	w.body, reason = w.encoder.appendItem(w.body, res, lr)
	size := len(w.body) - itemStart
	if reason == dropNone && size > w.limits.maxEventBytes {
		reason = dropTooLarge
	}
	if reason != dropNone {
		w.body = w.body[:mark]
		return addResult{dropped: reason, size: size}
	}
	if w.count > 0 && len(w.body)+w.trailerLen() > w.limits.maxBatchBytes {
		w.body = w.body[:mark]
		return addResult{size: size, full: true}
	}
	w.count++
	w.refs = append(w.refs, ref)
	return addResult{size: size}
}

// isFull reports whether the batch has reached the event count limit.
func (w *batchWriter) isFull() bool {
	return w.count >= w.limits.maxBatchEvents
}

func (w *batchWriter) trailerLen() int {
	return len(sentAtPrefix) + quotedTimestampLen + 1
}

// finish stamps sentAt and returns the complete request body. The body is valid until the
// next call to reset.
func (w *batchWriter) finish(sentAt time.Time) []byte {
	w.body = append(w.body, sentAtPrefix...)
	w.body = appendTimestamp(w.body, sentAt)
	w.body = append(w.body, '}')
	return w.body
}

// remainingLogs returns a copy of the records of ld that a retry still has to deliver: those in
// refs (the batch that failed) and, when hasNext, every record at or after next.
func remainingLogs(ld plog.Logs, refs []recordRef, next recordRef, hasNext bool) plog.Logs {
	out := plog.NewLogs()
	for ri, rl := range ld.ResourceLogs().All() {
		outRL, hasRL := plog.ResourceLogs{}, false
		for si, sl := range rl.ScopeLogs().All() {
			outSL, hasSL := plog.ScopeLogs{}, false
			for li, lr := range sl.LogRecords().All() {
				ref := recordRef{ri, si, li}
				for len(refs) > 0 && refs[0].before(ref) {
					refs = refs[1:]
				}
				inRefs := len(refs) > 0 && refs[0] == ref
				if !inRefs && (!hasNext || ref.before(next)) {
					continue
				}
				if !hasRL {
					outRL, hasRL = out.ResourceLogs().AppendEmpty(), true
					rl.Resource().CopyTo(outRL.Resource())
					outRL.SetSchemaUrl(rl.SchemaUrl())
				}
				if !hasSL {
					outSL, hasSL = outRL.ScopeLogs().AppendEmpty(), true
					sl.Scope().CopyTo(outSL.Scope())
					outSL.SetSchemaUrl(sl.SchemaUrl())
				}
				lr.CopyTo(outSL.LogRecords().AppendEmpty())
			}
		}
	}
	return out
}
