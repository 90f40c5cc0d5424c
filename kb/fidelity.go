package kb

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Fidelity rules of lint: what an agent reads to a doctor says no more than
// the seeds, and says it the same way everywhere.
//
//   - A conclusion's text and steps quote (between « and ») only what one of
//     its cited entries says, and never nest « » quotes.
//   - A conclusion is never "resolved" on an entry whose source lost a link
//     or an image (the agent cannot give what is missing).
//   - An answer ending on « : » (a link or document lost from the page) says
//     so with lost_links.
//   - Options go « Oui… » before « Non… » before « Ne sait pas »: digits
//     answer at once, so every question keeps one order.
//   - A quote of an article carries the article's outlet and date
//     (published), each found in the article.
func (k *KB) lintFidelity(seeds Seeds) Problems {
	var probs Problems
	for _, e := range k.Entries {
		if a := strings.TrimSpace(e.Answer); strings.HasSuffix(a, ":") && !endsOnLostLink(e) {
			probs.add(e.Pos, "entry %q: the answer ends on « : » (a link or document lost from the source): name it in lost_links", e.ID)
		}
		for i, s := range e.Sources {
			sd := seeds[s.Seed]
			if sd == nil || !sd.Article || s.Quote == "" {
				continue
			}
			sw := "entry " + quote(e.ID) + ", source " + strconv.Itoa(i+1)
			if !sd.Contains(s.Quote) {
				continue // reported as not found: one cause, one problem
			}
			if strings.TrimSpace(s.Published) == "" {
				probs.add(s.Pos, "%s: a quote of the article %s needs published (its outlet and date, e.g. \"DSIH, 14 juin 2022\")", sw, s.Seed)
				continue
			}
			for _, part := range strings.Split(s.Published, ",") {
				if p := strings.TrimSpace(part); p != "" && !strings.Contains(sd.Body, p) {
					probs.add(s.Pos, "%s: published %q is not in the article %s", sw, p, s.Seed)
				}
			}
		}
	}
	for _, t := range k.Trees {
		for _, n := range t.Nodes {
			what := "tree " + quote(t.ID) + ", node " + quote(n.ID)
			switch n.Kind {
			case KindQuestion:
				if i, j, ok := optionOrder(n.Options); !ok {
					probs.add(n.Options[j].Pos, "%s: option %q comes after %q: options go « Oui… », then « Non… », then « Ne sait pas »", what, n.Options[j].Label, n.Options[i].Label)
				}
			case KindConclusion:
				probs = append(probs, k.lintConclusion(n, what)...)
			}
		}
	}
	return probs
}

func (k *KB) lintConclusion(n *Node, what string) Problems {
	var probs Problems
	var cited []*Entry
	for _, id := range n.Entries {
		if o := k.shadowedEntry(id); o != nil {
			// A team entry took this official id: the official tree
			// still quotes the official answer it was written from.
			cited = append(cited, o)
		}
		if e := k.Entry(id); e != nil {
			cited = append(cited, e)
			if n.Verdict == VerdictResolved && e.HasLostLink() {
				probs.add(n.Pos, "%s: resolved, but cites %q, whose source lost a link or an image: use info", what, e.ID)
			}
		}
	}
	texts := append([]string{n.Text}, n.Steps...)
	for _, text := range texts {
		quotes, nested := Quotes(text)
		if nested {
			probs.add(n.Pos, "%s: nested « » quotes in %q: use “ ” inside « »", what, clip(text))
			continue
		}
		for _, q := range quotes {
			if !quotedIn(q, cited) {
				probs.add(n.Pos, "%s: quotes « %s », which no cited entry says", what, clip(q))
			}
		}
	}
	return probs
}

// Quotes returns the texts between « and » in s, and whether a « opens
// inside another.
func Quotes(s string) (quotes []string, nested bool) {
	depth, start := 0, 0
	for i, r := range s {
		switch r {
		case '«':
			depth++
			if depth > 1 {
				nested = true
			} else {
				start = i + len("«")
			}
		case '»':
			if depth == 1 {
				quotes = append(quotes, s[start:i])
			}
			if depth > 0 {
				depth--
			}
		}
	}
	return quotes, nested
}

// quotedIn reports whether q is said by one of the entries (white space,
// case, apostrophes and quote marks aside; surrounding punctuation too).
func quotedIn(q string, entries []*Entry) bool {
	fq := strings.Trim(foldQuote(q), " .,;:!?…")
	if fq == "" {
		return true
	}
	for _, e := range entries {
		if strings.Contains(foldQuote(e.Answer), fq) {
			return true
		}
	}
	return false
}

// foldQuote lowers s, unifies apostrophes and drops quote marks (« x »,
// “x” and "x" compare equal), then collapses white space.
func foldQuote(s string) string {
	s = strings.NewReplacer("’", "'", "‘", "'", "“", " ", "”", " ", "«", " ", "»", " ", `"`, " ").Replace(strings.ToLower(s))
	return Normalize(s)
}

// optionOrder finds two options out of the order « Oui… », « Non… »,
// « Ne sait pas »: the indexes of the earlier and the later one.
func optionOrder(opts []Option) (int, int, bool) {
	last, lastAt := -1, -1
	for j, o := range opts {
		r := optionRank(o.Label)
		if r < 0 {
			continue
		}
		if r < last {
			return lastAt, j, false
		}
		last, lastAt = r, j
	}
	return 0, 0, true
}

// optionRank: 0 for « Oui… », 1 for « Non… », 2 for « Ne sait pas » (or
// « Je ne sais pas »), -1 for any other label.
func optionRank(label string) int {
	l := strings.ToLower(strings.TrimSpace(label))
	word := func(w string) bool {
		if !strings.HasPrefix(l, w) {
			return false
		}
		r, _ := utf8.DecodeRuneInString(l[len(w):])
		return len(l) == len(w) || !(r >= 'a' && r <= 'z')
	}
	switch {
	case word("oui"):
		return 0
	case word("non"):
		return 1
	case strings.HasPrefix(l, "ne sait pas"), strings.HasPrefix(l, "je ne sais pas"), strings.HasPrefix(l, "ne sais pas"):
		return 2
	}
	return -1
}

// endsOnLostLink reports whether a lost link is marked at the very end of
// the answer.
func endsOnLostLink(e *Entry) bool {
	a := strings.TrimSpace(e.Answer)
	for _, at := range e.LostLinks {
		if at != "" && strings.HasSuffix(a, strings.TrimSpace(at)) {
			return true
		}
	}
	return false
}

func clip(s string) string {
	r := []rune(Normalize(s))
	if len(r) > 60 {
		return string(r[:57]) + "…"
	}
	return string(r)
}
