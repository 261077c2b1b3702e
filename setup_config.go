package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"go.yaml.in/yaml/v3"
)

// configHeader opens a configuration file that till setup writes from nothing.
const configHeader = `# till configuration, written by till setup. Every key is described in
# config.example.yaml. The API key is never in this file: it is in stripe.api_key_file
# (mode 0600) when one is named, else in the environment (STRIPE_API_KEY); an emulator
# on this machine takes till's own test key.
`

// configFile is a YAML configuration file being edited: setup changes its keys and
// keeps everything else, comments included.
type configFile struct {
	path string
	doc  yaml.Node
}

// openConfigFile reads path, or starts an empty file when there is none.
func openConfigFile(path string) (*configFile, error) {
	c := &configFile{path: path}
	data, err := os.ReadFile(path)
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return nil, fmt.Errorf("cannot read %s: %w", path, err)
	}
	if err := yaml.Unmarshal(data, &c.doc); err != nil {
		return nil, fmt.Errorf("%s is not valid YAML: %w", path, err)
	}
	switch {
	case len(c.doc.Content) == 1 && c.doc.Content[0].Kind == yaml.MappingNode:
	case len(c.doc.Content) == 0:
		// No file, or nothing but comments: start a mapping.
		head := configHeader
		if len(data) > 0 {
			head = ""
		}
		c.doc = yaml.Node{Kind: yaml.DocumentNode, Content: []*yaml.Node{{Kind: yaml.MappingNode, HeadComment: strings.TrimSpace(head)}}}
	default:
		return nil, fmt.Errorf("%s is not a YAML mapping of settings", path)
	}
	return c, nil
}

// get returns the value at a dotted key, "" when unset.
func (c *configFile) get(key string) string {
	node := c.doc.Content[0]
	for _, part := range strings.Split(key, ".") {
		node = child(node, part)
		if node == nil {
			return ""
		}
	}
	if node.Kind != yaml.ScalarNode {
		return ""
	}
	return node.Value
}

// pathAt returns the file setting at key as till reads it (fromConfigFile): a
// relative one is from the file's directory; "" when unset.
func (c *configFile) pathAt(key string) string { return fromConfigFile(c.path, c.get(key)) }

// set puts value at a dotted key, making the mappings on the way.
func (c *configFile) set(key, value string) {
	node := c.doc.Content[0]
	parts := strings.Split(key, ".")
	for i, part := range parts {
		next := child(node, part)
		if next == nil {
			next = &yaml.Node{Kind: yaml.MappingNode}
			if i == len(parts)-1 {
				next = &yaml.Node{Kind: yaml.ScalarNode}
			}
			node.Content = append(node.Content, &yaml.Node{Kind: yaml.ScalarNode, Value: part}, next)
		}
		node = next
	}
	node.Kind, node.Tag, node.Value, node.Style, node.Content = yaml.ScalarNode, "!!str", value, 0, nil
}

// child finds key in a mapping node.
func child(m *yaml.Node, key string) *yaml.Node {
	if m.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return m.Content[i+1]
		}
	}
	return nil
}

// write saves the file with mode 0600, atomically.
func (c *configFile) write() error {
	var buf bytes.Buffer
	enc := yaml.NewEncoder(&buf)
	enc.SetIndent(2)
	if err := enc.Encode(&c.doc); err != nil {
		return err
	}
	if err := enc.Close(); err != nil {
		return err
	}
	dir := filepath.Dir(c.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(dir, ".till-config-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(buf.Bytes()); err != nil {
		_ = tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), c.path)
}
