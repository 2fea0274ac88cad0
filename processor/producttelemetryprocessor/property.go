package producttelemetryprocessor // import "github.com/producttelemetry/collector/processor/producttelemetryprocessor"

import (
	"math"

	"go.opentelemetry.io/collector/pdata/pcommon"

	"github.com/producttelemetry/collector/semconv"
)

// verdict is the outcome of checking one attribute value against its planned property.
type verdict uint8

const (
	conforms verdict = iota
	wrongType
	notInEnum
)

// conform checks v against the property. The only type differences it accepts are the lossless
// ones, which it converts in place: an int where a double is planned, and a double with an
// integral value where an int is planned, both within ±2^53.
func (p *plannedProperty) conform(v pcommon.Value) verdict {
	switch p.typ {
	case semconv.TypeString:
		if v.Type() != pcommon.ValueTypeStr {
			return wrongType
		}
		return p.checkString(v.Str())
	case semconv.TypeInt:
		return p.conformInt(v)
	case semconv.TypeDouble:
		return p.conformDouble(v)
	case semconv.TypeBoolean:
		if v.Type() != pcommon.ValueTypeBool {
			return wrongType
		}
		return conforms
	case semconv.TypeStringArray:
		return p.conformStringArray(v)
	}
	return wrongType
}

func (p *plannedProperty) conformInt(v pcommon.Value) verdict {
	switch v.Type() {
	case pcommon.ValueTypeInt:
	case pcommon.ValueTypeDouble:
		f := v.Double()
		if f != math.Trunc(f) || math.Abs(f) > maxExactInt {
			return wrongType
		}
		v.SetInt(int64(f))
	default:
		return wrongType
	}
	if p.intMembers != nil {
		if _, ok := p.intMembers[v.Int()]; !ok {
			return notInEnum
		}
	}
	return conforms
}

func (p *plannedProperty) conformDouble(v pcommon.Value) verdict {
	switch v.Type() {
	case pcommon.ValueTypeDouble:
		// NaN and infinities have no JSON form, so they cannot reach an analytics endpoint.
		if f := v.Double(); math.IsNaN(f) || math.IsInf(f, 0) {
			return wrongType
		}
	case pcommon.ValueTypeInt:
		n := v.Int()
		if n > maxExactInt || n < -maxExactInt {
			return wrongType
		}
		v.SetDouble(float64(n))
	default:
		return wrongType
	}
	if p.dblMembers != nil {
		if _, ok := p.dblMembers[v.Double()]; !ok {
			return notInEnum
		}
	}
	return conforms
}

func (p *plannedProperty) conformStringArray(v pcommon.Value) verdict {
	if v.Type() != pcommon.ValueTypeSlice {
		return wrongType
	}
	s := v.Slice()
	for i := 0; i < s.Len(); i++ {
		if s.At(i).Type() != pcommon.ValueTypeStr {
			return wrongType
		}
	}
	for i := 0; i < s.Len(); i++ {
		if p.checkString(s.At(i).Str()) != conforms {
			return notInEnum
		}
	}
	return conforms
}

func (p *plannedProperty) checkString(s string) verdict {
	if p.strMembers != nil {
		if _, ok := p.strMembers[s]; !ok {
			return notInEnum
		}
	}
	return conforms
}
