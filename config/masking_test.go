package config

import (
	"strings"
	"testing"

	"github.com/kscope/kscope/mask"
)

// A hashing policy reads its key from where the context says, and says
// which source failed without what it held.
func TestMaskingPolicyReadsItsKey(t *testing.T) {
	hash := []mask.Rule{{Detect: []string{"email"}, Style: "hash"}}
	t.Setenv("KSCOPE_TEST_MASK_KEY", "k1")
	for _, m := range []*mask.Config{{KeyEnv: "KSCOPE_TEST_MASK_KEY", Rules: hash}, {KeyCmd: "echo k1", Rules: hash}} {
		p, err := (&Context{Masking: m}).MaskingPolicy()
		if err != nil || !p.Masks("any") {
			t.Errorf("%+v: %v", m, err)
		}
	}
	_, err := (&Context{Masking: &mask.Config{KeyEnv: "KSCOPE_TEST_UNSET", Rules: hash}}).MaskingPolicy()
	if err == nil || !strings.Contains(err.Error(), "masking: masking.key_env: $KSCOPE_TEST_UNSET is not set") {
		t.Errorf("an unset key: %v", err)
	}
	if p, err := (&Context{}).MaskingPolicy(); p != nil || err != nil {
		t.Errorf("no masking: %v %v", p, err)
	}
}
