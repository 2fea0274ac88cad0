package producttelemetryprocessor // import "github.com/producttelemetry/collector/processor/producttelemetryprocessor"

import (
	"context"
	"os"
	"time"

	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/consumer"
	"go.opentelemetry.io/collector/processor"
	"go.opentelemetry.io/collector/processor/processorhelper"

	"github.com/producttelemetry/collector/processor/producttelemetryprocessor/internal/metadata"
	"github.com/producttelemetry/collector/semconv"
)

// Defaults of the configuration.
const (
	defaultIdentityAttribute = semconv.AttrServiceInstanceID
	defaultWarnInterval      = time.Minute
)

// NewFactory returns the factory of the producttelemetry processor.
func NewFactory() processor.Factory {
	return processor.NewFactory(
		metadata.Type,
		createDefaultConfig,
		processor.WithLogs(createLogs, metadata.LogsStability))
}

func createDefaultConfig() component.Config {
	return &Config{
		Enabled:           true,
		RespectDoNotTrack: true,
		UnknownEvents:     UnknownEventsDrop,
		OnViolation:       OnViolationRemoveProperty,
		Anonymization:     AnonymizationConfig{Algorithm: AlgorithmSHA256},
		IdentityAttribute: defaultIdentityAttribute,
		WarnInterval:      defaultWarnInterval,
	}
}

func createLogs(
	ctx context.Context,
	set processor.Settings,
	cfg component.Config,
	next consumer.Logs,
) (processor.Logs, error) {
	p, err := newProcessor(set, cfg.(*Config), os.Getenv)
	if err != nil {
		return nil, err
	}
	return processorhelper.NewLogs(ctx, set, cfg, next, p.processLogs,
		processorhelper.WithStart(p.start),
		processorhelper.WithShutdown(p.shutdown),
		processorhelper.WithCapabilities(consumer.Capabilities{MutatesData: true}))
}
