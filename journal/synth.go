package journal

import (
	"database/sql"
	"fmt"
	"time"
)

// Synthetic fills the journal at path with n generated diagnoses (four
// steps each, one in four unfinished, every other one voted) and a search
// judged none for one in three, the last started at now: for benchmarks.
func Synthetic(path string, n int, now time.Time) error {
	j, err := Open(path, Options{})
	if err != nil {
		return err
	}
	defer j.Close()
	trees := []string{"ecps-device-integrity", "ecps-activation-error", "psc-login", "cps-card-reader", "insi-call"}
	verdicts := []string{"resolved", "escalate", "info"}
	return j.write(func(tx *sql.Tx) error {
		dst, err := tx.Prepare(`INSERT INTO diagnoses (uid, rev, tree, kb_hash, started, updated, ended, state, node, verdict, helpful)
			VALUES (?,1,?,'h',?,?,?,?,?,?,?)`)
		if err != nil {
			return err
		}
		sst, err := tx.Prepare(`INSERT INTO steps (diagnosis, seq, node, answer, at) VALUES (?,?,?,?,?)`)
		if err != nil {
			return err
		}
		lst, err := tx.Prepare(`INSERT INTO lookups (at, kind, words, confidence) VALUES (?,?,?,?)`)
		if err != nil {
			return err
		}
		for i := 0; i < n; i++ {
			at := ms(now) - int64(n-1-i)*1000
			state, verdict, node := StateConcluded, verdicts[i%3], "concl"
			if i%4 == 0 {
				state, verdict, node = StateOpen, "", fmt.Sprintf("q%d", i%3)
			}
			var helpful any
			if i%2 == 0 {
				helpful = i%3 == 0
			}
			res, err := dst.Exec(fmt.Sprint("synthetic-", i), trees[i%5], at, at, at, state, node, verdict, helpful)
			if err != nil {
				return err
			}
			id, _ := res.LastInsertId()
			for s := 0; s < 4; s++ {
				if _, err := sst.Exec(id, s, fmt.Sprintf("q%d", s), "oui", at); err != nil {
					return err
				}
			}
			if i%3 == 0 {
				if _, err := lst.Exec(at, LookupSearch, fmt.Sprintf("mot%d autre", i%50), "none"); err != nil {
					return err
				}
			}
		}
		return nil
	})
}
