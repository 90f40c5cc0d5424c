package journal

import (
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"strings"
	"time"

	"ecps-assist/kb"
)

// States of a diagnosis.
const (
	StateOpen      = "open"      // in progress, or interrupted (resumable)
	StateConcluded = "concluded" // a conclusion is reached
	StateAbandoned = "abandoned" // the agent left the tree before a conclusion
)

// Diagnosis is one walk of a tree, as recorded.
type Diagnosis struct {
	ID      int64     `json:"id"`
	UID     string    `json:"-"`
	Rev     int       `json:"-"`
	Tree    string    `json:"tree"`
	KBHash  string    `json:"kb_hash"`
	Started time.Time `json:"started"`
	Updated time.Time `json:"updated"`
	Ended   time.Time `json:"-"` // zero while open (history --json: null)
	State   string    `json:"state"`
	Node    string    `json:"node"`
	Verdict string    `json:"verdict"`
	Ticket  string    `json:"ticket"`
	Note    string    `json:"note"`
	Helpful *bool     `json:"helpful"`
	Comment string    `json:"comment"`
	// Pending is what was typed at the current check node and not
	// checked yet ("" elsewhere): given back on resume.
	Pending string `json:"pending"`
	Steps   []Step `json:"steps"`
}

// Step is one answer: an option chosen, or an identifier typed at a check
// node with the checker's outcome and message.
type Step struct {
	Node    string    `json:"node"`
	Answer  string    `json:"answer"`
	Input   string    `json:"input"`
	Verdict string    `json:"verdict"`
	At      time.Time `json:"at"`
}

// NewUID returns a fresh identity for a diagnosis or a view.
func NewUID() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// TreeHash is the content hash of a tree (its id, nodes, options and
// texts): two diagnoses with the same hash walked the same tree.
func TreeHash(t *kb.Tree) string {
	if t == nil {
		return ""
	}
	data, _ := json.Marshal(t)
	sum := sha256.Sum256(data)
	return hex.EncodeToString(sum[:6])
}

// Save writes a diagnosis in full (steps included), creating it or
// updating it by UID. A save whose Rev is not above the stored one is
// ignored, so saves may be issued concurrently and land in any order.
// It returns the diagnosis's ID.
func (j *Journal) Save(d Diagnosis) (int64, error) {
	var id int64
	err := j.write(func(tx *sql.Tx) error {
		var helpful any
		if d.Helpful != nil {
			helpful = *d.Helpful
		}
		res, err := tx.Exec(`INSERT INTO diagnoses
			(uid, rev, tree, kb_hash, started, updated, ended, state, node, verdict, ticket, note, helpful, comment, pending)
			VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT(uid) DO UPDATE SET rev=excluded.rev, kb_hash=excluded.kb_hash,
				updated=excluded.updated, ended=excluded.ended, state=excluded.state, node=excluded.node,
				verdict=excluded.verdict, ticket=excluded.ticket, note=excluded.note,
				helpful=excluded.helpful, comment=excluded.comment, pending=excluded.pending
			WHERE excluded.rev > diagnoses.rev`,
			d.UID, d.Rev, d.Tree, d.KBHash, ms(d.Started), ms(d.Updated), ms(d.Ended), d.State, d.Node,
			d.Verdict, d.Ticket, d.Note, helpful, d.Comment, d.Pending)
		if err != nil {
			return err
		}
		n, _ := res.RowsAffected()
		if err := tx.QueryRow(`SELECT id FROM diagnoses WHERE uid = ?`, d.UID).Scan(&id); err != nil {
			return err
		}
		if n == 0 {
			return nil // a newer revision is stored
		}
		if _, err := tx.Exec(`DELETE FROM steps WHERE diagnosis = ? AND seq >= ?`, id, len(d.Steps)); err != nil {
			return err
		}
		st, err := tx.Prepare(`INSERT INTO steps (diagnosis, seq, node, answer, input, verdict, at) VALUES (?,?,?,?,?,?,?)
			ON CONFLICT(diagnosis, seq) DO UPDATE SET node=excluded.node, answer=excluded.answer,
				input=excluded.input, verdict=excluded.verdict, at=excluded.at
			WHERE node IS NOT excluded.node OR answer IS NOT excluded.answer OR input IS NOT excluded.input
				OR verdict IS NOT excluded.verdict OR at IS NOT excluded.at`)
		if err != nil {
			return err
		}
		defer st.Close()
		for i, s := range d.Steps {
			if _, err := st.Exec(id, i, s.Node, s.Answer, s.Input, s.Verdict, ms(s.At)); err != nil {
				return err
			}
		}
		return nil
	})
	return id, err
}

// Filter selects diagnoses; zero fields select everything.
type Filter struct {
	Since, Until time.Time
	Tree         string
	Verdict      string
	State        string
	Limit        int
}

// List returns the diagnoses matching f, newest first, with their steps.
func (j *Journal) List(f Filter) ([]Diagnosis, error) {
	db, err := j.read()
	if err != nil {
		return nil, err
	}
	var where []string
	var args []any
	if !f.Since.IsZero() {
		where, args = append(where, "started >= ?"), append(args, ms(f.Since))
	}
	if !f.Until.IsZero() {
		where, args = append(where, "started < ?"), append(args, ms(f.Until))
	}
	if f.Tree != "" {
		where, args = append(where, "tree = ?"), append(args, f.Tree)
	}
	if f.Verdict != "" {
		where, args = append(where, "verdict = ?"), append(args, f.Verdict)
	}
	if f.State != "" {
		where, args = append(where, "state = ?"), append(args, f.State)
	}
	q := `SELECT id, uid, rev, tree, kb_hash, started, updated, ended, state, node, verdict, ticket, note, helpful, comment, pending FROM diagnoses`
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	q += " ORDER BY started DESC, id DESC"
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := db.Query(q, args...)
	if err != nil {
		return nil, j.classify(err)
	}
	defer rows.Close()
	var out []Diagnosis
	for rows.Next() {
		var d Diagnosis
		var started, updated, ended int64
		var helpful sql.NullBool
		if err := rows.Scan(&d.ID, &d.UID, &d.Rev, &d.Tree, &d.KBHash, &started, &updated, &ended, &d.State,
			&d.Node, &d.Verdict, &d.Ticket, &d.Note, &helpful, &d.Comment, &d.Pending); err != nil {
			return nil, j.classify(err)
		}
		d.Started, d.Updated, d.Ended = fromMS(started), fromMS(updated), fromMS(ended)
		d.inert()
		if helpful.Valid {
			b := helpful.Bool
			d.Helpful = &b
		}
		out = append(out, d)
	}
	if err := rows.Err(); err != nil {
		return nil, j.classify(err)
	}
	rows.Close()
	if len(out) == 0 {
		return out, nil
	}
	// The steps of all of them in one query.
	byID := make(map[int64]int, len(out))
	for i := range out {
		out[i].Steps = []Step{}
		byID[out[i].ID] = i
	}
	sq := `SELECT diagnosis, node, answer, input, verdict, at FROM steps WHERE diagnosis IN (SELECT id FROM diagnoses`
	if len(where) > 0 {
		sq += " WHERE " + strings.Join(where, " AND ")
	}
	if f.Limit > 0 {
		sq += " ORDER BY started DESC, id DESC LIMIT ?"
	}
	sq += ") ORDER BY diagnosis, seq"
	srows, err := db.Query(sq, args...)
	if err != nil {
		return nil, j.classify(err)
	}
	defer srows.Close()
	for srows.Next() {
		var id, at int64
		var st Step
		if err := srows.Scan(&id, &st.Node, &st.Answer, &st.Input, &st.Verdict, &at); err != nil {
			return nil, j.classify(err)
		}
		st.At = fromMS(at)
		st.Node, st.Answer, st.Input, st.Verdict = inert(st.Node), inert(st.Answer), inert(st.Input), inert(st.Verdict)
		if i, ok := byID[id]; ok {
			out[i].Steps = append(out[i].Steps, st)
		}
	}
	return out, j.classify(srows.Err())
}

// inert makes a field read from the journal inert (kb.InertLine): the
// file may come from another machine or tool, and what it holds enters
// the process here, once for every screen and output.
func inert(s string) string { return kb.InertLine(s) }

// inert makes the fields of a diagnosis read from the journal inert; the
// ticket and the note keep their lines.
func (d *Diagnosis) inert() {
	d.Tree, d.KBHash, d.State, d.Node = inert(d.Tree), inert(d.KBHash), inert(d.State), inert(d.Node)
	d.Verdict, d.Comment, d.Pending = inert(d.Verdict), inert(d.Comment), inert(d.Pending)
	d.Ticket, d.Note = kb.Inert(d.Ticket), kb.Inert(d.Note)
}

// Get returns one diagnosis by ID; ok is false when there is none.
func (j *Journal) Get(id int64) (d Diagnosis, ok bool, err error) {
	db, err := j.read()
	if err != nil {
		return d, false, err
	}
	var started int64
	if err := db.QueryRow(`SELECT started FROM diagnoses WHERE id = ?`, id).Scan(&started); err == sql.ErrNoRows {
		return d, false, nil
	} else if err != nil {
		return d, false, j.classify(err)
	}
	all, err := j.List(Filter{Since: fromMS(started), Until: fromMS(started + 1)})
	if err != nil {
		return d, false, err
	}
	for _, x := range all {
		if x.ID == id {
			return x, true, nil
		}
	}
	return d, false, nil
}

// Count returns how many diagnoses started since t.
func (j *Journal) Count(since time.Time) (int, error) {
	db, err := j.read()
	if err != nil {
		return 0, err
	}
	var n int
	err = db.QueryRow(`SELECT count(*) FROM diagnoses WHERE started >= ?`, ms(since)).Scan(&n)
	return n, j.classify(err)
}

// Unfinished lists the diagnoses left open (interrupted) updated since t,
// newest first.
func (j *Journal) Unfinished(since time.Time, limit int) ([]Diagnosis, error) {
	db, err := j.read()
	if err != nil {
		return nil, err
	}
	rows, err := db.Query(`SELECT id FROM diagnoses WHERE state = 'open' AND updated >= ? ORDER BY updated DESC LIMIT ?`,
		ms(since), limit)
	if err != nil {
		return nil, j.classify(err)
	}
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, j.classify(err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	var out []Diagnosis
	for _, id := range ids {
		d, ok, err := j.Get(id)
		if err != nil {
			return nil, err
		}
		if ok && len(d.Steps) > 0 {
			out = append(out, d)
		}
	}
	return out, nil
}

// Lookup is one search or triage.
type Lookup struct {
	At         time.Time
	Kind       string // LookupSearch or LookupTriage
	Words      string
	Confidence string
	Opened     string
}

// Kinds of lookups.
const (
	LookupSearch = "search"
	LookupTriage = "triage"
)

// AddLookup records a search or a triage.
func (j *Journal) AddLookup(l Lookup) error {
	return j.write(func(tx *sql.Tx) error {
		_, err := tx.Exec(`INSERT INTO lookups (at, kind, words, confidence, opened) VALUES (?,?,?,?,?)`,
			ms(l.At), l.Kind, l.Words, l.Confidence, l.Opened)
		return err
	})
}

// View is one opening of an answer screen, with its vote.
type View struct {
	UID     string
	At      time.Time
	Entry   string
	Helpful *bool
	Comment string
}

// SaveView records an answer viewed, or its vote (by UID).
func (j *Journal) SaveView(v View) error {
	return j.write(func(tx *sql.Tx) error {
		var helpful any
		if v.Helpful != nil {
			helpful = *v.Helpful
		}
		_, err := tx.Exec(`INSERT INTO views (uid, at, entry, helpful, comment) VALUES (?,?,?,?,?)
			ON CONFLICT(uid) DO UPDATE SET helpful = coalesce(excluded.helpful, views.helpful),
				comment = CASE WHEN excluded.comment <> '' THEN excluded.comment ELSE views.comment END`,
			v.UID, ms(v.At), v.Entry, helpful, v.Comment)
		return err
	})
}

// Purge deletes what was recorded before t (every record when t is zero)
// and returns how many diagnoses went.
func (j *Journal) Purge(before time.Time) (int64, error) {
	var n int64
	err := j.write(func(tx *sql.Tx) error {
		var err error
		n, err = purgeTx(tx, before)
		return err
	})
	return n, err
}

func purge(db *sql.DB, before time.Time) (int64, error) {
	tx, err := db.Begin()
	if err != nil {
		return 0, err
	}
	n, err := purgeTx(tx, before)
	if err != nil {
		tx.Rollback()
		return 0, err
	}
	return n, tx.Commit()
}

func purgeTx(tx *sql.Tx, before time.Time) (int64, error) {
	cut := ms(before)
	if before.IsZero() {
		cut = 1<<63 - 1
	}
	res, err := tx.Exec(`DELETE FROM diagnoses WHERE started < ?`, cut)
	if err != nil {
		return 0, err
	}
	n, _ := res.RowsAffected()
	if _, err := tx.Exec(`DELETE FROM lookups WHERE at < ?`, cut); err != nil {
		return 0, err
	}
	_, err = tx.Exec(`DELETE FROM views WHERE at < ?`, cut)
	return n, err
}
