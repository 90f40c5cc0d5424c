package cli

func notYet(c *ctx, args []string) int { return ExitUsage }

var (
	cmdSearch = notYet
	cmdTriage = notYet
)
