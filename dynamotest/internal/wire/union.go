package wire

import (
	"reflect"
	"strings"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	streamtypes "github.com/aws/aws-sdk-go-v2/service/dynamodbstreams/types"
)

// union describes a Smithy union: an interface whose implementations are
// pointers to one-field structs (the Value field) named ...Member<Tag>.
type union struct {
	iface   reflect.Type
	members []*unionMember
	byTag   map[string]*unionMember
	byType  map[reflect.Type]*unionMember // pointer type -> member
}

// unionMember is one variant of a union.
type unionMember struct {
	tag       string
	typ       reflect.Type // the struct type (not the pointer)
	valueType reflect.Type // the type of its Value field
	index     int          // index of the Value field
	plan      *plan        // plan of valueType, set when the union's plan is built
}

// unions holds every registered union by interface type. It is written only
// during package initialization.
var unions = map[reflect.Type]*union{}

func init() {
	registerUnion[types.AttributeValue](
		&types.AttributeValueMemberB{}, &types.AttributeValueMemberBOOL{},
		&types.AttributeValueMemberBS{}, &types.AttributeValueMemberL{},
		&types.AttributeValueMemberM{}, &types.AttributeValueMemberN{},
		&types.AttributeValueMemberNS{}, &types.AttributeValueMemberNULL{},
		&types.AttributeValueMemberS{}, &types.AttributeValueMemberSS{},
	)
	registerUnion[streamtypes.AttributeValue](
		&streamtypes.AttributeValueMemberB{}, &streamtypes.AttributeValueMemberBOOL{},
		&streamtypes.AttributeValueMemberBS{}, &streamtypes.AttributeValueMemberL{},
		&streamtypes.AttributeValueMemberM{}, &streamtypes.AttributeValueMemberN{},
		&streamtypes.AttributeValueMemberNS{}, &streamtypes.AttributeValueMemberNULL{},
		&streamtypes.AttributeValueMemberS{}, &streamtypes.AttributeValueMemberSS{},
	)
}

// registerUnion registers the union interface I with its variants; a
// variant's tag is its type name after the last "Member".
func registerUnion[I any](variants ...I) {
	u := &union{
		iface:  reflect.TypeFor[I](),
		byTag:  map[string]*unionMember{},
		byType: map[reflect.Type]*unionMember{},
	}
	for _, v := range variants {
		pt := reflect.TypeOf(v)
		st := pt.Elem()
		vf, _ := st.FieldByName("Value")
		m := &unionMember{
			tag:       st.Name()[strings.LastIndex(st.Name(), "Member")+len("Member"):],
			typ:       st,
			valueType: vf.Type,
			index:     vf.Index[0],
		}
		u.members = append(u.members, m)
		u.byTag[m.tag] = m
		u.byType[pt] = m
	}
	unions[u.iface] = u
}

// unionFor returns the registered union of interface type t, or nil.
func unionFor(t reflect.Type) *union { return unions[t] }
