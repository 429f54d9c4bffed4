package conformance

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/matryer/is"
)

func TestCompareOutput(t *testing.T) {
	cases := []struct {
		name      string
		step      Step
		in        string
		want, got string
		same      bool
	}{
		{name: "equal", want: `{"Count": 1, "Items": [{"a": {"S": "x"}}]}`, got: `{"Items":[{"a":{"S":"x"}}],"Count":1}`, same: true},
		{name: "extra field", want: `{"Count": 1}`, got: `{"Count": 1, "ScannedCount": 1}`},
		{name: "missing field", want: `{"Count": 1, "ScannedCount": 1}`, got: `{"Count": 1}`},
		{name: "attribute value text differs", want: `{"Item": {"n": {"N": "1"}}}`, got: `{"Item": {"n": {"N": "1.0"}}}`},
		{name: "protocol numbers compare by value", want: `{"CapacityUnits": 1}`, got: `{"CapacityUnits": 1.0}`, same: true},
		{name: "protocol numbers differ", want: `{"CapacityUnits": 1}`, got: `{"CapacityUnits": 1.5}`},
		{name: "volatile fields dropped, their parents stay", want: `{"Table": {"TableName": "t"}}`,
			got: `{"Table": {"TableName": "t", "TableArn": "arn:x", "CreationDateTime": 1.5, "TableId": "id",
				"ProvisionedThroughput": {"LastIncreaseDateTime": 0}}}`, same: false},
		{name: "volatile fields dropped in nested", want: `{"Table": {"TableName": "t", "ProvisionedThroughput": {}}}`,
			got: `{"Table": {"TableName": "t", "TableArn": "arn:x", "ProvisionedThroughput": {"LastIncreaseDateTime": 0}}}`, same: true},
		{name: "capacity dropped unless asked", in: `{"ReturnConsumedCapacity": "NONE"}`, want: `{}`,
			got: `{"ConsumedCapacity": {"CapacityUnits": 1}}`, same: true},
		{name: "capacity compared when asked", in: `{"ReturnConsumedCapacity": "TOTAL"}`, want: `{}`,
			got: `{"ConsumedCapacity": {"CapacityUnits": 1}}`},
		{name: "any matches a present value", want: `{"LastEvaluatedKey": "<any>"}`, got: `{"LastEvaluatedKey": {"pk": {"S": "a"}}}`, same: true},
		{name: "any needs a value", want: `{"LastEvaluatedKey": "<any>"}`, got: `{}`},
		{name: "order matters by default", want: `{"Items": [{"a": {"N": "1"}}, {"a": {"N": "2"}}]}`,
			got: `{"Items": [{"a": {"N": "2"}}, {"a": {"N": "1"}}]}`},
		{name: "unordered items", step: Step{Unordered: []string{"Items"}},
			want: `{"Items": [{"a": {"N": "1"}}, {"a": {"N": "2"}}]}`, got: `{"Items": [{"a": {"N": "2"}}, {"a": {"N": "1"}}]}`, same: true},
		{name: "unordered still counts duplicates", step: Step{Unordered: []string{"Items"}},
			want: `{"Items": [{"a": {"N": "1"}}, {"a": {"N": "1"}}]}`, got: `{"Items": [{"a": {"N": "1"}}, {"a": {"N": "2"}}]}`},
		{name: "unordered with wildcard", step: Step{Unordered: []string{"Responses.*"}},
			want: `{"Responses": {"t": [{"a": {"N": "1"}}, {"a": {"N": "2"}}], "u": [{"b": {"S": "x"}}]}}`,
			got:  `{"Responses": {"t": [{"a": {"N": "2"}}, {"a": {"N": "1"}}], "u": [{"b": {"S": "x"}}]}}`, same: true},
		{name: "ignore removes both sides", step: Step{Ignore: []string{"Items", "Table.ItemCount"}},
			want: `{"Count": 2, "Table": {"ItemCount": 1}}`, got: `{"Count": 2, "Items": [1, 2], "Table": {"ItemCount": 5}}`, same: true},
		{name: "set order matters by default", want: `{"Item": {"s": {"SS": ["a", "b"]}}}`, got: `{"Item": {"s": {"SS": ["b", "a"]}}}`},
		{name: "unordered sets", step: Step{UnorderedSets: true},
			want: `{"Item": {"s": {"SS": ["a", "b"]}, "l": {"L": [{"NS": ["1", "2"]}]}}}`,
			got:  `{"Item": {"s": {"SS": ["b", "a"]}, "l": {"L": [{"NS": ["2", "1"]}]}}}`, same: true},
		{name: "unordered sets keep list order", step: Step{UnorderedSets: true},
			want: `{"Item": {"l": {"L": [{"S": "a"}, {"S": "b"}]}}}`, got: `{"Item": {"l": {"L": [{"S": "b"}, {"S": "a"}]}}}`},
		{name: "type differs", want: `{"Count": 1}`, got: `{"Count": "1"}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			in := tc.in
			if in == "" {
				in = "{}"
			}
			diffs, err := compareOutput(&tc.step, []byte(in), []byte(tc.want), []byte(tc.got))
			is.NoErr(err)
			is.Equal(len(diffs) == 0, tc.same) // diffs: see test log
			if len(diffs) > 0 {
				t.Log(strings.Join(diffs, "\n"))
			}
		})
	}
}

func TestCompareOutputRejectsBadJSON(t *testing.T) {
	is := is.New(t)
	_, err := compareOutput(&Step{}, []byte("{}"), []byte("{}"), []byte("{"))
	is.True(err != nil)
	_, err = compareOutput(&Step{}, []byte("{}"), []byte("nope"), []byte("{}"))
	is.True(err != nil)
}

func TestCompareError(t *testing.T) {
	item := json.RawMessage(`{"pk": {"S": "a"}}`)
	reasons := json.RawMessage(`[{"Code": "None"}, {"Code": "ConditionalCheckFailed", "Message": "The conditional request failed"}]`)
	cases := []struct {
		name string
		want ErrorSpec
		got  APIError
		same bool
	}{
		{"equal", ErrorSpec{Code: "ValidationException", Message: "bad"}, APIError{Code: "ValidationException", Message: "bad"}, true},
		{"code differs", ErrorSpec{Code: "ValidationException"}, APIError{Code: "ResourceNotFoundException"}, false},
		{"message differs", ErrorSpec{Code: "X", Message: "bad"}, APIError{Code: "X", Message: "worse"}, false},
		{"message not given", ErrorSpec{Code: "X"}, APIError{Code: "X", Message: "anything"}, true},
		{"item equal", ErrorSpec{Code: "X", Item: item}, APIError{Code: "X", Item: json.RawMessage(`{"pk":{"S":"a"}}`)}, true},
		{"item unexpected", ErrorSpec{Code: "X"}, APIError{Code: "X", Item: item}, false},
		{"item missing", ErrorSpec{Code: "X", Item: item}, APIError{Code: "X"}, false},
		{"reasons equal", ErrorSpec{Code: "X", Reasons: reasons}, APIError{Code: "X", Reasons: reasons}, true},
		{"reasons differ", ErrorSpec{Code: "X", Reasons: reasons}, APIError{Code: "X", Reasons: json.RawMessage(`[{"Code": "None"}, {"Code": "None"}]`)}, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			diffs, err := compareError(&tc.want, &tc.got)
			is.NoErr(err)
			is.Equal(len(diffs) == 0, tc.same)
		})
	}
}

func TestExpand(t *testing.T) {
	is := is.New(t)
	is.Equal(string(expand([]byte(`{"TableName": "${T}_b", "x": "${X:3}", "y": "${X:0}"}`), "conf_1")),
		`{"TableName": "conf_1_b", "x": "xxx", "y": ""}`)
	is.Equal(expand(nil, "p"), []byte(nil))
}

func TestLoadRejectsMalformedScenarios(t *testing.T) {
	create := `{"op": "CreateTable", "in": {"TableName": "${T}"}}`
	cases := []struct{ name, file, wantErr string }{
		{"unknown key", `[{"name": "a", "steps": [` + create + `], "unordred": true}]`, "unknown field"},
		{"unknown op", `[{"name": "a", "steps": [{"op": "PutThing", "in": {}}]}]`, "unknown op"},
		{"no steps", `[{"name": "a", "setup": [` + create + `]}]`, "no steps"},
		{"no name", `[{"steps": [` + create + `]}]`, "no name"},
		{"in not an object", `[{"name": "a", "steps": [{"op": "GetItem", "in": [1]}]}]`, "JSON object"},
		{"out and error", `[{"name": "a", "steps": [{"op": "GetItem", "in": {}, "out": {}, "error": {"code": "X"}}]}]`, "both out and error"},
		{"error without code", `[{"name": "a", "steps": [{"op": "GetItem", "in": {}, "error": {"message": "m"}}]}]`, "without code"},
		{"setup with expectation", `[{"name": "a", "setup": [{"op": "GetItem", "in": {}, "out": {}}], "steps": [` + create + `]}]`, "no expectations"},
		{"retry too long", `[{"name": "a", "steps": [{"op": "GetItem", "in": {}, "retry": 600}]}]`, "retry"},
		{"duplicate name", `[{"name": "a", "steps": [` + create + `]}, {"name": "a", "steps": [` + create + `]}]`, "already used"},
		{"not JSON", `[{"name": "a",`, "unexpected EOF"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			is := is.New(t)
			dir := t.TempDir()
			is.NoErr(os.WriteFile(filepath.Join(dir, "s.json"), []byte(tc.file), 0o644))
			_, err := Load(dir)
			is.True(err != nil)
			is.True(strings.Contains(err.Error(), tc.wantErr)) // error names the problem
		})
	}
}

var validTableName = regexp.MustCompile(`^[a-zA-Z0-9_.-]{3,255}$`)

func TestLoadTestdata(t *testing.T) {
	is := is.New(t)
	ss, err := Load("testdata")
	is.NoErr(err)
	for _, s := range ss {
		for _, st := range s.Steps {
			// Every table a scenario touches carries the scenario's prefix,
			// so scenarios can never meet each other's tables.
			var req struct{ TableName string }
			is.NoErr(json.Unmarshal(st.In, &req))
			if validTableName.MatchString(req.TableName) && !strings.Contains(req.TableName, "${T}") {
				t.Errorf("%s: %q: table %q does not use ${T}", s.File, s.Name, req.TableName)
			}
		}
	}
}

// script is a Backend that answers from a list of canned replies and
// records the calls it gets.
type script struct {
	replies []reply
	calls   []string
}

type reply struct {
	out string
	err error
}

func (s *script) Call(_ context.Context, op string, in []byte) ([]byte, error) {
	s.calls = append(s.calls, op+" "+string(in))
	if op == "DeleteTable" {
		return []byte(`{}`), nil
	}
	if len(s.replies) == 0 {
		return nil, errors.New("script: no more replies")
	}
	r := s.replies[0]
	s.replies = s.replies[1:]
	if r.err != nil {
		return nil, r.err
	}
	return []byte(r.out), nil
}

func TestRun(t *testing.T) {
	scenario := func(steps ...Step) *Scenario {
		return &Scenario{Name: "s", Setup: []Step{{Op: "CreateTable", In: json.RawMessage(`{"TableName": "${T}"}`)}}, Steps: steps}
	}
	get := Step{Op: "GetItem", In: json.RawMessage(`{"TableName": "${T}"}`), Out: json.RawMessage(`{"Item": {"t": {"S": "${T}"}}}`)}
	fail := Step{Op: "PutItem", In: json.RawMessage(`{"TableName": "${T}"}`), Error: &ErrorSpec{Code: "ValidationException", Message: "bad ${T}"}}

	t.Run("passes and cleans up", func(t *testing.T) {
		is := is.New(t)
		b := &script{replies: []reply{{out: `{}`}, {out: `{"Item": {"t": {"S": "p1"}}}`},
			{err: &APIError{Code: "ValidationException", Message: "bad p1"}}}}
		is.NoErr(Run(context.Background(), b, scenario(get, fail), "p1"))
		is.Equal(b.calls, []string{`CreateTable {"TableName": "p1"}`, `GetItem {"TableName": "p1"}`,
			`PutItem {"TableName": "p1"}`, `DeleteTable {"TableName":"p1"}`})
	})
	t.Run("reports the first disagreement", func(t *testing.T) {
		is := is.New(t)
		b := &script{replies: []reply{{out: `{}`}, {out: `{"Item": {"t": {"S": "other"}}}`}}}
		err := Run(context.Background(), b, scenario(get, fail), "p1")
		var m *Mismatch
		is.True(errors.As(err, &m))
		is.Equal(m.Step, 0)
		is.Equal(m.Op, "GetItem")
		is.True(strings.Contains(m.Error(), `Item.t.S: want "p1", got "other"`))
		is.Equal(b.calls[len(b.calls)-1], `DeleteTable {"TableName":"p1"}`) // cleaned up after a failure too
	})
	t.Run("error expected but call succeeds", func(t *testing.T) {
		is := is.New(t)
		b := &script{replies: []reply{{out: `{}`}, {out: `{}`}}}
		var m *Mismatch
		is.True(errors.As(Run(context.Background(), b, scenario(fail), "p1"), &m))
		is.True(strings.Contains(m.Error(), "want error ValidationException, got success"))
	})
	t.Run("failing setup", func(t *testing.T) {
		is := is.New(t)
		b := &script{replies: []reply{{err: &APIError{Code: "ResourceInUseException"}}}}
		var m *Mismatch
		is.True(errors.As(Run(context.Background(), b, scenario(get), "p1"), &m))
		is.Equal(m.Step, -1)
		is.Equal(len(b.calls), 1) // nothing created, nothing deleted
	})
	t.Run("transport errors are not mismatches", func(t *testing.T) {
		is := is.New(t)
		b := &script{replies: []reply{{out: `{}`}, {err: errors.New("connection refused")}}}
		err := Run(context.Background(), b, scenario(get), "p1")
		var m *Mismatch
		is.True(err != nil)
		is.True(!errors.As(err, &m))
	})
	t.Run("retry until the answer matches", func(t *testing.T) {
		is := is.New(t)
		wait := Step{Op: "DescribeTable", In: json.RawMessage(`{}`), Out: json.RawMessage(`{"Status": "ACTIVE"}`), Retry: 5}
		b := &script{replies: []reply{{out: `{}`}, {out: `{"Status": "CREATING"}`}, {out: `{"Status": "CREATING"}`}, {out: `{"Status": "ACTIVE"}`}}}
		is.NoErr(Run(context.Background(), b, scenario(wait), "p1"))
		is.Equal(len(b.calls), 5)
	})
	t.Run("created tables are deleted once each", func(t *testing.T) {
		is := is.New(t)
		create := Step{Op: "CreateTable", In: json.RawMessage(`{"TableName": "${T}_b"}`)}
		b := &script{replies: []reply{{out: `{}`}, {out: `{}`}}}
		is.NoErr(Run(context.Background(), b, scenario(create), "p1"))
		var deletes []string
		for _, c := range b.calls {
			if strings.HasPrefix(c, "DeleteTable") {
				deletes = append(deletes, c)
			}
		}
		slices.Sort(deletes)
		is.Equal(deletes, []string{`DeleteTable {"TableName":"p1"}`, `DeleteTable {"TableName":"p1_b"}`})
	})
}

func TestHTTPError(t *testing.T) {
	is := is.New(t)
	err := httpError(400, []byte(`{"__type":"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException","message":"The conditional request failed","Item":{"pk":{"S":"a"}}}`))
	var api *APIError
	is.True(errors.As(err, &api))
	is.Equal(api.Code, "ConditionalCheckFailedException")
	is.Equal(api.Message, "The conditional request failed")
	is.Equal(string(api.Item), `{"pk":{"S":"a"}}`)

	err = httpError(400, []byte(`{"__type":"com.amazon.coral.validate#ValidationException","Message":"bad"}`))
	is.True(errors.As(err, &api))
	is.Equal(api.Code, "ValidationException")
	is.Equal(api.Message, "bad")

	is.True(!errors.As(httpError(500, []byte(`<html>`)), &api)) // not JSON: no API error
	is.True(!errors.As(httpError(400, []byte(`{}`)), &api))     // no __type: no API error
}
