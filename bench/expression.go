package bench

import (
	"strconv"

	"github.com/aws/aws-sdk-go-v2/feature/dynamodb/expression"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/gonamo/gonamo/attr"
	"github.com/gonamo/gonamo/expr"
)

// The expression benchmark renders one condition and one update on Medium,
// as an UpdateItem with optimistic locking would send them:
//
//	condition: version = :v AND begins_with(email, :prefix)
//	update:    SET name = :name, score = :score REMOVE nick
//	           ADD version :1, tags {:tag}

// ExprInput is the data of the expressions: the values come from variables,
// so that no renderer can fold them into constants.
type ExprInput struct {
	Version     int64
	EmailPrefix string
	Name        string
	Score       float64
	Tag         string
}

// NewExprInput returns the input of the expression benchmark.
func NewExprInput() ExprInput {
	return ExprInput{Version: 3, EmailPrefix: "ada@", Name: "Ada King", Score: 101.25, Tag: "analyst"}
}

// Rendered is what a renderer produces: the fields of an UpdateItemInput.
type Rendered struct {
	Condition string
	Update    string
	Names     map[string]string
	Values    map[string]types.AttributeValue
}

// GonamoExpression renders the expressions with gonamo: typed descriptors
// build the conditions and the actions, an attr.Builder renders them as
// the parts of the request they are, without combining them first.
func GonamoExpression(in ExprInput) (Rendered, error) {
	var b attr.Builder[Medium]
	var r Rendered
	var err error
	if r.Condition, err = b.Condition(mediumVersion.Eq(in.Version), mediumEmail.BeginsWith(in.EmailPrefix)); err != nil {
		return Rendered{}, err
	}
	if r.Update, err = b.Update(
		mediumName.Set(in.Name),
		mediumScore.Set(in.Score),
		mediumNick.Remove(),
		mediumVersion.Add(1),
		mediumTags.Add(in.Tag),
	); err != nil {
		return Rendered{}, err
	}
	r.Names, r.Values = b.Names(), b.Values()
	return r, nil
}

// GonamoAndExpression renders the same expressions with gonamo, combining
// the conditions and the actions with And first and rendering the
// combinations with an expr.Builder: what a program that builds an
// expression in parts, or keeps one, does.
func GonamoAndExpression(in ExprInput) (Rendered, error) {
	cond, err := mediumVersion.Eq(in.Version).And(mediumEmail.BeginsWith(in.EmailPrefix)).Expr()
	if err != nil {
		return Rendered{}, err
	}
	upd, err := mediumName.Set(in.Name).And(
		mediumScore.Set(in.Score),
		mediumNick.Remove(),
		mediumVersion.Add(1),
		mediumTags.Add(in.Tag),
	).Expr()
	if err != nil {
		return Rendered{}, err
	}
	var b expr.Builder[Medium]
	var r Rendered
	if r.Condition, err = b.Condition(cond); err != nil {
		return Rendered{}, err
	}
	if r.Update, err = b.Update(upd); err != nil {
		return Rendered{}, err
	}
	r.Names, r.Values = b.Names(), b.Values()
	return r, nil
}

// AWSExpression renders the expressions with the SDK's expression package.
func AWSExpression(in ExprInput) (Rendered, error) {
	cond := expression.Name("version").Equal(expression.Value(in.Version)).
		And(expression.Name("email").BeginsWith(in.EmailPrefix))
	upd := expression.Set(expression.Name("name"), expression.Value(in.Name)).
		Set(expression.Name("score"), expression.Value(in.Score)).
		Remove(expression.Name("nick")).
		Add(expression.Name("version"), expression.Value(1)).
		Add(expression.Name("tags"), expression.Value(&types.AttributeValueMemberSS{Value: []string{in.Tag}}))
	e, err := expression.NewBuilder().WithCondition(cond).WithUpdate(upd).Build()
	if err != nil {
		return Rendered{}, err
	}
	return Rendered{Condition: *e.Condition(), Update: *e.Update(), Names: e.Names(), Values: e.Values()}, nil
}

// HandExpression renders the expressions by hand: literal strings and maps,
// the values encoded directly. It is the floor.
func HandExpression(in ExprInput) (Rendered, error) {
	return Rendered{
		Condition: "#0 = :0 AND begins_with(#1, :1)",
		Update:    "SET #2 = :2, #3 = :3 REMOVE #4 ADD #0 :4, #5 :5",
		Names: map[string]string{
			"#0": "version", "#1": "email", "#2": "name", "#3": "score", "#4": "nick", "#5": "tags",
		},
		Values: map[string]types.AttributeValue{
			":0": &types.AttributeValueMemberN{Value: strconv.FormatInt(in.Version, 10)},
			":1": &types.AttributeValueMemberS{Value: in.EmailPrefix},
			":2": &types.AttributeValueMemberS{Value: in.Name},
			":3": &types.AttributeValueMemberN{Value: strconv.FormatFloat(in.Score, 'g', -1, 64)},
			":4": &types.AttributeValueMemberN{Value: "1"},
			":5": &types.AttributeValueMemberSS{Value: []string{in.Tag}},
		},
	}, nil
}
