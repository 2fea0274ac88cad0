package producttelemetryprocessor // import "github.com/producttelemetry/collector/processor/producttelemetryprocessor"

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"go.opentelemetry.io/collector/config/configopaque"

	"github.com/producttelemetry/collector/semconv"
)

// Values accepted by Config.UnknownEvents.
const (
	// UnknownEventsDrop drops records whose event the tracking plan does not name.
	UnknownEventsDrop = "drop"
	// UnknownEventsPass forwards such records without the plan's filtering. The pipeline's own
	// attributes and malformed record uids are still removed, and keys that the plan anonymizes
	// in any event, and the identity attribute, are still anonymized.
	UnknownEventsPass = "pass"
)

// Values accepted by Config.OnViolation.
const (
	// OnViolationRemoveProperty removes a property of the wrong type or outside its enum.
	OnViolationRemoveProperty = "remove_property"
	// OnViolationDropEvent drops the whole record when any of its properties violates the plan.
	OnViolationDropEvent = "drop_event"
)

// Values accepted by AnonymizationConfig.Algorithm.
const (
	// AlgorithmSHA256 replaces a value with the lowercase hex SHA-256 of its UTF-8 bytes.
	AlgorithmSHA256 = "sha256"
	// AlgorithmHMACSHA256 replaces a value with the lowercase hex HMAC-SHA256 under AnonymizationConfig.Key.
	AlgorithmHMACSHA256 = "hmac-sha256"
)

// minHMACKeyBytes is the shortest accepted HMAC key: as long as the SHA-256 output, so the key
// is not the weak point of the construction.
const minHMACKeyBytes = 32

// Config configures the producttelemetry processor.
type Config struct {
	// Enabled opens the gate. When false the processor drops every record before looking at
	// it. Default true.
	Enabled bool `mapstructure:"enabled"`

	// RespectDoNotTrack closes the gate when the collector's environment sets DO_NOT_TRACK to
	// 1, true, yes or any other value except empty, 0, false, no and off (case-insensitive).
	// The variable is read once, when the processor is created. Default true.
	RespectDoNotTrack bool `mapstructure:"respect_do_not_track"`

	// PlanFile is the path of a tracking plan in the registry YAML format. Empty (the default)
	// selects the catalog built into the collector.
	PlanFile string `mapstructure:"plan_file"`

	// UnknownEvents says what happens to a record whose event the plan does not name:
	// "drop" (default) or "pass" (see UnknownEventsPass).
	UnknownEvents string `mapstructure:"unknown_events"`

	// OnViolation says what happens when a planned property has the wrong type or a value
	// outside its enum: "remove_property" (default) or "drop_event".
	OnViolation string `mapstructure:"on_violation"`

	// Anonymization selects how anonymized properties and the installation identity are hashed.
	Anonymization AnonymizationConfig `mapstructure:"anonymization"`

	// IdentityAttribute is the resource attribute that identifies the installation. Its
	// anonymized value becomes producttelemetry.anonymous_id and the raw value is removed.
	// Default "service.instance.id". It must not name an attribute the processor keeps or owns.
	IdentityAttribute string `mapstructure:"identity_attribute"`

	// WarnInterval is the shortest time between two warnings about the same event and rule.
	// Default 1m; must be greater than zero.
	WarnInterval time.Duration `mapstructure:"warn_interval"`
}

// AnonymizationConfig configures hashing.
type AnonymizationConfig struct {
	// Algorithm is "sha256" (default) or "hmac-sha256".
	Algorithm string `mapstructure:"algorithm"`

	// Key is the HMAC key, usually "${env:...}". Required, and at least 32 bytes long, for
	// "hmac-sha256"; must be empty for "sha256", so that nobody believes values are keyed
	// when they are not.
	Key configopaque.String `mapstructure:"key"`
}

// Validate checks the configuration; each error names the YAML field at fault.
func (cfg *Config) Validate() error {
	var errs []error
	switch cfg.UnknownEvents {
	case UnknownEventsDrop, UnknownEventsPass:
	default:
		errs = append(errs, fmt.Errorf("unknown_events must be %q or %q, got %q",
			UnknownEventsDrop, UnknownEventsPass, cfg.UnknownEvents))
	}
	switch cfg.OnViolation {
	case OnViolationRemoveProperty, OnViolationDropEvent:
	default:
		errs = append(errs, fmt.Errorf("on_violation must be %q or %q, got %q",
			OnViolationRemoveProperty, OnViolationDropEvent, cfg.OnViolation))
	}
	errs = append(errs, cfg.Anonymization.validate(), cfg.validateIdentityAttribute())
	if cfg.WarnInterval <= 0 {
		errs = append(errs, fmt.Errorf("warn_interval must be greater than zero, got %s", cfg.WarnInterval))
	}
	plan, err := loadTrackingPlan(cfg.PlanFile)
	if err != nil {
		errs = append(errs, fmt.Errorf("plan_file: %w", err))
	} else if event, ok := plan.clearPropertyEvent(cfg.IdentityAttribute); ok {
		// The identity is hashed into the anonymous id; a planned clear copy of it on a record
		// would send the raw installation identity beside its hash.
		errs = append(errs, fmt.Errorf("identity_attribute %q is a property that event %q keeps in clear; "+
			"mark it anonymized in the plan or choose another attribute", cfg.IdentityAttribute, event))
	}
	return errors.Join(errs...)
}

func (cfg *AnonymizationConfig) validate() error {
	switch cfg.Algorithm {
	case AlgorithmSHA256:
		if cfg.Key != "" {
			return fmt.Errorf("anonymization.key is only used with anonymization.algorithm %q; remove it or switch algorithm",
				AlgorithmHMACSHA256)
		}
	case AlgorithmHMACSHA256:
		if len(cfg.Key) == 0 {
			return fmt.Errorf("anonymization.key is required when anonymization.algorithm is %q", AlgorithmHMACSHA256)
		}
		if len(cfg.Key) < minHMACKeyBytes {
			return fmt.Errorf("anonymization.key must be at least %d bytes long for %q, got %d",
				minHMACKeyBytes, AlgorithmHMACSHA256, len(cfg.Key))
		}
	default:
		return fmt.Errorf("anonymization.algorithm must be %q or %q, got %q",
			AlgorithmSHA256, AlgorithmHMACSHA256, cfg.Algorithm)
	}
	return nil
}

func (cfg *Config) validateIdentityAttribute() error {
	switch {
	case cfg.IdentityAttribute == "":
		return errors.New("identity_attribute must not be empty")
	case strings.HasPrefix(cfg.IdentityAttribute, semconv.ReservedPrefix):
		return fmt.Errorf("identity_attribute must not start with %q, got %q", semconv.ReservedPrefix, cfg.IdentityAttribute)
	case isKeptResourceAttribute(cfg.IdentityAttribute):
		return fmt.Errorf("identity_attribute %q is kept in clear on output; choose another attribute",
			cfg.IdentityAttribute)
	}
	return nil
}
