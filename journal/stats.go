package journal

import (
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"
)

// Report is what the people who keep the knowledge read: how each tree
// ends, which answers help, and what agents look for in vain. Every figure
// is computed in SQL over one journal or several (ATTACH).
type Report struct {
	Files     []string      `json:"files"`
	Since     time.Time     `json:"since,omitzero"`
	Diagnoses int           `json:"diagnoses"`
	Trees     []TreeStats   `json:"trees"`
	Answers   []AnswerStats `json:"answers"`
	// Unanswered are the searches and triages judged low or none,
	// grouped by their words, most frequent first.
	Unanswered []Unanswered `json:"unanswered"`
}

// TreeStats are the figures of one tree.
type TreeStats struct {
	Tree      string   `json:"tree"`
	Started   int      `json:"started"`
	Concluded int      `json:"concluded"`
	Abandoned int      `json:"abandoned"` // left or interrupted before a conclusion
	Votes     int      `json:"votes"`
	Helpful   int      `json:"helpful"`
	Rate      *float64 `json:"helpful_rate"` // Helpful/Votes in %, null without votes
	Verdicts  []Count  `json:"verdicts"`
	// StoppedAt: the questions where unfinished diagnoses stopped.
	StoppedAt []Count `json:"stopped_at"`
}

// Count is a key and how many times it occurs.
type Count struct {
	Key string `json:"key"`
	N   int    `json:"n"`
}

// AnswerStats are the views and votes of one answer screen.
type AnswerStats struct {
	Entry   string   `json:"entry"`
	Views   int      `json:"views"`
	Votes   int      `json:"votes"`
	Helpful int      `json:"helpful"`
	Rate    *float64 `json:"helpful_rate"` // null without votes
}

// Unanswered is a group of searches and triages with the same words.
type Unanswered struct {
	Words    string `json:"words"`
	N        int    `json:"n"`
	Searches int    `json:"searches"`
	Triages  int    `json:"triages"`
}

// Stats reads the journals at paths (read-only) and computes the report
// of what was recorded since t (everything when zero).
func Stats(paths []string, since time.Time) (*Report, error) {
	if len(paths) == 0 {
		return nil, errors.New("no journal")
	}
	db, err := sql.Open("sqlite", "file::memory:")
	if err != nil {
		return nil, err
	}
	defer db.Close()
	db.SetMaxOpenConns(1) // the attachments belong to the connection
	// The columns the report reads, named: journals of different
	// schema versions (a column added since) are read together.
	columns := map[string]string{
		"diagnoses": "tree, state, verdict, node, helpful, started",
		"lookups":   "at, kind, words, confidence",
		"views":     "entry, helpful, at",
	}
	tables := map[string][]string{} // table → one SELECT per journal
	for i, p := range paths {
		if err := attach(db, i, p); err != nil {
			return nil, err
		}
		for t, cols := range columns {
			tables[t] = append(tables[t], fmt.Sprintf("SELECT %d AS src, %s FROM j%d.%s", i, cols, i, t))
		}
	}
	for t, parts := range tables {
		if _, err := db.Exec("CREATE TEMP VIEW all_" + t + " AS " + strings.Join(parts, " UNION ALL ")); err != nil {
			return nil, err
		}
	}
	r := &Report{Files: paths, Since: since, Trees: []TreeStats{}, Answers: []AnswerStats{}, Unanswered: []Unanswered{}}
	t := ms(since)
	if err := db.QueryRow(`SELECT count(*) FROM all_diagnoses WHERE started >= ?`, t).Scan(&r.Diagnoses); err != nil {
		return nil, err
	}
	rows, err := db.Query(`SELECT tree, count(*), sum(state = 'concluded'), sum(state <> 'concluded'),
			count(helpful), coalesce(sum(helpful = 1), 0),
			round(100.0 * sum(helpful = 1) / nullif(count(helpful), 0), 1)
		FROM all_diagnoses WHERE started >= ? GROUP BY tree ORDER BY count(*) DESC, tree`, t)
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	for rows.Next() {
		var s TreeStats
		if err := rows.Scan(&s.Tree, &s.Started, &s.Concluded, &s.Abandoned, &s.Votes, &s.Helpful, &s.Rate); err != nil {
			rows.Close()
			return nil, err
		}
		s.Tree = inert(s.Tree)
		s.Verdicts, s.StoppedAt = []Count{}, []Count{}
		index[s.Tree] = len(r.Trees)
		r.Trees = append(r.Trees, s)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	counts := func(q string, add func(s *TreeStats, c Count)) error {
		rows, err := db.Query(q, t)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var tree string
			var c Count
			if err := rows.Scan(&tree, &c.Key, &c.N); err != nil {
				return err
			}
			c.Key = inert(c.Key)
			if i, ok := index[inert(tree)]; ok {
				add(&r.Trees[i], c)
			}
		}
		return rows.Err()
	}
	// +state: scan the covering index diagnoses_stats, not diagnoses_open.
	if err := counts(`SELECT tree, verdict, count(*) FROM all_diagnoses WHERE started >= ? AND +state = 'concluded'
		GROUP BY tree, verdict ORDER BY count(*) DESC, verdict`, func(s *TreeStats, c Count) { s.Verdicts = append(s.Verdicts, c) }); err != nil {
		return nil, err
	}
	if err := counts(`SELECT tree, node, count(*) FROM all_diagnoses WHERE started >= ? AND state <> 'concluded'
		GROUP BY tree, node ORDER BY count(*) DESC, node`, func(s *TreeStats, c Count) { s.StoppedAt = append(s.StoppedAt, c) }); err != nil {
		return nil, err
	}
	rows, err = db.Query(`SELECT entry, count(*), count(helpful), coalesce(sum(helpful = 1), 0),
			round(100.0 * sum(helpful = 1) / nullif(count(helpful), 0), 1)
		FROM all_views WHERE at >= ? GROUP BY entry ORDER BY count(*) DESC, entry`, t)
	if err != nil {
		return nil, err
	}
	for rows.Next() {
		var a AnswerStats
		if err := rows.Scan(&a.Entry, &a.Views, &a.Votes, &a.Helpful, &a.Rate); err != nil {
			rows.Close()
			return nil, err
		}
		a.Entry = inert(a.Entry)
		r.Answers = append(r.Answers, a)
	}
	rows.Close()
	rows, err = db.Query(`SELECT words, count(*), sum(kind = 'search'), sum(kind = 'triage')
		FROM all_lookups WHERE at >= ? AND confidence IN ('low', 'none') AND words <> ''
		GROUP BY words ORDER BY count(*) DESC, words LIMIT 50`, t)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var u Unanswered
		if err := rows.Scan(&u.Words, &u.N, &u.Searches, &u.Triages); err != nil {
			return nil, err
		}
		u.Words = inert(u.Words)
		r.Unanswered = append(r.Unanswered, u)
	}
	return r, rows.Err()
}

// attach attaches the journal at path as j<i>, read-only.
func attach(db *sql.DB, i int, path string) error {
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	name := fmt.Sprintf("j%d", i)
	u := "file:" + (&url.URL{Path: path}).EscapedPath()
	var err error
	for _, mode := range []string{"?mode=ro", "?immutable=1"} {
		if _, err = db.Exec(`ATTACH DATABASE ? AS `+name, u+mode); err != nil {
			continue
		}
		var v int
		if err = db.QueryRow(`PRAGMA ` + name + `.user_version`).Scan(&v); err == nil {
			switch {
			case v == 0:
				err = errors.New("not an ecps-assist journal")
			case v > len(migrations):
				err = fmt.Errorf("schema version %d, newer than this ecps-assist (%d)", v, len(migrations))
			}
			if err == nil {
				return nil
			}
		}
		db.Exec(`DETACH DATABASE ` + name)
		if v > 0 || err != nil && !isCantOpen(err) {
			break
		}
	}
	return fmt.Errorf("%s: %v", path, err)
}

func isCantOpen(err error) bool {
	k := kindOf(err)
	return k == ReadOnly || k == Locked
}
