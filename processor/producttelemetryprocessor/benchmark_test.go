package producttelemetryprocessor

import (
	"context"
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/consumer/consumertest"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/processor/processortest"

	"github.com/producttelemetry/collector/processor/producttelemetryprocessor/internal/metadata"
	"github.com/producttelemetry/collector/semconv"
)

// Shape of a benchmark batch: installations per batch and events per installation.
const (
	benchResources         = 10
	benchEventsPerResource = 100
	benchEventsPerBatch    = benchResources * benchEventsPerResource
)

// benchmarkBatch is a realistic mix of catalog events: per 100 events of an installation, 28
// Message Received with a username, 2 Status with all 28 properties and four environment
// names, and 70 events drawn from the rest of the catalog with planned values. Resources and
// scopes carry what the OpenTelemetry Go SDK adds, and every record a UUID-shaped uid.
func benchmarkBatch(tb testing.TB) plog.Logs {
	plan := semconv.Builtin()
	gen := newGenerator(7, plan)
	var others []*semconv.Event
	for i, ev := range plan.Events() {
		if ev.Name != "Status" && ev.Name != "Message Received" {
			others = append(others, &plan.Events()[i])
		}
	}

	ld := plog.NewLogs()
	for r := range benchResources {
		rl := ld.ResourceLogs().AppendEmpty()
		rl.Resource().Attributes().PutStr("service.instance.id", fmt.Sprintf("7f3c9a2e-installation-%d", r))
		rl.Resource().Attributes().PutStr("service.name", "rasa-x")
		rl.Resource().Attributes().PutStr("service.version", "1.4.2")
		rl.Resource().Attributes().PutStr("telemetry.sdk.language", "go")
		rl.Resource().Attributes().PutStr("telemetry.sdk.name", "opentelemetry")
		rl.Resource().Attributes().PutStr("telemetry.sdk.version", "1.47.0")
		sl := rl.ScopeLogs().AppendEmpty()
		sl.Scope().SetName("rasax.telemetry")
		records := sl.LogRecords()
		for i := range benchEventsPerResource {
			lr := records.AppendEmpty()
			lr.SetTimestamp(pcommon.Timestamp(1_700_000_000_000_000_000 + int64(i)))
			lr.SetObservedTimestamp(lr.Timestamp())
			lr.Attributes().PutStr(semconv.AttrLogRecordUID, fmt.Sprintf("7f3c9a2e-0000-4000-8000-%04d%08d", r, i))
			switch {
			case i%50 == 0:
				statusEvent(lr, i)
			case i%10 < 3:
				lr.SetEventName("Message Received")
				lr.Attributes().PutStr("username", fmt.Sprintf("user-%d", i))
				lr.Attributes().PutStr("channel", "socketio")
			default:
				ev := others[i%len(others)]
				lr.SetEventName(ev.Name)
				for p := range ev.Properties {
					gen.plannedValue(lr.Attributes().PutEmpty(ev.Properties[p].Key), &ev.Properties[p])
				}
			}
		}
	}
	require.Equal(tb, benchEventsPerBatch, ld.LogRecordCount())
	return ld
}

func statusEvent(lr plog.LogRecord, i int) {
	lr.SetEventName("Status")
	attrs := lr.Attributes()
	attrs.PutStr("project", "default")
	attrs.PutBool("local_mode", false)
	attrs.PutStr("rasa_x", "1.4.2")
	attrs.PutStr("rasa_open_source", "3.6.20")
	for _, key := range []string{"num_intent_examples", "num_entity_examples", "num_actions", "num_templates",
		"num_slots", "num_forms", "num_intents", "num_entities", "num_stories", "num_conversations", "num_events",
		"num_models", "num_lookup_table_files", "num_lookup_table_entries", "num_synonyms", "num_regexes",
		"num_environments", "num_live_environments", "num_tags", "num_conversations_with_tags",
		"num_nlu_inbox_messages_with_tags", "num_e2e_tests"} {
		attrs.PutInt(key, int64(i+len(key)))
	}
	attrs.PutDouble("uptime_seconds", 86400.5)
	names := attrs.PutEmptySlice("environment_names")
	for _, name := range []string{"production", "worker", "development", "staging"} {
		names.AppendEmpty().SetStr(name)
	}
}

func BenchmarkProcessLogs(b *testing.B) {
	for _, algorithm := range []string{AlgorithmSHA256, AlgorithmHMACSHA256} {
		b.Run(algorithm, func(b *testing.B) {
			cfg := createDefaultConfig().(*Config)
			cfg.Anonymization.Algorithm = algorithm
			if algorithm == AlgorithmHMACSHA256 {
				cfg.Anonymization.Key = testHMACKey
			}
			p, err := newProcessor(processortest.NewNopSettings(metadata.Type), cfg, func(string) string { return "" })
			require.NoError(b, err)
			b.Cleanup(func() { require.NoError(b, p.shutdown(context.Background())) })

			runBatches(b, func(ld plog.Logs) error {
				_, err := p.processLogs(context.Background(), ld)
				return err
			})
		})
	}
}

// BenchmarkConsumeLogs measures the processor as the pipeline runs it, behind processorhelper.
func BenchmarkConsumeLogs(b *testing.B) {
	cfg := createDefaultConfig().(*Config)
	proc, err := NewFactory().CreateLogs(context.Background(), processortest.NewNopSettings(metadata.Type), cfg,
		consumertest.NewNop())
	require.NoError(b, err)
	require.NoError(b, proc.Start(context.Background(), nil))
	b.Cleanup(func() { require.NoError(b, proc.Shutdown(context.Background())) })

	runBatches(b, func(ld plog.Logs) error { return proc.ConsumeLogs(context.Background(), ld) })
}

// runBatches times consume over fresh copies of the benchmark batch and reports events per
// second. allocs/op is per batch of benchEventsPerBatch events.
func runBatches(b *testing.B, consume func(plog.Logs) error) {
	template := benchmarkBatch(b)
	work := plog.NewLogs()
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		template.CopyTo(work)
		b.StartTimer()
		if err := consume(work); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*benchEventsPerBatch)/b.Elapsed().Seconds(), "events/s")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*benchEventsPerBatch), "ns/event")
}

// TestBenchmarkBatch checks that the benchmark measures what the README says: the stated mix,
// and every record forwarded with its uid, so that no shortcut (a dropped record, a removed
// uid) flatters the figures.
func TestBenchmarkBatch(t *testing.T) {
	ld := benchmarkBatch(t)
	p := newPipeline(t, func(cfg *Config) { cfg.PlanFile = "" })
	require.NoError(t, p.processor.ConsumeLogs(context.Background(), ld))
	require.Equal(t, benchEventsPerBatch, p.sink.LogRecordCount())

	events := map[string]int{}
	for _, rl := range p.sink.AllLogs()[0].ResourceLogs().All() {
		for _, lr := range rl.ScopeLogs().At(0).LogRecords().All() {
			events[lr.EventName()]++
			_, ok := lr.Attributes().Get(semconv.AttrLogRecordUID)
			require.True(t, ok, "uid of %q removed", lr.EventName())
			if lr.EventName() == "Status" {
				require.Equal(t, 28+2, lr.Attributes().Len(), "28 properties, uid and channel")
			}
		}
	}
	assert.Equal(t, 28*benchResources, events["Message Received"])
	assert.Equal(t, 2*benchResources, events["Status"])
}
