package config

import (
	"fmt"

	"github.com/kscope/kscope/mask"
)

// MaskingPolicy compiles the context's masking, reading the HMAC key
// from where it says when a rule hashes; nil when it masks nothing.
func (c *Context) MaskingPolicy() (*mask.Policy, error) {
	m := c.Masking
	if m == nil {
		return nil, nil
	}
	var key string
	if m.NeedsKey() {
		var err error
		if key, err = secret("masking.key", "", m.KeyEnv, m.KeyCmd); err != nil {
			return nil, fmt.Errorf("masking: %w", err)
		}
	}
	p, err := mask.New(*m, []byte(key))
	if err != nil {
		return nil, fmt.Errorf("masking: %w", err)
	}
	return p, nil
}
