// Command gen writes the generated Go files of package semconv from its built-in registry.
// It runs through `go generate ./semconv/...`.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/producttelemetry/collector/semconv"
	"github.com/producttelemetry/collector/semconv/internal/codegen"
)

func main() {
	dir := flag.String("dir", ".", "directory of package semconv, where the files are written")
	flag.Parse()

	declared, err := codegen.DeclaredNames(*dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	files, err := codegen.Generate(semconv.Builtin(), declared)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	for _, file := range files {
		if err := os.WriteFile(filepath.Join(*dir, file.Name), file.Data, 0o644); err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
	}
}
