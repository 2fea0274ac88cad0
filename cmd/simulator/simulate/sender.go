package simulate

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlplog/otlploghttp"
	"go.opentelemetry.io/otel/log"
	sdklog "go.opentelemetry.io/otel/sdk/log"
	"go.opentelemetry.io/otel/sdk/resource"

	"github.com/producttelemetry/collector/semconv"
)

// scopeName is the instrumentation scope of every record the simulator emits.
const scopeName = "github.com/producttelemetry/collector/cmd/simulator"

// logsPath is the OTLP/HTTP path for logs, used when the endpoint URL has none.
const logsPath = "/v1/logs"

// Service names of the two sides of the simulated product.
const (
	BackendService  = "rasa-enterprise-backend"
	FrontendService = "rasa-enterprise-frontend"
)

// sender owns one LoggerProvider per side of the product, each with its own resource, as the
// backend process and the browser application would have.
type sender struct {
	providers map[semconv.Source]*sdklog.LoggerProvider
	loggers   map[semconv.Source]log.Logger
	emitters  map[semconv.Source]*semconv.Emitter
}

func newSender(ctx context.Context, cfg Config, installationID string, l *ledger) (*sender, error) {
	s := &sender{
		providers: map[semconv.Source]*sdklog.LoggerProvider{},
		loggers:   map[semconv.Source]log.Logger{},
		emitters:  map[semconv.Source]*semconv.Emitter{},
	}
	for source, service := range map[semconv.Source]string{
		semconv.SourceBackend: BackendService, semconv.SourceFrontend: FrontendService,
	} {
		exp, err := newExporter(ctx, cfg)
		if err != nil {
			return nil, errors.Join(err, s.shutdown(ctx))
		}
		res := resource.NewSchemaless(
			attribute.String("service.name", service),
			attribute.String("service.version", rasaEnterprise),
			attribute.String("service.instance.id", installationID),
		)
		processor := sdklog.NewBatchProcessor(l.wrap(exp),
			sdklog.WithExportInterval(cfg.ExportInterval), sdklog.WithMaxQueueSize(cfg.QueueSize))
		provider := sdklog.NewLoggerProvider(sdklog.WithResource(res), sdklog.WithProcessor(processor))
		s.providers[source] = provider
		s.loggers[source] = provider.Logger(scopeName)
		s.emitters[source] = semconv.NewEmitter(decoratingLogger{s.loggers[source]})
	}
	return s, nil
}

// newExporter returns an OTLP/HTTP log exporter for cfg.Endpoint, which is host:port or a URL.
func newExporter(ctx context.Context, cfg Config) (*otlploghttp.Exporter, error) {
	opts := []otlploghttp.Option{
		otlploghttp.WithTimeout(cfg.ExportTimeout),
		otlploghttp.WithRetry(otlploghttp.RetryConfig{
			Enabled: true, InitialInterval: 200 * time.Millisecond, MaxInterval: 2 * time.Second,
			MaxElapsedTime: cfg.RetryFor,
		}),
	}
	if strings.Contains(cfg.Endpoint, "://") {
		u, err := url.Parse(cfg.Endpoint)
		if err != nil {
			return nil, fmt.Errorf("invalid endpoint: %w", err)
		}
		if u.Path == "" || u.Path == "/" {
			u.Path = logsPath
		}
		opts = append(opts, otlploghttp.WithEndpointURL(u.String()))
	} else {
		opts = append(opts, otlploghttp.WithEndpoint(cfg.Endpoint))
	}
	if cfg.Insecure {
		opts = append(opts, otlploghttp.WithInsecure())
	}
	exp, err := otlploghttp.New(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("cannot create the OTLP exporter: %w", err)
	}
	return exp, nil
}

// emit sends one event with a unique log.record.uid: a planned event through its typed
// semconv emitter, an unplanned one through the Logs API directly.
func (s *sender) emit(ctx context.Context, ev event, uid string) {
	extra := []attribute.KeyValue{attribute.String(semconv.AttrLogRecordUID, uid)}
	for _, p := range ev.extra {
		extra = append(extra, keyValue(p))
	}
	if ev.planned {
		v := make(values, len(ev.props))
		for _, p := range ev.props {
			v[p.key] = p.value
		}
		emitters[ev.name](context.WithValue(ctx, extraAttributesKey{}, extra), s.emitters[ev.source], v)
		return
	}

	var rec log.Record
	now := time.Now()
	rec.SetTimestamp(now)
	rec.SetObservedTimestamp(now)
	rec.SetSeverity(log.SeverityInfo)
	rec.SetEventName(ev.name)
	rec.AddAttributes(extra...)
	for _, p := range ev.props {
		rec.AddAttributes(keyValue(p))
	}
	s.loggers[ev.source].Emit(ctx, rec)
}

// extraAttributesKey is the context key of the attributes decoratingLogger adds to a record.
type extraAttributesKey struct{}

// decoratingLogger adds the attributes found in the context to every record it emits. The
// typed emitters set only the plan's properties; the simulator also needs a log.record.uid on
// every record and, now and then, a property the plan does not define.
type decoratingLogger struct {
	log.Logger
}

// Emit adds the context's extra attributes to r and emits it.
func (l decoratingLogger) Emit(ctx context.Context, r log.Record) {
	if extra, ok := ctx.Value(extraAttributesKey{}).([]attribute.KeyValue); ok {
		r.AddAttributes(extra...)
	}
	l.Logger.Emit(ctx, r)
}

// keyValue converts a simulated property to a log attribute.
func keyValue(p property) attribute.KeyValue {
	switch v := p.value.(type) {
	case string:
		return attribute.String(p.key, v)
	case int64:
		return attribute.Int64(p.key, v)
	case float64:
		return attribute.Float64(p.key, v)
	case bool:
		return attribute.Bool(p.key, v)
	case []string:
		return attribute.StringSlice(p.key, v)
	}
	return attribute.String(p.key, fmt.Sprint(p.value))
}

// shutdown flushes every provider and stops it. Providers that fail alike (both services
// cannot reach the collector) report the error once.
func (s *sender) shutdown(ctx context.Context) error {
	var errs []error
	seen := map[string]bool{}
	for _, p := range s.providers {
		if err := p.Shutdown(ctx); err != nil && !seen[err.Error()] {
			seen[err.Error()] = true
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}
