package iter

import stditer "iter"

// Collect gathers the items of seq. On error it returns the items gathered
// so far along with the error.
func Collect[T any](seq stditer.Seq2[T, error]) ([]T, error) {
	var out []T
	for v, err := range seq {
		if err != nil {
			return out, err
		}
		out = append(out, v)
	}
	return out, nil
}

// First returns the first item of seq and stops it, or ErrNotFound if seq
// is empty. To avoid reading more than needed, give the Iterator a Limit of
// 1 (and a PageSize if a filter may drop many items).
func First[T any](seq stditer.Seq2[T, error]) (T, error) {
	for v, err := range seq {
		return v, err
	}
	var zero T
	return zero, ErrNotFound
}

// One returns the only item of seq: ErrNotFound if it is empty, ErrTooMany
// (and the zero value) as soon as a second item appears, which stops seq.
// With an Iterator, a Limit of 2 reads no more than needed.
func One[T any](seq stditer.Seq2[T, error]) (T, error) {
	var (
		one   T
		found bool
		zero  T
	)
	for v, err := range seq {
		if err != nil {
			return zero, err
		}
		if found {
			return zero, ErrTooMany
		}
		one, found = v, true
	}
	if !found {
		return zero, ErrNotFound
	}
	return one, nil
}
