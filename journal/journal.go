// Package journal records what the assistant does in an embedded SQLite
// database ($XDG_STATE_HOME/ecps-assist/journal.db): every diagnosis as it
// goes (tree, content hash, each answer and check input with the checker's
// verdict, the conclusion, timings, the agent's ticket reference, note and
// « utile ? » vote), the searches and triages with their confidence band and
// what was opened, and the answers viewed with their votes. It imports no UI
// package.
//
// Privacy: no ticket text is stored (a triage keeps only the ticket's words
// that are words of the knowledge base), no free text but what the agent
// types in a note or comment; identifiers are stored as typed in a check
// node, with the checker's verdict.
//
// A journal that cannot be used (locked, read-only, corrupt, disk full, a
// newer schema) returns an *Error naming why; the caller goes on without it.
// A corrupt file is renamed aside (journal.db.corrupt-YYYYMMDD-HHMMSS), never
// overwritten, and a new journal is started.
package journal

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// DefaultBusyTimeout is how long a write waits for another window's
// transaction to end.
const DefaultBusyTimeout = 2 * time.Second

// Options of a journal.
type Options struct {
	// RetentionDays: older diagnoses, searches and views are deleted when
	// the journal is opened; 0 keeps everything.
	RetentionDays int
	BusyTimeout   time.Duration
	Now           func() time.Time

	// maxPages bounds the database (tests: a full disk).
	maxPages int
}

// Journal is a handle on the database, opened on first use (New does no
// I/O). Its methods are safe for concurrent use.
type Journal struct {
	path string
	opts Options

	once sync.Once
	db   *sql.DB
	err  error
	// Notice is set when opening had something to say that is not an
	// error (a corrupt file set aside); French.
	notice string

	mu sync.Mutex // serialises writes

	readOnly bool // tests: a journal that cannot be written
}

// New returns a journal at path; the file is opened (created, migrated,
// trimmed to the retention) by the first method that needs it.
func New(path string, o Options) *Journal {
	if o.BusyTimeout <= 0 {
		o.BusyTimeout = DefaultBusyTimeout
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Journal{path: path, opts: o}
}

// Open returns an opened journal, or the reason it cannot be used.
func Open(path string, o Options) (*Journal, error) {
	j := New(path, o)
	if err := j.ready(); err != nil {
		return nil, err
	}
	return j, nil
}

// Path is the database file.
func (j *Journal) Path() string { return j.path }

// Notice is what opening had to say besides errors (a corrupt journal set
// aside), in French; "" when nothing.
func (j *Journal) Notice() string {
	if j.ready() != nil {
		return ""
	}
	return j.notice
}

// Close closes the database (waiting for a write in progress).
func (j *Journal) Close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.db != nil {
		err := j.db.Close()
		j.db = nil
		if j.err == nil {
			j.err = &Error{Kind: Closed, Err: errors.New("closed")}
		}
		return err
	}
	return nil
}

func (j *Journal) ready() error {
	j.once.Do(func() { j.err = j.open() })
	return j.err
}

// Kind of fault.
type Kind int

const (
	Other    Kind = iota
	Locked        // another process holds the database
	ReadOnly      // the file or its directory cannot be written
	Corrupt       // not a database, or damaged
	Full          // the disk (or the size limit) is full
	Newer         // written by a newer version of ecps-assist
	Disabled      // journal.enabled: false, or no state directory
	Closed
)

// Error is why the journal cannot be used.
type Error struct {
	Kind Kind
	Path string
	Err  error
}

func (e *Error) Error() string {
	if e.Path != "" {
		return fmt.Sprintf("journal %s: %v", e.Path, e.Err)
	}
	return "journal: " + e.Err.Error()
}

func (e *Error) Unwrap() error { return e.Err }

// French says why, for the status line.
func (e *Error) French() string {
	switch e.Kind {
	case Locked:
		return "il est verrouillé par un autre programme"
	case ReadOnly:
		return "le fichier ou son dossier est en lecture seule"
	case Corrupt:
		return "le fichier est endommagé"
	case Full:
		return "le disque est plein"
	case Newer:
		return "il a été écrit par une version plus récente d'ecps-assist"
	case Disabled:
		if e.Path == "" && strings.Contains(e.Err.Error(), "state directory") {
			return "aucun dossier pour l'enregistrer (HOME et XDG_STATE_HOME non définis)"
		}
		return "il est désactivé (journal.enabled: false)"
	case Closed:
		return "il est fermé"
	}
	// The system's reasons an agent may meet, in French; any other is
	// quoted as the system gives it.
	at := ""
	if e.Path != "" {
		at = " (" + e.Path + ")"
	}
	switch {
	case errors.Is(e.Err, syscall.EISDIR):
		return "son chemin est celui d'un dossier" + at
	case errors.Is(e.Err, syscall.ENOTDIR):
		return "un élément de son chemin est un fichier, pas un dossier" + at
	case errors.Is(e.Err, fs.ErrPermission):
		return "accès refusé" + at
	case errors.Is(e.Err, fs.ErrNotExist):
		return "son dossier n'existe pas et n'a pas pu être créé" + at
	}
	return "erreur du système : " + e.Err.Error()
}

// classify wraps err as an *Error with its kind.
func (j *Journal) classify(err error) error {
	if err == nil {
		return nil
	}
	var je *Error
	if errors.As(err, &je) {
		return err
	}
	return &Error{Kind: kindOf(err), Path: j.path, Err: err}
}

func kindOf(err error) Kind {
	var se *sqlite.Error
	if errors.As(err, &se) {
		switch se.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED:
			return Locked
		case sqlite3.SQLITE_READONLY, sqlite3.SQLITE_PERM, sqlite3.SQLITE_CANTOPEN:
			return ReadOnly
		case sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB:
			return Corrupt
		case sqlite3.SQLITE_FULL:
			return Full
		}
	}
	switch {
	case errors.Is(err, os.ErrPermission), errors.Is(err, syscall.EROFS):
		return ReadOnly
	case isNoSpace(err):
		return Full
	}
	return Other
}

func dsn(path string, o Options, ro bool) string {
	q := fmt.Sprintf("_pragma=busy_timeout(%d)&_pragma=synchronous(NORMAL)&_pragma=foreign_keys(1)&_txlock=immediate",
		o.BusyTimeout.Milliseconds())
	if o.maxPages > 0 {
		q += fmt.Sprintf("&_pragma=max_page_count(%d)", o.maxPages)
	}
	if ro {
		q += "&mode=ro"
	}
	return "file:" + (&url.URL{Path: path}).EscapedPath() + "?" + q
}

func (j *Journal) open() error {
	if j.path == "" {
		return &Error{Kind: Disabled, Err: errors.New("no state directory (HOME and XDG_STATE_HOME unset)")}
	}
	dir := filepath.Dir(j.path)
	if _, err := os.Stat(dir); errors.Is(err, os.ErrNotExist) {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return j.classify(err)
		}
	}
	db, err := j.connect()
	if err != nil && kindOf(err) == Corrupt {
		aside, rerr := setAside(j.path, j.opts.Now())
		if rerr != nil {
			return &Error{Kind: Corrupt, Path: j.path, Err: fmt.Errorf("%v; could not set it aside: %v", err, rerr)}
		}
		j.notice = "Journal endommagé mis de côté (" + filepath.Base(aside) + ") ; un nouveau journal est commencé."
		db, err = j.connect()
	}
	if err != nil {
		return j.classify(err)
	}
	j.db = db
	if j.opts.RetentionDays > 0 {
		if _, err := purge(db, j.opts.Now().AddDate(0, 0, -j.opts.RetentionDays)); err != nil {
			db.Close()
			j.db = nil
			return j.classify(err)
		}
	}
	return nil
}

// connect opens the file (created 0600), sets WAL and migrates.
func (j *Journal) connect() (*sql.DB, error) {
	f, err := os.OpenFile(j.path, os.O_RDWR|os.O_CREATE, 0o600)
	if err != nil {
		return nil, err
	}
	f.Close()
	db, err := sql.Open("sqlite", dsn(j.path, j.opts, j.readOnly))
	if err != nil {
		return nil, err
	}
	db.SetMaxOpenConns(1)
	if err := j.prepare(db); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

func (j *Journal) prepare(db *sql.DB) error {
	ctx := context.Background()
	var v int
	if err := db.QueryRowContext(ctx, "PRAGMA user_version").Scan(&v); err != nil {
		return err
	}
	if v > len(migrations) {
		return &Error{Kind: Newer, Path: j.path, Err: fmt.Errorf("schema version %d, this ecps-assist knows up to %d", v, len(migrations))}
	}
	var mode string
	if err := db.QueryRowContext(ctx, "PRAGMA journal_mode=WAL").Scan(&mode); err != nil {
		return err
	}
	return migrate(ctx, db, v)
}

// setAside renames a corrupt database (and its WAL files) to a name with a
// timestamp that does not exist yet.
func setAside(path string, now time.Time) (string, error) {
	base := path + ".corrupt-" + now.Format("20060102-150405")
	aside := base
	for i := 2; ; i++ {
		if _, err := os.Lstat(aside); errors.Is(err, os.ErrNotExist) {
			break
		}
		aside = fmt.Sprintf("%s-%d", base, i)
	}
	if err := os.Rename(path, aside); err != nil {
		return "", err
	}
	for _, sfx := range []string{"-wal", "-shm"} {
		if _, err := os.Lstat(path + sfx); err == nil {
			os.Rename(path+sfx, aside+sfx)
		}
	}
	return aside, nil
}

// write runs fn in one transaction, serialised with the other writes.
func (j *Journal) write(fn func(tx *sql.Tx) error) error {
	if err := j.ready(); err != nil {
		return err
	}
	j.mu.Lock()
	defer j.mu.Unlock()
	if j.db == nil {
		return j.err
	}
	tx, err := j.db.Begin()
	if err != nil {
		return j.classify(err)
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return j.classify(err)
	}
	return j.classify(tx.Commit())
}

// read returns the database for a query.
func (j *Journal) read() (*sql.DB, error) {
	if err := j.ready(); err != nil {
		return nil, err
	}
	j.mu.Lock()
	db := j.db
	j.mu.Unlock()
	if db == nil {
		return nil, j.err
	}
	return db, nil
}

func ms(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMilli()
}

func fromMS(v int64) time.Time {
	if v == 0 {
		return time.Time{}
	}
	return time.UnixMilli(v)
}

func isNoSpace(err error) bool { return errors.Is(err, syscall.ENOSPC) }
