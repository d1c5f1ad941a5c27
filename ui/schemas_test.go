package ui

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
	"github.com/kscope/kscope/ui/uitest"
)

// fakeRegistry serves two subjects; orders-value has three versions.
type fakeRegistry struct{}

func (fakeRegistry) Subjects(context.Context) ([]model.Subject, error) {
	return []model.Subject{
		{Name: "orders-value", Type: "AVRO", Versions: 3, Latest: 3, LatestID: 12, Compatibility: "BACKWARD", Inherited: true},
		{Name: "shop.Customer", Type: "AVRO", Versions: 1, Latest: 1, LatestID: 4, Compatibility: "FULL"},
		{Name: "broken\x1b[31m-value", Err: context.DeadlineExceeded},
	}, nil
}

func (fakeRegistry) Versions(_ context.Context, subject string) ([]model.SchemaVersion, error) {
	field := func(name, typ string) string { return `{"name":"` + name + `","type":` + typ + `}` }
	schema := func(fields ...string) string {
		return `{"type":"record","name":"Order","fields":[` + strings.Join(fields, ",") + `]}`
	}
	id, total, customer := field("id", `"long"`), field("total", `"double"`), field("customer", `"shop.Customer"`)
	return []model.SchemaVersion{
		{Subject: subject, Version: 1, ID: 10, Type: "AVRO", Text: schema(id)},
		{Subject: subject, Version: 2, ID: 11, Type: "AVRO", Text: schema(id, total)},
		{Subject: subject, Version: 3, ID: 12, Type: "AVRO", Text: schema(id, customer),
			References: []model.SchemaReference{{Name: "shop.Customer", Subject: "shop.Customer", Version: 1}}},
	}, nil
}

func TestSchemasPane(t *testing.T) {
	app := New(kafkatest.Sample(), Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch },
		Location: time.UTC, SaveDir: t.TempDir(), Registry: fakeRegistry{}})
	d := uitest.Start(t, app, 100, 20)
	d.Type(":", "sr", "enter")
	list := d.WaitFor("3 subjects", "orders (value)", "BACKWARD (default)")
	t.Run("subjects", func(t *testing.T) { uitest.Golden(t, list) })

	d.Type("enter")
	latest := d.WaitFor("version 3 of 3 · id 12", "references shop.Customer")
	t.Run("latest", func(t *testing.T) { uitest.Golden(t, latest) })

	d.Type("d")
	diff := d.WaitFor("changes from version 2")
	if !strings.Contains(diff, `-       "name": "total",`) || !strings.Contains(diff, `+       "name": "customer",`) {
		t.Errorf("the diff does not show what version 3 changed:\n%s", diff)
	}
	t.Run("diff", func(t *testing.T) { uitest.Golden(t, diff) })

	d.Type("[", "[")
	first := d.WaitFor("version 1 of 3", "the first version: nothing to compare with")
	if strings.Contains(first, "total") {
		t.Errorf("version 1 shows a field it does not have:\n%s", first)
	}
	d.Type("esc")
	d.WaitFor("3 subjects")
}

func TestSchemasWithoutARegistryIsExplained(t *testing.T) {
	d := uitest.Start(t, New(kafkatest.Sample(), Options{Name: "test", Refresh: time.Hour}), 100, 20)
	d.Type(":", "schemas", "enter")
	d.WaitFor("names no schema registry")
}

// Encode stands for the registry's encoder: it marks what it was given.
func (fakeRegistry) Encode(_ context.Context, schema, message string, json []byte) ([]byte, model.Schema, error) {
	if strings.Contains(string(json), `"total":"x"`) {
		return nil, model.Schema{}, errors.New(`total: want a number, got "x"`)
	}
	return []byte("encoded with " + schema + "/" + message + ": " + string(json)), model.Schema{ID: 12}, nil
}

// A record read through the registry is copied to the produce form as
// its JSON and subject, and sent encoded again.
func TestProducingACopyWithItsSchema(t *testing.T) {
	fake := kafkatest.Sample()
	fake.Append(model.Record{Topic: "payments", Timestamp: epoch.UnixMilli(), Key: []byte("k"), Value: []byte{0, 0, 0, 0, 12, 2},
		DecodedValue: &model.Decoded{JSON: []byte(`{"id":1,"total":2.5}`), Format: "protobuf", Name: "shop.Order",
			Schema: &model.Schema{ID: 12, Subject: "payments-value", Version: 3, Type: "PROTOBUF"}}})
	app := New(fake, Options{Name: "test", Refresh: time.Hour, Now: func() time.Time { return epoch },
		Location: time.UTC, SaveDir: t.TempDir(), Registry: fakeRegistry{}})
	d := uitest.Start(t, app, 120, 40)
	d.Type(":", "tail payments beginning", "enter")
	d.WaitFor("seen 1")
	d.Type("enter", "P")
	form := d.WaitFor("produce to payments", "Value schema", "payments-value shop.Order", `{"id":1,"total":2.5}`)
	t.Run("form", func(t *testing.T) { uitest.Golden(t, form) })
	d.Fill("", "", "", "", "", "0")
	d.WaitFor("to partition 0 at offset 1")
	log := logOf(t, fake, "payments", 0)
	if got := string(log[1].Value); got != `encoded with payments-value/shop.Order: {"id":1,"total":2.5}` {
		t.Errorf("sent %q", got)
	}
}
