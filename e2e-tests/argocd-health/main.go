// Command argocd-health runs this project's Argo CD health checks the way Argo CD runs them: each
// <group>/<Kind>/health.lua in gopher-lua, with the libraries Argo CD opens, over the fixtures its
// health_test.yaml names (Argo CD's own layout for resource customizations).
//
//	argocd-health check DIR      one line per fixture ("ok" or "FAIL" and why); exits 1 when any fails
//	argocd-health cm-patch DIR   prints the argocd-cm ConfigMap that installs every health.lua in DIR
package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	lua "github.com/yuin/gopher-lua"
	"gopkg.in/yaml.v3"
)

type healthStatus struct {
	Status  string `yaml:"status"`
	Message string `yaml:"message"`
}

type healthTests struct {
	Tests []struct {
		HealthStatus healthStatus `yaml:"healthStatus"`
		InputPath    string       `yaml:"inputPath"`
	} `yaml:"tests"`
}

// The statuses Argo CD accepts from a health script.
var validStatuses = map[string]bool{"Healthy": true, "Progressing": true, "Degraded": true, "Suspended": true, "Missing": true, "Unknown": true}

func main() {
	if len(os.Args) != 3 || (os.Args[1] != "check" && os.Args[1] != "cm-patch") {
		fmt.Fprintln(os.Stderr, "usage: argocd-health check|cm-patch DIR")
		os.Exit(2)
	}
	kinds, err := healthScripts(os.Args[2])
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	if os.Args[1] == "cm-patch" {
		fmt.Print(configMapPatch(kinds))
		return
	}
	failed := 0
	for _, kind := range kinds {
		failed += check(kind)
	}
	if failed > 0 {
		fmt.Printf("%d fixture(s) failed\n", failed)
		os.Exit(1)
	}
}

// healthScripts finds every <group>/<Kind>/health.lua under dir, sorted by group and kind.
func healthScripts(dir string) ([]string, error) {
	scripts, err := filepath.Glob(filepath.Join(dir, "*", "*", "health.lua"))
	if err != nil || len(scripts) == 0 {
		return nil, fmt.Errorf("no <group>/<Kind>/health.lua under %s (%v)", dir, err)
	}
	kinds := make([]string, 0, len(scripts))
	for _, script := range scripts {
		kinds = append(kinds, filepath.Dir(script))
	}
	sort.Strings(kinds)
	return kinds, nil
}

// check runs a kind's fixtures and prints one line for each; returns how many failed.
func check(kindDir string) int {
	name := filepath.Base(filepath.Dir(kindDir)) + "/" + filepath.Base(kindDir)
	script, err := os.ReadFile(filepath.Join(kindDir, "health.lua"))
	if err != nil {
		fmt.Printf("FAIL %s: %v\n", name, err)
		return 1
	}
	var tests healthTests
	if err := readYAML(filepath.Join(kindDir, "health_test.yaml"), &tests); err != nil || len(tests.Tests) == 0 {
		fmt.Printf("FAIL %s: health_test.yaml has no tests (%v)\n", name, err)
		return 1
	}
	failed := 0
	for _, test := range tests.Tests {
		var obj map[string]interface{}
		got, err := healthStatus{}, readYAML(filepath.Join(kindDir, test.InputPath), &obj)
		if err == nil {
			got, err = run(string(script), obj)
		}
		switch {
		case err != nil:
			fmt.Printf("FAIL %s %s: %v\n", name, test.InputPath, err)
			failed++
		case got != test.HealthStatus:
			fmt.Printf("FAIL %s %s: want %s %q, got %s %q\n", name, test.InputPath, test.HealthStatus.Status, test.HealthStatus.Message, got.Status, got.Message)
			failed++
		default:
			fmt.Printf("ok %s %s: %s %q\n", name, test.InputPath, got.Status, got.Message)
		}
	}
	return failed
}

func readYAML(path string, into interface{}) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	return yaml.Unmarshal(data, into)
}

// run evaluates a health script as Argo CD does: a fresh state with the package, base, table, string and math
// libraries, the object as the global obj, a deadline, and a table {status, message} as the result.
func run(script string, obj map[string]interface{}) (healthStatus, error) {
	l := lua.NewState(lua.Options{SkipOpenLibs: true})
	defer l.Close()
	for _, lib := range []struct {
		name string
		open lua.LGFunction
	}{{lua.LoadLibName, lua.OpenPackage}, {lua.BaseLibName, lua.OpenBase}, {lua.TabLibName, lua.OpenTable},
		{lua.StringLibName, lua.OpenString}, {lua.MathLibName, lua.OpenMath}} {
		l.Push(l.NewFunction(lib.open))
		l.Push(lua.LString(lib.name))
		l.Call(1, 0)
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Second)
	defer cancel()
	l.SetContext(ctx)
	l.SetGlobal("obj", toLua(l, obj))
	if err := l.DoString(script); err != nil {
		return healthStatus{}, err
	}
	table, ok := l.Get(-1).(*lua.LTable)
	if !ok {
		return healthStatus{}, fmt.Errorf("the script returned %s, not a table", l.Get(-1).Type())
	}
	status, message := table.RawGetString("status"), table.RawGetString("message")
	if !validStatuses[status.String()] {
		return healthStatus{}, fmt.Errorf("status %q is not one Argo CD knows", status.String())
	}
	if message.Type() != lua.LTString {
		return healthStatus{}, fmt.Errorf("message is a %s, not a string", message.Type())
	}
	return healthStatus{Status: status.String(), Message: message.String()}, nil
}

// toLua turns decoded YAML into Lua values the way Argo CD turns an object's JSON: maps and lists become tables
// (lists indexed from 1), numbers become numbers.
func toLua(l *lua.LState, value interface{}) lua.LValue {
	switch v := value.(type) {
	case nil:
		return lua.LNil
	case string:
		return lua.LString(v)
	case bool:
		return lua.LBool(v)
	case int:
		return lua.LNumber(v)
	case float64:
		return lua.LNumber(v)
	case []interface{}:
		table := l.NewTable()
		for _, item := range v {
			table.Append(toLua(l, item))
		}
		return table
	case map[string]interface{}:
		table := l.NewTable()
		for key, item := range v {
			table.RawSetString(key, toLua(l, item))
		}
		return table
	default:
		return lua.LString(fmt.Sprint(v))
	}
}

// configMapPatch is the argocd-cm ConfigMap with one resource.customizations.health.<group>_<Kind> key per script.
func configMapPatch(kinds []string) string {
	var out strings.Builder
	out.WriteString("# Generated by e2e-tests/argocd-health (argocd-health cm-patch config/argocd) from config/argocd/<group>/<Kind>/health.lua;\n")
	out.WriteString("# a test checks that it matches. Apply: kubectl -n argocd patch configmap argocd-cm --patch-file config/argocd/argocd-cm-patch.yaml\n")
	out.WriteString("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: argocd-cm\n  namespace: argocd\ndata:\n")
	for _, kindDir := range kinds {
		script, err := os.ReadFile(filepath.Join(kindDir, "health.lua"))
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		fmt.Fprintf(&out, "  resource.customizations.health.%s_%s: |\n", filepath.Base(filepath.Dir(kindDir)), filepath.Base(kindDir))
		for _, line := range strings.Split(strings.TrimRight(string(script), "\n"), "\n") {
			if line == "" {
				out.WriteString("\n")
			} else {
				out.WriteString("    " + line + "\n")
			}
		}
	}
	return out.String()
}
