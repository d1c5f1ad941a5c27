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

// Kind is what the marker does, as kscope prints it: "commit" or "abort".
func (e TxnEnd) Kind() string {
	if e.Aborted {
		return "abort"
	}
	return "commit"
}

// txnEnds indexes markers by partition and producer, so resolving a whole
// buffer is one pass over it however many markers a batch brings.
type txnEnds map[txnKey][]TxnEnd

type txnKey struct {
	partition int32
	producer  int64
}

// indexTxnEnds indexes ends; nil when there are none.
func indexTxnEnds(ends []TxnEnd) txnEnds {
	if len(ends) == 0 {
		return nil
	}
	ix := make(txnEnds)
	for _, e := range ends {
		k := txnKey{e.Partition, e.ProducerID}
		ix[k] = append(ix[k], e)
	}
	return ix
}

// resolve marks r committed or aborted if one of the markers ends the
// transaction it was written in: the first marker of its producer in its
// partition after it (a producer has one transaction open at a time).
func (ix txnEnds) resolve(r *Record) {
	if r.Txn != TxnOpen {
		return
	}
	for _, e := range ix[txnKey{r.Partition, r.ProducerID}] {
		if r.Offset < e.Offset {
			r.Txn = TxnCommitted
			if e.Aborted {
				r.Txn = TxnAborted
			}
			return
		}
	}
}

// ResolveTxns applies markers to the records read before them.
func ResolveTxns(recs []Record, ends []TxnEnd) {
	if ix := indexTxnEnds(ends); ix != nil {
		for i := range recs {
			ix.resolve(&recs[i])
		}
	}
}
