package cli

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// maskedContext is the test config's context "masked": the demo cluster,
// with masking on the cli-mask topics.
const maskedContext = `  masked:
    brokers: [%s]
    schema_registry:
      url: %s
    masking:
      key_cmd: echo test-key
      rules:
        - topic: cli-mask*
          fields: [key.id, value.customer.email, value.card, value.decline_reason, value.destination.city, headers.authorization]
        - topic: cli-mask*
          detect: [email, card, iban]
          style: hash
`

// The secrets planted in the records: none may be printed in clear.
var planted = []string{"ann@example.com", "4111111111111111", "4111 1111 1111 1111", "key-secret-17", "Bearer tok-secret-9", "reason-secret-42", "city-secret-5", "GB82WEST12345698765432"}

// noSecret fails the test if any planted secret is in out, as it is or
// in the base64 a JSON line gives bytes that are not text in.
func noSecret(t *testing.T, what, out string) {
	t.Helper()
	texts := []string{out}
	for _, line := range strings.Split(out, "\n") {
		var fields map[string]any
		if json.Unmarshal([]byte(line), &fields) != nil {
			continue
		}
		for _, v := range fields {
			if s, ok := v.(string); ok {
				if b, err := base64.StdEncoding.DecodeString(s); err == nil {
					texts = append(texts, string(b))
				}
			}
		}
	}
	for _, text := range texts {
		for _, s := range planted {
			if strings.Contains(text, s) {
				t.Errorf("%s: %q is in clear:\n%s", what, s, out)
			}
		}
	}
}

func TestMaskingOnEveryCLIOutput(t *testing.T) {
	kscope(t, "", "topic", "create", "cli-mask", "-p", "1").want(t, 0)
	lines := `{"id":"key-secret-17"}|{"customer":{"email":"ann@example.com","name":"Ann"},"card":"4111111111111111","note":"paid with 4111 1111 1111 1111 from GB82WEST12345698765432"}` + "\n"
	kscope(t, lines, "produce", "cli-mask", "-K", "|", "--header", "authorization=Bearer tok-secret-9").want(t, 0, "1 record")
	// Unmasked, the records say it all: the test plants what it looks for.
	open := kscope(t, "", "tail", "cli-mask", "--from", "beginning", "-e").want(t, 0, "4111111111111111", "ann@example.com", "key-secret-17", "tok-secret-9")

	debug := filepath.Join(t.TempDir(), "debug.log")
	for _, format := range []string{"json", "text"} {
		r := kscope(t, "", "--context", "masked", "--debug", debug, "tail", "cli-mask", "--from", "beginning", "-e", "-o", format).want(t, 0, "hmac:")
		noSecret(t, "tail -o "+format, r.stdout+r.stderr)
		log, err := os.ReadFile(debug)
		if err != nil {
			t.Fatal(err)
		}
		noSecret(t, "the debug log", string(log))
	}
	r := kscope(t, "", "--context", "masked", "tail", "cli-mask", "--from", "beginning", "-e").want(t, 0, `\"customer\":{\"email\":\"***\",\"name\":\"Ann\"}`, `"key":"{\"id\":\"***\"}"`, `{"key":"authorization","value":"***"}`)
	if r.stdout == open.stdout {
		t.Fatal("the masked context printed what the open one did")
	}

	// A search tests the masked form only, and says so.
	for _, query := range [][]string{{"--where", `value.card == "4111111111111111"`}, {"--filter", "4111111111111111"}, {"--filter", "ann@example"}, {"--key", `{"id":"key-secret-17"}`}} {
		kscope(t, "", append([]string{"search", "cli-mask"}, query...)...).want(t, 0, "1 match;")
		r := kscope(t, "", append([]string{"--context", "masked", "search", "cli-mask"}, query...)...).want(t, 0, "0 matches;", "masking applied")
		noSecret(t, "search "+strings.Join(query, " "), r.stdout)
	}
	kscope(t, "", "--context", "masked", "search", "cli-mask", "--where", `value.card == "x"`).want(t, 0, "value.card is masked")
	kscope(t, "", "--context", "masked", "search", "cli-mask", "--where", `value.customer.name == "Ann"`).want(t, 0, "1 match;")

	// What carries bytes unmasked is refused, with one line saying why.
	for _, args := range [][]string{{"tail", "cli-mask", "--raw", "-e"}, {"copy", "cli-mask", "orders"}, {"redrive", "cli-mask"}} {
		r := kscope(t, "", append([]string{"--context", "masked"}, args...)...).want(t, 1, "allow_raw")
		noSecret(t, args[0], r.stdout+r.stderr)
	}
	kscope(t, "", "--context", "masked", "tail", "orders", "--raw", "-n", "1", "--from", "beginning").want(t, 0)

	kscope(t, "", "--context", "masked", "config", "current").want(t, 0, "masking", "cli-mask*: key.id, value.customer.email", "detect email, card, iban (HMAC-SHA256)", `HMAC key from command "echo test-key"`)
	kscope(t, "", "config", "current").want(t, 0, "masking", "off")
}

// Avro and Protobuf values are masked as decoded, and their bytes, which
// hold every field in clear, are not printed.
func TestMaskingDecodedValues(t *testing.T) {
	kscope(t, "", "topic", "create", "cli-mask.avro", "-p", "1").want(t, 0)
	kscope(t, "", "topic", "create", "cli-mask.proto", "-p", "1").want(t, 0)
	avro := `{"payment_id":"p1","order_id":"o1","amount":"1.00","currency":"EUR","method":"card","status":"DECLINED","decline_reason":{"string":"reason-secret-42"},"card_last4":null,"attempted_at":1,"risk_score":0.5}`
	kscope(t, avro+"\n", "produce", "cli-mask.avro", "--schema", "payments.avro-value").want(t, 0, "1 record")
	proto := `{"shipment_id":"s1","order_id":"o1","destination":{"city":"city-secret-5","country":"NL"},"tracking_code":"ann@example.com"}`
	kscope(t, proto+"\n", "produce", "cli-mask.proto", "--schema", "shipments.proto-value", "--message", "demo.shipping.Shipment").want(t, 0, "1 record")
	kscope(t, "", "tail", "cli-mask.avro", "--from", "beginning", "-e").want(t, 0, "reason-secret-42")
	kscope(t, "", "tail", "cli-mask.proto", "--from", "beginning", "-e").want(t, 0, "city-secret-5", "ann@example.com")
	for _, topic := range []string{"cli-mask.avro", "cli-mask.proto"} {
		for _, format := range []string{"json", "text"} {
			r := kscope(t, "", "--context", "masked", "tail", topic, "--from", "beginning", "-e", "-o", format).want(t, 0, "***")
			noSecret(t, topic+" -o "+format, r.stdout)
		}
	}
	kscope(t, "", "--context", "masked", "tail", "cli-mask.avro", "--from", "beginning", "-e").want(t, 0, `"value_schema":{"id":`, `"decline_reason":"***"`)
}
