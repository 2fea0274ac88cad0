package analyticsexporter // import "github.com/producttelemetry/collector/exporter/analyticsexporter"

import (
	"context"
	"sync"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/consumer/consumererror"
	"go.opentelemetry.io/collector/exporter"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/metric"
	"go.uber.org/zap"

	"github.com/producttelemetry/collector/exporter/analyticsexporter/internal/metadata"
	"github.com/producttelemetry/collector/internal/telemetrygate"
)

// warnInterval is the shortest time between two log lines about the same kind of problem.
const warnInterval = time.Minute

// Status classes of the requests metric.
const (
	classDryRun  = "dry_run"
	classNetwork = "network_error"
)

// batchSender delivers one complete request body.
type batchSender interface {
	// send returns the status class of the outcome for the requests metric, and an error that
	// is permanent when retrying cannot help.
	send(ctx context.Context, body []byte) (statusClass string, err error)
	shutdown() error
}

// analyticsExporter turns log records into Segment track events and sends them in batches.
type analyticsExporter struct {
	cfg       *Config
	logger    *zap.Logger
	settings  component.TelemetrySettings
	telemetry *metadata.TelemetryBuilder
	version   string
	sender    batchSender
	writers   sync.Pool
	now       func() time.Time
	warnings  map[dropReason]*intervalGate
	// closedReason is non-empty when the configuration or the environment closes the telemetry
	// gate: then nothing is sent or written.
	closedReason string
	// stopped is cancelled one request timeout after shutdown begins; it cancels the requests
	// still being made then.
	stopped   context.Context
	stop      context.CancelFunc
	stopTimer *time.Timer
}

// newAnalyticsExporter reads the environment once, through getenv (os.Getenv outside tests).
func newAnalyticsExporter(cfg *Config, set exporter.Settings, getenv func(string) string) (*analyticsExporter, error) {
	telemetry, err := metadata.NewTelemetryBuilder(set.TelemetrySettings)
	if err != nil {
		return nil, err
	}
	stopped, stop := context.WithCancel(context.Background())
	e := &analyticsExporter{
		stopped:   stopped,
		stop:      stop,
		cfg:       cfg,
		logger:    set.Logger,
		settings:  set.TelemetrySettings,
		telemetry: telemetry,
		version:   set.BuildInfo.Version,
		now:       time.Now,
		warnings:  make(map[dropReason]*intervalGate),

		closedReason: telemetrygate.ClosedReason(cfg.gate(), "exporter", getenv),
	}
	for _, kind := range []dropReason{dropMissingAnonymousID, dropMissingEventName, dropTooLarge, dropRejected} {
		e.warnings[kind] = &intervalGate{interval: warnInterval}
	}
	bounds := limits{maxBatchBytes: cfg.MaxBatchBytes, maxEventBytes: cfg.MaxEventBytes, maxBatchEvents: cfg.MaxBatchEvents}
	e.writers.New = func() any { return newBatchWriter(bounds, newItemEncoder(e.version)) }
	return e, nil
}

// start opens the dry-run output or builds the HTTP client; with the gate closed, neither.
func (e *analyticsExporter) start(ctx context.Context, host component.Host) error {
	if e.closedReason != "" {
		e.logger.Info("Product telemetry is off: nothing is sent or written, and events in the sending queue "+
			"are discarded", zap.String("reason", e.closedReason))
		return nil
	}
	if e.cfg.dryRun() {
		sender, err := newDryRunSender(e.cfg.DryRunPath)
		if err != nil {
			return err
		}
		reason := "dry_run is true"
		if e.cfg.WriteKey == "" {
			reason = "write_key is empty"
		}
		e.logger.Info("Dry run: nothing is sent to the analytics endpoint, request bodies are written instead",
			zap.String("reason", reason), zap.String("output", sender.name))
		e.sender = sender
		return nil
	}
	client, err := e.cfg.ToClient(ctx, host.GetExtensions(), e.settings)
	if err != nil {
		return err
	}
	sender := newHTTPSender(client, e.cfg.Endpoint, e.cfg.WriteKey, e.version)
	// Validate rejects credentials and queries in the endpoint, so its URL is safe to log.
	e.logger.Info("Sending events to the analytics endpoint", zap.String("url", sender.url),
		zap.Int("max_batch_events", e.cfg.MaxBatchEvents), zap.Int("max_batch_bytes", e.cfg.MaxBatchBytes))
	e.sender = sender
	return nil
}

// beginShutdown gives the requests made from now on, those in flight and those the queue
// drains, one request timeout in total; then they are cancelled, and a persistent queue keeps
// what they carried. Otherwise an endpoint that never answers would hold the shutdown for one
// timeout per queued request.
func (e *analyticsExporter) beginShutdown() {
	e.stopTimer = time.AfterFunc(e.cfg.Timeout, e.stop)
}

// shutdown runs after exporterhelper has drained the queue; it releases the sender.
func (e *analyticsExporter) shutdown(context.Context) error {
	if e.stopTimer != nil {
		e.stopTimer.Stop()
	}
	e.stop()
	e.telemetry.Shutdown()
	if e.sender == nil {
		return nil
	}
	return e.sender.shutdown()
}

// pushLogs sends the records of ld, split into as many requests as the limits require. With the
// gate closed it discards them, and returning nil removes them from the sending queue for good.
func (e *analyticsExporter) pushLogs(ctx context.Context, ld plog.Logs) error {
	if e.closedReason != "" {
		e.countDropped(ctx, dropGateClosed, ld.LogRecordCount())
		return nil
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stopCancelling := context.AfterFunc(e.stopped, cancel)
	defer stopCancelling()
	if e.stopped.Err() != nil {
		// AfterFunc cancels from another goroutine; past the deadline, send nothing at all.
		cancel()
	}

	w := e.writers.Get().(*batchWriter)
	defer e.releaseWriter(w)
	w.reset()
	p := push{exporter: e, ld: ld, writer: w}
	return p.run(ctx)
}

// releaseWriter returns w to the pool unless an oversized event grew its buffer far beyond a
// batch, which the pool would otherwise keep alive.
func (e *analyticsExporter) releaseWriter(w *batchWriter) {
	if cap(w.body) > 2*e.cfg.MaxBatchBytes {
		return
	}
	e.writers.Put(w)
}

// recordRequest counts one request's outcome and logs a rejection at most once per interval.
func (e *analyticsExporter) recordRequest(ctx context.Context, class string, events int, err error) {
	e.telemetry.ExporterAnalyticsRequests.Add(ctx, 1, statusClassOption(class))
	switch {
	case err == nil:
		e.telemetry.ExporterAnalyticsEventsSent.Add(ctx, int64(events))
	case consumererror.IsPermanent(err):
		e.countDropped(ctx, dropRejected, events)
		if e.warnings[dropRejected].allow(e.now()) {
			e.logger.Warn("Analytics endpoint rejected a batch; its events are dropped",
				zap.Int("events", events), zap.Error(err))
		}
	default:
		e.telemetry.ExporterAnalyticsRetries.Add(ctx, 1)
	}
}

// recordDrop counts a record that cannot be sent and warns about it at most once per interval.
// Only the event name and size are logged, never values.
func (e *analyticsExporter) recordDrop(ctx context.Context, reason dropReason, event string, size int) {
	e.countDropped(ctx, reason, 1)
	if !e.warnings[reason].allow(e.now()) {
		return
	}
	switch reason {
	case dropTooLarge:
		e.logger.Warn("Event exceeds max_event_bytes and is dropped",
			zap.String("event", event), zap.Int("size", size), zap.Int("max_event_bytes", e.cfg.MaxEventBytes))
	case dropMissingAnonymousID:
		e.logger.Warn("Event has no anonymous id resource attribute and is dropped",
			zap.String("event", event))
	default:
		e.logger.Warn("Log record has no event name and is dropped")
	}
}

func (e *analyticsExporter) countDropped(ctx context.Context, reason dropReason, events int) {
	e.telemetry.ExporterAnalyticsEventsDropped.Add(ctx, int64(events),
		metric.WithAttributes(attribute.String("reason", string(reason))))
}

// statusClassOptions are the metric options of the common status classes, built once.
var statusClassOptions = func() map[string]metric.AddOption {
	options := make(map[string]metric.AddOption)
	for _, class := range []string{"2xx", "4xx", "5xx", classNetwork, classDryRun} {
		options[class] = metric.WithAttributeSet(attribute.NewSet(attribute.String("status_class", class)))
	}
	return options
}()

func statusClassOption(class string) metric.AddOption {
	if option, ok := statusClassOptions[class]; ok {
		return option
	}
	return metric.WithAttributes(attribute.String("status_class", class))
}
