package conformance

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Backend runs one DynamoDB API call given as wire JSON.
type Backend interface {
	// Call sends the request in (wire JSON) for operation op and returns
	// the response in wire JSON, or an *APIError when DynamoDB (or the fake)
	// answered with an error. Any other error is a transport or encoding
	// failure and fails the scenario.
	Call(ctx context.Context, op string, in []byte) ([]byte, error)
}

// APIError is an error answer in a backend-neutral form.
type APIError struct {
	// Code is the error code without namespace, e.g. "ValidationException".
	Code string
	// Message is the error message.
	Message string
	// Item is a ConditionalCheckFailedException's item, wire JSON, or nil.
	Item json.RawMessage
	// Reasons are a TransactionCanceledException's CancellationReasons,
	// wire JSON, or nil.
	Reasons json.RawMessage
}

func (e *APIError) Error() string { return e.Code + ": " + e.Message }

// Mismatch is returned by Run when a backend disagrees with a scenario.
type Mismatch struct {
	Scenario string
	Step     int // index in Steps; -1 for a setup step
	Op       string
	Diffs    []string
	Got      string // the actual response or error, for context
}

func (m *Mismatch) Error() string {
	var b strings.Builder
	where := fmt.Sprintf("step %d", m.Step)
	if m.Step < 0 {
		where = "setup"
	}
	fmt.Fprintf(&b, "%s (%s) disagrees:\n", where, m.Op)
	for _, d := range m.Diffs {
		fmt.Fprintf(&b, "\t%s\n", d)
	}
	if m.Got != "" {
		fmt.Fprintf(&b, "\tgot: %s\n", m.Got)
	}
	return b.String()
}

// Run plays scenario s on backend b, naming its tables with prefix (every
// ${T} in the scenario). It stops at the first step that disagrees and
// returns a *Mismatch, or another error when a call could not be made.
// Whatever happens, it then deletes every table the scenario created.
func Run(ctx context.Context, b Backend, s *Scenario, prefix string) (err error) {
	var created []string
	defer func() {
		for _, name := range created {
			in, _ := json.Marshal(map[string]string{"TableName": name})
			if _, derr := b.Call(ctx, "DeleteTable", in); derr != nil && err == nil {
				var api *APIError
				if !errors.As(derr, &api) || api.Code != "ResourceNotFoundException" {
					err = fmt.Errorf("cleanup: delete table %s: %w", name, derr)
				}
			}
		}
	}()
	track := func(op string, in []byte) {
		if op != "CreateTable" {
			return
		}
		var req struct{ TableName string }
		if json.Unmarshal(in, &req) == nil && req.TableName != "" {
			created = append(created, req.TableName)
		}
	}

	for i := range s.Setup {
		st := &s.Setup[i]
		in := expand(st.In, prefix)
		if _, err := b.Call(ctx, st.Op, in); err != nil {
			return &Mismatch{Scenario: s.Name, Step: -1, Op: st.Op,
				Diffs: []string{fmt.Sprintf("setup call %d failed: %v", i, err)}}
		}
		track(st.Op, in)
	}
	for i := range s.Steps {
		st := &s.Steps[i]
		in := expand(st.In, prefix)
		deadline := time.Now().Add(time.Duration(st.Retry * float64(time.Second)))
		for {
			diffs, got, ok, err := check(ctx, b, st, in, prefix)
			if err != nil {
				return fmt.Errorf("step %d (%s): %w", i, st.Op, err)
			}
			if ok {
				track(st.Op, in)
			}
			if len(diffs) == 0 {
				break
			}
			if time.Now().Before(deadline) {
				select {
				case <-ctx.Done():
					return ctx.Err()
				case <-time.After(100 * time.Millisecond):
				}
				continue
			}
			if len(got) > 2000 {
				got = got[:2000] + "…"
			}
			return &Mismatch{Scenario: s.Name, Step: i, Op: st.Op, Diffs: diffs, Got: got}
		}
	}
	return nil
}

// check makes one step's call and compares the outcome; ok reports the call
// succeeded (so a CreateTable made a table to clean up).
func check(ctx context.Context, b Backend, st *Step, in []byte, prefix string) (diffs []string, got string, ok bool, err error) {
	out, callErr := b.Call(ctx, st.Op, in)
	var api *APIError
	if callErr != nil && !errors.As(callErr, &api) {
		return nil, "", false, callErr
	}
	switch {
	case st.Error != nil && api == nil:
		return []string{fmt.Sprintf("want error %s, got success", st.Error.Code)}, string(out), true, nil
	case st.Error != nil:
		want := *st.Error
		want.Message = string(expand([]byte(want.Message), prefix))
		want.Item = expand(want.Item, prefix)
		want.Reasons = expand(want.Reasons, prefix)
		d, err := compareError(&want, api)
		return d, api.Error(), false, err
	case api != nil:
		return []string{fmt.Sprintf("want success, got %s", api.Error())}, "", false, nil
	case st.Out != nil:
		d, err := compareOutput(st, in, expand(st.Out, prefix), out)
		return d, string(out), true, err
	}
	return nil, "", true, nil
}
