package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/viper"
)

// pathSetting reads a file or directory setting. A leading ~ is the user's home, as a
// shell would make it: YAML and --flag=~/x are not expanded by one, and till took
// "~/till.db" as a directory named "~" under wherever it was started, so each start
// from elsewhere had a database, and a journal of unfinished payments, of its own.
func pathSetting(v *viper.Viper, key string) string {
	return expandHome(strings.TrimSpace(v.GetString(key)))
}

// expandHome replaces a leading "~" or "~/" with the home directory; other paths, and
// ~ when there is no home directory, are returned as they are.
func expandHome(path string) string {
	if path != "~" && !strings.HasPrefix(path, "~/") {
		return path
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return path
	}
	return filepath.Join(home, path[1:])
}
