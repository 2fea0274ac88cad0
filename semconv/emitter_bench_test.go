package semconv_test

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel/log"
	"go.opentelemetry.io/otel/log/embedded"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/producttelemetry/collector/semconv"
)

// discardExporter drops records, so the benchmarks measure the emitter and the SDK only.
type discardExporter struct{}

func (discardExporter) Export(context.Context, []sdklog.Record) error { return nil }
func (discardExporter) Shutdown(context.Context) error                { return nil }
func (discardExporter) ForceFlush(context.Context) error              { return nil }

var benchStatus = semconv.StatusProperties{
	Project: "default", RasaX: "1.4.0", RasaOpenSource: "3.6.0", NumIntents: 12, NumStories: 40,
	NumEvents: 100000, UptimeSeconds: 3600, EnvironmentNames: []string{"production", "worker"},
}

func benchmarkEvents(b *testing.B, emitter *semconv.Emitter) {
	ctx := context.Background()
	b.Run("ModelTrained", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			emitter.ModelTrained(ctx)
		}
	})
	b.Run("MessageReceived", func(b *testing.B) {
		props := semconv.MessageReceivedProperties{Username: "me", MessageChannel: "rest"}
		b.ReportAllocs()
		for b.Loop() {
			emitter.MessageReceived(ctx, props)
		}
	})
	b.Run("Status", func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			emitter.Status(ctx, benchStatus)
		}
	})
}

// discardLogger is enabled for every event and drops each record it gets.
type discardLogger struct {
	embedded.Logger
	attributes int
}

func (l *discardLogger) Emit(_ context.Context, r log.Record)              { l.attributes += r.AttributesLen() }
func (*discardLogger) Enabled(context.Context, log.EnabledParameters) bool { return true }

// BenchmarkEmitter measures the emitter alone: building and handing over each record.
func BenchmarkEmitter(b *testing.B) {
	benchmarkEvents(b, semconv.NewEmitter(&discardLogger{}))
}

// BenchmarkEmitterSDK measures a full Emit through the SDK's simple processor.
func BenchmarkEmitterSDK(b *testing.B) {
	provider := sdklog.NewLoggerProvider(sdklog.WithProcessor(sdklog.NewSimpleProcessor(discardExporter{})))
	b.Cleanup(func() { _ = provider.Shutdown(context.Background()) })
	benchmarkEvents(b, semconv.NewEmitter(provider.Logger("bench")))
}
