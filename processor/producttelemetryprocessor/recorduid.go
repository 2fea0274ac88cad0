package producttelemetryprocessor // import "github.com/producttelemetry/collector/processor/producttelemetryprocessor"

// Shapes of a log.record.uid that the processor forwards.
const (
	uuidLen      = 36
	ulidLen      = 26
	minHexUIDLen = 16
	maxHexUIDLen = 64
)

// isRecordUID reports whether s has the shape of a generated identifier: a UUID in its
// canonical text form, a ULID, or 16 to 64 hexadecimal digits. The uid leaves the pipeline as
// Segment's messageId, so a free-form value (a user name, an email address) must not pass as one.
func isRecordUID(s string) bool {
	switch {
	case len(s) == uuidLen:
		return isUUID(s)
	case len(s) == ulidLen && isULID(s):
		return true
	case len(s) >= minHexUIDLen && len(s) <= maxHexUIDLen:
		return isHex(s)
	}
	return false
}

// isUUID checks the 8-4-4-4-12 layout of hexadecimal digits, in either case.
func isUUID(s string) bool {
	for i := 0; i < len(s); i++ {
		switch i {
		case 8, 13, 18, 23:
			if s[i] != '-' {
				return false
			}
		default:
			if !isHexDigit(s[i]) {
				return false
			}
		}
	}
	return true
}

// isULID checks 26 characters of Crockford's base32 (no I, L, O or U), in either case, whose
// first character is at most 7 so that the value fits in 128 bits.
func isULID(s string) bool {
	if s[0] < '0' || s[0] > '7' {
		return false
	}
	for i := 1; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' {
			continue
		}
		c |= 0x20 // lower case; only ASCII letters land in a..z
		if c < 'a' || c > 'z' || c == 'i' || c == 'l' || c == 'o' || c == 'u' {
			return false
		}
	}
	return true
}

func isHex(s string) bool {
	for i := 0; i < len(s); i++ {
		if !isHexDigit(s[i]) {
			return false
		}
	}
	return true
}

func isHexDigit(c byte) bool {
	return c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F'
}
