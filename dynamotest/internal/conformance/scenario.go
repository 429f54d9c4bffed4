package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

// Ops lists the operations a scenario may call, in the order of the
// DynamoDB API reference's control plane then data plane.
var Ops = []string{
	"CreateTable", "DescribeTable", "UpdateTable", "DeleteTable", "ListTables",
	"UpdateTimeToLive", "DescribeTimeToLive",
	"PutItem", "GetItem", "UpdateItem", "DeleteItem",
	"Query", "Scan",
	"BatchGetItem", "BatchWriteItem",
	"TransactGetItems", "TransactWriteItems",
}

// Scenario is one differential test: setup calls that must succeed, then
// steps whose results are checked. See the package documentation for the
// file format and the matching rules.
type Scenario struct {
	// Name says what the scenario shows; unique across all files.
	Name string `json:"name"`
	// Setup calls must succeed; their outputs are not checked.
	Setup []Step `json:"setup,omitempty"`
	// Steps run after Setup, each checked against its Out or Error.
	Steps []Step `json:"steps"`

	// File is the testdata file the scenario was read from (not in JSON).
	File string `json:"-"`
}

// Step is one API call with its expected outcome.
type Step struct {
	// Op is the operation name, one of Ops.
	Op string `json:"op"`
	// In is the request in DynamoDB's wire JSON.
	In json.RawMessage `json:"in"`
	// Out, when present, is the expected response in wire JSON, compared
	// exactly after normalisation. When absent (and Error is nil) the call
	// must only succeed.
	Out json.RawMessage `json:"out,omitempty"`
	// Error, when present, is the expected failure.
	Error *ErrorSpec `json:"error,omitempty"`
	// Unordered lists paths (see the package documentation) of arrays in the
	// response compared as multisets.
	Unordered []string `json:"unordered,omitempty"`
	// UnorderedSets compares every SS, NS and BS value in the response as a
	// set, ignoring the order of its members.
	UnorderedSets bool `json:"unorderedSets,omitempty"`
	// Ignore lists paths removed from both the expected and the actual
	// response before comparing.
	Ignore []string `json:"ignore,omitempty"`
	// Retry, in seconds, repeats the call until it gives the expected
	// result or the time is up: for state DynamoDB Local changes in the
	// background, such as an index going from CREATING to ACTIVE.
	Retry float64 `json:"retry,omitempty"`
}

// ErrorSpec is an expected API error.
type ErrorSpec struct {
	// Code is the error code, e.g. "ValidationException".
	Code string `json:"code"`
	// Message, when not empty, must equal the error message exactly.
	Message string `json:"message,omitempty"`
	// Item is the item a ConditionalCheckFailedException carries (with
	// ReturnValuesOnConditionCheckFailure ALL_OLD); absent means none.
	Item json.RawMessage `json:"item,omitempty"`
	// Reasons are a TransactionCanceledException's CancellationReasons in
	// wire JSON; absent means none.
	Reasons json.RawMessage `json:"reasons,omitempty"`
}

// Load reads every *.json file in dir, each a JSON array of scenarios, in
// file name order, and checks the scenarios are well formed.
func Load(dir string) ([]Scenario, error) {
	files, err := filepath.Glob(filepath.Join(dir, "*.json"))
	if err != nil {
		return nil, err
	}
	slices.Sort(files)
	var all []Scenario
	names := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, err
		}
		dec := json.NewDecoder(bytes.NewReader(data))
		dec.DisallowUnknownFields()
		var ss []Scenario
		if err := dec.Decode(&ss); err != nil {
			return nil, fmt.Errorf("conformance: %s: %w", filepath.Base(f), err)
		}
		for i := range ss {
			s := &ss[i]
			s.File = filepath.Base(f)
			if err := s.check(); err != nil {
				return nil, fmt.Errorf("conformance: %s: scenario %d (%q): %w", s.File, i, s.Name, err)
			}
			if prev, dup := names[s.Name]; dup {
				return nil, fmt.Errorf("conformance: %s: scenario name %q already used in %s", s.File, s.Name, prev)
			}
			names[s.Name] = s.File
		}
		all = append(all, ss...)
	}
	return all, nil
}

func (s *Scenario) check() error {
	if strings.TrimSpace(s.Name) == "" {
		return fmt.Errorf("no name")
	}
	if len(s.Steps) == 0 {
		return fmt.Errorf("no steps")
	}
	for i, st := range s.Setup {
		if err := st.check(); err != nil {
			return fmt.Errorf("setup %d: %w", i, err)
		}
		if st.Out != nil || st.Error != nil || st.Unordered != nil || st.Ignore != nil || st.UnorderedSets || st.Retry != 0 {
			return fmt.Errorf("setup %d: setup steps take no expectations", i)
		}
	}
	for i, st := range s.Steps {
		if err := st.check(); err != nil {
			return fmt.Errorf("step %d: %w", i, err)
		}
	}
	return nil
}

func (st *Step) check() error {
	if !slices.Contains(Ops, st.Op) {
		return fmt.Errorf("unknown op %q", st.Op)
	}
	if !json.Valid(st.In) || !bytes.HasPrefix(bytes.TrimSpace(st.In), []byte("{")) {
		return fmt.Errorf("%s: in must be a JSON object", st.Op)
	}
	if st.Out != nil && st.Error != nil {
		return fmt.Errorf("%s: both out and error", st.Op)
	}
	if st.Error != nil && st.Error.Code == "" {
		return fmt.Errorf("%s: error without code", st.Op)
	}
	if st.Error != nil && (st.Unordered != nil || st.Ignore != nil || st.UnorderedSets) {
		return fmt.Errorf("%s: unordered/ignore apply to out, not error", st.Op)
	}
	if st.Retry < 0 || st.Retry > 60 {
		return fmt.Errorf("%s: retry must be between 0 and 60 seconds", st.Op)
	}
	return nil
}

// fillerRE matches ${X:n}, replaced by n 'x' characters.
var fillerRE = regexp.MustCompile(`\$\{X:([0-9]+)\}`)

// expand substitutes the placeholders of a scenario's JSON text: ${T} by
// the scenario's table prefix and ${X:n} by a string of n 'x' characters
// (for item size scenarios).
func expand(raw []byte, prefix string) []byte {
	if raw == nil {
		return nil
	}
	out := bytes.ReplaceAll(raw, []byte("${T}"), []byte(prefix))
	return fillerRE.ReplaceAllFunc(out, func(m []byte) []byte {
		n, err := strconv.Atoi(string(fillerRE.FindSubmatch(m)[1]))
		if err != nil || n > 1<<22 {
			return m
		}
		return bytes.Repeat([]byte("x"), n)
	})
}
