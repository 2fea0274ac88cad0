package analyticsexporter

import (
	"compress/gzip"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const testWriteKey = "wk_SECRET_5e1f0c"

// testCredentials are the Basic credentials of testWriteKey: the key, a colon and no password.
var testCredentials = base64.StdEncoding.EncodeToString([]byte(testWriteKey + ":"))

// segmentRequest is one request the fake endpoint received, decompressed.
type segmentRequest struct {
	header http.Header
	body   []byte
}

// responder answers the n-th request (from 0); it returns false to let the server answer 200.
type responder func(n int, w http.ResponseWriter) bool

// segmentServer is a loopback endpoint that checks every request the way Segment does:
// path, method, Basic auth with the write key and an empty password, content type, the
// size and count limits and the shape of every item. Violations fail the test.
type segmentServer struct {
	t       *testing.T
	server  *httptest.Server
	respond responder
	// cutBodiesExpected tolerates requests whose body the client abandons mid-way, as a
	// shutdown deadline does; such requests are not recorded.
	cutBodiesExpected bool

	mu       sync.Mutex
	requests []segmentRequest
}

func newSegmentServer(t *testing.T, respond responder) *segmentServer {
	return startSegmentServer(t, &segmentServer{t: t, respond: respond})
}

// newCutSegmentServer is newSegmentServer for tests in which the client may abandon a request
// while sending its body.
func newCutSegmentServer(t *testing.T, respond responder) *segmentServer {
	return startSegmentServer(t, &segmentServer{t: t, respond: respond, cutBodiesExpected: true})
}

func startSegmentServer(t *testing.T, s *segmentServer) *segmentServer {
	s.server = httptest.NewServer(http.HandlerFunc(s.handle))
	t.Cleanup(s.server.Close)
	return s
}

func (s *segmentServer) received() []segmentRequest {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]segmentRequest(nil), s.requests...)
}

func (s *segmentServer) handle(w http.ResponseWriter, r *http.Request) {
	body, err := readBody(r)
	if err != nil && s.cutBodiesExpected {
		return
	}
	if !assert.NoError(s.t, err) {
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	s.mu.Lock()
	n := len(s.requests)
	s.requests = append(s.requests, segmentRequest{header: r.Header.Clone(), body: body})
	s.mu.Unlock()

	s.check(r, body)
	if s.respond != nil && s.respond(n, w) {
		return
	}
	_, _ = io.WriteString(w, `{"success":true}`)
}

func readBody(r *http.Request) ([]byte, error) {
	reader := r.Body
	if r.Header.Get("Content-Encoding") == "gzip" {
		gz, err := gzip.NewReader(r.Body)
		if err != nil {
			return nil, err
		}
		defer gz.Close()
		reader = gz
	}
	return io.ReadAll(reader)
}

func (s *segmentServer) check(r *http.Request, body []byte) {
	t := s.t
	assert.Equal(t, http.MethodPost, r.Method)
	assert.Equal(t, "/v1/batch", r.URL.Path)
	assert.Equal(t, "application/json", r.Header.Get("Content-Type"))
	assert.Equal(t, "Basic "+testCredentials, r.Header.Get("Authorization"))
	assert.LessOrEqual(t, len(body), segmentMaxBatchBytes, "batch within 500 KB")

	var batch struct {
		Batch  []json.RawMessage `json:"batch"`
		SentAt string            `json:"sentAt"`
	}
	if !assert.NoError(t, json.Unmarshal(body, &batch), "body is JSON") {
		return
	}
	assert.NotEmpty(t, batch.Batch)
	assert.LessOrEqual(t, len(batch.Batch), segmentMaxBatchEvents)
	assert.Regexp(t, `^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$`, batch.SentAt)
	for _, raw := range batch.Batch {
		assert.LessOrEqual(t, len(raw), segmentMaxEventBytes, "event within 32 KB")
		checkItem(t, raw)
	}
}

func checkItem(t *testing.T, raw json.RawMessage) {
	var item struct {
		Type        string         `json:"type"`
		Event       string         `json:"event"`
		AnonymousID string         `json:"anonymousId"`
		MessageID   string         `json:"messageId"`
		Context     map[string]any `json:"context"`
	}
	require.NoError(t, json.Unmarshal(raw, &item))
	assert.Equal(t, "track", item.Type)
	assert.NotEmpty(t, item.Event)
	assert.NotEmpty(t, item.AnonymousID)
	assert.NotEmpty(t, item.MessageID)
	assert.LessOrEqual(t, len(item.MessageID), 64)
	assert.Contains(t, item.Context, "library")
}

// messageIDs returns the messageIds of a request body, in order.
func messageIDs(t *testing.T, body []byte) []string {
	t.Helper()
	var batch struct {
		Batch []struct {
			MessageID string `json:"messageId"`
		} `json:"batch"`
	}
	require.NoError(t, json.Unmarshal(body, &batch))
	ids := make([]string, 0, len(batch.Batch))
	for _, item := range batch.Batch {
		ids = append(ids, item.MessageID)
	}
	return ids
}

// replyWith answers the first len(codes) requests with the given statuses and headers.
func replyWith(header http.Header, body string, codes ...int) responder {
	return func(n int, w http.ResponseWriter) bool {
		if n >= len(codes) {
			return false
		}
		for k, v := range header {
			w.Header()[k] = v
		}
		w.WriteHeader(codes[n])
		_, _ = fmt.Fprint(w, body)
		return true
	}
}

// dropFirstConnection closes the connection of the first request without an answer.
func dropFirstConnection(n int, w http.ResponseWriter) bool {
	if n > 0 {
		return false
	}
	conn, _, err := http.NewResponseController(w).Hijack()
	if err == nil {
		_ = conn.Close()
	}
	return true
}
