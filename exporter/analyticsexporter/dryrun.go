package analyticsexporter // import "github.com/producttelemetry/collector/exporter/analyticsexporter"

import (
	"context"
	"fmt"
	"io"
	"os"
	"sync"
)

// dryRunSender writes each request body as one line instead of sending it.
type dryRunSender struct {
	mu   sync.Mutex
	out  io.Writer
	file *os.File
	// line is the body and its newline, written in one call so that the lines of two exporters
	// sharing a file or stdout never interleave.
	line []byte
	// name says where the bodies go, for the start-up log.
	name string
}

// newDryRunSender appends to the file at path, or writes to standard output when path is empty.
func newDryRunSender(path string) (*dryRunSender, error) {
	if path == "" {
		return &dryRunSender{out: os.Stdout, name: "stdout"}, nil
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("failed to open dry_run_path: %w", err)
	}
	return &dryRunSender{out: f, file: f, name: path}, nil
}

func (d *dryRunSender) send(_ context.Context, body []byte) (string, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.line = append(append(d.line[:0], body...), '\n')
	if _, err := d.out.Write(d.line); err != nil {
		return classDryRun, fmt.Errorf("failed to write the dry-run batch: %w", err)
	}
	return classDryRun, nil
}

func (d *dryRunSender) shutdown() error {
	if d.file == nil {
		return nil
	}
	return d.file.Close()
}
