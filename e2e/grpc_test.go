package e2e

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/pdata/pcommon"
	"go.opentelemetry.io/collector/pdata/plog"
	"go.opentelemetry.io/collector/pdata/plog/plogotlp"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials/insecure"

	"github.com/producttelemetry/collector/semconv"
)

// TestOTLPGRPCEventIsAnonymized sends one event over OTLP/gRPC, as a backend using the gRPC
// exporter would, and checks it arrives anonymized like the OTLP/HTTP ones.
func TestOTLPGRPCEventIsAnonymized(t *testing.T) {
	capture := newCaptureServer(t)
	cfg := newPipelineConfig(capture.URL())
	col, _ := cfg.start(t)

	const installation, username, uid = "grpc-install-5150", "oscar.grpc@acme-bank.example", "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d"
	logs := plog.NewLogs()
	rl := logs.ResourceLogs().AppendEmpty()
	rl.Resource().Attributes().PutStr("service.name", "rasa-enterprise-backend")
	rl.Resource().Attributes().PutStr("service.instance.id", installation)
	rec := rl.ScopeLogs().AppendEmpty().LogRecords().AppendEmpty()
	rec.SetEventName(semconv.EventMessageReceived)
	rec.SetTimestamp(pcommon.NewTimestampFromTime(time.Now()))
	rec.Attributes().PutStr(semconv.AttrLogRecordUID, uid)
	rec.Attributes().PutStr(semconv.AttrUsername, username)
	rec.Attributes().PutStr(semconv.AttrMessageChannel, "msteams")

	conn, err := grpc.NewClient(fmt.Sprintf("127.0.0.1:%d", cfg.GRPCPort),
		grpc.WithTransportCredentials(insecure.NewCredentials()))
	require.NoError(t, err)
	defer conn.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	_, err = plogotlp.NewGRPCClient(conn).Export(ctx, plogotlp.NewExportRequestFromLogs(logs))
	require.NoError(t, err)

	require.True(t, capture.waitForEvents(1, deliveryTimeout), "the event did not arrive")
	col.stop()
	events := capture.events()
	require.Len(t, events, 1)
	assert.Equal(t, uid, events[0].MessageID)
	assert.Equal(t, sha256Hex(installation), events[0].AnonymousID)
	assert.Equal(t, map[string]any{"username": sha256Hex(username), "channel": "msteams"}, events[0].Properties)
	expectation{secrets: map[string]bool{installation: true, username: true}}.checkNoSecrets(t, capture.rawBytes())
}
