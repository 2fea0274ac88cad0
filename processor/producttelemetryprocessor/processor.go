package producttelemetryprocessor // import "github.com/producttelemetry/collector/processor/producttelemetryprocessor"

import (
	"context"
	"fmt"
	"sync"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processorhelper"
	"go.uber.org/zap"

	"github.com/producttelemetry/collector/processor/producttelemetryprocessor/internal/metadata"
)

// telemetryProcessor decides what of the incoming product events may leave the collector.
type telemetryProcessor struct {
	logger    *zap.Logger
	cfg       *Config
	plan      *trackingPlan
	anon      *anonymizer
	warner    *warner
	telemetry *metadata.TelemetryBuilder
	metrics   *processorMetrics

	// closedReason is non-empty when the configuration or the environment closes the gate.
	closedReason    string
	passUnknown     bool
	dropOnViolation bool

	// batches recycles the per-call walk state; ConsumeLogs may run concurrently.
	batches sync.Pool
}

// newProcessor compiles the tracking plan and reads the environment once. getenv is
// os.Getenv outside tests.
func newProcessor(set processor.Settings, cfg *Config, getenv func(string) string) (*telemetryProcessor, error) {
	plan, err := loadTrackingPlan(cfg.PlanFile)
	if err != nil {
		return nil, fmt.Errorf("failed to load the tracking plan: %w", err)
	}
	telemetry, err := metadata.NewTelemetryBuilder(set.TelemetrySettings)
	if err != nil {
		return nil, fmt.Errorf("failed to create the processor's metrics: %w", err)
	}
	p := &telemetryProcessor{
		logger:          set.Logger,
		cfg:             cfg,
		plan:            plan,
		anon:            newAnonymizer(cfg.Anonymization),
		warner:          newWarner(set.Logger, cfg.WarnInterval),
		telemetry:       telemetry,
		metrics:         newProcessorMetrics(telemetry),
		closedReason:    gateClosedReason(cfg, getenv),
		passUnknown:     cfg.UnknownEvents == UnknownEventsPass,
		dropOnViolation: cfg.OnViolation == OnViolationDropEvent,
	}
	p.batches.New = func() any { return newBatch(p) }
	return p, nil
}

// start logs what an operator must know: whether anything can leave, and under which plan.
func (p *telemetryProcessor) start(context.Context, component.Host) error {
	if p.closedReason != "" {
		p.logger.Info("Product telemetry is off: every record will be dropped",
			zap.String("reason", p.closedReason))
		return nil
	}
	plan := p.cfg.PlanFile
	if plan == "" {
		plan = "built-in catalog"
	}
	p.logger.Info("Product telemetry is on",
		zap.String("plan", plan),
		zap.Int("events", len(p.plan.events)),
		zap.String("anonymization", p.cfg.Anonymization.Algorithm),
		zap.String("unknown_events", p.cfg.UnknownEvents),
		zap.String("on_violation", p.cfg.OnViolation))
	if p.cfg.Anonymization.Algorithm == AlgorithmSHA256 {
		p.logger.Info("Anonymized values are unkeyed SHA-256 hashes; guessable values can be recovered " +
			"by hashing candidates. Use hmac-sha256 with a secret key to prevent that.")
	}
	return nil
}

func (p *telemetryProcessor) shutdown(context.Context) error {
	p.telemetry.Shutdown()
	return nil
}

// processLogs filters, converts and anonymizes ld in place. It returns
// processorhelper.ErrSkipProcessingData when nothing is left, so the next component sees nothing.
func (p *telemetryProcessor) processLogs(ctx context.Context, ld plog.Logs) (plog.Logs, error) {
	if p.closedReason != "" {
		n := int64(ld.LogRecordCount())
		c := counts{received: n}
		c.dropped[dropGateClosed] = n
		p.metrics.record(ctx, &c)
		return ld, processorhelper.ErrSkipProcessingData
	}

	b := p.batches.Get().(*batch)
	b.reset()
	ld.ResourceLogs().RemoveIf(b.removeResource)
	p.metrics.record(ctx, &b.counts)
	forwarded := b.counts.forwarded
	p.batches.Put(b)

	if forwarded == 0 {
		return ld, processorhelper.ErrSkipProcessingData
	}
	return ld, nil
}
