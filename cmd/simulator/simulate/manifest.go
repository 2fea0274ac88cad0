package simulate

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"sync"

	"go.opentelemetry.io/otel/attribute"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/producttelemetry/collector/semconv"
)

// ManifestEntry is one line of the manifest: a record the simulator exported, with the raw
// values it carried, and whether the collector accepted it (the OTLP export succeeded).
type ManifestEntry struct {
	UID            string         `json:"uid"`
	Event          string         `json:"event"`
	Service        string         `json:"service"`
	InstallationID string         `json:"installation_id"`
	Properties     map[string]any `json:"properties"`
	Accepted       bool           `json:"accepted"`
}

// ledger wraps the OTLP exporter: it counts the outcome of every exported record and writes
// the manifest from the records as the SDK hands them over, so the manifest holds exactly
// what went on the wire.
type ledger struct {
	mu       sync.Mutex
	out      *json.Encoder
	accepted int
	rejected int
	err      error
}

func newLedger(manifest io.Writer) *ledger {
	l := &ledger{}
	if manifest != nil {
		l.out = json.NewEncoder(manifest)
	}
	return l
}

// wrap returns an exporter that sends through next and records the outcome in the ledger.
func (l *ledger) wrap(next sdklog.Exporter) sdklog.Exporter {
	return &ledgerExporter{Exporter: next, ledger: l}
}

type ledgerExporter struct {
	sdklog.Exporter
	ledger *ledger
}

// Export sends the records and records their outcome.
func (e *ledgerExporter) Export(ctx context.Context, records []sdklog.Record) error {
	err := e.Exporter.Export(ctx, records)
	e.ledger.record(records, err == nil)
	return err
}

func (l *ledger) record(records []sdklog.Record, accepted bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if accepted {
		l.accepted += len(records)
	} else {
		l.rejected += len(records)
	}
	if l.out == nil {
		return
	}
	for i := range records {
		if err := l.out.Encode(entryOf(&records[i], accepted)); err != nil && l.err == nil {
			l.err = err
		}
	}
}

func entryOf(r *sdklog.Record, accepted bool) ManifestEntry {
	entry := ManifestEntry{Event: r.EventName(), Properties: map[string]any{}, Accepted: accepted}
	r.WalkAttributes(func(kv attribute.KeyValue) bool {
		if kv.Key == semconv.AttrLogRecordUID {
			entry.UID = kv.Value.AsString()
		} else {
			entry.Properties[string(kv.Key)] = kv.Value.AsInterface()
		}
		return true
	})
	res := r.Resource()
	if v, ok := res.Set().Value("service.name"); ok {
		entry.Service = v.AsString()
	}
	if v, ok := res.Set().Value("service.instance.id"); ok {
		entry.InstallationID = v.AsString()
	}
	return entry
}

func (l *ledger) counts() (accepted, rejected int, err error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.accepted, l.rejected, l.err
}

// ParseManifestLine decodes one manifest line. Integers stay int64, so that they compare
// equal to what the simulator sent.
func ParseManifestLine(line []byte) (ManifestEntry, error) {
	var e ManifestEntry
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	if err := dec.Decode(&e); err != nil {
		return e, fmt.Errorf("invalid manifest line: %w", err)
	}
	for k, v := range e.Properties {
		e.Properties[k] = plainNumber(v)
	}
	return e, nil
}

// plainNumber turns json.Number values, also inside slices, into int64 or float64.
func plainNumber(v any) any {
	switch x := v.(type) {
	case json.Number:
		if n, err := x.Int64(); err == nil {
			return n
		}
		f, _ := x.Float64()
		return f
	case []any:
		for i := range x {
			x[i] = plainNumber(x[i])
		}
	}
	return v
}
