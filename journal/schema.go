package journal

import (
	"context"
	"database/sql"
	"fmt"
)

// migrations[i] takes the schema from version i to i+1 (PRAGMA
// user_version). Append only: never edit a migration that has shipped.
// Times are Unix milliseconds.
var migrations = []string{
	// 1: diagnoses with their steps, searches and triages, answer views.
	`CREATE TABLE diagnoses (
		id      INTEGER PRIMARY KEY,
		uid     TEXT NOT NULL UNIQUE,   -- chosen by the writer: writes are idempotent
		rev     INTEGER NOT NULL,       -- a write older than the stored one is ignored
		tree    TEXT NOT NULL,
		kb_hash TEXT NOT NULL,          -- content hash of the tree walked
		started INTEGER NOT NULL,
		updated INTEGER NOT NULL,
		ended   INTEGER NOT NULL DEFAULT 0, -- conclusion reached, or left
		state   TEXT NOT NULL,          -- open | concluded | abandoned
		node    TEXT NOT NULL,          -- current node: the last question, or the conclusion
		verdict TEXT NOT NULL DEFAULT '',
		ticket  TEXT NOT NULL DEFAULT '', -- ticket reference typed by the agent
		note    TEXT NOT NULL DEFAULT '', -- note typed by the agent
		helpful INTEGER,                -- « utile ? »: 1 oui, 0 non, NULL not answered
		comment TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX diagnoses_started ON diagnoses(started);
	CREATE INDEX diagnoses_open ON diagnoses(state, updated);
	-- covers every stats query: index-only scans, already in tree order
	CREATE INDEX diagnoses_stats ON diagnoses(tree, state, verdict, node, helpful, started);
	CREATE TABLE steps (
		diagnosis INTEGER NOT NULL REFERENCES diagnoses(id) ON DELETE CASCADE,
		seq     INTEGER NOT NULL,
		node    TEXT NOT NULL,
		answer  TEXT NOT NULL,          -- option id, or the checker's outcome
		input   TEXT NOT NULL DEFAULT '', -- check node: the identifier as typed
		verdict TEXT NOT NULL DEFAULT '', -- check node: the checker's message
		at      INTEGER NOT NULL,
		PRIMARY KEY (diagnosis, seq)
	) WITHOUT ROWID;
	CREATE TABLE lookups (
		id         INTEGER PRIMARY KEY,
		at         INTEGER NOT NULL,
		kind       TEXT NOT NULL,       -- search | triage
		words      TEXT NOT NULL,       -- search: the query; triage: its knowledge words only
		confidence TEXT NOT NULL,       -- high | low | none
		opened     TEXT NOT NULL DEFAULT '' -- tree or answer id opened, '' if none
	);
	CREATE INDEX lookups_at ON lookups(at);
	CREATE TABLE views (
		id      INTEGER PRIMARY KEY,
		uid     TEXT NOT NULL UNIQUE,
		at      INTEGER NOT NULL,
		entry   TEXT NOT NULL,
		helpful INTEGER,
		comment TEXT NOT NULL DEFAULT ''
	);
	CREATE INDEX views_at ON views(at);`,
	// 2: the identifier typed at a check node and not checked yet, so
	// that quitting (ctrl+c) before Entrée does not lose it.
	`ALTER TABLE diagnoses ADD COLUMN pending TEXT NOT NULL DEFAULT '';`,
}

// SchemaVersion is the schema this build writes.
var SchemaVersion = len(migrations)

func migrate(ctx context.Context, db *sql.DB, from int) error {
	for v := from; v < len(migrations); v++ {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		// Another window may have migrated meanwhile.
		var cur int
		if err := tx.QueryRowContext(ctx, "PRAGMA user_version").Scan(&cur); err != nil {
			tx.Rollback()
			return err
		}
		if cur > v {
			tx.Rollback()
			v = cur - 1
			continue
		}
		if _, err := tx.ExecContext(ctx, migrations[v]); err != nil {
			tx.Rollback()
			return fmt.Errorf("migration %d: %w", v+1, err)
		}
		if _, err := tx.ExecContext(ctx, fmt.Sprintf("PRAGMA user_version = %d", v+1)); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}
