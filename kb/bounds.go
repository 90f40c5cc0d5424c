package kb

// Bounds on what a knowledge file may make the YAML parser build. yaml.v3
// builds the whole node tree of a file before anything can look at it, at
// about 430 bytes a node: a 31 MiB `zzz: [a,a,a,…]` (16 million nodes)
// took 53 s and 3.2 GB to be told « unknown field ». The nodes are
// therefore counted from the text first, by countNodes, and the tree is
// built only when there are few enough.

// MaxNodes bounds the YAML values (mappings, lists, scalars, keys
// included) of one knowledge file: about 4,500 entries of the usual size.
// The largest file of kb/data holds about 600.
const MaxNodes = 100_000

// MaxDirSize bounds the YAML of one knowledge directory, all its files
// together (about 20,000 entries of the usual size).
const MaxDirSize = 32 << 20

// countNodes estimates the number of nodes yaml.v3 would build for data,
// from its text alone, stopping once it exceeds limit. It returns the
// count and the line where it went over the limit (0 when it did not).
//
// It follows what makes a node: a scalar's first character (plain or
// quoted), a block scalar's indicator (| or >, whose indented lines are
// skipped), a flow collection's [ or {, a key with nothing after its
// colon or a dash alone on its line (a nested collection), a dash followed
// by a key (a mapping in a list). Commas and colons inside quoted scalars,
// block scalars and comments count for nothing. It is exact on the usual
// knowledge files and within a few per cent on others (a plain scalar
// continued on several lines counts once a line).
func countNodes(data []byte, limit int) (n, overLine int) {
	n = 2 // the document and its root
	var (
		flow     int  // depth of [ and {
		quote    byte // the quote of a quoted scalar spanning lines, or 0
		blockCol = -1 // a block scalar's lines are indented beyond it
	)
	line := 0
	for start := 0; start < len(data); {
		end := start
		for end < len(data) && data[end] != '\n' {
			end++
		}
		l := data[start:end]
		start = end + 1
		line++
		indent := 0
		for indent < len(l) && l[indent] == ' ' {
			indent++
		}
		if blockCol >= 0 {
			if blank(l[indent:]) || indent > blockCol {
				continue
			}
			blockCol = -1
		}
		n += countLine(l, indent, &flow, &quote, &blockCol)
		if n > limit {
			return n, line
		}
	}
	return n, 0
}

func blank(s []byte) bool {
	for _, c := range s {
		if c != ' ' && c != '\t' && c != '\r' {
			return false
		}
	}
	return true
}

// countLine counts the nodes that begin on one line (see countNodes).
func countLine(l []byte, indent int, flow *int, quote *byte, blockCol *int) int {
	n := 0
	i := indent
	// At the start of a value: a scalar, a collection or a dash may begin.
	atStart := *quote == 0
	keyCol := indent // the column of the innermost key or dash
	scalarCol := indent
	dashItem := false
	sep := func(j int) bool { // a space, a tab or the end of the line after j
		return j+1 >= len(l) || l[j+1] == ' ' || l[j+1] == '\t' || l[j+1] == '\r'
	}
	for i < len(l) {
		c := l[i]
		if *quote != 0 {
			switch {
			case *quote == '"' && c == '\\':
				i++
			case c == *quote && *quote == '\'' && i+1 < len(l) && l[i+1] == '\'':
				i++
			case c == *quote:
				*quote = 0
			}
			i++
			continue
		}
		switch {
		case c == ' ' || c == '\t' || c == '\r':
		case c == '#' && (i == 0 || l[i-1] == ' ' || l[i-1] == '\t'):
			return n
		case atStart && *flow == 0 && c == '-' && sep(i):
			keyCol, dashItem = i, true
			if blank(l[i+1:]) {
				return n + 1 // a nested collection (or null) on the next lines
			}
		case atStart && (c == '[' || c == '{'):
			*flow++
			n++
		case atStart && (c == '"' || c == '\''):
			*quote = c
			n++
			atStart, scalarCol = false, i
		case atStart && *flow == 0 && (c == '|' || c == '>'):
			*blockCol = keyCol
			return n + 1
		case atStart && (c == '&' || c == '!'): // anchor or tag: skip it
			for i+1 < len(l) && l[i+1] != ' ' {
				i++
			}
		case *flow > 0 && (c == ']' || c == '}'):
			*flow--
			atStart = false
		case *flow > 0 && c == ',':
			atStart = true
		case c == ':' && (sep(i) || *flow > 0 && i+1 < len(l) && (l[i+1] == ',' || l[i+1] == ']' || l[i+1] == '}')):
			// The scalar before was a key.
			if dashItem && *flow == 0 {
				n++ // "- key: …" opens a mapping in the list
				dashItem = false
			}
			if *flow == 0 {
				keyCol = scalarCol
				if blank(l[i+1:]) {
					return n + 1 // the value is on the next lines
				}
			}
			atStart = true
		case atStart:
			n++ // a plain scalar (or an alias)
			atStart, scalarCol = false, i
		}
		i++
	}
	return n
}
