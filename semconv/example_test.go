package semconv_test

import (
	"context"
	"fmt"
	"os"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/exporters/otlp/otlplog/otlploghttp"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/producttelemetry/collector/semconv"
)

// printExporter prints each record's event name and attributes.
type printExporter struct{ discardExporter }

func (printExporter) Export(_ context.Context, records []sdklog.Record) error {
	for _, r := range records {
		fmt.Print(r.EventName())
		r.WalkAttributes(func(kv attribute.KeyValue) bool {
			fmt.Printf(" %s=%s", kv.Key, kv.Value.Emit())
			return true
		})
		fmt.Println()
	}
	return nil
}

func ExampleEmitter() {
	ctx := context.Background()
	// A service would use an OTLP exporter (otlploghttp) and a batch processor instead.
	provider := sdklog.NewLoggerProvider(sdklog.WithProcessor(sdklog.NewSimpleProcessor(printExporter{})))
	defer func() { _ = provider.Shutdown(ctx) }()

	events := semconv.NewEmitter(provider.Logger("github.com/acme/assistant"))
	events.ModelTrained(ctx)
	events.MessageReceived(ctx, semconv.MessageReceivedProperties{Username: "alice", MessageChannel: "rest"})
	events.StoryCreated(ctx, semconv.StoryCreatedProperties{StoryCreatedFrom: semconv.StoryCreatedFromInteractive})
	events.ViewConversationsFiltersApplyDate(ctx)
	// Output:
	// Model Trained
	// Message Received username=alice channel=rest
	// Story Created story_created_from=interactive
	// view:conversations:filters:apply:date
}

// This is the service set-up that the README shows: records go over OTLP/HTTP to a
// collector. It has no output check, because it needs a collector to talk to.
func ExampleNewEmitter() {
	ctx := context.Background()
	exp, err := otlploghttp.New(ctx, otlploghttp.WithEndpoint("collector:4318"), otlploghttp.WithInsecure())
	if err != nil {
		fmt.Println(err)
		return
	}
	provider := sdklog.NewLoggerProvider(sdklog.WithProcessor(sdklog.NewBatchProcessor(exp)))
	defer func() { _ = provider.Shutdown(ctx) }()

	events := semconv.NewEmitter(provider.Logger("github.com/acme/assistant"))
	events.ModelTrained(ctx)
	events.MessageReceived(ctx, semconv.MessageReceivedProperties{Username: "alice", MessageChannel: "rest"})
	events.Status(ctx, semconv.StatusProperties{Project: "default", NumIntents: 12, EnvironmentNames: []string{"production"}})
}

func ExampleLoad() {
	plan, err := semconv.Load("testdata/plan.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	for _, event := range plan.Events() {
		fmt.Printf("%s (%s): %d properties\n", event.Name, event.Source, len(event.Properties))
	}
	// Output:
	// Document Saved (backend): 4 properties
	// editor:opened (frontend): 0 properties
}

func ExampleParse() {
	_, err := semconv.Parse("plan.yaml", []byte(`
groups:
  - id: event.checkout
    type: event
    name: Checkout
    annotations: {producttelemetry: {source: backend}}
    attributes:
      - ref: cart_size
`))
	fmt.Println(err)
	// Output:
	// semconv: plan.yaml: line 8: event "Checkout": attribute "cart_size": unresolved ref: no attribute group defines "cart_size"
}

// This is the README's snippet on the plan at runtime, with testdata/plan.yaml as the
// user's plan file.
func ExamplePlan_Lookup() {
	plan := semconv.Builtin()                     // the embedded catalog, parsed once
	event := plan.Lookup("Model Training Failed") // nil when not planned
	prop := event.Property("total_training_time") // nil when not planned
	fmt.Println(event.Source, prop.Type, prop.Brief)

	own, err := semconv.Load("testdata/plan.yaml") // a file, or a directory of *.yaml/*.yml files
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(len(own.Events()), "events")

	data, err := os.ReadFile("testdata/plan.yaml")
	if err != nil {
		fmt.Println(err)
		return
	}
	own, err = semconv.Parse("plan.yaml", data) // bytes; the name is used in errors
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(own.Lookup("Document Saved").Property("account").Anonymized)
	// Output:
	// backend double Seconds the failed training ran, in total.
	// 2 events
	// true
}
