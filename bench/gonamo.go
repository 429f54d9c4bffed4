package bench

import (
	"time"

	"github.com/gonamo/gonamo/attr"
)

// The gonamo side: descriptors declared once, as package variables, the way
// gonamo is meant to be used, and schemas built from them.

var (
	addressFields = []attr.Field[Address]{
		attr.String("street", func(a *Address) *string { return &a.Street }),
		attr.String("city", func(a *Address) *string { return &a.City }),
		attr.String("zip", func(a *Address) *string { return &a.Zip }),
	}
	lineCodec = attr.StructCodec(
		attr.String("sku", func(l *Line) *string { return &l.SKU }),
		attr.Int("qty", func(l *Line) *int { return &l.Qty }),
		attr.Number("price", func(l *Line) *float64 { return &l.Price }),
	)
	eventCodec = attr.StructCodec(
		attr.Int("seq", func(e *Event) *int { return &e.Seq }),
		attr.String("kind", func(e *Event) *string { return &e.Kind }),
		attr.String("actor", func(e *Event) *string { return &e.Actor }),
		attr.Number("at", func(e *Event) *int64 { return &e.At }),
	)
)

// The descriptors of Medium that the expression benchmark uses.
var (
	mediumName    = attr.String("name", func(m *Medium) *string { return &m.Name })
	mediumEmail   = attr.String("email", func(m *Medium) *string { return &m.Email })
	mediumScore   = attr.Number("score", func(m *Medium) *float64 { return &m.Score })
	mediumTags    = attr.StringSet("tags", func(m *Medium) *[]string { return &m.Tags }, attr.OmitEmpty)
	mediumNick    = attr.Pointer("nick", func(m *Medium) **string { return &m.Nick }, attr.StringCodec[string]())
	mediumVersion = attr.Number("version", func(m *Medium) *int64 { return &m.Version })
)

// NewSmallSchema returns the gonamo schema of Small.
func NewSmallSchema() (*attr.Schema[Small], error) {
	return attr.NewSchema(
		attr.String("id", func(s *Small) *string { return &s.ID }),
		attr.String("name", func(s *Small) *string { return &s.Name }),
		attr.Number("views", func(s *Small) *int64 { return &s.Views }),
		attr.Number("score", func(s *Small) *float64 { return &s.Score }),
		attr.Bool("active", func(s *Small) *bool { return &s.Active }),
		attr.Pointer("nick", func(s *Small) **string { return &s.Nick }, attr.StringCodec[string]()),
	)
}

// NewMediumSchema returns the gonamo schema of Medium.
func NewMediumSchema() (*attr.Schema[Medium], error) {
	return attr.NewSchema(
		attr.String("id", func(m *Medium) *string { return &m.ID }),
		attr.String("sk", func(m *Medium) *string { return &m.Sort }),
		mediumName,
		mediumEmail,
		attr.Int("age", func(m *Medium) *int { return &m.Age }),
		mediumScore,
		attr.Number("rating", func(m *Medium) *float32 { return &m.Rating }),
		attr.Number("count", func(m *Medium) *uint32 { return &m.Count }),
		attr.Bool("active", func(m *Medium) *bool { return &m.Active }),
		attr.Time("created", func(m *Medium) *time.Time { return &m.Created }),
		mediumTags,
		attr.NumberSet("nums", func(m *Medium) *[]int { return &m.Nums }, attr.OmitEmpty),
		attr.Bytes("data", func(m *Medium) *[]byte { return &m.Data }),
		mediumNick,
		attr.Map("prefs", func(m *Medium) *map[string]string { return &m.Prefs }, attr.StringCodec[string]()),
		attr.Struct("addr", func(m *Medium) *Address { return &m.Addr }, addressFields...),
		attr.List("lines", func(m *Medium) *[]Line { return &m.Lines }, lineCodec),
		attr.List("notes", func(m *Medium) *[]string { return &m.Notes }, attr.StringCodec[string]()),
		attr.Number("expires", func(m *Medium) *int64 { return &m.Expires }),
		mediumVersion,
	)
}

// NewLargeSchema returns the gonamo schema of Large: the attributes of
// Medium, reached through the embedded struct, and the list of events.
func NewLargeSchema() (*attr.Schema[Large], error) {
	return attr.NewSchema(
		attr.String("id", func(l *Large) *string { return &l.ID }),
		attr.String("sk", func(l *Large) *string { return &l.Sort }),
		attr.String("name", func(l *Large) *string { return &l.Name }),
		attr.String("email", func(l *Large) *string { return &l.Email }),
		attr.Int("age", func(l *Large) *int { return &l.Age }),
		attr.Number("score", func(l *Large) *float64 { return &l.Score }),
		attr.Number("rating", func(l *Large) *float32 { return &l.Rating }),
		attr.Number("count", func(l *Large) *uint32 { return &l.Count }),
		attr.Bool("active", func(l *Large) *bool { return &l.Active }),
		attr.Time("created", func(l *Large) *time.Time { return &l.Created }),
		attr.StringSet("tags", func(l *Large) *[]string { return &l.Tags }, attr.OmitEmpty),
		attr.NumberSet("nums", func(l *Large) *[]int { return &l.Nums }, attr.OmitEmpty),
		attr.Bytes("data", func(l *Large) *[]byte { return &l.Data }),
		attr.Pointer("nick", func(l *Large) **string { return &l.Nick }, attr.StringCodec[string]()),
		attr.Map("prefs", func(l *Large) *map[string]string { return &l.Prefs }, attr.StringCodec[string]()),
		attr.Struct("addr", func(l *Large) *Address { return &l.Addr }, addressFields...),
		attr.List("lines", func(l *Large) *[]Line { return &l.Lines }, lineCodec),
		attr.List("notes", func(l *Large) *[]string { return &l.Notes }, attr.StringCodec[string]()),
		attr.Number("expires", func(l *Large) *int64 { return &l.Expires }),
		attr.Number("version", func(l *Large) *int64 { return &l.Version }),
		attr.List("events", func(l *Large) *[]Event { return &l.Events }, eventCodec),
	)
}
