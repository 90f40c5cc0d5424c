package kb

import (
	"fmt"
	"slices"
	"strings"
	"time"
)

// Knowledge comes from one of two origins: the official answers of the
// Agence du numérique en santé (the default: entries cite the seeds), or a
// support team's own procedures (origin: team, with an owner and the date
// of their last review instead of seed sources). Everywhere an entry or a
// tree is shown, its origin is said in these words.
const (
	OriginTeam = "team" // the only value the origin field takes

	LabelOfficial = "Officiel (ANS)"
	LabelTeam     = "Interne (équipe)"
)

// ReviewedLayout is the format of the reviewed field: YYYY-MM-DD.
const ReviewedLayout = time.DateOnly

// IsTeam reports whether the entry is a team's own knowledge.
func (e *Entry) IsTeam() bool { return e.Origin == OriginTeam }

// IsTeam reports whether the tree is a team's own procedure.
func (t *Tree) IsTeam() bool { return t.Origin == OriginTeam }

// OriginLabel is the French label of where the entry comes from:
// « Officiel (ANS) », « Interne (équipe) », or for a team entry that took
// the id of an official one « Interne (équipe) — remplace la réponse
// officielle ». The one function every screen, transcript and reply uses.
func (e *Entry) OriginLabel() string {
	if !e.IsTeam() {
		return e.SourceOrigin()
	}
	return originLabel(e.Origin, e.Overrides, "la réponse officielle")
}

// SourceOrigin says who published an official entry's sources:
// « Officiel (ANS) » for the FAQ pages of the Agence du numérique en
// santé, « Presse (DSIH, 14 juin 2022) » for an article seed (its
// published field), both, in the order cited, when it cites both.
func (e *Entry) SourceOrigin() string {
	var out []string
	for _, s := range e.Sources {
		l := LabelOfficial
		if s.Published != "" {
			l = "Presse (" + s.Published + ")"
		}
		if !slices.Contains(out, l) {
			out = append(out, l)
		}
	}
	if len(out) == 0 {
		return LabelOfficial
	}
	return strings.Join(out, " ; ")
}

// OriginLabel is Entry.OriginLabel for a tree.
func (t *Tree) OriginLabel() string {
	return originLabel(t.Origin, t.Overrides, "l'arbre officiel")
}

func originLabel(origin string, overrides bool, what string) string {
	if origin != OriginTeam {
		return LabelOfficial
	}
	if overrides {
		return LabelTeam + " — remplace " + what
	}
	return LabelTeam
}

// Citation says where the entry's answer comes from, on one line: its
// seed sources then « Officiel (ANS) », or for a team entry its origin,
// owner and review date.
func (e *Entry) Citation() string {
	if e.IsTeam() {
		return teamCitation(e.OriginLabel(), e.Owner, e.Reviewed)
	}
	labels := make([]string, len(e.Sources))
	for i, s := range e.Sources {
		labels[i] = s.Label()
	}
	return strings.Join(labels, " ; ") + " · " + e.SourceOrigin()
}

// Citation says where a tree comes from: « Officiel (ANS) », or its team
// origin, owner and review date.
func (t *Tree) Citation() string {
	if t.IsTeam() {
		return teamCitation(t.OriginLabel(), t.Owner, t.Reviewed)
	}
	return LabelOfficial
}

func teamCitation(label, owner, reviewed string) string {
	return fmt.Sprintf("%s · responsable : %s · revu le %s", label, owner, FrenchDate(reviewed))
}

// FrenchDate writes YYYY-MM-DD as DD/MM/YYYY (as it came when invalid:
// lint reports it).
func FrenchDate(d string) string {
	t, err := time.Parse(ReviewedLayout, d)
	if err != nil {
		return d
	}
	return t.Format("02/01/2006")
}
