package expr

// SetGeneralPaths turns the inline storage of conditions and updates off
// (or back on), for the tests comparing it with the general path. It
// returns the function restoring the previous setting.
func SetGeneralPaths(general bool) (restore func()) {
	pairs, limit := inlinePairs, inlineLimit
	inlinePairs = !general
	inlineLimit = inlineActions
	if general {
		inlineLimit = 0
	}
	return func() { inlinePairs, inlineLimit = pairs, limit }
}
