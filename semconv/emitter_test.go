package semconv_test

import (
	"context"
	"reflect"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/log"
	sdklog "go.opentelemetry.io/otel/sdk/log"

	"github.com/producttelemetry/collector/semconv"
)

// recordingExporter keeps every exported record in memory.
type recordingExporter struct {
	mu      sync.Mutex
	records []sdklog.Record
}

func (e *recordingExporter) Export(_ context.Context, records []sdklog.Record) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	for i := range records {
		e.records = append(e.records, records[i].Clone())
	}
	return nil
}

func (*recordingExporter) Shutdown(context.Context) error   { return nil }
func (*recordingExporter) ForceFlush(context.Context) error { return nil }

func (e *recordingExporter) take() []sdklog.Record {
	e.mu.Lock()
	defer e.mu.Unlock()
	records := e.records
	e.records = nil
	return records
}

// newTestEmitter returns an Emitter on a real SDK logger provider whose records end in exp.
func newTestEmitter(t testing.TB, processors ...sdklog.Processor) (*semconv.Emitter, *recordingExporter) {
	exp := &recordingExporter{}
	opts := []sdklog.LoggerProviderOption{sdklog.WithProcessor(sdklog.NewSimpleProcessor(exp))}
	if len(processors) > 0 {
		opts = nil
		for _, p := range processors {
			opts = append(opts, sdklog.WithProcessor(p))
		}
	}
	provider := sdklog.NewLoggerProvider(opts...)
	t.Cleanup(func() { assert.NoError(t, provider.Shutdown(context.Background())) })
	return semconv.NewEmitter(provider.Logger("semconv-test")), exp
}

// attributes returns a record's attributes by key.
func attributes(r *sdklog.Record) map[string]attribute.Value {
	attrs := map[string]attribute.Value{}
	r.WalkAttributes(func(kv attribute.KeyValue) bool {
		attrs[string(kv.Key)] = kv.Value
		return true
	})
	return attrs
}

func TestEmitterRecordFields(t *testing.T) {
	emitter, exp := newTestEmitter(t)
	before := time.Now()
	emitter.ModelTrained(context.Background())
	after := time.Now()

	records := exp.take()
	require.Len(t, records, 1)
	r := records[0]
	assert.Equal(t, "Model Trained", r.EventName())
	assert.Equal(t, log.SeverityInfo, r.Severity())
	assert.Equal(t, "INFO", r.SeverityText())
	assert.WithinRange(t, r.Timestamp(), before, after)
	assert.Equal(t, r.Timestamp(), r.ObservedTimestamp())
	assert.Zero(t, r.AttributesLen())
	assert.Equal(t, "semconv-test", r.InstrumentationScope().Name)
}

func TestEmitterAttributes(t *testing.T) {
	tests := []struct {
		name      string
		emit      func(context.Context, *semconv.Emitter)
		wantEvent string
		want      map[string]attribute.Value
	}{
		{
			name: "strings",
			emit: func(ctx context.Context, e *semconv.Emitter) {
				e.MessageReceived(ctx, semconv.MessageReceivedProperties{Username: "me", MessageChannel: "rest"})
			},
			wantEvent: semconv.EventMessageReceived,
			want: map[string]attribute.Value{
				"username": attribute.StringValue("me"),
				"channel":  attribute.StringValue("rest"),
			},
		},
		{
			name: "empty string is left out",
			emit: func(ctx context.Context, e *semconv.Emitter) {
				e.MessageReceived(ctx, semconv.MessageReceivedProperties{MessageChannel: "rest"})
			},
			wantEvent: semconv.EventMessageReceived,
			want:      map[string]attribute.Value{"channel": attribute.StringValue("rest")},
		},
		{
			name: "enum",
			emit: func(ctx context.Context, e *semconv.Emitter) {
				e.StoryCreated(ctx, semconv.StoryCreatedProperties{StoryCreatedFrom: semconv.StoryCreatedFromInteractive})
			},
			wantEvent: "Story Created",
			want:      map[string]attribute.Value{"story_created_from": attribute.StringValue("interactive")},
		},
		{
			name: "boolean",
			emit: func(ctx context.Context, e *semconv.Emitter) {
				e.FeatureFlagUpdated(ctx, semconv.FeatureFlagUpdatedProperties{Name: "ivc", Enabled: true})
			},
			wantEvent: "Feature Flag Updated",
			want: map[string]attribute.Value{
				"name":    attribute.StringValue("ivc"),
				"enabled": attribute.BoolValue(true),
			},
		},
		{
			name: "zero numbers and false are kept",
			emit: func(ctx context.Context, e *semconv.Emitter) {
				e.ServerXStart(ctx, semconv.ServerXStartProperties{})
			},
			wantEvent: "Server X Start",
			want:      map[string]attribute.Value{"quick_install": attribute.BoolValue(false)},
		},
		{
			name: "frontend event",
			emit: func(ctx context.Context, e *semconv.Emitter) {
				e.ViewConversationsFiltersApplyDate(ctx)
			},
			wantEvent: "view:conversations:filters:apply:date",
			want:      map[string]attribute.Value{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			emitter, exp := newTestEmitter(t)
			tt.emit(context.Background(), emitter)
			records := exp.take()
			require.NotEmpty(t, records)
			last := records[len(records)-1]
			assert.Equal(t, tt.wantEvent, last.EventName())
			assert.Equal(t, tt.want, attributes(&last))
		})
	}
}

func TestEmitterNumbers(t *testing.T) {
	emitter, exp := newTestEmitter(t)
	ctx := context.Background()
	emitter.ConversationTagged(ctx, semconv.ConversationTaggedProperties{Count: 3})
	emitter.ModelTrainingFailed(ctx, semconv.ModelTrainingFailedProperties{RasaOpenSource: "3.6.0", TotalTrainingTime: 12.5})

	records := exp.take()
	require.Len(t, records, 2)
	assert.Equal(t, map[string]attribute.Value{"count": attribute.Int64Value(3)}, attributes(&records[0]))
	assert.Equal(t, map[string]attribute.Value{
		"rasa_open_source":    attribute.StringValue("3.6.0"),
		"total_training_time": attribute.Float64Value(12.5),
	}, attributes(&records[1]))
}

func TestEmitterStatusTypes(t *testing.T) {
	emitter, exp := newTestEmitter(t)
	emitter.Status(context.Background(), semconv.StatusProperties{
		Project:          "default",
		RasaX:            "1.4.0",
		NumIntents:       7,
		NumEvents:        1 << 40,
		UptimeSeconds:    3600.5,
		EnvironmentNames: []string{"production", "staging"},
	})

	records := exp.take()
	require.Len(t, records, 1)
	attrs := attributes(&records[0])
	plan := semconv.Builtin().Lookup(semconv.EventStatus)
	require.NotNil(t, plan)

	// rasa_open_source is the only empty string here, so it alone is left out.
	assert.Len(t, attrs, len(plan.Properties)-1)
	assert.NotContains(t, attrs, semconv.AttrRasaOpenSource)
	for key, value := range attrs {
		prop := plan.Property(key)
		require.NotNil(t, prop, "attribute %s is not planned for Status", key)
		assert.Equal(t, attributeTypes[prop.Type], value.Type(), "type of %s", key)
	}
	assert.Equal(t, int64(1<<40), attrs["num_events"].AsInt64())
	assert.Equal(t, int64(0), attrs["num_slots"].AsInt64())
	assert.False(t, attrs["local_mode"].AsBool())
	assert.InDelta(t, 3600.5, attrs["uptime_seconds"].AsFloat64(), 0)
	assert.Equal(t, []string{"production", "staging"}, attrs["environment_names"].AsStringSlice())
}

// TestEmitterCoversThePlan calls every generated method, with every property set to a
// non-zero value, and checks that together they emit each event of the built-in plan
// exactly once, with exactly its planned properties in their planned types.
func TestEmitterCoversThePlan(t *testing.T) {
	emitter, exp := newTestEmitter(t)
	ctx := reflect.ValueOf(context.Background())
	value := reflect.ValueOf(emitter)
	for i := 0; i < value.NumMethod(); i++ {
		method := value.Method(i)
		args := []reflect.Value{ctx}
		if method.Type().NumIn() == 2 {
			args = append(args, filledProperties(t, method.Type().In(1)))
		}
		method.Call(args)
	}

	plan := semconv.Builtin()
	var emitted []string
	for _, r := range exp.take() {
		emitted = append(emitted, r.EventName())
		event := plan.Lookup(r.EventName())
		require.NotNil(t, event, "emitted an unplanned event %q", r.EventName())
		attrs := attributes(&r)
		assert.Len(t, attrs, len(event.Properties), "properties of %s", event.Name)
		for _, prop := range event.Properties {
			if assert.Contains(t, attrs, prop.Key, "%s lacks %s", event.Name, prop.Key) {
				assert.Equal(t, attributeTypes[prop.Type], attrs[prop.Key].Type(), "%s: type of %s", event.Name, prop.Key)
			}
		}
	}
	var planned []string
	for _, e := range plan.Events() {
		planned = append(planned, e.Name)
	}
	assert.ElementsMatch(t, planned, emitted)
}

// attributeTypes maps plan types to the attribute types the emitter must use.
var attributeTypes = map[semconv.Type]attribute.Type{
	semconv.TypeString:      attribute.STRING,
	semconv.TypeInt:         attribute.INT64,
	semconv.TypeDouble:      attribute.FLOAT64,
	semconv.TypeBoolean:     attribute.BOOL,
	semconv.TypeStringArray: attribute.STRINGSLICE,
}

// filledProperties returns a properties struct of type typ with every field non-zero.
func filledProperties(t *testing.T, typ reflect.Type) reflect.Value {
	props := reflect.New(typ).Elem()
	for i := range props.NumField() {
		field := props.Field(i)
		switch field.Kind() {
		case reflect.String:
			field.SetString("x")
		case reflect.Int64:
			field.SetInt(1)
		case reflect.Float64:
			field.SetFloat(1.5)
		case reflect.Bool:
			field.SetBool(true)
		case reflect.Slice:
			field.Set(reflect.ValueOf([]string{"x"}))
		default:
			t.Fatalf("%s.%s has an unexpected kind %s", typ, typ.Field(i).Name, field.Kind())
		}
	}
	return props
}

// refusingProcessor accepts no records, as a sampling or filtering processor might.
type refusingProcessor struct {
	sdklog.Processor
	emitted int
}

func (*refusingProcessor) Enabled(context.Context, sdklog.EnabledParameters) bool { return false }

func (p *refusingProcessor) OnEmit(context.Context, *sdklog.Record) error {
	p.emitted++
	return nil
}

func TestEmitterSkipsDisabledLogger(t *testing.T) {
	refusing := &refusingProcessor{Processor: sdklog.NewSimpleProcessor(&recordingExporter{})}
	emitter, _ := newTestEmitter(t, refusing)
	emitter.Status(context.Background(), semconv.StatusProperties{NumTags: 1})
	emitter.ModelTrained(context.Background())
	assert.Zero(t, refusing.emitted, "no record is built when the logger is disabled")
}

func TestEmitterWithoutLogger(t *testing.T) {
	emitter := semconv.NewEmitter(nil)
	assert.NotPanics(t, func() {
		emitter.ModelTrained(context.Background())
		emitter.Status(context.Background(), semconv.StatusProperties{NumTags: 1})
	})
}
