// Package simulate behaves like a product instrumented with the OpenTelemetry Go SDK: it sends
// a realistic stream of the catalog's events over OTLP/HTTP, from a backend and a frontend
// service, and can record what it sent in a manifest. The simulator command and the end-to-end
// tests both drive it.
package simulate

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"io"
	mathrand "math/rand/v2"
	"time"

	"github.com/producttelemetry/collector/semconv"
)

// Config says where to send events, how many and how fast.
type Config struct {
	// Endpoint is the collector's OTLP/HTTP address: host:port, or a URL such as
	// https://collector.example.com:4318 (the path /v1/logs is added). Required.
	Endpoint string
	// Insecure sends over plain HTTP when Endpoint is host:port.
	Insecure bool
	// Count stops the run after this many events; 0 means no limit. Count or Duration is required.
	Count int
	// Duration stops the run after this long; 0 means no limit.
	Duration time.Duration
	// Rate is the number of events per second; 0 sends as fast as possible.
	Rate float64
	// Seed makes the stream of events (not the record ids) reproducible.
	Seed uint64
	// InstallationID is the raw installation id sent as service.instance.id; empty derives one
	// from Seed.
	InstallationID string
	// HeartbeatEvery sends a Status heartbeat every this many events (default 50).
	HeartbeatEvery int
	// UnplannedEventRatio is the share of random draws that are events the plan does not name,
	// at most 1; 0 means the default 0.05. Every unplanned event is also sent once in the
	// opening tour, unless the ratio is negative: then none is sent at all.
	UnplannedEventRatio float64
	// UnplannedPropertyRatio is the share of planned events that carry an unplanned property,
	// at most 1; 0 means the default 0.1 and a negative value means none.
	UnplannedPropertyRatio float64
	// Manifest, when set, receives one JSON line (a ManifestEntry) per exported record.
	Manifest io.Writer
	// ExportInterval is the SDK's batch export interval (default 1s).
	ExportInterval time.Duration
	// ExportTimeout bounds one OTLP request (default 10s).
	ExportTimeout time.Duration
	// RetryFor is how long the SDK retries a failed export (default 1m).
	RetryFor time.Duration
	// QueueSize is the SDK batch processor's queue length (default 2048). When events are
	// emitted faster than they are exported, the SDK drops the oldest beyond it.
	QueueSize int
}

// Summary counts what a run did.
type Summary struct {
	// Emitted is the number of records handed to the SDK.
	Emitted int
	// Accepted is the number of records the collector acknowledged.
	Accepted int
	// Rejected is the number of records whose export failed after retries.
	Rejected int
	// Dropped is the number of records the SDK discarded before export because its queue was full.
	Dropped int
}

func (c *Config) applyDefaults() {
	if c.HeartbeatEvery <= 0 {
		c.HeartbeatEvery = 50
	}
	if c.UnplannedEventRatio == 0 {
		c.UnplannedEventRatio = 0.05
	}
	if c.UnplannedPropertyRatio == 0 {
		c.UnplannedPropertyRatio = 0.1
	}
	if c.ExportInterval <= 0 {
		c.ExportInterval = time.Second
	}
	if c.ExportTimeout <= 0 {
		c.ExportTimeout = 10 * time.Second
	}
	if c.RetryFor <= 0 {
		c.RetryFor = time.Minute
	}
	if c.QueueSize <= 0 {
		c.QueueSize = 2048
	}
}

// Validate reports a configuration that cannot run.
func (c *Config) Validate() error {
	switch {
	case c.Endpoint == "":
		return errors.New("endpoint is required")
	case c.Count < 0 || c.Duration < 0 || c.Rate < 0:
		return errors.New("count, duration and rate must not be negative")
	case c.Count == 0 && c.Duration == 0:
		return errors.New("count or duration is required")
	case c.UnplannedEventRatio > 1 || c.UnplannedPropertyRatio > 1:
		return errors.New("the shares of unplanned events and properties must not exceed 1")
	}
	return nil
}

// Run sends events until Count or Duration is reached or ctx ends, then flushes the SDK.
// Cancelling ctx stops the stream early; what was emitted is still flushed.
func Run(ctx context.Context, cfg Config) (Summary, error) {
	if err := cfg.Validate(); err != nil {
		return Summary{}, err
	}
	cfg.applyDefaults()
	rng := mathrand.New(mathrand.NewPCG(cfg.Seed, cfg.Seed^0x5eed))
	inst := newInstallation(rng, cfg.InstallationID)
	l := newLedger(cfg.Manifest)
	s, err := newSender(ctx, cfg, inst.id, l)
	if err != nil {
		return Summary{}, err
	}

	sum := Summary{Emitted: stream(ctx, cfg, newScenario(rng, semconv.Builtin(), inst, cfg), s)}

	flushCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), cfg.RetryFor+cfg.ExportTimeout)
	defer cancel()
	err = s.shutdown(flushCtx)
	accepted, rejected, manifestErr := l.counts()
	sum.Accepted, sum.Rejected = accepted, rejected
	sum.Dropped = sum.Emitted - accepted - rejected
	if manifestErr != nil {
		err = errors.Join(err, fmt.Errorf("cannot write the manifest: %w", manifestErr))
	}
	return sum, err
}

// stream emits events at the configured pace and returns how many it emitted.
func stream(ctx context.Context, cfg Config, sc *scenario, s *sender) int {
	start := time.Now()
	var interval time.Duration
	if cfg.Rate > 0 {
		interval = time.Duration(float64(time.Second) / cfg.Rate)
	}
	n := 0
	for ; cfg.Count == 0 || n < cfg.Count; n++ {
		if cfg.Duration > 0 && time.Since(start) >= cfg.Duration {
			break
		}
		if wait := time.Until(start.Add(time.Duration(n) * interval)); wait > 0 {
			select {
			case <-ctx.Done():
				return n
			case <-time.After(wait):
			}
		}
		if ctx.Err() != nil {
			return n
		}
		s.emit(ctx, sc.next(), newUID())
	}
	return n
}

// newUID returns a random version 4 UUID for log.record.uid. Ids come from crypto/rand, not
// the seed: analytics services deduplicate on them, so two runs must never share one.
func newUID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	b[6] = (b[6] & 0x0f) | 0x40
	b[8] = (b[8] & 0x3f) | 0x80
	return fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
