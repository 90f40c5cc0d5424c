package journal

import (
	"errors"

	"ecps-assist/config"
)

// Spec says where the journal is and how it is kept, as configured.
type Spec struct {
	Path          string
	RetentionDays int
	// Off is set when the journal is turned off (journal.enabled: false,
	// or no state directory): Open then returns a Disabled error.
	Off bool
}

// FromConfig reads the journal keys of the configuration.
func FromConfig(c config.Config, env config.Env) Spec {
	s := Spec{Path: config.JournalPath(env), RetentionDays: c.RetentionDays()}
	s.Off = !c.JournalEnabled() || s.Path == ""
	return s
}

// Open opens the journal the spec describes.
func (s Spec) Open() (*Journal, error) {
	if s.Off {
		if s.Path == "" {
			return nil, &Error{Kind: Disabled, Err: errors.New("no state directory (HOME and XDG_STATE_HOME unset)")}
		}
		return nil, &Error{Kind: Disabled, Err: errors.New("turned off by journal.enabled: false")}
	}
	return Open(s.Path, Options{RetentionDays: s.RetentionDays})
}
