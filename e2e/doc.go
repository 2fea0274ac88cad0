// Package e2e holds the end-to-end tests of the otelcol-producttelemetry distribution. They run
// the real collector binary named by the OTELCOL_BINARY environment variable (`make test` builds
// it and sets the variable), feed it with the event simulator and capture what it sends to a
// Segment-compatible analytics endpoint. Without OTELCOL_BINARY the tests are skipped.
package e2e
