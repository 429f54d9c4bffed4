package conformance

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math/big"
	"slices"
	"sort"
	"strings"
)

// Any, as a string value in an expected response, matches any value that is
// present at that place.
const Any = "<any>"

// volatile names fields that differ between backends and runs; they are
// removed wherever they appear in a response, so scenarios must not use
// these names for attributes.
var volatile = map[string]bool{
	"CreationDateTime":                  true,
	"LastIncreaseDateTime":              true,
	"LastDecreaseDateTime":              true,
	"LastUpdateToPayPerRequestDateTime": true,
	"TableArn":                          true,
	"TableId":                           true,
	"IndexArn":                          true,
	"LatestStreamArn":                   true,
	"LatestStreamLabel":                 true,
	"ResultMetadata":                    true,
}

// decode parses JSON keeping numbers as json.Number.
func decode(raw []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return nil, err
	}
	return v, nil
}

// asksCapacity reports whether a request sets ReturnConsumedCapacity to
// something other than NONE.
func asksCapacity(in []byte) bool {
	var req struct{ ReturnConsumedCapacity string }
	if json.Unmarshal(in, &req) != nil {
		return false
	}
	return req.ReturnConsumedCapacity != "" && req.ReturnConsumedCapacity != "NONE"
}

// dropVolatile removes volatile fields (and ConsumedCapacity unless keep)
// everywhere in v.
func dropVolatile(v any, keepCapacity bool) any {
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if volatile[k] || (!keepCapacity && k == "ConsumedCapacity") {
				delete(x, k)
				continue
			}
			x[k] = dropVolatile(e, keepCapacity)
		}
	case []any:
		for i, e := range x {
			x[i] = dropVolatile(e, keepCapacity)
		}
	}
	return v
}

// splitPath turns "a.b.*" into its segments.
func splitPath(p string) []string { return strings.Split(p, ".") }

// dropPath removes the value at path from v.
func dropPath(v any, segs []string) {
	if len(segs) == 0 {
		return
	}
	last := len(segs) == 1
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			if segs[0] != "*" && segs[0] != k {
				continue
			}
			if last {
				delete(x, k)
			} else {
				dropPath(e, segs[1:])
			}
		}
	case []any:
		if last {
			return
		}
		for _, e := range x {
			if segs[0] == "*" {
				dropPath(e, segs[1:])
			}
		}
	}
}

// reorder walks exp and act along path and, at the end of it, permutes the
// array in act so that elements equal to expected ones stand in the same
// position; unmatched elements follow in their original order.
func reorder(exp, act any, segs []string) any {
	if len(segs) == 0 {
		ea, ok1 := exp.([]any)
		aa, ok2 := act.([]any)
		if !ok1 || !ok2 {
			return act
		}
		used := make([]bool, len(aa))
		out := make([]any, 0, len(aa))
		for _, e := range ea {
			for j, a := range aa {
				if !used[j] && len(diff(e, a, "", nil)) == 0 {
					used[j] = true
					out = append(out, a)
					break
				}
			}
		}
		for j, a := range aa {
			if !used[j] {
				out = append(out, a)
			}
		}
		return out
	}
	switch a := act.(type) {
	case map[string]any:
		e, _ := exp.(map[string]any)
		for k, av := range a {
			if segs[0] == "*" || segs[0] == k {
				a[k] = reorder(e[k], av, segs[1:])
			}
		}
	case []any:
		e, _ := exp.([]any)
		if segs[0] != "*" {
			return act
		}
		for i, av := range a {
			var ev any
			if i < len(e) {
				ev = e[i]
			}
			a[i] = reorder(ev, av, segs[1:])
		}
	}
	return act
}

// sortSets sorts the members of every SS, NS and BS value in v by their
// text, so that set comparison ignores member order.
func sortSets(v any) {
	switch x := v.(type) {
	case map[string]any:
		if len(x) == 1 {
			for k, e := range x {
				if arr, ok := e.([]any); ok && (k == "SS" || k == "NS" || k == "BS") {
					sort.SliceStable(arr, func(i, j int) bool { return fmt.Sprint(arr[i]) < fmt.Sprint(arr[j]) })
					return
				}
			}
		}
		for _, e := range x {
			sortSets(e)
		}
	case []any:
		for _, e := range x {
			sortSets(e)
		}
	}
}

// diff compares expected against actual and appends one line per
// difference to out. Expected Any matches anything present; numbers compare
// by value.
func diff(exp, act any, path string, out []string) []string {
	if s, ok := exp.(string); ok && s == Any {
		return out
	}
	show := func() []string {
		return append(out, fmt.Sprintf("%s: want %s, got %s", orRoot(path), short(exp), short(act)))
	}
	switch e := exp.(type) {
	case map[string]any:
		a, ok := act.(map[string]any)
		if !ok {
			return show()
		}
		keys := make([]string, 0, len(e)+len(a))
		for k := range e {
			keys = append(keys, k)
		}
		for k := range a {
			if _, dup := e[k]; !dup {
				keys = append(keys, k)
			}
		}
		slices.Sort(keys)
		for _, k := range keys {
			ev, inE := e[k]
			av, inA := a[k]
			p := join(path, k)
			switch {
			case !inA:
				out = append(out, fmt.Sprintf("%s: missing, want %s", p, short(ev)))
			case !inE:
				out = append(out, fmt.Sprintf("%s: unexpected %s", p, short(av)))
			default:
				out = diff(ev, av, p, out)
			}
		}
		return out
	case []any:
		a, ok := act.([]any)
		if !ok {
			return show()
		}
		if len(e) != len(a) {
			out = append(out, fmt.Sprintf("%s: want %d elements, got %d", orRoot(path), len(e), len(a)))
		}
		for i := range min(len(e), len(a)) {
			out = diff(e[i], a[i], fmt.Sprintf("%s[%d]", path, i), out)
		}
		return out
	case json.Number:
		a, ok := act.(json.Number)
		if !ok || !sameNumber(e, a) {
			return show()
		}
		return out
	default:
		if exp != act {
			return show()
		}
		return out
	}
}

func sameNumber(a, b json.Number) bool {
	if a == b {
		return true
	}
	x, ok1 := new(big.Float).SetString(string(a))
	y, ok2 := new(big.Float).SetString(string(b))
	return ok1 && ok2 && x.Cmp(y) == 0
}

func join(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func orRoot(path string) string {
	if path == "" {
		return "(response)"
	}
	return path
}

// short renders v as compact JSON, cut to a readable length.
func short(v any) string {
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Sprint(v)
	}
	const max = 300
	if len(b) > max {
		return string(b[:max]) + fmt.Sprintf("…(%d bytes)", len(b))
	}
	return string(b)
}

// compareOutput checks a response against a step's expectation (already
// expanded). It returns the differences, none when they match.
func compareOutput(st *Step, in, want, got []byte) ([]string, error) {
	act, err := decode(got)
	if err != nil {
		return nil, fmt.Errorf("response is not JSON: %w", err)
	}
	exp, err := decode(want)
	if err != nil {
		return nil, fmt.Errorf("expected out is not JSON: %w", err)
	}
	act = dropVolatile(act, asksCapacity(in))
	exp = dropVolatile(exp, true)
	for _, p := range st.Ignore {
		dropPath(exp, splitPath(p))
		dropPath(act, splitPath(p))
	}
	if st.UnorderedSets {
		sortSets(exp)
		sortSets(act)
	}
	for _, p := range st.Unordered {
		act = reorder(exp, act, splitPath(p))
	}
	return diff(exp, act, "", nil), nil
}

// compareError checks an API error against the expected one.
func compareError(want *ErrorSpec, got *APIError) ([]string, error) {
	var out []string
	if want.Code != got.Code {
		out = append(out, fmt.Sprintf("error code: want %s, got %s", want.Code, got.Code))
	}
	if want.Message != "" && want.Message != got.Message {
		out = append(out, fmt.Sprintf("error message:\n\twant %q\n\tgot  %q", want.Message, got.Message))
	}
	for _, part := range []struct {
		name      string
		want, got json.RawMessage
	}{{"item", want.Item, got.Item}, {"reasons", want.Reasons, got.Reasons}} {
		var e, a any
		var err error
		if part.want != nil {
			if e, err = decode(part.want); err != nil {
				return nil, fmt.Errorf("expected error %s is not JSON: %w", part.name, err)
			}
		}
		if part.got != nil {
			if a, err = decode(part.got); err != nil {
				return nil, fmt.Errorf("error %s is not JSON: %w", part.name, err)
			}
		}
		out = diff(e, a, "error."+part.name, out)
	}
	return out, nil
}
