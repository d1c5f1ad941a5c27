package model

// TxnState is what is known of the transaction a record was written in.
type TxnState uint8

const (
	// TxnNone: not written in a transaction.
	TxnNone TxnState = iota
	// TxnOpen: written in a transaction whose end has not been read yet.
	// Only an uncommitted read sees such records.
	TxnOpen
	// TxnCommitted: its transaction committed.
	TxnCommitted
	// TxnAborted: its transaction aborted. Only an uncommitted read sees
	// such records; a committed read, kscope's default, skips them as
	// Kafka's consumers do.
	TxnAborted
)

func (s TxnState) String() string {
	switch s {
	case TxnOpen:
		return "open"
	case TxnCommitted:
		return "committed"
	case TxnAborted:
		return "aborted"
	}
	return "none"
}

// TxnEnd is a transaction marker read from a partition: the control
// record that commits or aborts what one producer wrote in it before.
type TxnEnd struct {
	Partition  int32
	Offset     int64 // the marker's own offset
	ProducerID int64
	Aborted    bool
}

// Ends reports whether the marker ends the transaction r was written in.
func (e TxnEnd) Ends(r *Record) bool {
	return r.Txn == TxnOpen && r.Partition == e.Partition && r.ProducerID == e.ProducerID && r.Offset < e.Offset
}

// Resolve marks r committed or aborted if e ends its transaction.
func (e TxnEnd) Resolve(r *Record) {
	if !e.Ends(r) {
		return
	}
	r.Txn = TxnCommitted
	if e.Aborted {
		r.Txn = TxnAborted
	}
}

// ResolveTxns applies markers to the records read before them.
func ResolveTxns(recs []Record, ends []TxnEnd) {
	for _, e := range ends {
		for i := range recs {
			e.Resolve(&recs[i])
		}
	}
}
