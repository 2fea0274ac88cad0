package semconv

import (
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sync"
)

// builtinRegistry holds the Rasa Enterprise 1.4 catalog that ships with this package.
//
//go:embed registry/*.yaml
var builtinRegistry embed.FS

// isManifest reports whether name is Weaver's registry manifest, under its current name or the
// one older Weaver versions used; a manifest describes a registry but defines no groups.
func isManifest(name string) bool {
	return name == "manifest.yaml" || name == "registry_manifest.yaml"
}

var builtinPlan = sync.OnceValues(func() (*Plan, error) {
	files, err := readRegistryFS(builtinRegistry, "registry")
	if err != nil {
		return nil, fmt.Errorf("semconv: built-in registry: %w", err)
	}
	return parseFiles(files)
})

// Builtin returns the built-in tracking plan: the 48 events of the Rasa Enterprise 1.4
// catalog. Every call returns the same plan; callers must not modify it.
func Builtin() *Plan {
	plan, err := builtinPlan()
	if err != nil {
		// The tests parse the embedded registry, so this only happens to a broken build.
		panic(err)
	}
	return plan
}

// Parse reads a tracking plan from one registry file. name identifies the data in
// error messages, usually the file's path.
func Parse(name string, data []byte) (*Plan, error) {
	return parseFiles([]sourceFile{{name: name, data: data}})
}

// Load reads a tracking plan from path. A file is read alone; a directory is read as one
// registry made of all its *.yaml and *.yml files, so that events in one file may refer to
// attributes defined in another. Weaver's manifest.yaml (or the older registry_manifest.yaml)
// in the directory is skipped.
func Load(path string) (*Plan, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, fmt.Errorf("semconv: cannot read tracking plan: %w", err)
	}
	if !info.IsDir() {
		data, err := os.ReadFile(path)
		if err != nil {
			return nil, fmt.Errorf("semconv: cannot read tracking plan: %w", err)
		}
		return Parse(path, data)
	}

	files, err := readRegistryFS(os.DirFS(path), ".")
	if err != nil {
		return nil, fmt.Errorf("semconv: registry directory %s: %w", path, err)
	}
	for i := range files {
		files[i].name = filepath.Join(path, filepath.FromSlash(files[i].name))
	}
	return parseFiles(files)
}

// sourceFile is one registry file and the name errors use for it.
type sourceFile struct {
	name string
	data []byte
}

// readRegistryFS returns the YAML files of dir in lexical order. Its errors leave naming
// the directory to the caller, because dir is relative to fsys.
func readRegistryFS(fsys fs.FS, dir string) ([]sourceFile, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, err
	}

	var files []sourceFile
	for _, entry := range entries {
		name := entry.Name()
		ext := path.Ext(name)
		if entry.IsDir() || isManifest(name) || (ext != ".yaml" && ext != ".yml") {
			continue
		}
		data, err := fs.ReadFile(fsys, path.Join(dir, name))
		if err != nil {
			return nil, err
		}
		files = append(files, sourceFile{name: path.Join(dir, name), data: data})
	}
	if len(files) == 0 {
		return nil, errors.New("holds no *.yaml or *.yml files")
	}
	return files, nil
}

// parseFiles decodes every file and resolves their groups into one plan. It reports all
// problems it finds, not only the first.
func parseFiles(files []sourceFile) (*Plan, error) {
	r := newResolver()
	for _, file := range files {
		doc, err := decodeFile(file.data)
		if err != nil {
			r.errs = append(r.errs, fmt.Errorf("semconv: %s: %w", file.name, err))
			continue
		}
		r.addFile(file.name, doc.Groups)
	}
	return r.plan()
}
