package analyticsexporter // import "github.com/producttelemetry/collector/exporter/analyticsexporter"

import (
	"sync/atomic"
	"time"
)

// intervalGate lets one caller through per interval; it keeps repeated warnings out of the logs.
type intervalGate struct {
	interval time.Duration
	// next is the Unix time in nanoseconds from which the gate opens again.
	next atomic.Int64
}

// allow reports whether the caller may go ahead at now, and if so closes the gate for an interval.
func (g *intervalGate) allow(now time.Time) bool {
	next := g.next.Load()
	if now.UnixNano() < next {
		return false
	}
	return g.next.CompareAndSwap(next, now.Add(g.interval).UnixNano())
}
