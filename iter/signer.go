package iter

import (
	"crypto/hmac"
	"crypto/sha256"
	"slices"
)

// Signer signs cursors with HMAC-SHA256 so that a cursor handed to an
// untrusted client cannot be altered or forged: a cursor whose signature
// does not verify is refused with a *CursorError. The signature covers the
// whole cursor, including its scope and expiry time. A Signer is safe for
// concurrent use.
type Signer struct {
	keys [][]byte
}

// NewSigner returns a Signer that signs with key and accepts cursors signed
// with key or any of the previous keys, which allows rotating keys without
// breaking the cursors in flight. Keys should be at least 32 random bytes;
// they are copied.
func NewSigner(key []byte, previous ...[]byte) *Signer {
	s := &Signer{keys: make([][]byte, 0, 1+len(previous))}
	s.keys = append(s.keys, slices.Clone(key))
	for _, k := range previous {
		s.keys = append(s.keys, slices.Clone(k))
	}
	return s
}

// signContext separates cursor signatures from any other use of the key.
const signContext = "gonamo/iter cursor v1\n"

func mac(key []byte, msg string) []byte {
	h := hmac.New(sha256.New, key)
	h.Write([]byte(signContext))
	h.Write([]byte(msg))
	return h.Sum(nil)
}

// sign returns the signature of msg under the current key.
func (s *Signer) sign(msg string) []byte { return mac(s.keys[0], msg) }

// verify reports whether sig is the signature of msg under one of the keys.
func (s *Signer) verify(msg string, sig []byte) bool {
	ok := false
	for _, k := range s.keys {
		// Check every key, so the time taken does not tell which matched.
		if hmac.Equal(mac(k, msg), sig) {
			ok = true
		}
	}
	return ok
}
