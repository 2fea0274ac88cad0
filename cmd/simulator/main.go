// Command simulator behaves like an instrumented Rasa Enterprise installation: it sends the
// catalog's events over OTLP/HTTP with the OpenTelemetry Go SDK, from a backend and a frontend
// service, including values the pipeline must anonymize and events and properties it must
// drop. It doubles as a load generator.
//
//	simulator -endpoint http://localhost:4318 -count 200 -rate 50
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"

	"github.com/producttelemetry/collector/cmd/simulator/simulate"
)

func main() {
	if err := run(os.Args[1:], os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "simulator:", err)
		os.Exit(1)
	}
}

// run runs the simulator as the command line asks; usage goes to usage.
func run(args []string, usage io.Writer) error {
	cfg, manifestPath, err := parseFlags(args, usage)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}

	if manifestPath != "" {
		f, err := os.Create(manifestPath)
		if err != nil {
			return err
		}
		defer f.Close()
		cfg.Manifest = f
	}

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	// The first signal stops the stream and flushes what was emitted; a second one kills.
	go func() {
		<-ctx.Done()
		stop()
	}()
	sum, err := simulate.Run(ctx, cfg)
	fmt.Printf("emitted %d events: %d accepted by the collector, %d rejected, %d dropped by the SDK (queue full)\n",
		sum.Emitted, sum.Accepted, sum.Rejected, sum.Dropped)
	if err != nil && sum.Accepted == 0 {
		return fmt.Errorf("%w\nis a collector listening on %s? Start one with `make run`", err, cfg.Endpoint)
	}
	return err
}

// parseFlags returns the configuration the command line asks for and the manifest path, and
// writes flag errors and the usage of -h to usage. A configuration that cannot run is reported
// here, before anything is sent, so that it is not mistaken for a connection problem.
func parseFlags(args []string, usage io.Writer) (simulate.Config, string, error) {
	var cfg simulate.Config
	var manifestPath string
	fs := flag.NewFlagSet("simulator", flag.ContinueOnError)
	fs.SetOutput(usage)
	fs.StringVar(&cfg.Endpoint, "endpoint", "http://localhost:4318",
		"collector OTLP/HTTP endpoint: a URL, or host:port (TLS unless -insecure)")
	fs.BoolVar(&cfg.Insecure, "insecure", false, "use plain HTTP for a host:port endpoint")
	fs.IntVar(&cfg.Count, "count", 0, "number of events to send (0: no limit; default 100 without -duration)")
	fs.DurationVar(&cfg.Duration, "duration", 0, "how long to send events (0: no limit)")
	fs.Float64Var(&cfg.Rate, "rate", 20, "events per second (0: as fast as possible)")
	fs.Uint64Var(&cfg.Seed, "seed", 1, "random seed of the event stream")
	fs.StringVar(&cfg.InstallationID, "installation-id", "", "raw installation id (default: derived from -seed)")
	fs.IntVar(&cfg.HeartbeatEvery, "heartbeat-every", 50, "send a Status heartbeat every this many events")
	fs.Float64Var(&cfg.UnplannedEventRatio, "unplanned-events", 0.05,
		"share of random events that are not in the plan (0 to 1); unless 0, each is also sent once at the start")
	fs.Float64Var(&cfg.UnplannedPropertyRatio, "unplanned-properties", 0.1,
		"share of planned events carrying a property that is not in the plan (0 to 1)")
	fs.IntVar(&cfg.QueueSize, "queue-size", 2048,
		"SDK queue length; events emitted faster than exported are dropped beyond it")
	fs.StringVar(&manifestPath, "manifest", "", "write one JSON line per exported record to this file")
	if err := fs.Parse(args); err != nil {
		return cfg, "", err
	}
	if cfg.Count == 0 && cfg.Duration == 0 {
		cfg.Count = 100
	}
	// Config reads a zero share as its default; here the flags hold the defaults, so 0 asks for none.
	for _, share := range []*float64{&cfg.UnplannedEventRatio, &cfg.UnplannedPropertyRatio} {
		if *share == 0 {
			*share = -1
		}
	}
	return cfg, manifestPath, cfg.Validate()
}
