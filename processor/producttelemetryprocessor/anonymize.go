package producttelemetryprocessor // import "github.com/producttelemetry/collector/processor/producttelemetryprocessor"

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"hash"
	"sync"

	"go.opentelemetry.io/collector/pdata/pcommon"
)

// anonymizer replaces values with the lowercase hex SHA-256, or HMAC-SHA256 when keyed, of
// their UTF-8 bytes. It is safe for concurrent use.
type anonymizer struct {
	// macs holds *keyedHash values; nil when unkeyed.
	macs *sync.Pool
}

// maxPooledInput bounds the scratch buffer a pooled keyedHash keeps after hashing a long value.
const maxPooledInput = 64 << 10

// maxAnonymizedElements is the longest string[] the processor hashes. Each element becomes 64
// hex digits, 67 bytes in a JSON array, and an analytics event is at most 32,000 bytes
// (Segment's limit, the analytics exporter's largest max_event_bytes): a longer array could
// never be sent, and hashing it would first turn a small request of empty strings into one
// many times larger, in memory and in the persistent sending queue.
const maxAnonymizedElements = 32000 / 67

// fitsOneEventHashed reports whether v, once anonymized, can fit in one analytics event.
func fitsOneEventHashed(v pcommon.Value) bool {
	return v.Type() != pcommon.ValueTypeSlice || v.Slice().Len() <= maxAnonymizedElements
}

// keyedHash is one goroutine's HMAC state with a scratch buffer for the input bytes.
type keyedHash struct {
	mac   hash.Hash
	input []byte
	sum   [sha256.Size]byte
}

func newAnonymizer(cfg AnonymizationConfig) *anonymizer {
	if cfg.Algorithm != AlgorithmHMACSHA256 {
		return &anonymizer{}
	}
	key := []byte(cfg.Key)
	return &anonymizer{macs: &sync.Pool{New: func() any {
		return &keyedHash{mac: hmac.New(sha256.New, key)}
	}}}
}

// hashString returns the anonymized form of s.
func (a *anonymizer) hashString(s string) string {
	var sum [sha256.Size]byte
	if a.macs == nil {
		sum = sha256.Sum256([]byte(s))
	} else {
		kh := a.macs.Get().(*keyedHash)
		kh.mac.Reset()
		kh.input = append(kh.input[:0], s...)
		kh.mac.Write(kh.input)
		sum = [sha256.Size]byte(kh.mac.Sum(kh.sum[:0]))
		if cap(kh.input) > maxPooledInput {
			kh.input = nil
		}
		a.macs.Put(kh)
	}
	var out [2 * sha256.Size]byte
	hex.Encode(out[:], sum[:])
	return string(out[:])
}

// anonymize replaces a string, or every element of a slice of strings, by its hash and
// returns how many values it replaced. Values of other types are left alone: the plan only
// allows anonymized strings, and conform has already checked the type.
func (a *anonymizer) anonymize(v pcommon.Value) int {
	switch v.Type() {
	case pcommon.ValueTypeStr:
		v.SetStr(a.hashString(v.Str()))
		return 1
	case pcommon.ValueTypeSlice:
		s := v.Slice()
		for i := 0; i < s.Len(); i++ {
			e := s.At(i)
			e.SetStr(a.hashString(e.Str()))
		}
		return s.Len()
	}
	return 0
}
