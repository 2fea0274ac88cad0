package codegen

import (
	"fmt"
	"go/token"
	"strings"
	"unicode"
)

// initialisms are the words Go style writes in capitals when they form a whole part
// of a name, as in ProcessID or CreatedWithUI.
var initialisms = map[string]string{
	"id":   "ID",
	"ui":   "UI",
	"nlu":  "NLU",
	"url":  "URL",
	"uuid": "UUID",
}

// goName turns a registry name into an exported Go identifier. The name is split at every
// character that is not a letter or a digit (spaces, ':', '-', '_', '.'); each part keeps
// its own spelling with the first letter raised, except whole-part initialisms.
// "Model Trained" gives ModelTrained, "view:conversations:filters:apply:date" gives
// ViewConversationsFiltersApplyDate, "entity:e2eStory:copied" gives EntityE2eStoryCopied
// and "process_id" gives ProcessID.
func goName(name string) (string, error) {
	parts := strings.FieldsFunc(name, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	})
	var b strings.Builder
	for _, part := range parts {
		if upper, ok := initialisms[strings.ToLower(part)]; ok {
			b.WriteString(upper)
			continue
		}
		runes := []rune(part)
		runes[0] = unicode.ToUpper(runes[0])
		b.WriteString(string(runes))
	}

	ident := b.String()
	if !token.IsIdentifier(ident) || !token.IsExported(ident) {
		return "", fmt.Errorf("cannot derive an exported Go identifier from %q", name)
	}
	return ident, nil
}

// wrapComment formats text as // lines of at most width columns after indent.
func wrapComment(text, indent string, width int) string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(text) {
		if line != "" && len(indent)+3+len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\n" + indent)
		}
		b.WriteString("// " + l)
	}
	return b.String()
}
