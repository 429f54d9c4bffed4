package bench

import (
	"fmt"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// The hand-written codec: what one writes for each type without a library,
// building the attribute values directly and parsing numbers with strconv.
// It is the floor of the benchmarks. It does the work every codec must do
// to be safe (sets are copied, so the item and the attribute value share no
// slice the caller could change) and no more: no UTF-8 or duplicate checks.

// timeLayout is the layout the codecs write times in: RFC 3339 in UTC with
// nine fractional digits, as gonamo's attr.TimeLayout.
const timeLayout = "2006-01-02T15:04:05.000000000Z"

// HandEncodeSmall returns the attribute map of s.
func HandEncodeSmall(s *Small) (map[string]types.AttributeValue, error) {
	m := make(map[string]types.AttributeValue, 6)
	m["id"] = &types.AttributeValueMemberS{Value: s.ID}
	m["name"] = &types.AttributeValueMemberS{Value: s.Name}
	m["views"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(s.Views, 10)}
	m["score"] = &types.AttributeValueMemberN{Value: strconv.FormatFloat(s.Score, 'g', -1, 64)}
	m["active"] = &types.AttributeValueMemberBOOL{Value: s.Active}
	if s.Nick != nil {
		m["nick"] = &types.AttributeValueMemberS{Value: *s.Nick}
	}
	return m, nil
}

// HandDecodeSmall stores the attributes of m in s.
func HandDecodeSmall(m map[string]types.AttributeValue, s *Small) error {
	var err error
	s.ID = str(m, "id")
	s.Name = str(m, "name")
	if s.Views, err = strconv.ParseInt(num(m, "views"), 10, 64); err != nil {
		return err
	}
	if s.Score, err = strconv.ParseFloat(num(m, "score"), 64); err != nil {
		return err
	}
	s.Active = boolean(m, "active")
	s.Nick = nil
	if v, ok := m["nick"].(*types.AttributeValueMemberS); ok {
		x := v.Value
		s.Nick = &x
	}
	return nil
}

// HandEncodeMedium returns the attribute map of x.
func HandEncodeMedium(x *Medium) (map[string]types.AttributeValue, error) {
	m := make(map[string]types.AttributeValue, 20)
	encodeMedium(x, m)
	return m, nil
}

// HandDecodeMedium stores the attributes of m in x.
func HandDecodeMedium(m map[string]types.AttributeValue, x *Medium) error {
	return decodeMedium(m, x)
}

// HandEncodeLarge returns the attribute map of l.
func HandEncodeLarge(l *Large) (map[string]types.AttributeValue, error) {
	m := make(map[string]types.AttributeValue, 21)
	encodeMedium(&l.Medium, m)
	if l.Events != nil {
		es := make([]types.AttributeValue, len(l.Events))
		for i := range l.Events {
			e := &l.Events[i]
			em := make(map[string]types.AttributeValue, 4)
			em["seq"] = &types.AttributeValueMemberN{Value: strconv.Itoa(e.Seq)}
			em["kind"] = &types.AttributeValueMemberS{Value: e.Kind}
			em["actor"] = &types.AttributeValueMemberS{Value: e.Actor}
			em["at"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(e.At, 10)}
			es[i] = &types.AttributeValueMemberM{Value: em}
		}
		m["events"] = &types.AttributeValueMemberL{Value: es}
	}
	return m, nil
}

// HandDecodeLarge stores the attributes of m in l.
func HandDecodeLarge(m map[string]types.AttributeValue, l *Large) error {
	if err := decodeMedium(m, &l.Medium); err != nil {
		return err
	}
	l.Events = nil
	v, ok := m["events"].(*types.AttributeValueMemberL)
	if !ok {
		return nil
	}
	l.Events = make([]Event, len(v.Value))
	for i, av := range v.Value {
		em, ok := av.(*types.AttributeValueMemberM)
		if !ok {
			return fmt.Errorf("events[%d]: not a map", i)
		}
		e := &l.Events[i]
		var err error
		if e.Seq, err = strconv.Atoi(num(em.Value, "seq")); err != nil {
			return err
		}
		e.Kind = str(em.Value, "kind")
		e.Actor = str(em.Value, "actor")
		if e.At, err = strconv.ParseInt(num(em.Value, "at"), 10, 64); err != nil {
			return err
		}
	}
	return nil
}

func encodeMedium(x *Medium, m map[string]types.AttributeValue) {
	m["id"] = &types.AttributeValueMemberS{Value: x.ID}
	m["sk"] = &types.AttributeValueMemberS{Value: x.Sort}
	m["name"] = &types.AttributeValueMemberS{Value: x.Name}
	m["email"] = &types.AttributeValueMemberS{Value: x.Email}
	m["age"] = &types.AttributeValueMemberN{Value: strconv.Itoa(x.Age)}
	m["score"] = &types.AttributeValueMemberN{Value: strconv.FormatFloat(x.Score, 'g', -1, 64)}
	m["rating"] = &types.AttributeValueMemberN{Value: strconv.FormatFloat(float64(x.Rating), 'g', -1, 32)}
	m["count"] = &types.AttributeValueMemberN{Value: strconv.FormatUint(uint64(x.Count), 10)}
	m["active"] = &types.AttributeValueMemberBOOL{Value: x.Active}
	var buf [len(timeLayout)]byte
	m["created"] = &types.AttributeValueMemberS{Value: string(x.Created.UTC().AppendFormat(buf[:0], timeLayout))}
	if len(x.Tags) > 0 {
		m["tags"] = &types.AttributeValueMemberSS{Value: append([]string(nil), x.Tags...)}
	}
	if len(x.Nums) > 0 {
		ns := make([]string, len(x.Nums))
		for i, n := range x.Nums {
			ns[i] = strconv.Itoa(n)
		}
		m["nums"] = &types.AttributeValueMemberNS{Value: ns}
	}
	if x.Data != nil {
		m["data"] = &types.AttributeValueMemberB{Value: x.Data}
	}
	if x.Nick != nil {
		m["nick"] = &types.AttributeValueMemberS{Value: *x.Nick}
	}
	if x.Prefs != nil {
		pm := make(map[string]types.AttributeValue, len(x.Prefs))
		for k, v := range x.Prefs {
			pm[k] = &types.AttributeValueMemberS{Value: v}
		}
		m["prefs"] = &types.AttributeValueMemberM{Value: pm}
	}
	am := make(map[string]types.AttributeValue, 3)
	am["street"] = &types.AttributeValueMemberS{Value: x.Addr.Street}
	am["city"] = &types.AttributeValueMemberS{Value: x.Addr.City}
	am["zip"] = &types.AttributeValueMemberS{Value: x.Addr.Zip}
	m["addr"] = &types.AttributeValueMemberM{Value: am}
	if x.Lines != nil {
		ls := make([]types.AttributeValue, len(x.Lines))
		for i := range x.Lines {
			l := &x.Lines[i]
			lm := make(map[string]types.AttributeValue, 3)
			lm["sku"] = &types.AttributeValueMemberS{Value: l.SKU}
			lm["qty"] = &types.AttributeValueMemberN{Value: strconv.Itoa(l.Qty)}
			lm["price"] = &types.AttributeValueMemberN{Value: strconv.FormatFloat(l.Price, 'g', -1, 64)}
			ls[i] = &types.AttributeValueMemberM{Value: lm}
		}
		m["lines"] = &types.AttributeValueMemberL{Value: ls}
	}
	if x.Notes != nil {
		ns := make([]types.AttributeValue, len(x.Notes))
		for i, n := range x.Notes {
			ns[i] = &types.AttributeValueMemberS{Value: n}
		}
		m["notes"] = &types.AttributeValueMemberL{Value: ns}
	}
	m["expires"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(x.Expires, 10)}
	m["version"] = &types.AttributeValueMemberN{Value: strconv.FormatInt(x.Version, 10)}
}

func decodeMedium(m map[string]types.AttributeValue, x *Medium) error {
	var err error
	x.ID = str(m, "id")
	x.Sort = str(m, "sk")
	x.Name = str(m, "name")
	x.Email = str(m, "email")
	if x.Age, err = strconv.Atoi(num(m, "age")); err != nil {
		return err
	}
	if x.Score, err = strconv.ParseFloat(num(m, "score"), 64); err != nil {
		return err
	}
	r, err := strconv.ParseFloat(num(m, "rating"), 32)
	if err != nil {
		return err
	}
	x.Rating = float32(r)
	c, err := strconv.ParseUint(num(m, "count"), 10, 32)
	if err != nil {
		return err
	}
	x.Count = uint32(c)
	x.Active = boolean(m, "active")
	x.Created = time.Time{}
	if s := str(m, "created"); s != "" {
		if x.Created, err = time.Parse(timeLayout, s); err != nil {
			return err
		}
	}
	x.Tags = nil
	if v, ok := m["tags"].(*types.AttributeValueMemberSS); ok {
		x.Tags = append([]string(nil), v.Value...)
	}
	x.Nums = nil
	if v, ok := m["nums"].(*types.AttributeValueMemberNS); ok {
		x.Nums = make([]int, len(v.Value))
		for i, s := range v.Value {
			if x.Nums[i], err = strconv.Atoi(s); err != nil {
				return err
			}
		}
	}
	x.Data = nil
	if v, ok := m["data"].(*types.AttributeValueMemberB); ok {
		x.Data = v.Value
	}
	x.Nick = nil
	if v, ok := m["nick"].(*types.AttributeValueMemberS); ok {
		s := v.Value
		x.Nick = &s
	}
	x.Prefs = nil
	if v, ok := m["prefs"].(*types.AttributeValueMemberM); ok {
		x.Prefs = make(map[string]string, len(v.Value))
		for k, e := range v.Value {
			s, ok := e.(*types.AttributeValueMemberS)
			if !ok {
				return fmt.Errorf("prefs.%s: not a string", k)
			}
			x.Prefs[k] = s.Value
		}
	}
	x.Addr = Address{}
	if v, ok := m["addr"].(*types.AttributeValueMemberM); ok {
		x.Addr.Street = str(v.Value, "street")
		x.Addr.City = str(v.Value, "city")
		x.Addr.Zip = str(v.Value, "zip")
	}
	x.Lines = nil
	if v, ok := m["lines"].(*types.AttributeValueMemberL); ok {
		x.Lines = make([]Line, len(v.Value))
		for i, e := range v.Value {
			lm, ok := e.(*types.AttributeValueMemberM)
			if !ok {
				return fmt.Errorf("lines[%d]: not a map", i)
			}
			l := &x.Lines[i]
			l.SKU = str(lm.Value, "sku")
			if l.Qty, err = strconv.Atoi(num(lm.Value, "qty")); err != nil {
				return err
			}
			if l.Price, err = strconv.ParseFloat(num(lm.Value, "price"), 64); err != nil {
				return err
			}
		}
	}
	x.Notes = nil
	if v, ok := m["notes"].(*types.AttributeValueMemberL); ok {
		x.Notes = make([]string, len(v.Value))
		for i, e := range v.Value {
			s, ok := e.(*types.AttributeValueMemberS)
			if !ok {
				return fmt.Errorf("notes[%d]: not a string", i)
			}
			x.Notes[i] = s.Value
		}
	}
	if x.Expires, err = strconv.ParseInt(num(m, "expires"), 10, 64); err != nil {
		return err
	}
	if x.Version, err = strconv.ParseInt(num(m, "version"), 10, 64); err != nil {
		return err
	}
	return nil
}

// str returns the string attribute k of m, or "".
func str(m map[string]types.AttributeValue, k string) string {
	if v, ok := m[k].(*types.AttributeValueMemberS); ok {
		return v.Value
	}
	return ""
}

// num returns the text of the number attribute k of m, or "0".
func num(m map[string]types.AttributeValue, k string) string {
	if v, ok := m[k].(*types.AttributeValueMemberN); ok {
		return v.Value
	}
	return "0"
}

// boolean returns the bool attribute k of m, or false.
func boolean(m map[string]types.AttributeValue, k string) bool {
	if v, ok := m[k].(*types.AttributeValueMemberBOOL); ok {
		return v.Value
	}
	return false
}
