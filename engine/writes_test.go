package engine

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/kscope/kscope/kafka/kafkatest"
	"github.com/kscope/kscope/model"
)

// A reset is planned, shown with its totals, and applied as planned; a
// plan in which every partition was skipped changes nothing.
func TestResetPlanAndApply(t *testing.T) {
	f := kafkatest.New(model.Cluster{})
	f.SetGroups(kafkatest.Group("billing", "Empty", 0, "orders", [2]int64{100, 500}, [2]int64{-1, 300}))
	r, err := ParseReset("billing", "orders", nil, "", t0)
	if err != nil || r.Target.String() != "earliest" {
		t.Fatalf("an empty target is earliest: %v %v", r.Target, err)
	}
	if r, err = ParseReset("billing", "orders", nil, "latest", t0); err != nil {
		t.Fatal(err)
	}
	plan, err := r.Plan(t.Context(), f)
	if err != nil {
		t.Fatal(err)
	}
	if got := ResetTotals(plan); got != "lag 700 → 0" {
		t.Errorf("totals %q", got)
	}
	if err := Apply(t.Context(), f, plan); err != nil {
		t.Fatal(err)
	}
	gs, _ := f.Groups(t.Context(), "billing")
	if gs[0].Partitions[0].Committed != 500 || gs[0].Partitions[1].Committed != 300 {
		t.Errorf("after the reset: %+v", gs[0].Partitions)
	}
	if r, err = ParseReset("billing", "orders", nil, "+1000", t0); err != nil {
		t.Fatal(err)
	}
	plan, _ = r.Plan(t.Context(), f)
	plan.Rows[0].Err, plan.Rows[1].Err = errors.New("past the end"), errors.New("past the end")
	if got := ResetTotals(plan); got != "lag 0 → 0, 2 skipped" {
		t.Errorf("totals %q", got)
	}
	if err := Apply(t.Context(), f, plan); err == nil || !strings.Contains(err.Error(), "nothing to reset") {
		t.Errorf("an all-skipped plan: %v", err)
	}
	if _, err := ParseReset("billing", "orders", nil, "sometime", t0); err == nil {
		t.Error("a target that means nothing was taken")
	}
}

// A transactional id's open transaction is found on each partition's
// leader and aborted; an abort stopped partway says how far it got.
func TestAbortFindsAndSaysHowFar(t *testing.T) {
	f := kafkatest.New(model.Cluster{}, kafkatest.Topic("orders", 2, 1, 0, 10))
	open := func(p int32, from int64) model.Producer {
		return model.Producer{TopicPartition: model.TopicPartition{Topic: "orders", Partition: p}, ID: 7, OpenFrom: from}
	}
	f.SetProducers(open(0, 3), open(1, 5), model.Producer{TopicPartition: model.TopicPartition{Topic: "orders", Partition: 1}, ID: 8, OpenFrom: -1})
	txn := model.Transaction{ID: "stuck-job", ProducerID: 7, Partitions: []model.TopicPartition{{Topic: "orders", Partition: 0}, {Topic: "orders", Partition: 1}}}
	ps, err := OpenOf(t.Context(), f, txn)
	if err != nil || len(ps) != 2 {
		t.Fatalf("OpenOf = %v, %v", ps, err)
	}
	if p, err := OpenOn(t.Context(), f, model.TopicPartition{Topic: "orders", Partition: 1}, 5); err != nil || p.ID != 7 {
		t.Errorf("OpenOn = %v, %v", p, err)
	}
	if _, err := OpenOn(t.Context(), f, model.TopicPartition{Topic: "orders", Partition: 1}, 4); err == nil || !strings.Contains(err.Error(), "no transaction is open on orders/1 from offset 4") {
		t.Errorf("OpenOn a wrong offset: %v", err)
	}
	ghost := open(1, 99) // no longer open: the abort is refused there
	if err := Abort(t.Context(), f, []model.Producer{ps[0], ghost}); err == nil || !strings.HasPrefix(err.Error(), "aborted 1 of 2: ") {
		t.Errorf("Abort = %v", err)
	}
	if err := Abort(t.Context(), f, ps[1:]); err != nil {
		t.Fatal(err)
	}
	if _, err := OpenOf(t.Context(), f, txn); err == nil || !strings.Contains(err.Error(), "has ended") {
		t.Errorf("OpenOf after the abort: %v", err)
	}
}

// ACLs are selected by filter, and a change of several bindings stopped
// by a refusal says how many it made.
func TestACLChange(t *testing.T) {
	f := kafkatest.New(model.Cluster{})
	read := model.ACL{Principal: "User:alice", Host: "*", Operation: "READ", Permission: "ALLOW", ResourceType: "TOPIC", ResourceName: "orders", Pattern: "LITERAL"}
	deny := read
	deny.Permission, deny.ResourceName, deny.Pattern = "DENY", "pay", "PREFIXED"
	other := read
	other.Principal = "User:bob"
	create := ACLChange{Create: true, Bindings: []model.ACL{read, deny, other}}
	var made []string
	if err := create.Apply(t.Context(), f, func(a model.ACL) { made = append(made, a.Principal) }); err != nil || len(made) != 3 {
		t.Fatalf("created %v: %v", made, err)
	}
	if create.Warning() != "" || create.Verb() != "create" {
		t.Errorf("a creation warns %q", create.Warning())
	}
	alices, err := SelectACLs(t.Context(), f, model.ACLFilter{Principal: "User:alice"})
	if err != nil || len(alices) != 2 {
		t.Fatalf("alice's: %v %v", alices, err)
	}
	del := ACLChange{Bindings: alices}
	if !strings.Contains(del.Warning(), "DENY") {
		t.Errorf("deleting a DENY binding warns %q", del.Warning())
	}
	f.Fail(errors.New("not authorized"))
	if err := del.Apply(t.Context(), f, nil); err == nil || !strings.HasPrefix(err.Error(), "deleted 0 of 2 bindings, then: ") {
		t.Errorf("a refused delete: %v", err)
	}
}

// A range parses as search, copy and redrive take it, and a search for a
// key scans only the key's partition and says so.
func TestSearchForAKey(t *testing.T) {
	if _, err := ParseRange("orders", nil, "beginning", "beginning", "", "", t0); err == nil {
		t.Error("a range ending at the beginning was taken")
	}
	if _, err := ParseRange("orders", nil, "beginning", "end", "value.x ==", "", t0); err == nil {
		t.Error("a broken expression was taken")
	}
	if _, err := ParseRange("orders", nil, "beginning", "end", "", "~(", t0); err == nil {
		t.Error("a broken regex was taken")
	}
	f := kafkatest.New(model.Cluster{}, kafkatest.Topic("orders", 3, 1, 0, 0))
	f.SetKeyPartitioner(func([]byte, int) int32 { return 2 })
	for i := range 30 {
		f.Append(model.Record{Topic: "orders", Partition: int32(i % 3), Key: []byte("k" + string(rune('a'+i%5))), Value: []byte("v")})
	}
	r, err := ParseRange("orders", nil, "beginning", "end", "", "", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	r.Query.Key = []byte("ka")
	s, err := Search{Range: r}.Open(t.Context(), f, model.TailRequest{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.KeyPartition != 2 || s.Total != 3 || len(s.Stream.Started()) != 1 {
		t.Errorf("a key's search scans one partition: %d of %d, started %v", s.KeyPartition, s.Total, s.Stream.Started())
	}
	all, err := Search{Range: r, AllPartitions: true}.Open(t.Context(), f, model.TailRequest{})
	if err != nil {
		t.Fatal(err)
	}
	defer all.Close()
	if all.KeyPartition != -1 || len(all.Stream.Started()) != 3 {
		t.Errorf("--all-partitions: %d, started %v", all.KeyPartition, all.Stream.Started())
	}
	matches := 0
	for !model.AllCaught(all.Scan.Started()) {
		ctx, cancel := context.WithTimeout(t.Context(), time.Minute)
		b, err := all.Scan.Next(ctx)
		cancel()
		if err != nil {
			t.Fatal(err)
		}
		matches += len(b.Records)
		if model.AllCaught(b.Positions) {
			break
		}
	}
	if sum := all.Summary(matches, false); !strings.HasPrefix(sum, "6 matches; scanned 30 records in 3 of 3 partitions (offsets 0: 0-10, 1: 0-10, 2: 0-10)") {
		t.Errorf("summary %q", sum)
	}
	if _, err := (Search{Range: Range{Topic: "nope"}}).Open(t.Context(), f, model.TailRequest{}); err == nil {
		t.Error("a search of a topic that does not exist started")
	}
}

// A redrive whose records would go back to a topic that cannot take them
// is refused before anything is sent, naming how many and why.
func TestCheckOriginsRefusesBeforeSending(t *testing.T) {
	f := kafkatest.New(model.Cluster{}, kafkatest.Topic("orders", 1, 1, 0, 0), kafkatest.Topic("dlq", 1, 1, 0, 0))
	origin := func(topic string) []model.Header {
		return []model.Header{{Key: "kafka_dlt-original-topic", Value: []byte(topic)}}
	}
	f.Append(model.Record{Topic: "dlq", Value: []byte("a"), Headers: origin("orders")},
		model.Record{Topic: "dlq", Value: []byte("b"), Headers: origin("gone")},
		model.Record{Topic: "dlq", Value: []byte("c"), Headers: origin("gone")})
	r, _ := ParseRange("dlq", nil, "beginning", "end", "", "", time.Now())
	route := Origin(OriginHeaders, "dlq", false)
	err := CheckOrigins(t.Context(), f, r, nil, route, f)
	if err == nil || !strings.HasPrefix(err.Error(), "redrive: nothing was sent: 2 records for ") {
		t.Errorf("CheckOrigins = %v", err)
	}
	// Resumed past the records for gone, nothing stands in the way.
	resume := NewLedger(map[int32]int64{0: 3})
	if err := CheckOrigins(t.Context(), f, r, resume, route, f); err != nil {
		t.Errorf("resumed past them: %v", err)
	}
}
