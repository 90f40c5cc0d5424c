//go:build race

package tui

// raceEnabled: the race detector makes the monkey test ~10× slower.
const raceEnabled = true
