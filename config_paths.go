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

// anchorFilePaths makes each relative path the configuration file (read into file,
// which holds nothing else yet) gives relative to the file's own directory, in place:
// "store.path: till.db" beside till.yaml is that till.db wherever till is started, not
// one more database in the working directory. Flags and the environment keep the
// working directory, as a shell's user expects; so they still win over the file.
//
// The print command is anchored the same way when it is a path: when its first word has
// a slash in it (./print.sh, bin/print, ~/print). A bare name (lp) is a command looked
// up on PATH, as a shell would, and stays as it is.
func anchorFilePaths(file *viper.Viper, path string) error {
	set := func(key string, val any) error {
		section, name, _ := strings.Cut(key, ".")
		return file.MergeConfigMap(map[string]any{section: map[string]any{name: val}})
	}
	for _, key := range pathSettings {
		if p := fromConfigFile(path, file.GetString(key)); p != "" {
			if err := set(key, p); err != nil {
				return err
			}
		}
	}
	if cmd := stringList(file.Get(printCommandKey), true); len(cmd) > 0 && strings.ContainsRune(cmd[0], '/') {
		cmd[0] = fromConfigFile(path, cmd[0])
		return set(printCommandKey, cmd)
	}
	return nil
}

// printCommandKey is the setting of the command a receipt is printed with.
const printCommandKey = "receipt.print_command"

// printCommand reads the print command and its arguments; a leading ~/ in the command
// is the home directory, as in a path setting.
func printCommand(v *viper.Viper) []string {
	cmd := stringList(v.Get(printCommandKey), true)
	if len(cmd) > 0 {
		cmd[0] = expandHome(cmd[0])
	}
	return cmd
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
