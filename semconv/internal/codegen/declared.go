package codegen

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"slices"
	"strings"
)

// generatedPrefix starts the name of every file that Generate writes.
const generatedPrefix = "generated_"

// DeclaredNames returns the exported top-level names, and the exported methods of
// Emitter, declared by the hand-written Go files of the package in dir. Test files and
// generated files are skipped.
func DeclaredNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}

	var names []string
	fset := token.NewFileSet()
	for _, entry := range entries {
		name := entry.Name()
		if entry.IsDir() || !strings.HasSuffix(name, ".go") || strings.HasSuffix(name, "_test.go") ||
			strings.HasPrefix(name, generatedPrefix) {
			continue
		}
		file, err := parser.ParseFile(fset, filepath.Join(dir, name), nil, parser.SkipObjectResolution)
		if err != nil {
			return nil, fmt.Errorf("read declarations: %w", err)
		}
		names = append(names, fileNames(file)...)
	}
	slices.Sort(names)
	return names, nil
}

// fileNames lists the exported names one file declares.
func fileNames(file *ast.File) []string {
	var names []string
	for _, decl := range file.Decls {
		switch decl := decl.(type) {
		case *ast.FuncDecl:
			if decl.Recv == nil {
				names = append(names, decl.Name.Name)
			} else if receiverIs(decl.Recv, "Emitter") {
				names = append(names, "Emitter."+decl.Name.Name)
			}
		case *ast.GenDecl:
			for _, spec := range decl.Specs {
				switch spec := spec.(type) {
				case *ast.TypeSpec:
					names = append(names, spec.Name.Name)
				case *ast.ValueSpec:
					for _, ident := range spec.Names {
						names = append(names, ident.Name)
					}
				}
			}
		}
	}
	return slices.DeleteFunc(names, func(n string) bool { return !ast.IsExported(strings.TrimPrefix(n, "Emitter.")) })
}

// receiverIs reports whether a method's receiver is typ or *typ.
func receiverIs(recv *ast.FieldList, typ string) bool {
	expr := recv.List[0].Type
	if star, ok := expr.(*ast.StarExpr); ok {
		expr = star.X
	}
	ident, ok := expr.(*ast.Ident)
	return ok && ident.Name == typ
}
