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

	if err := run(*dir); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

// run generates the files of the package in dir from dir/registry. It loads the registry
// with semconv.Load rather than semconv.Builtin, which panics on a broken registry: the
// files are the ones Builtin embeds, and a mistake in them is reported as an error that
// names the file and line.
func run(dir string) error {
	plan, err := semconv.Load(filepath.Join(dir, "registry"))
	if err != nil {
		return err
	}
	declared, err := codegen.DeclaredNames(dir)
	if err != nil {
		return err
	}
	files, err := codegen.Generate(plan, declared)
	if err != nil {
		return err
	}
	for _, file := range files {
		if err := os.WriteFile(filepath.Join(dir, file.Name), file.Data, 0o644); err != nil {
			return err
		}
	}
	return nil
}
