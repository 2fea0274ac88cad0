package producttelemetryprocessor

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestIsRecordUID(t *testing.T) {
	tests := []struct {
		uid  string
		want bool
	}{
		{uid: "6f1c2a3e-0d4b-4c8e-9a71-5b2d3e4f6a7c", want: true},
		{uid: "6F1C2A3E-0D4B-4C8E-9A71-5B2D3E4F6A7C", want: true},
		{uid: "01ARZ3NDEKTSV4RRFFQ69G5FAV", want: true},
		{uid: "01arz3ndektsv4rrffq69g5fav", want: true},
		{uid: "0123456789abcdef", want: true},
		{uid: strings.Repeat("ab", 32), want: true},
		{uid: "", want: false},
		{uid: "alice", want: false},
		{uid: "alice@example.com", want: false},
		{uid: "6f1c2a3e-0d4b-4c8e-9a71-5b2d3e4f6a7g", want: false},
		{uid: "6f1c2a3e00d4b-4c8e-9a71-5b2d3e4f6a7c", want: false},
		{uid: "alice-smith-the-admin-of-the-bots--", want: false},
		{uid: "81ARZ3NDEKTSV4RRFFQ69G5FAV", want: false},
		{uid: "01ARZ3NDEKTSV4RRFFQ69G5FAI", want: false},
		{uid: "01ARZ3NDEKTSV4RRFFQ69G5FA\x10", want: false},
		{uid: "01ARZ3NDEKTSV4RRFFQ69G5FA@", want: false},
		{uid: "0123456789abcde", want: false},
		{uid: strings.Repeat("ab", 32) + "a", want: false},
		{uid: "0123456789abcdeg", want: false},
	}
	for _, tt := range tests {
		assert.Equal(t, tt.want, isRecordUID(tt.uid), "%q", tt.uid)
	}
}
