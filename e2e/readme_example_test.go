package e2e

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlplog/otlploghttp"
	sdklog "go.opentelemetry.io/otel/sdk/log"
	"go.opentelemetry.io/otel/sdk/resource"

	"github.com/producttelemetry/collector/semconv"
)

// Example_sendFirstEvent holds the five lines of README.md's "Sending the first event" with the
// imports they need, so that the README's example keeps compiling. It has no output to check
// and is not run.
func Example_sendFirstEvent() {
	ctx := context.Background()
	installationID := "3ec37dbf-c77c-47fb-9dc3-e830e97e4bb5"

	exp, _ := otlploghttp.New(ctx, otlploghttp.WithEndpointURL("http://localhost:4318/v1/logs"))
	res := resource.NewSchemaless(attribute.String("service.name", "my-backend"), attribute.String("service.instance.id", installationID))
	provider := sdklog.NewLoggerProvider(sdklog.WithResource(res), sdklog.WithProcessor(sdklog.NewBatchProcessor(exp)))
	defer provider.Shutdown(ctx)
	semconv.NewEmitter(provider.Logger("my-backend")).MessageReceived(ctx, semconv.MessageReceivedProperties{Username: "alice", MessageChannel: "slack"})
}
