package analyticsexporter // import "github.com/producttelemetry/collector/exporter/analyticsexporter"

import (
	"context"
	"os"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/config/confighttp"
	"go.opentelemetry.io/collector/config/configoptional"
	"go.opentelemetry.io/collector/config/configretry"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/exporter"
	"go.opentelemetry.io/collector/exporter/exporterhelper"

	"github.com/producttelemetry/collector/exporter/analyticsexporter/internal/metadata"
)

const (
	defaultEndpoint = "https://api.segment.io"
	defaultTimeout  = 10 * time.Second
)

// NewFactory returns the factory of the analytics exporter.
func NewFactory() exporter.Factory {
	return exporter.NewFactory(
		metadata.Type,
		createDefaultConfig,
		exporter.WithLogs(createLogs, metadata.LogsStability),
	)
}

func createDefaultConfig() component.Config {
	client := confighttp.NewDefaultClientConfig()
	client.Endpoint = defaultEndpoint
	client.Timeout = defaultTimeout
	return &Config{
		Enabled:           true,
		RespectDoNotTrack: true,
		ClientConfig:      client,
		QueueConfig:       configoptional.Some(exporterhelper.NewDefaultQueueConfig()),
		RetryConfig:       configretry.NewDefaultBackOffConfig(),
		MaxBatchBytes:     segmentMaxBatchBytes,
		MaxEventBytes:     segmentMaxEventBytes,
		MaxBatchEvents:    segmentMaxBatchEvents,
	}
}

func createLogs(ctx context.Context, set exporter.Settings, cfg component.Config) (exporter.Logs, error) {
	c := cfg.(*Config)
	exp, err := newAnalyticsExporter(c, set, os.Getenv)
	if err != nil {
		return nil, err
	}
	// Each request is bounded by the HTTP client timeout; one push may send several requests,
	// so the helper's per-push timeout is turned off.
	pushTimeout := exporterhelper.NewDefaultTimeoutConfig()
	pushTimeout.Timeout = 0
	logs, err := exporterhelper.NewLogs(ctx, set, cfg, exp.pushLogs,
		exporterhelper.WithStart(exp.start),
		exporterhelper.WithShutdown(exp.shutdown),
		exporterhelper.WithCapabilities(consumer.Capabilities{MutatesData: false}),
		exporterhelper.WithTimeout(pushTimeout),
		exporterhelper.WithRetry(c.RetryConfig),
		exporterhelper.WithQueue(c.QueueConfig),
	)
	if err != nil {
		return nil, err
	}
	return &boundedShutdownLogs{Logs: logs, analytics: exp}, nil
}

// boundedShutdownLogs starts the analytics exporter's shutdown deadline before exporterhelper
// stops the retries and drains the queue.
type boundedShutdownLogs struct {
	exporter.Logs
	analytics *analyticsExporter
}

// Shutdown starts the deadline of the requests still to be made, then shuts exporterhelper down.
func (l *boundedShutdownLogs) Shutdown(ctx context.Context) error {
	l.analytics.beginShutdown()
	return l.Logs.Shutdown(ctx)
}
