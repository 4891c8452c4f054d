package main

import "runtime"

type Obj struct {
	ref *Obj
	val int
}

var root *Obj

func main() {
	root = &Obj{}     // A: reachable from a global
	root.ref = &Obj{} // C: reachable only through A
	var c *Obj
	// a cycle starts; the collector shades A (a global) and scans this stack: black
	c = root.ref   // stack write: no barrier, and the stack will not be scanned again
	root.ref = nil // heap write: only the deletion half (shade the old value) saves C

	runtime.GC() // finish this cycle and run one more
	root.ref = c // without the deletion barrier, c now points to a freed object
}
