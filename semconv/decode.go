package semconv

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"reflect"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// decodeFile decodes one registry file. The file must be UTF-8 and hold exactly one YAML
// document: a mapping whose only key is `groups`.
func decodeFile(data []byte) (registryFile, error) {
	var doc registryFile
	if line := invalidUTF8Line(data); line > 0 {
		return doc, fmt.Errorf("line %d: the file is not valid UTF-8", line)
	}

	dec := yaml.NewDecoder(bytes.NewReader(data))
	var root yaml.Node
	if err := dec.Decode(&root); err != nil {
		return doc, trimYAMLError(err)
	}
	var next yaml.Node
	switch err := dec.Decode(&next); {
	case err == nil:
		return doc, fmt.Errorf("line %d: a second YAML document starts here; a registry file holds one", next.Line)
	case !errors.Is(err, io.EOF):
		return doc, trimYAMLError(err)
	}

	top := root.Content[0]
	if err := checkKeys(top, "registry file", []string{"groups"}); err != nil {
		return doc, err
	}
	if err := checkEntries(top, "registry file"); err != nil {
		return doc, err
	}
	if groups := mappingValue(top, "groups"); groups != nil && groups.Kind != yaml.SequenceNode && groups.Tag != "!!null" {
		return doc, &decodeError{line: groups.Line, msg: "groups must be a list of groups"}
	}
	if err := top.Decode(&doc); err != nil {
		return doc, trimYAMLError(err)
	}
	return doc, nil
}

// invalidUTF8Line returns the 1-based line of the first byte that is not UTF-8, or 0.
func invalidUTF8Line(data []byte) int {
	if utf8.Valid(data) {
		return 0
	}
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return 1 + bytes.Count(data[:i], []byte("\n"))
		}
		i += size
	}
	return 0
}

// mappingValue returns the value of key in a mapping node, or nil.
func mappingValue(node *yaml.Node, key string) *yaml.Node {
	for i := 0; i+1 < len(node.Content); i += 2 {
		if node.Content[i].Value == key {
			return node.Content[i+1]
		}
	}
	return nil
}

// trimYAMLError turns a decoder error into the text after "file name: ".
func trimYAMLError(err error) error {
	if errors.Is(err, io.EOF) {
		return errors.New("file is empty")
	}
	var decodeErr *decodeError
	if errors.As(err, &decodeErr) {
		return err
	}
	var typeErr *yaml.TypeError
	if errors.As(err, &typeErr) {
		return errors.New(strings.Join(typeErr.Errors, "; "))
	}
	msg, found := strings.CutPrefix(err.Error(), "yaml: ")
	if !found {
		return err
	}
	return errors.New(msg)
}

// decodeError is a problem found while decoding: where it is, what it concerns (a chain
// such as `event "E": attribute "k"`), and what is wrong.
type decodeError struct {
	line    int
	subject string
	msg     string
}

func (e *decodeError) Error() string {
	if e.subject == "" {
		return fmt.Sprintf("line %d: %s", e.line, e.msg)
	}
	return fmt.Sprintf("line %d: %s: %s", e.line, e.subject, e.msg)
}

// within returns err as a decodeError about subject, so that a problem inside an
// attribute also names the event that holds it.
func within(subject string, line int, err error) error {
	var inner *decodeError
	if !errors.As(err, &inner) {
		return &decodeError{line: line, subject: subject, msg: err.Error()}
	}
	outer := *inner
	outer.subject = subject
	if inner.subject != "" {
		outer.subject += ": " + inner.subject
	}
	return &outer
}

// fieldTypeError finds the key of node whose value does not fit its field in out, and
// says what the field wants, for example `brief must be a string, not a list`.
func fieldTypeError(node *yaml.Node, what string, out any, typeErr *yaml.TypeError) error {
	fresh := reflect.New(reflect.TypeOf(out).Elem())
	for i := 0; i+1 < len(node.Content); i += 2 {
		key, value := node.Content[i], node.Content[i+1]
		pair := &yaml.Node{Kind: yaml.MappingNode, Content: []*yaml.Node{key, value}}
		var pairErr *yaml.TypeError
		if !errors.As(pair.Decode(fresh.Interface()), &pairErr) {
			continue
		}
		msg := fmt.Sprintf("%s must be %s, not %s", key.Value, wantedValue(fresh.Elem().Type(), key.Value), yamlValue(value))
		return &decodeError{line: value.Line, subject: what, msg: msg}
	}

	msg := strings.Join(typeErr.Errors, "; ")
	return &decodeError{line: node.Line, subject: what, msg: msg}
}

// wantedValue describes the YAML value that the field tagged key of struct type t accepts.
func wantedValue(t reflect.Type, key string) string {
	for i := range t.NumField() {
		field := t.Field(i)
		if name, _, _ := strings.Cut(field.Tag.Get("yaml"), ","); name != key {
			continue
		}
		typ := field.Type
		for typ.Kind() == reflect.Pointer {
			typ = typ.Elem()
		}
		switch typ.Kind() {
		case reflect.String:
			return "a string"
		case reflect.Bool:
			return "true or false"
		case reflect.Slice:
			return "a list"
		case reflect.Struct, reflect.Map:
			return "a mapping"
		}
		return typ.Kind().String()
	}
	return "of another type"
}

// yamlValue describes a YAML value for an error message.
func yamlValue(node *yaml.Node) string {
	switch node.Kind {
	case yaml.SequenceNode:
		return "a list"
	case yaml.MappingNode:
		return "a mapping"
	case yaml.AliasNode:
		return "an alias"
	}
	return fmt.Sprintf("%q", node.Value)
}
