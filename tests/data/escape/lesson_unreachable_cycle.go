package main

import "runtime"

type Pair struct {
	other *Pair
	id    int
}

var root *Pair

func main() {
	root = &Pair{}          // A: stored in a global, so it escapes to the heap
	root.other = &Pair{}    // B: stored in a heap object, so it escapes too
	root.other.other = root // B points back to A: A <-> B is a cycle

	root = nil   // no root reaches the cycle any more
	runtime.GC() // both are freed: tracing does not count references
}
