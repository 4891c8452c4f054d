package main

import "runtime"

type Node struct {
	next *Node
	val  int
}

var head *Node

func main() {
	head = &Node{}                // A
	head.next = &Node{}           // B
	head.next.next = &Node{}      // C
	head.next.next.next = &Node{} // D

	head.next = nil // cut: B, C and D are now unreachable
	runtime.GC()    // mark from the roots, then sweep
}
