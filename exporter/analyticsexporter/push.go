package analyticsexporter // import "github.com/producttelemetry/collector/exporter/analyticsexporter"

import (
	"context"
	"errors"

	"go.opentelemetry.io/collector/consumer/consumererror"
	"go.opentelemetry.io/collector/pdata/plog"

	"github.com/producttelemetry/collector/internal/eventrecord"
)

// push is the state of one pushLogs call.
type push struct {
	exporter *analyticsExporter
	ld       plog.Logs
	writer   *batchWriter
	// rejected collects the permanent errors of batches the endpoint refused.
	rejected error
}

// run encodes every record in order, sending a batch whenever a limit is reached. It returns
// a retryable error carrying only the records still unsent, or the permanent errors of the
// batches the endpoint rejected.
func (p *push) run(ctx context.Context) error {
	for ri, rl := range p.ld.ResourceLogs().All() {
		res := resourceFieldsOf(rl.Resource(), p.writer.app)
		p.writer.app = res.app
		for si, sl := range rl.ScopeLogs().All() {
			for li, lr := range sl.LogRecords().All() {
				if err := p.offer(ctx, &res, lr, recordRef{ri, si, li}); err != nil {
					return err
				}
			}
		}
	}
	if p.writer.count > 0 {
		if err := p.flush(ctx, p.writer.refs, recordRef{}, false); err != nil {
			return err
		}
	}
	return p.rejected
}

// offer adds one record, sending the current batch first when the record does not fit and
// right after when the batch reaches the event count limit.
func (p *push) offer(ctx context.Context, res *resourceFields, lr plog.LogRecord, ref recordRef) error {
	added := p.writer.add(res, lr, ref)
	if added.full {
		if err := p.flush(ctx, append(p.writer.refs, ref), ref, true); err != nil {
			return err
		}
		added = p.writer.add(res, lr, ref)
	}
	if added.dropped != dropNone {
		p.exporter.recordDrop(ctx, added.dropped, eventrecord.Name(lr), added.size)
		return nil
	}
	if p.writer.isFull() {
		return p.flush(ctx, p.writer.refs, ref, true)
	}
	return nil
}

// flush sends the current batch. On a retryable failure it returns a consumererror.Logs that
// carries only what is still unsent: the failed batch's records (failed) and, when hasAfter,
// every record after the given one. Batches already accepted are never sent again.
func (p *push) flush(ctx context.Context, failed []recordRef, after recordRef, hasAfter bool) error {
	events := p.writer.count
	body := p.writer.finish(p.exporter.now())
	class, err := p.exporter.sender.send(ctx, body)
	p.exporter.recordRequest(ctx, class, events, err)
	if err != nil && !consumererror.IsPermanent(err) {
		return consumererror.NewLogs(err, remainingLogs(p.ld, failed, after, hasAfter))
	}
	if err != nil {
		p.rejected = errors.Join(p.rejected, err)
	}
	p.writer.reset()
	return nil
}
