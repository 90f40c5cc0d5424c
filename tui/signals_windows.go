//go:build windows

package tui

import tea "github.com/charmbracelet/bubbletea"

func suspend() tea.Msg { return tea.SuspendMsg{} }

func watchSignals(*tea.Program) func() { return func() {} }
