//go:build !windows

package tui

import (
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
)

// suspending is set when a suspension is under way (Ctrl+Z, or a
// SIGTSTP from outside): the SIGTSTP Bubble Tea then sends to the process
// group, once the terminal is restored, must stop the process.
var suspending atomic.Bool

// suspend is the command of Ctrl+Z: Bubble Tea's tea.Suspend (the terminal
// is restored, the process stops; fg resumes it in raw mode).
func suspend() tea.Msg {
	suspending.Store(true)
	return tea.SuspendMsg{}
}

// watchSignals handles the signals Bubble Tea leaves alone:
//   - SIGHUP (terminal closed) and SIGQUIT (Ctrl+\ or kill -QUIT) quit the
//     program the way SIGTERM does, restoring the terminal (alternate
//     screen, cursor, raw mode);
//   - SIGTSTP sent from outside (kill -TSTP) suspends the way Ctrl+Z does:
//     the terminal is restored before the process stops, and fg resumes
//     in raw mode (before, the shell's cooked mode stayed on after fg).
//
// SIGTSTP stays caught the whole time (once notified, a Go program no
// longer stops on it, even after signal.Reset): the SIGTSTP of Bubble
// Tea's suspension is answered with SIGSTOP, which stops the process the
// same way for the shell's job control.
//
// It returns a function that stops watching.
func watchSignals(p *tea.Program) (stop func()) {
	quit := make(chan os.Signal, 1)
	tstp := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(quit, syscall.SIGHUP, syscall.SIGQUIT)
	signal.Notify(tstp, syscall.SIGTSTP)
	go func() {
		for {
			select {
			case <-done:
				return
			case <-quit:
				p.Quit()
			case <-tstp:
				if suspending.Swap(false) {
					// The terminal is restored: stop now.
					_ = syscall.Kill(0, syscall.SIGSTOP)
				} else {
					suspending.Store(true)
					p.Send(tea.SuspendMsg{})
				}
			}
		}
	}()
	return func() {
		close(done)
		signal.Stop(quit)
		signal.Stop(tstp)
	}
}
