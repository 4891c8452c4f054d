package main

import "runtime"

type Tree struct {
	left, right *Tree
	val         int
}

var root *Tree

func main() {
	root = &Tree{val: 1}                  // A
	root.left = &Tree{val: 2}             // B
	root.right = &Tree{val: 3}            // C
	root.left.left = &Tree{val: 4}        // D
	root.left.right = &Tree{val: 5}       // E
	root.right.left = &Tree{val: 6}       // F
	root.right.right = &Tree{val: 7}      // G
	root.right.right.left = &Tree{val: 8} // X
	root.right.right.left = nil           // X is unreachable now

	runtime.GC() // step through the mark phase one object at a time
}
