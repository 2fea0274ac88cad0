package e2e

import (
	"bytes"
	"compress/gzip"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
)

// testWriteKey is the write key the collector under test is configured with.
const testWriteKey = "e2e-write-key"

// segmentBatch is the part of a Segment /v1/batch body the tests inspect.
type segmentBatch struct {
	Batch  []segmentEvent `json:"batch"`
	SentAt string         `json:"sentAt"`
}

// segmentEvent is one item of a batch.
type segmentEvent struct {
	Type        string         `json:"type"`
	Event       string         `json:"event"`
	MessageID   string         `json:"messageId"`
	AnonymousID string         `json:"anonymousId"`
	Timestamp   string         `json:"timestamp"`
	Properties  map[string]any `json:"properties"`
	Context     map[string]any `json:"context"`
}

// captureServer is a Segment-compatible analytics endpoint that records every request. Until
// the failure window ends it answers each request with 503, after a delay, like an endpoint
// that is down or overloaded.
type captureServer struct {
	t   *testing.T
	srv *httptest.Server

	mu        sync.Mutex
	requests  int
	raw       [][]byte
	accepted  []segmentBatch
	failUntil time.Time
	delay     time.Duration
	problems  []string
}

func newCaptureServer(t *testing.T) *captureServer {
	t.Helper()
	c := &captureServer{t: t}
	c.srv = httptest.NewServer(http.HandlerFunc(c.handle))
	t.Cleanup(func() {
		c.srv.Close()
		assert.Empty(t, c.requestProblems(), "requests that Segment would refuse")
	})
	return c
}

// URL is the base URL to configure as the exporter's endpoint.
func (c *captureServer) URL() string { return c.srv.URL }

// failFor makes the server answer 503 after delay until d has passed.
func (c *captureServer) failFor(d, delay time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.failUntil = time.Now().Add(d)
	c.delay = delay
}

// heal makes the server accept every request from now on.
func (c *captureServer) heal() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.failUntil = time.Time{}
	c.delay = 0
}

func (c *captureServer) handle(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	c.mu.Lock()
	c.requests++
	c.raw = append(c.raw, body)
	failing, delay := time.Now().Before(c.failUntil), c.delay
	c.mu.Unlock()

	if problem := checkRequest(r, err); problem != "" {
		c.noteProblem(problem)
		http.Error(w, problem, http.StatusBadRequest)
		return
	}
	if failing {
		time.Sleep(delay)
		http.Error(w, "endpoint unavailable", http.StatusServiceUnavailable)
		return
	}

	var batch segmentBatch
	if err := json.Unmarshal(body, &batch); err != nil {
		c.noteProblem("body is not a Segment batch: " + err.Error())
		http.Error(w, "invalid json", http.StatusBadRequest)
		return
	}
	c.mu.Lock()
	c.accepted = append(c.accepted, batch)
	c.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	_, _ = io.WriteString(w, `{"success":true}`)
}

// checkRequest returns what is wrong with a request for Segment's /v1/batch, or "".
func checkRequest(r *http.Request, bodyErr error) string {
	switch {
	case bodyErr != nil:
		return "unreadable body: " + bodyErr.Error()
	case r.Method != http.MethodPost:
		return "method " + r.Method + ", want POST"
	case r.URL.Path != "/v1/batch":
		return "path " + r.URL.Path + ", want /v1/batch"
	case r.Header.Get("Content-Type") != "application/json":
		return "content type " + r.Header.Get("Content-Type") + ", want application/json"
	}
	user, pass, ok := r.BasicAuth()
	if !ok || user != testWriteKey || pass != "" {
		return "missing or wrong Basic authorization"
	}
	return ""
}

func readBody(r *http.Request) ([]byte, error) {
	body, err := io.ReadAll(r.Body)
	if err != nil || r.Header.Get("Content-Encoding") != "gzip" {
		return body, err
	}
	zr, err := gzip.NewReader(bytes.NewReader(body))
	if err != nil {
		return nil, err
	}
	return io.ReadAll(zr)
}

func (c *captureServer) noteProblem(p string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.problems = append(c.problems, p)
}

// requestCount returns how many requests arrived, accepted or not.
func (c *captureServer) requestCount() int {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.requests
}

// events returns every event of every accepted batch, in arrival order.
func (c *captureServer) events() []segmentEvent {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []segmentEvent
	for _, b := range c.accepted {
		out = append(out, b.Batch...)
	}
	return out
}

// rawBytes returns every request body received, accepted or not, concatenated.
func (c *captureServer) rawBytes() []byte {
	c.mu.Lock()
	defer c.mu.Unlock()
	return bytes.Join(c.raw, []byte{'\n'})
}

// requestProblems returns the protocol problems seen so far.
func (c *captureServer) requestProblems() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.problems...)
}

// waitForEvents polls until at least n distinct messageIds arrived or the timeout passes.
func (c *captureServer) waitForEvents(n int, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if len(distinctIDs(c.events())) >= n {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return len(distinctIDs(c.events())) >= n
}

func distinctIDs(events []segmentEvent) map[string]int {
	ids := make(map[string]int, len(events))
	for _, e := range events {
		ids[e.MessageID]++
	}
	return ids
}
