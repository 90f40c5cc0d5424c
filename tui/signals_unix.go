//go:build !windows

package tui

import (
	"os"
	"os/signal"
	"sync/atomic"
	"syscall"

	tea "github.com/charmbracelet/bubbletea"
)

// suspending is set by Ctrl+Z just before Bubble Tea releases the terminal
// and stops the process with SIGTSTP: watchSignals then lets that signal
// stop the process instead of starting another suspension.
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
//     in raw mode (without this, the shell's cooked mode stayed on).
//
// It returns a function that stops watching.
func watchSignals(p *tea.Program) (stop func()) {
	quit := make(chan os.Signal, 1)
	tstp := make(chan os.Signal, 1)
	cont := make(chan os.Signal, 1)
	done := make(chan struct{})
	signal.Notify(quit, syscall.SIGHUP, syscall.SIGQUIT)
	signal.Notify(tstp, syscall.SIGTSTP)
	signal.Notify(cont, syscall.SIGCONT)
	go func() {
		for {
			select {
			case <-done:
				return
			case <-quit:
				p.Quit()
			case <-tstp:
				// Let the next SIGTSTP take its default action (stop).
				signal.Reset(syscall.SIGTSTP)
				drain(cont)
				if suspending.Swap(false) {
					// Ctrl+Z: Bubble Tea has released the terminal and
					// sent this SIGTSTP; send it again, uncaught.
					_ = syscall.Kill(0, syscall.SIGTSTP)
				} else {
					p.Send(tea.SuspendMsg{})
				}
				select {
				case <-done:
					return
				case <-cont:
				}
				signal.Notify(tstp, syscall.SIGTSTP)
			}
		}
	}()
	return func() {
		close(done)
		signal.Stop(quit)
		signal.Stop(tstp)
		signal.Stop(cont)
	}
}

func drain(c chan os.Signal) {
	for {
		select {
		case <-c:
		default:
			return
		}
	}
}
