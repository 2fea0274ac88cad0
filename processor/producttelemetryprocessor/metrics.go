package producttelemetryprocessor // import "github.com/producttelemetry/collector/processor/producttelemetryprocessor"

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"

	"github.com/producttelemetry/collector/processor/producttelemetryprocessor/internal/metadata"
)

// reasonKey is the attribute that says why a record was dropped or a property removed.
const reasonKey = "reason"

// dropReason says why a record was dropped.
type dropReason uint8

const (
	dropGateClosed dropReason = iota
	dropNoConsent
	dropUnknownEvent
	dropViolation
	dropMalformed
	numDropReasons
)

var dropReasonNames = [numDropReasons]string{"gate_closed", "no_consent", "unknown_event", "violation", "malformed"}

// removeReason says why a property was removed from a record.
type removeReason uint8

const (
	removeUnplanned removeReason = iota
	removeWrongType
	removeNotInEnum
	removeMalformed
	numRemoveReasons
)

var removeReasonNames = [numRemoveReasons]string{ruleUnplanned, ruleWrongType, ruleNotInEnum, ruleMalformed}

// counts accumulates what happened to one batch, so that instruments are updated once per
// batch rather than once per record.
type counts struct {
	received   int64
	forwarded  int64
	anonymized int64
	dropped    [numDropReasons]int64
	removed    [numRemoveReasons]int64
}

// recordCounts is what happened to one record; it joins the batch counts only when the record
// is forwarded, so that removal and anonymization counts describe the output.
type recordCounts struct {
	anonymized int64
	removed    [numRemoveReasons]int64
}

func (c *counts) add(r *recordCounts) {
	c.anonymized += r.anonymized
	for i, n := range r.removed {
		c.removed[i] += n
	}
}

// processorMetrics holds the instruments and their attribute options, built once.
type processorMetrics struct {
	telemetry  *metadata.TelemetryBuilder
	dropOpts   [numDropReasons][]metric.AddOption
	removeOpts [numRemoveReasons][]metric.AddOption
}

func newProcessorMetrics(telemetry *metadata.TelemetryBuilder) *processorMetrics {
	m := &processorMetrics{telemetry: telemetry}
	for i, name := range dropReasonNames {
		m.dropOpts[i] = reasonOption(name)
	}
	for i, name := range removeReasonNames {
		m.removeOpts[i] = reasonOption(name)
	}
	return m
}

func reasonOption(reason string) []metric.AddOption {
	return []metric.AddOption{metric.WithAttributeSet(attribute.NewSet(attribute.String(reasonKey, reason)))}
}

// record adds a batch's counts to the instruments, skipping zeros.
func (m *processorMetrics) record(ctx context.Context, c *counts) {
	t := m.telemetry
	addNonZero(ctx, t.ProcessorProducttelemetryRecordsReceived, c.received, nil)
	addNonZero(ctx, t.ProcessorProducttelemetryRecordsForwarded, c.forwarded, nil)
	addNonZero(ctx, t.ProcessorProducttelemetryValuesAnonymized, c.anonymized, nil)
	for i, n := range c.dropped {
		addNonZero(ctx, t.ProcessorProducttelemetryRecordsDropped, n, m.dropOpts[i])
	}
	for i, n := range c.removed {
		addNonZero(ctx, t.ProcessorProducttelemetryPropertiesRemoved, n, m.removeOpts[i])
	}
}

func addNonZero(ctx context.Context, counter metric.Int64Counter, n int64, opts []metric.AddOption) {
	if n != 0 {
		counter.Add(ctx, n, opts...)
	}
}
