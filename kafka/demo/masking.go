package demo

import "github.com/kscope/kscope/mask"

// Masking is the demo's masking, as a context would configure it for a
// team that shares a cluster of payments: card numbers keep their last
// four digits, e-mail addresses are keyed hashes (equal addresses look
// equal), and the detectors catch the same data in free text.
var Masking = mask.Config{Rules: []mask.Rule{
	{Topic: "payments", Fields: []string{"value.card_number"}, Style: "keep_last", Keep: 4},
	{Topic: "payments", Fields: []string{"value.customer.email"}, Style: "hash"},
	{Topic: "payments", Detect: []string{"email", "card", "iban"}},
}}

// MaskingKey is the demo's HMAC key: a real context reads its own from
// key_env or key_cmd.
const MaskingKey = "kscope demo"
