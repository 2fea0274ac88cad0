package analyticsexporter // import "github.com/producttelemetry/collector/exporter/analyticsexporter"

import (
	"bytes"
	"context"
	"encoding/base64"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"go.opentelemetry.io/collector/config/configopaque"
	"go.opentelemetry.io/collector/consumer/consumererror"
	"go.opentelemetry.io/collector/exporter/exporterhelper"
)

const (
	batchPath = "/v1/batch"
	// maxRetryAfter caps the wait a server can ask for with Retry-After, as Segment's clients do.
	maxRetryAfter = 5 * time.Minute
	// excerptBytes is how much of an error response body is kept for errors and logs.
	excerptBytes = 200
	// drainBytes is how much of a response body is read so the connection can be reused.
	drainBytes = 64 * 1024
	// redactedMarker stands for the write key in response excerpts.
	redactedMarker = "[REDACTED]"
	// maxRedirects bounds the 307/308 redirects followed for one request.
	maxRedirects = 5
)

// httpSender posts request bodies to {endpoint}/v1/batch.
type httpSender struct {
	client    *http.Client
	url       string
	writeKey  configopaque.String
	userAgent string
	// secrets are the forms in which a response could echo the write key, to redact.
	secrets []string
}

func newHTTPSender(client *http.Client, endpoint string, writeKey configopaque.String, version string) *httpSender {
	client.CheckRedirect = followBodyPreservingRedirects
	return &httpSender{
		client:    client,
		url:       strings.TrimSuffix(endpoint, "/") + batchPath,
		writeKey:  writeKey,
		userAgent: libraryName + "/" + version,
		secrets:   writeKeyForms(writeKey),
	}
}

func (s *httpSender) send(ctx context.Context, body []byte) (string, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, s.url, bytes.NewReader(body))
	if err != nil {
		return classNetwork, consumererror.NewPermanent(fmt.Errorf("failed to build the batch request: %w", err))
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", s.userAgent)
	req.SetBasicAuth(string(s.writeKey), "")

	resp, err := s.client.Do(req)
	if err != nil {
		return classNetwork, fmt.Errorf("failed to send the batch: %w", err)
	}
	defer resp.Body.Close()
	excerpt := s.readExcerpt(resp.Body)
	return statusClass(resp.StatusCode), classifyResponse(resp, excerpt)
}

// followBodyPreservingRedirects follows 307 and 308, which repeat the POST with its body, and
// stops at any other redirect: following it would turn the POST into a GET, losing the batch
// while reporting success. The stopped redirect then counts as a permanent failure.
func followBodyPreservingRedirects(req *http.Request, via []*http.Request) error {
	if len(via) >= maxRedirects {
		return fmt.Errorf("stopped after %d redirects", maxRedirects)
	}
	if code := req.Response.StatusCode; code != http.StatusTemporaryRedirect && code != http.StatusPermanentRedirect {
		return http.ErrUseLastResponse
	}
	return nil
}

func (s *httpSender) shutdown() error {
	s.client.CloseIdleConnections()
	return nil
}

// readExcerpt reads the start of a response body as printable text with the write key
// redacted, and drains a bounded remainder so that the connection can be reused.
func (s *httpSender) readExcerpt(body io.Reader) string {
	// Read a little more than the excerpt, so that a key crossing its end is seen whole.
	limit := excerptBytes + s.longestSecret()
	head, _ := io.ReadAll(io.LimitReader(body, int64(limit)))
	_, _ = io.Copy(io.Discard, io.LimitReader(body, drainBytes))
	text := s.redact(string(head), len(head) == limit)
	text = truncateUTF8(strings.ToValidUTF8(text, "\uFFFD"), excerptBytes)
	text = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, text)
	return strings.TrimSpace(text)
}

// writeKeyForms are the forms in which a response could echo the write key: as it is, and
// base64-encoded as in the Basic credentials.
func writeKeyForms(writeKey configopaque.String) []string {
	if writeKey == "" {
		return nil
	}
	key := string(writeKey)
	return []string{
		key,
		base64.StdEncoding.EncodeToString([]byte(key + ":")),
		base64.StdEncoding.EncodeToString([]byte(key)),
	}
}

func (s *httpSender) longestSecret() int {
	longest := 0
	for _, secret := range s.secrets {
		longest = max(longest, len(secret))
	}
	return longest
}

// redact replaces every secret in text. When text was cut short, it also removes the start of
// a secret that the cut left at its end.
func (s *httpSender) redact(text string, cut bool) string {
	for _, secret := range s.secrets {
		text = strings.ReplaceAll(text, secret, redactedMarker)
		if !cut {
			continue
		}
		for n := len(secret) - 1; n > 0; n-- {
			if strings.HasSuffix(text, secret[:n]) {
				text = text[:len(text)-n]
				break
			}
		}
	}
	return text
}

// truncateUTF8 shortens s to at most n bytes without splitting a character.
func truncateUTF8(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// statusClass is the requests metric attribute of a status code, e.g. "2xx".
func statusClass(code int) string {
	if code < 100 || code > 599 {
		return "other"
	}
	return strconv.Itoa(code/100) + "xx"
}

// classifyResponse maps a response to nil (2xx), a throttle error (429), a retryable error
// (408, 5xx) or a permanent error (any other status).
func classifyResponse(resp *http.Response, excerpt string) error {
	code := resp.StatusCode
	if code >= 200 && code < 300 {
		return nil
	}
	err := fmt.Errorf("analytics endpoint answered %d %s", code, http.StatusText(code))
	if excerpt != "" {
		err = fmt.Errorf("%w: %s", err, excerpt)
	}
	retryable := code == http.StatusTooManyRequests || code == http.StatusRequestTimeout || code >= 500
	if !retryable {
		return consumererror.NewPermanent(err)
	}
	if delay, ok := retryAfter(resp.Header, time.Now()); ok {
		return exporterhelper.NewThrottleRetry(err, delay)
	}
	return err
}

// retryAfter reads the wait a server asks for from Retry-After (seconds or an HTTP date) or,
// failing that, X-RateLimit-Reset (seconds or a Unix time), capped at maxRetryAfter.
func retryAfter(h http.Header, now time.Time) (time.Duration, bool) {
	if v := h.Get("Retry-After"); v != "" {
		if delay, ok := secondsDelay(v); ok {
			return delay, true
		}
		if at, err := http.ParseTime(v); err == nil {
			return min(max(at.Sub(now), 0), maxRetryAfter), true
		}
	}
	if v := h.Get("X-RateLimit-Reset"); v != "" {
		return rateLimitReset(v, now)
	}
	return 0, false
}

// unixTimeFrom is the smallest X-RateLimit-Reset read as a Unix time (September 2001) rather
// than as seconds to wait.
const unixTimeFrom = 1_000_000_000

// rateLimitReset reads X-RateLimit-Reset, which servers send either as seconds to wait or, more
// often, as the Unix time in seconds at which the limit resets.
func rateLimitReset(v string, now time.Time) (time.Duration, bool) {
	secs, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
	if err != nil || secs < unixTimeFrom {
		return secondsDelay(v)
	}
	return min(max(time.Unix(secs, 0).Sub(now), 0), maxRetryAfter), true
}

// secondsDelay reads a non-negative count of seconds, capped at maxRetryAfter. Counts too large
// for a time.Duration are capped rather than left to overflow into a negative delay.
func secondsDelay(v string) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	secs, err := strconv.ParseUint(v, 10, 64)
	if err != nil && !errors.Is(err, strconv.ErrRange) {
		return 0, false
	}
	if err != nil || secs > uint64(maxRetryAfter/time.Second) {
		return maxRetryAfter, true
	}
	return time.Duration(secs) * time.Second, true
}
