package analyticsexporter

import (
	"context"
	"net/http"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"go.opentelemetry.io/collector/component"
	"go.opentelemetry.io/collector/component/componenttest"
	"go.opentelemetry.io/collector/config/configoptional"
	"go.opentelemetry.io/collector/exporter/exporterhelper"
	"go.opentelemetry.io/collector/extension/xextension/storage"
)

// memoryStorage is a storage extension whose data outlives the exporters that use it, as a
// file_storage directory outlives a collector restart.
type memoryStorage struct {
	component.StartFunc
	component.ShutdownFunc

	mu   sync.Mutex
	data map[string][]byte
}

func (s *memoryStorage) GetClient(context.Context, component.Kind, component.ID, string) (storage.Client, error) {
	return &memoryClient{storage: s}, nil
}

// memoryClient is the storage client of a memoryStorage.
type memoryClient struct {
	storage *memoryStorage
}

func (c *memoryClient) Get(ctx context.Context, key string) ([]byte, error) {
	op := storage.GetOperation(key)
	err := c.Batch(ctx, op)
	return op.Value, err
}

func (c *memoryClient) Set(ctx context.Context, key string, value []byte) error {
	return c.Batch(ctx, storage.SetOperation(key, value))
}

func (c *memoryClient) Delete(ctx context.Context, key string) error {
	return c.Batch(ctx, storage.DeleteOperation(key))
}

func (c *memoryClient) Batch(_ context.Context, ops ...*storage.Operation) error {
	s := c.storage
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, op := range ops {
		switch op.Type {
		case storage.Get:
			op.Value = slices.Clone(s.data[op.Key])
		case storage.Set:
			s.data[op.Key] = slices.Clone(op.Value)
		case storage.Delete:
			delete(s.data, op.Key)
		}
	}
	return nil
}

func (c *memoryClient) Close(context.Context) error { return nil }

// storageHost is a host that provides one storage extension.
type storageHost struct {
	component.Host
	extensions map[component.ID]component.Component
}

func (h storageHost) GetExtensions() map[component.ID]component.Component {
	return h.extensions
}

// queueStorageID names the storage extension of storageHost.
var queueStorageID = component.MustNewID("file_storage")

// newStorageHost returns a host with one empty in-memory storage extension, queueStorageID.
func newStorageHost() storageHost {
	return storageHost{Host: componenttest.NewNopHost(), extensions: map[component.ID]component.Component{
		queueStorageID: &memoryStorage{data: make(map[string][]byte)},
	}}
}

// persistentConfig is newTestConfig with a sending queue on queueStorageID that retries for long.
func persistentConfig(endpoint string) *Config {
	cfg := newTestConfig(endpoint)
	queue := exporterhelper.NewDefaultQueueConfig()
	queue.StorageID = &queueStorageID
	cfg.QueueConfig = configoptional.Some(queue)
	cfg.RetryConfig.MaxElapsedTime = time.Hour
	return cfg
}

// queueWhileFailing has an exporter on host's storage queue the catalog's events against an endpoint
// that answers status, waits for that many attempts, and stops the exporter with the events still
// queued. It returns the failing endpoint and the stopped exporter.
func queueWhileFailing(t *testing.T, host component.Host, status, attempts int) (*segmentServer, *testExporter) {
	t.Helper()
	failing := newSegmentServer(t, func(_ int, w http.ResponseWriter) bool {
		w.WriteHeader(status)
		return true
	})
	first := startExporterOn(t, persistentConfig(failing.server.URL), host)
	require.NoError(t, first.ConsumeLogs(context.Background(), catalogLogs()), "queued")
	require.Eventually(t, func() bool { return len(failing.received()) >= attempts }, 5*time.Second, 5*time.Millisecond)
	first.shutdown(t)
	return failing, first
}

// TestPersistentQueueSurvivesRestart stops an exporter while the endpoint fails, starts a new one
// on the same storage, and checks that it delivers the queued events with their messageIds.
func TestPersistentQueueSurvivesRestart(t *testing.T) {
	host := newStorageHost()
	failing, first := queueWhileFailing(t, host, http.StatusServiceUnavailable, 2)
	attempted := messageIDs(t, failing.received()[0].body)

	healthy := newSegmentServer(t, nil)
	second := startExporterOn(t, persistentConfig(healthy.server.URL), host)
	require.Eventually(t, func() bool { return len(healthy.received()) > 0 }, 5*time.Second, 5*time.Millisecond,
		"the restarted exporter sends what the first one kept")
	second.shutdown(t)

	var delivered []string
	for _, req := range healthy.received() {
		delivered = append(delivered, messageIDs(t, req.body)...)
	}
	assert.Equal(t, attempted, delivered, "the same events, with the same messageIds, exactly once")
	assert.Equal(t, int64(3), second.counter(t, "otelcol_exporter_analytics_events_sent"))
	assert.Zero(t, first.counter(t, "otelcol_exporter_analytics_events_sent"))
}
