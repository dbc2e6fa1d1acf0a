package format

// differ finds a shortest edit script between two line lists with the
// linear-space form of Myers' O(ND) algorithm ("An O(ND) Difference
// Algorithm and Its Variations", 1986). It marks the lines of a that are
// deleted and the lines of b that are inserted; the unmarked lines of a
// and b pair up in order as the common subsequence.
type differ struct {
	a, b     []string
	del, ins []bool
}

// compare marks the changes between a[a0:a1] and b[b0:b1]. It trims
// the common prefix and suffix, then splits the rest at a point on a
// shortest path and compares the two halves.
func (d *differ) compare(a0, a1, b0, b1 int) {
	for a0 < a1 && b0 < b1 && d.a[a0] == d.b[b0] {
		a0++
		b0++
	}
	for a0 < a1 && b0 < b1 && d.a[a1-1] == d.b[b1-1] {
		a1--
		b1--
	}
	if a0 == a1 || b0 == b1 {
		d.mark(a0, a1, b0, b1)
		return
	}
	x, y, ok := d.middle(a0, a1, b0, b1)
	if !ok || (x == a0 && y == b0) || (x == a1 && y == b1) {
		// Not reached for a correct search; marking the whole range
		// still gives a valid, if longer, script.
		d.mark(a0, a1, b0, b1)
		return
	}
	d.compare(a0, x, b0, y)
	d.compare(x, a1, y, b1)
}

// mark deletes all of a[a0:a1] and inserts all of b[b0:b1].
func (d *differ) mark(a0, a1, b0, b1 int) {
	for i := a0; i < a1; i++ {
		d.del[i] = true
	}
	for j := b0; j < b1; j++ {
		d.ins[j] = true
	}
}

// middle returns a point that a shortest path through the edit graph of
// a[a0:a1] and b[b0:b1] passes through, an end of the middle snake. It
// runs the search forward from the start and backward from the end, in
// turns, until the two meet on a diagonal. ok is false only if they
// never meet, which does not happen for non-empty ranges.
func (d *differ) middle(a0, a1, b0, b1 int) (int, int, bool) {
	n, m := a1-a0, b1-b0
	delta := n - m
	odd := delta%2 != 0
	half := (n + m + 1) / 2
	fw := newFrontier(half)
	bw := newFrontier(half)
	same := func(i, j int) bool { return d.a[a0+i] == d.b[b0+j] }
	back := func(i, j int) bool { return d.a[a1-1-i] == d.b[b1-1-j] }
	for e := 0; e <= half; e++ {
		for k := -e; k <= e; k += 2 {
			x, ok := fw.advance(e, k, n, m, same)
			if ok && odd && abs(delta-k) <= e-1 && bw.meets(delta-k, x, n) {
				return a0 + x, b0 + x - k, true
			}
		}
		for k := -e; k <= e; k += 2 {
			x, ok := bw.advance(e, k, n, m, back)
			if ok && !odd && abs(delta-k) <= e && fw.meets(delta-k, x, n) {
				return a1 - x, b1 - (x - k), true
			}
		}
	}
	return 0, 0, false
}

// frontier holds, for each diagonal k = x - y of a search, the furthest
// x reached so far, or -1 when no path of the current length reaches
// the diagonal inside the edit graph.
type frontier struct {
	x   []int
	off int
}

func newFrontier(half int) *frontier {
	f := &frontier{x: make([]int, 2*half+3), off: half + 1}
	for i := range f.x {
		f.x[i] = -1
	}
	return f
}

// at returns the furthest x on diagonal k, or -1.
func (f *frontier) at(k int) int {
	return f.x[f.off+k]
}

// advance extends the search to diagonal k with e edits in an n by m
// graph: one step down from diagonal k+1 or right from diagonal k-1,
// whichever goes further and stays inside, then along the matching
// lines. It returns the x reached, and false when no step fits.
func (f *frontier) advance(e, k, n, m int, match func(i, j int) bool) (int, bool) {
	x := -1
	switch {
	case e == 0:
		x = 0
	default:
		if k+1 <= e-1 {
			if down := f.at(k + 1); down >= 0 && down-k <= m {
				x = down
			}
		}
		if k-1 >= -(e - 1) {
			if right := f.at(k - 1); right >= 0 && right+1 <= n && right+1 > x {
				x = right + 1
			}
		}
	}
	if x < 0 {
		f.x[f.off+k] = -1
		return 0, false
	}
	for x < n && x-k < m && match(x, x-k) {
		x++
	}
	f.x[f.off+k] = x
	return x, true
}

// meets reports whether this search, on diagonal k, has reached past
// the point at x along the other search's diagonal: together they cover
// all n columns.
func (f *frontier) meets(k, x, n int) bool {
	other := f.at(k)
	return other >= 0 && x+other >= n
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
