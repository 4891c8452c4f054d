package main

import "runtime"

type Node struct {
	next *Node
	val  int
}

var list *Node // the program's live data
var tmp *Node  // a scratch pointer

func main() {
	list = &Node{} // A: live
	tmp = &Node{}  // T: allocated before the cycle...
	tmp = nil      // ...and dropped: white garbage
	// a GC cycle starts; the workers scan the globals and main's stack
	list.next = &Node{} // N: allocated while marking: black at once
	tmp = &Node{}       // M: black at once too...
	tmp = nil           // ...and dropped at once: it still survives this cycle
	runtime.GC()        // the next cycle finds M white and frees it
}
