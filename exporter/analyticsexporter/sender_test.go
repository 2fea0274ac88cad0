package analyticsexporter

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/config/configoptional"
	"go.opentelemetry.io/collector/consumer/consumererror"
	"go.opentelemetry.io/collector/exporter/exporterhelper"
	"go.opentelemetry.io/otel/attribute"
)

func TestRetryAfter(t *testing.T) {
	now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		name   string
		header http.Header
		want   time.Duration
		wantOK bool
	}{
		{name: "seconds", header: http.Header{"Retry-After": {"7"}}, want: 7 * time.Second, wantOK: true},
		{name: "http date", header: http.Header{"Retry-After": {now.Add(90 * time.Second).Format(http.TimeFormat)}},
			want: 90 * time.Second, wantOK: true},
		{name: "date in the past", header: http.Header{"Retry-After": {now.Add(-time.Hour).Format(http.TimeFormat)}},
			want: 0, wantOK: true},
		{name: "capped", header: http.Header{"Retry-After": {"86400"}}, want: maxRetryAfter, wantOK: true},
		{name: "too large for a duration", header: http.Header{"Retry-After": {"10000000000"}},
			want: maxRetryAfter, wantOK: true},
		{name: "too large for an integer", header: http.Header{"Retry-After": {"99999999999999999999999"}},
			want: maxRetryAfter, wantOK: true},
		{name: "negative", header: http.Header{"Retry-After": {"-5"}}},
		{name: "signed", header: http.Header{"Retry-After": {"+5"}}},
		{name: "rate limit reset", header: http.Header{"X-Ratelimit-Reset": {"3"}}, want: 3 * time.Second, wantOK: true},
		{name: "rate limit reset as a Unix time", header: http.Header{"X-Ratelimit-Reset": {fmt.Sprint(now.Unix() + 4)}},
			want: 4 * time.Second, wantOK: true},
		{name: "rate limit reset in the past", header: http.Header{"X-Ratelimit-Reset": {fmt.Sprint(now.Unix() - 4)}},
			want: 0, wantOK: true},
		{name: "garbage", header: http.Header{"Retry-After": {"soon"}}},
		{name: "none", header: http.Header{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := retryAfter(tt.header, now)
			assert.Equal(t, tt.wantOK, ok)
			assert.Equal(t, tt.want, got)
		})
	}
}

func TestClassifyResponse(t *testing.T) {
	tests := []struct {
		code          int
		header        http.Header
		wantPermanent bool
		wantThrottle  bool
	}{
		{code: 200}, {code: 204},
		{code: 400, wantPermanent: true}, {code: 401, wantPermanent: true}, {code: 404, wantPermanent: true},
		{code: 413, wantPermanent: true}, {code: 301, wantPermanent: true},
		{code: 408}, {code: 429}, {code: 500}, {code: 502},
		{code: 429, header: http.Header{"Retry-After": {"2"}}, wantThrottle: true},
		{code: 503, header: http.Header{"Retry-After": {"2"}}, wantThrottle: true},
	}
	for _, tt := range tests {
		t.Run(http.StatusText(tt.code), func(t *testing.T) {
			header := tt.header
			if header == nil {
				header = http.Header{}
			}
			err := classifyResponse(&http.Response{StatusCode: tt.code, Header: header}, "body")
			if tt.code < 300 {
				assert.NoError(t, err)
				return
			}
			require.Error(t, err)
			assert.Equal(t, tt.wantPermanent, consumererror.IsPermanent(err))
			assert.Contains(t, err.Error(), "body")
			// exporterhelper's throttle error is unexported; its message names the delay.
			assert.Equal(t, tt.wantThrottle, strings.HasPrefix(err.Error(), "Throttle (2s)"))
		})
	}
}

func TestRejectedBatchDoesNotStopTheOthers(t *testing.T) {
	server := newSegmentServer(t, func(n int, w http.ResponseWriter) bool {
		if n == 1 {
			w.WriteHeader(http.StatusBadRequest)
			return true
		}
		return false
	})
	exp := startExporter(t, withBatchEvents(newTestConfig(server.server.URL), 2))

	err := exp.ConsumeLogs(context.Background(), newTestLogs("anon", manyEvents(5)...))

	require.Error(t, err)
	assert.True(t, consumererror.IsPermanent(err))
	assert.Len(t, server.received(), 3, "no retry, every batch tried once")
	assert.Equal(t, int64(3), exp.counter(t, "otelcol_exporter_analytics_events_sent"))
	assert.Equal(t, int64(2), exp.counter(t, "otelcol_exporter_analytics_events_dropped",
		attribute.String("reason", "rejected")))
}

func TestShutdownWhileEndpointFails(t *testing.T) {
	server := newSegmentServer(t, func(_ int, w http.ResponseWriter) bool {
		w.WriteHeader(http.StatusServiceUnavailable)
		return true
	})
	cfg := newTestConfig(server.server.URL)
	cfg.QueueConfig = configoptional.Some(exporterhelper.NewDefaultQueueConfig())
	cfg.RetryConfig.MaxElapsedTime = time.Minute
	exp := startExporter(t, cfg)

	require.NoError(t, exp.ConsumeLogs(context.Background(), catalogLogs()), "queued")
	require.Eventually(t, func() bool { return len(server.received()) >= 2 }, 5*time.Second, 5*time.Millisecond)

	start := time.Now()
	exp.shutdown(t)
	assert.Less(t, time.Since(start), 5*time.Second, "shutdown interrupts the retry backoff")
	assert.Positive(t, exp.counter(t, "otelcol_exporter_analytics_retries"))
}

func TestSlowEndpointTimesOutAndIsRetried(t *testing.T) {
	release := make(chan struct{})
	server := newCutSegmentServer(t, func(n int, _ http.ResponseWriter) bool {
		if n == 0 {
			<-release
		}
		return false
	})
	t.Cleanup(func() { close(release) })
	cfg := newTestConfig(server.server.URL)
	cfg.Timeout = 200 * time.Millisecond
	exp := startExporter(t, cfg)

	start := time.Now()
	require.NoError(t, exp.ConsumeLogs(context.Background(), catalogLogs()))

	assert.Less(t, time.Since(start), 5*cfg.Timeout, "the stalled request is abandoned at the timeout")
	requests := server.received()
	require.Len(t, requests, 2)
	assert.Equal(t, messageIDs(t, requests[0].body), messageIDs(t, requests[1].body))
	assert.Equal(t, int64(1), exp.counter(t, "otelcol_exporter_analytics_requests",
		attribute.String("status_class", classNetwork)))
	assert.Equal(t, int64(3), exp.counter(t, "otelcol_exporter_analytics_events_sent"))
}

func TestShutdownWithEndpointThatNeverAnswers(t *testing.T) {
	release := make(chan struct{})
	server := newCutSegmentServer(t, func(int, http.ResponseWriter) bool {
		<-release
		return false
	})
	t.Cleanup(func() { close(release) })
	cfg := newTestConfig(server.server.URL)
	cfg.Timeout = 300 * time.Millisecond
	queue := exporterhelper.NewDefaultQueueConfig()
	queue.NumConsumers = 1
	cfg.QueueConfig = configoptional.Some(queue)
	cfg.RetryConfig.MaxElapsedTime = time.Minute
	exp := startExporter(t, cfg)

	const queued = 10
	for range queued {
		require.NoError(t, exp.ConsumeLogs(context.Background(), catalogLogs()))
	}
	require.Eventually(t, func() bool { return len(server.received()) == 1 }, 5*time.Second, time.Millisecond)

	start := time.Now()
	exp.shutdown(t)
	elapsed := time.Since(start)
	assert.Less(t, elapsed, 2*cfg.Timeout, "one request timeout for everything left, not one per queued request")
	assert.LessOrEqual(t, len(server.received()), 3, "what is left after the deadline is not attempted")
}

func TestRedirects(t *testing.T) {
	tests := []struct {
		name          string
		code          int
		wantRequests  int
		wantPermanent bool
	}{
		{name: "307 repeats the POST", code: http.StatusTemporaryRedirect, wantRequests: 2},
		{name: "308 repeats the POST", code: http.StatusPermanentRedirect, wantRequests: 2},
		{name: "302 would become a GET", code: http.StatusFound, wantRequests: 1, wantPermanent: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			server := newSegmentServer(t, func(n int, w http.ResponseWriter) bool {
				if n > 0 {
					return false
				}
				w.Header().Set("Location", "/v1/batch")
				w.WriteHeader(tt.code)
				return true
			})
			exp := startExporter(t, newTestConfig(server.server.URL))

			err := exp.ConsumeLogs(context.Background(), catalogLogs())

			requests := server.received()
			require.Len(t, requests, tt.wantRequests)
			assert.Equal(t, tt.wantPermanent, consumererror.IsPermanent(err))
			if !tt.wantPermanent {
				require.NoError(t, err)
				assert.Equal(t, requests[0].body, requests[1].body, "the redirect carries the same body")
			}
		})
	}
}

func TestResponseExcerptHidesTheWriteKey(t *testing.T) {
	// cut puts the write key across the end of the excerpt.
	cut := strings.Repeat("x", excerptBytes-5) + testWriteKey + " and more"
	tests := []struct {
		name string
		body string
		want string
	}{
		{name: "key echoed", body: "invalid write key " + testWriteKey, want: "invalid write key [REDACTED]"},
		{name: "credentials echoed", body: "Authorization: Basic " + testCredentials, want: "Authorization: Basic [REDACTED]"},
		{name: "key cut by the excerpt", body: cut, want: strings.Repeat("x", excerptBytes-5) + "[REDA"},
		{name: "key cut by the read", body: strings.Repeat("y", excerptBytes+20) + testWriteKey,
			want: strings.Repeat("y", excerptBytes)},
		{name: "long body is cut", body: strings.Repeat("é", excerptBytes), want: strings.Repeat("é", excerptBytes/2)},
		{name: "control characters", body: "a\r\nb\x00c", want: "a  b c"},
	}
	sender := newHTTPSender(&http.Client{}, "http://127.0.0.1:1", testWriteKey, "1.0.0")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := sender.readExcerpt(strings.NewReader(tt.body))
			assert.Equal(t, tt.want, got)
			assert.LessOrEqual(t, len(got), excerptBytes)
			for n := 4; n <= len(testWriteKey); n++ {
				assert.NotContains(t, got, testWriteKey[:n], "no part of the key")
			}
			assert.NotContains(t, got, testCredentials[:8])
		})
	}
}
