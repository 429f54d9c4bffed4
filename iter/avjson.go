package iter

import (
	"errors"
	"fmt"
	"unicode/utf8"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// avJSON is an attribute value in DynamoDB's JSON wire format
// ({"S":"x"}, {"N":"1"}, {"B":"base64"}...), which is how keys travel inside
// cursors. Exactly one field is set. Keys only hold S, N and B; the other
// types are there so that any map a Fetch reports round-trips.
type avJSON struct {
	S    *string            `json:"S,omitempty"`
	N    *string            `json:"N,omitempty"`
	B    *[]byte            `json:"B,omitempty"`
	BOOL *bool              `json:"BOOL,omitempty"`
	NULL *bool              `json:"NULL,omitempty"`
	SS   *[]string          `json:"SS,omitempty"`
	NS   *[]string          `json:"NS,omitempty"`
	BS   *[][]byte          `json:"BS,omitempty"`
	L    *[]avJSON          `json:"L,omitempty"`
	M    *map[string]avJSON `json:"M,omitempty"`
}

// errUnknownType reports an attribute value that cannot be put in a
// cursor: nil, a union member the SDK does not know, or a string that is
// not valid UTF-8 (which DynamoDB never returns and JSON cannot carry).
var errUnknownType = errors.New("attribute value of unknown type or not valid UTF-8")

func allValid(ss []string) bool {
	for _, s := range ss {
		if !utf8.ValidString(s) {
			return false
		}
	}
	return true
}

// checkKey makes sure every value of a key map can be put in a cursor.
func checkKey(key map[string]types.AttributeValue) error {
	for name, v := range key {
		if !utf8.ValidString(name) {
			return fmt.Errorf("attribute name %q is not valid UTF-8", name)
		}
		if err := checkValue(v); err != nil {
			return fmt.Errorf("attribute %q: %w", name, err)
		}
	}
	return nil
}

func checkValue(v types.AttributeValue) error {
	ok := false
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		ok = v != nil && utf8.ValidString(v.Value)
	case *types.AttributeValueMemberN:
		ok = v != nil && utf8.ValidString(v.Value)
	case *types.AttributeValueMemberB:
		ok = v != nil
	case *types.AttributeValueMemberBOOL:
		ok = v != nil
	case *types.AttributeValueMemberNULL:
		ok = v != nil
	case *types.AttributeValueMemberSS:
		ok = v != nil && allValid(v.Value)
	case *types.AttributeValueMemberNS:
		ok = v != nil && allValid(v.Value)
	case *types.AttributeValueMemberBS:
		ok = v != nil
	case *types.AttributeValueMemberL:
		if v == nil {
			break
		}
		for _, e := range v.Value {
			if err := checkValue(e); err != nil {
				return err
			}
		}
		return nil
	case *types.AttributeValueMemberM:
		if v == nil {
			break
		}
		return checkKey(v.Value)
	}
	if !ok {
		return errUnknownType
	}
	return nil
}

func keyToJSON(key map[string]types.AttributeValue) map[string]avJSON {
	if key == nil {
		return nil
	}
	out := make(map[string]avJSON, len(key))
	for k, v := range key {
		out[k] = toJSON(v)
	}
	return out
}

// toJSON converts a value that checkValue accepts. Any other value (which
// only a Fetch that sets Page.KeysChecked without checking can bring here)
// becomes an empty avJSON, refused when the cursor is resumed.
func toJSON(v types.AttributeValue) avJSON {
	var j avJSON
	if checkValue(v) != nil {
		return j
	}
	switch v := v.(type) {
	case *types.AttributeValueMemberS:
		j.S = &v.Value
	case *types.AttributeValueMemberN:
		j.N = &v.Value
	case *types.AttributeValueMemberB:
		b := v.Value
		if b == nil {
			b = []byte{}
		}
		j.B = &b
	case *types.AttributeValueMemberBOOL:
		j.BOOL = &v.Value
	case *types.AttributeValueMemberNULL:
		j.NULL = &v.Value
	case *types.AttributeValueMemberSS:
		s := nonNil(v.Value)
		j.SS = &s
	case *types.AttributeValueMemberNS:
		s := nonNil(v.Value)
		j.NS = &s
	case *types.AttributeValueMemberBS:
		s := nonNil(v.Value)
		j.BS = &s
	case *types.AttributeValueMemberL:
		l := make([]avJSON, len(v.Value))
		for i, e := range v.Value {
			l[i] = toJSON(e)
		}
		j.L = &l
	case *types.AttributeValueMemberM:
		m := keyToJSON(v.Value)
		if m == nil {
			m = map[string]avJSON{}
		}
		j.M = &m
	}
	return j
}

func nonNil[E any](s []E) []E {
	if s == nil {
		return []E{}
	}
	return s
}

func keyFromJSON(key map[string]avJSON) (map[string]types.AttributeValue, error) {
	if key == nil {
		return nil, nil
	}
	out := make(map[string]types.AttributeValue, len(key))
	for k, j := range key {
		v, err := fromJSON(j)
		if err != nil {
			return nil, fmt.Errorf("attribute %q: %w", k, err)
		}
		out[k] = v
	}
	return out, nil
}

func fromJSON(j avJSON) (types.AttributeValue, error) {
	var v types.AttributeValue
	set := 0
	if j.S != nil {
		v, set = &types.AttributeValueMemberS{Value: *j.S}, set+1
	}
	if j.N != nil {
		v, set = &types.AttributeValueMemberN{Value: *j.N}, set+1
	}
	if j.B != nil {
		v, set = &types.AttributeValueMemberB{Value: *j.B}, set+1
	}
	if j.BOOL != nil {
		v, set = &types.AttributeValueMemberBOOL{Value: *j.BOOL}, set+1
	}
	if j.NULL != nil {
		v, set = &types.AttributeValueMemberNULL{Value: *j.NULL}, set+1
	}
	if j.SS != nil {
		v, set = &types.AttributeValueMemberSS{Value: *j.SS}, set+1
	}
	if j.NS != nil {
		v, set = &types.AttributeValueMemberNS{Value: *j.NS}, set+1
	}
	if j.BS != nil {
		v, set = &types.AttributeValueMemberBS{Value: *j.BS}, set+1
	}
	if j.L != nil {
		l := make([]types.AttributeValue, len(*j.L))
		for i, e := range *j.L {
			ev, err := fromJSON(e)
			if err != nil {
				return nil, err
			}
			l[i] = ev
		}
		v, set = &types.AttributeValueMemberL{Value: l}, set+1
	}
	if j.M != nil {
		m, err := keyFromJSON(*j.M)
		if err != nil {
			return nil, err
		}
		v, set = &types.AttributeValueMemberM{Value: m}, set+1
	}
	if set != 1 {
		return nil, fmt.Errorf("attribute value with %d types", set)
	}
	return v, nil
}
