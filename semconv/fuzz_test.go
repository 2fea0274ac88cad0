package semconv_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/producttelemetry/collector/semconv"
)

// FuzzParse checks that Parse never panics, that every error starts with the file name,
// and that an accepted plan is consistent: each event can be looked up by its name and
// has a known source and property types. The built-in registry is a large seed, so run it
// with a short minimization time:
//
//	go test ./semconv -run '^$' -fuzz FuzzParse -fuzztime 1m -fuzzminimizetime 1s
func FuzzParse(f *testing.F) {
	for _, pattern := range []string{"registry/*.yaml", "testdata/*.yaml", "testdata/registry-dir/*.y*ml"} {
		paths, err := filepath.Glob(pattern)
		if err != nil {
			f.Fatal(err)
		}
		for _, path := range paths {
			data, err := os.ReadFile(path)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(data)
		}
	}
	f.Add([]byte(attrs(`{id: kind, type: {members: [{id: a, value: 1}, {id: b, value: 2.5}]}}`) + event("E", "kind")))
	f.Add([]byte("groups:\n  - {id: e, type: event, name: E, annotations: {producttelemetry: {source: backend}}}\n---\n"))
	f.Add([]byte("groups: [&a {id: x}, *a]\n"))

	f.Fuzz(func(t *testing.T, data []byte) {
		plan, err := semconv.Parse("fuzz.yaml", data)
		if err != nil {
			if plan != nil {
				t.Fatal("Parse returned a plan and an error")
			}
			for _, line := range strings.Split(err.Error(), "\n") {
				if !strings.HasPrefix(line, "semconv: fuzz.yaml") && !strings.HasSuffix(line, "more problems not shown") {
					t.Fatalf("error line does not name the file: %q", line)
				}
			}
			return
		}
		if len(plan.Events()) == 0 {
			t.Fatal("Parse accepted a plan without events")
		}
		for i := range plan.Events() {
			checkFuzzedEvent(t, plan, &plan.Events()[i])
		}
	})
}

func checkFuzzedEvent(t *testing.T, plan *semconv.Plan, event *semconv.Event) {
	if plan.Lookup(event.Name) != event {
		t.Fatalf("Lookup(%q) does not return the event", event.Name)
	}
	if event.Source != semconv.SourceBackend && event.Source != semconv.SourceFrontend {
		t.Fatalf("event %q has source %q", event.Name, event.Source)
	}
	for _, prop := range event.Properties {
		if prop.Type < semconv.TypeString || prop.Type > semconv.TypeStringArray {
			t.Fatalf("event %q: property %q has type %v", event.Name, prop.Key, prop.Type)
		}
		if event.Property(prop.Key) == nil {
			t.Fatalf("event %q: Property(%q) is nil", event.Name, prop.Key)
		}
	}
}
