package expr

// SetShapeCache turns the cache of rendered shapes on or off, for the
// tests comparing renderings with and without it. It returns the function
// restoring the previous setting.
func SetShapeCache(on bool) (restore func()) {
	off := shapesOff
	shapesOff = !on
	return func() { shapesOff = off }
}
