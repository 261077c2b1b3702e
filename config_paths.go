package main

import (
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/viper"
)

// pathSettings are the settings that name a file or a directory.
var pathSettings = []string{
	"store.path", "log.file", "support.export_dir", "emulator.state",
	"stripe.api_key_file", "webhook.secret_file", "receipt.directory",
}

// pathSetting reads a file or directory setting. A leading ~ is the user's home, as a
// shell would make it: YAML and --flag=~/x are not expanded by one, and till took
// "~/till.db" as a directory named "~" under wherever it was started, so each start
// from elsewhere had a database, and a journal of unfinished payments, of its own.
func pathSetting(v *viper.Viper, key string) string {
	return expandHome(strings.TrimSpace(v.GetString(key)))
}

// anchorFilePaths makes each relative path the configuration file (read into file)
// gives relative to the file's own directory, in v's file layer: "store.path: till.db"
// beside till.yaml is that till.db wherever till is started, not one more database in
// the working directory. Flags and the environment keep the working directory, as a
// shell's user expects; so they still win over the file.
func anchorFilePaths(v, file *viper.Viper, path string) error {
	for _, key := range pathSettings {
		p := fromConfigFile(path, file.GetString(key))
		if p == "" {
			continue
		}
		section, name, _ := strings.Cut(key, ".")
		if err := v.MergeConfigMap(map[string]any{section: map[string]any{name: p}}); err != nil {
			return err
		}
	}
	return nil
}

// fromConfigFile is raw, a path setting written in the configuration file at path, as
// till reads it (pathSetting, anchorFilePaths): ~ is the home directory and a relative
// path is from the file's own directory; "" when unset.
func fromConfigFile(path, raw string) string {
	p := expandHome(strings.TrimSpace(raw))
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	if abs, err := filepath.Abs(path); err == nil {
		path = abs
	}
	return filepath.Join(filepath.Dir(path), p)
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
