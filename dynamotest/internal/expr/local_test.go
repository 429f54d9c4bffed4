package expr_test

import (
	"bufio"
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/matryer/is"

	"github.com/gonamo/gonamo/dynamotest/internal/expr"
	"github.com/gonamo/gonamo/internal/value"
)

// recordedCase is one line of testdata/local.jsonl: an expression sent to
// DynamoDB Local 3.3.1 and what it answered.
//
//	mode "f":  Scan with FilterExpression over the one-item table holding
//	           item; want is "True" (the item passed), "False" or the error.
//	mode "u":  UpdateItem with ReturnValues ALL_NEW on item; want is the new
//	           item in DynamoDB JSON or the error.
//	mode "p":  GetItem with ProjectionExpression; want is the item returned.
//	mode "k":  Query with KeyConditionExpression on a table keyed pk (S),
//	           sk (S); "kh": pk (S) only; "kn": pk (S), sk (N). want is
//	           "OK" or the error.
//
// The cases come from hand-written lists and from random expressions
// (syntax fuzzing and random conditions and updates over random items).
type recordedCase struct {
	Mode   string                     `json:"mode"`
	Expr   string                     `json:"expr"`
	Names  map[string]string          `json:"names"`
	Values map[string]json.RawMessage `json:"values"`
	Item   map[string]json.RawMessage `json:"item"`
	Want   string                     `json:"want"`
}

func TestRecordedDynamoDBLocal(t *testing.T) {
	f, err := os.Open("testdata/local.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	n := 0
	for sc.Scan() {
		var c recordedCase
		if err := json.Unmarshal(sc.Bytes(), &c); err != nil {
			t.Fatal(err)
		}
		n++
		t.Run(c.Mode+"/"+c.Expr, func(t *testing.T) {
			is := is.New(t)
			got, item := runRecorded(t, c)
			if item != nil {
				var want map[string]json.RawMessage
				if err := json.Unmarshal([]byte(c.Want), &want); err != nil {
					t.Fatalf("got an item, DynamoDB Local answered %q", c.Want)
				}
				is.True(value.EqualItems(item, itemFromJSON(t, want))) // result item differs
				return
			}
			is.Equal(got, c.Want)
		})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n < 1000 {
		t.Fatalf("only %d recorded cases", n)
	}
}

// runRecorded evaluates a case: it returns a message or verdict, or the
// resulting item for successful updates and projections.
func runRecorded(t *testing.T, c recordedCase) (string, value.Item) {
	var values map[string]types.AttributeValue
	if c.Values != nil {
		values = itemFromJSON(t, c.Values)
	}
	ctx := expr.NewContext(c.Names, values)
	item := itemFromJSON(t, c.Item)
	msg := func(err error) string { return value.Message(err) }
	switch c.Mode {
	case "f":
		cond, err := ctx.Condition(expr.FilterExpression, c.Expr)
		if err == nil {
			err = ctx.CheckUnused()
		}
		if err != nil {
			return msg(err), nil
		}
		if cond.Eval(item) {
			return "True", nil
		}
		return "False", nil
	case "u":
		upd, err := ctx.Update(c.Expr)
		if err == nil {
			err = ctx.CheckUnused()
		}
		if err != nil {
			return msg(err), nil
		}
		out, err := upd.Apply(item)
		if err != nil {
			return msg(err), nil
		}
		return "", out
	case "p":
		proj, err := ctx.Projection(c.Expr)
		if err == nil {
			err = ctx.CheckUnused()
		}
		if err != nil {
			return msg(err), nil
		}
		return "", expr.Project(item, proj.Paths)
	}
	key := expr.KeySchema{HashName: "pk", HashType: "S", RangeName: "sk", RangeType: "S"}
	switch c.Mode {
	case "kh":
		key.RangeName, key.RangeType = "", ""
	case "kn":
		key.RangeType = "N"
	}
	_, err := ctx.KeyCondition(c.Expr, key)
	if err == nil {
		err = ctx.CheckUnused()
	}
	if err != nil {
		return msg(err), nil
	}
	return "OK", nil
}

// itemFromJSON decodes DynamoDB JSON.
func itemFromJSON(t *testing.T, m map[string]json.RawMessage) value.Item {
	t.Helper()
	if m == nil {
		return nil
	}
	out := make(value.Item, len(m))
	for k, raw := range m {
		out[k] = avFromJSON(t, raw)
	}
	return out
}

func avFromJSON(t *testing.T, raw json.RawMessage) types.AttributeValue {
	t.Helper()
	var m map[string]json.RawMessage
	if err := json.Unmarshal(raw, &m); err != nil || len(m) != 1 {
		t.Fatalf("bad attribute value %s", raw)
	}
	var strs []string
	for typ, v := range m {
		switch typ {
		case "S":
			var s string
			mustUnmarshal(t, v, &s)
			return &types.AttributeValueMemberS{Value: s}
		case "N":
			var s string
			mustUnmarshal(t, v, &s)
			return &types.AttributeValueMemberN{Value: s}
		case "B":
			var s string
			mustUnmarshal(t, v, &s)
			return &types.AttributeValueMemberB{Value: decode64(t, s)}
		case "BOOL":
			var b bool
			mustUnmarshal(t, v, &b)
			return &types.AttributeValueMemberBOOL{Value: b}
		case "NULL":
			var b bool
			mustUnmarshal(t, v, &b)
			return &types.AttributeValueMemberNULL{Value: b}
		case "SS":
			mustUnmarshal(t, v, &strs)
			return &types.AttributeValueMemberSS{Value: strs}
		case "NS":
			mustUnmarshal(t, v, &strs)
			return &types.AttributeValueMemberNS{Value: strs}
		case "BS":
			mustUnmarshal(t, v, &strs)
			bs := make([][]byte, len(strs))
			for i, s := range strs {
				bs[i] = decode64(t, s)
			}
			return &types.AttributeValueMemberBS{Value: bs}
		case "L":
			var l []json.RawMessage
			mustUnmarshal(t, v, &l)
			out := make([]types.AttributeValue, len(l))
			for i, e := range l {
				out[i] = avFromJSON(t, e)
			}
			return &types.AttributeValueMemberL{Value: out}
		case "M":
			var mm map[string]json.RawMessage
			mustUnmarshal(t, v, &mm)
			if mm == nil {
				mm = map[string]json.RawMessage{}
			}
			return &types.AttributeValueMemberM{Value: itemFromJSON(t, mm)}
		}
	}
	t.Fatalf("unknown attribute value %s", raw)
	return nil
}

func mustUnmarshal(t *testing.T, data []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(data, v); err != nil {
		t.Fatal(err)
	}
}

func decode64(t *testing.T, s string) []byte {
	t.Helper()
	b, err := base64.StdEncoding.DecodeString(strings.TrimSpace(s))
	if err != nil {
		t.Fatal(err)
	}
	return b
}
