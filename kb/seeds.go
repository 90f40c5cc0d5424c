package kb

import (
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"
)

// Separator ends each answer of a FAQ seed.
const Separator = "Cette réponse vous a-t-elle été utile ?"

// Lines of the seeds that are not knowledge, skipped on purpose:
//   - the FAQ site's facet prompts ("Votre question concerne …");
//   - result counters ("20 résultats", "205 questions / réponses");
//   - advertising placeholders of the article page ("Publicité en cours de
//     chargement...");
//   - everything of the article page after its closing question ("Avez-vous
//     apprécié ce contenu ?"): teasers of unrelated articles and the
//     newsletter box.
var (
	skipLineRe = sync.OnceValue(func() *regexp.Regexp {
		return regexp.MustCompile(`^(Votre question concerne .*|\d+ résultats|\d+ questions / réponses|Publicité en cours de chargement\.\.\.)$`)
	})
	articleEnd = "Avez-vous apprécié ce contenu ?"
)

// Block is one answer of a FAQ seed.
type Block struct {
	N    int    // 1-based
	Line int    // line of the seed where the answer starts
	Text string // the answer's lines, skipped lines removed
}

// Seed is a parsed seed document: a FAQ page split into blocks, or an
// article (no separators) whose body can be quoted.
type Seed struct {
	Name    string
	Article bool
	Blocks  []Block
	Body    string // the article body (Article only)
	norm    string // Normalize(Body)
}

// ParseSeed splits a seed document.
func ParseSeed(name, text string) *Seed {
	s := &Seed{Name: name}
	lines := strings.Split(strings.ReplaceAll(text, "\r\n", "\n"), "\n")
	if !strings.Contains(text, Separator) {
		s.Article = true
		var body []string
		for _, l := range lines {
			t := strings.TrimSpace(l)
			if t == articleEnd {
				break
			}
			if skipLineRe().MatchString(t) {
				continue
			}
			body = append(body, l)
		}
		s.Body = strings.TrimSpace(strings.Join(body, "\n"))
		s.norm = Normalize(s.Body)
		return s
	}
	var cur []string
	start := 0
	for i, l := range lines {
		// The last separator may end the file without a newline, and may
		// share its line with nothing else.
		t := strings.TrimSpace(l)
		if t == Separator {
			s.Blocks = append(s.Blocks, Block{
				N:    len(s.Blocks) + 1,
				Line: start + 1,
				Text: strings.TrimSpace(strings.Join(cur, "\n")),
			})
			cur, start = nil, i+1
			continue
		}
		if skipLineRe().MatchString(t) || (len(cur) == 0 && t == "") {
			if len(cur) == 0 {
				start = i + 1
			}
			continue
		}
		cur = append(cur, l)
	}
	return s
}

// Normalize collapses every run of white space to one space, so that
// answers compare equal whatever their line breaks.
func Normalize(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// Contains reports whether the article body holds quote (normalised).
func (s *Seed) Contains(quote string) bool {
	q := Normalize(quote)
	return q != "" && strings.Contains(s.norm, q)
}

// Seeds is the set of seed documents by file name.
type Seeds map[string]*Seed

// ReadSeeds parses every *.txt file at the root of fsys.
func ReadSeeds(fsys fs.FS) (Seeds, error) {
	names, err := fs.Glob(fsys, "*.txt")
	if err != nil {
		return nil, err
	}
	out := Seeds{}
	for _, n := range names {
		b, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		out[path.Base(n)] = ParseSeed(path.Base(n), string(b))
	}
	return out, nil
}

// Names returns the seed file names, sorted.
func (ss Seeds) Names() []string {
	names := make([]string, 0, len(ss))
	for n := range ss {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}
